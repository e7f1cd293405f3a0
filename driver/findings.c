#include "findings.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

struct ptwalk_finding *finding_add(struct finding_list *list,
				   const char *file, unsigned int line,
				   unsigned int col,
				   const struct ptwalk_rule *rule,
				   enum ptwalk_severity severity,
				   const char *message, const char *engine)
{
	struct ptwalk_finding *f;

	if (list->n == list->cap) {
		list->cap = list->cap ? list->cap * 2 : 64;
		list->v = xrealloc(list->v, list->cap * sizeof(*list->v));
	}
	f = &list->v[list->n++];
	memset(f, 0, sizeof(*f));
	f->loc.file = xstrdup(file);
	f->loc.line = line;
	f->loc.col = col;
	f->rule = rule;
	f->severity = severity;
	f->message = xstrdup(message);
	f->engine = engine;
	return f;
}

static int cmp_uint(unsigned int a, unsigned int b)
{
	return a < b ? -1 : a > b;
}

static int compare_findings(const void *pa, const void *pb)
{
	const struct ptwalk_finding *a = pa, *b = pb;
	int c;

	c = strcmp(a->loc.file, b->loc.file);
	if (c)
		return c;
	c = cmp_uint(a->loc.line, b->loc.line);
	if (c)
		return c;
	c = cmp_uint(a->loc.col, b->loc.col);
	if (c)
		return c;
	c = strcmp(a->rule->name, b->rule->name);
	if (c)
		return c;
	c = cmp_uint(a->severity, b->severity);
	if (c)
		return c;
	return strcmp(a->message, b->message);
}

void finding_free(struct ptwalk_finding *f)
{
	free(f->loc.file);
	free(f->message);
	for (size_t i = 0; i < f->nrelated; i++) {
		free(f->related[i].loc.file);
		free(f->related[i].message);
	}
	free(f->related);
	free(f->function);
	free(f->fingerprint);
	if (f->patch) {
		free(f->patch->patch);
		free(f->patch->source);
		free(f->patch);
	}
	for (size_t i = 0; i < f->nfix; i++) {
		free(f->fix[i].begin.file);
		free(f->fix[i].end.file);
		free(f->fix[i].replacement);
	}
	free(f->fix);
}

void finding_add_fix(struct ptwalk_finding *f, const char *file,
		     unsigned int begin_line, unsigned int begin_col,
		     unsigned int end_line, unsigned int end_col,
		     const char *replacement)
{
	struct ptwalk_fix *e;

	f->fix = xrealloc(f->fix, (f->nfix + 1) * sizeof(*f->fix));
	e = &f->fix[f->nfix++];
	e->begin.file = xstrdup(file);
	e->begin.line = begin_line;
	e->begin.col = begin_col;
	e->end.file = xstrdup(file);
	e->end.line = end_line;
	e->end.col = end_col;
	e->replacement = xstrdup(replacement);
}

void findings_sort_unique(struct finding_list *list)
{
	size_t out = 0;

	if (list->n == 0)
		return;
	qsort(list->v, list->n, sizeof(*list->v), compare_findings);
	/*
	 * Two engines, or one rule reached through two paths, can report the
	 * same thing twice; the first copy carries the same information.
	 */
	for (size_t i = 0; i < list->n; i++) {
		if (out && compare_findings(&list->v[out - 1], &list->v[i]) == 0) {
			finding_free(&list->v[i]);
			continue;
		}
		list->v[out++] = list->v[i];
	}
	list->n = out;
}

size_t findings_file_count(const struct finding_list *list)
{
	size_t files = 0;

	for (size_t i = 0; i < list->n; i++)
		if (i == 0 || strcmp(list->v[i - 1].loc.file, list->v[i].loc.file))
			files++;
	return files;
}

size_t findings_count_rule(const struct finding_list *list,
			   const struct ptwalk_rule *rule)
{
	size_t n = 0;

	for (size_t i = 0; i < list->n; i++)
		if (list->v[i].rule == rule)
			n++;
	return n;
}

void findings_free(struct finding_list *list)
{
	for (size_t i = 0; i < list->n; i++)
		finding_free(&list->v[i]);
	free(list->v);
	list->v = NULL;
	list->n = list->cap = 0;
}
