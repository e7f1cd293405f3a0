#include "merge.h"

#include <stdlib.h>
#include <string.h>

static int compare_names(const void *pa, const void *pb)
{
	return strcmp(*(char *const *)pa, *(char *const *)pb);
}

/* Orders by file, line and rule, and the Clang engine first within. */
static int compare_keys(const void *pa, const void *pb)
{
	const struct ptwalk_finding *a = *(const struct ptwalk_finding *const *)pa;
	const struct ptwalk_finding *b = *(const struct ptwalk_finding *const *)pb;
	int c = strcmp(a->loc.file, b->loc.file);

	if (c)
		return c;
	if (a->loc.line != b->loc.line)
		return a->loc.line < b->loc.line ? -1 : 1;
	c = strcmp(a->rule->name, b->rule->name);
	if (c)
		return c;
	c = (strcmp(b->engine, "clang") == 0) - (strcmp(a->engine, "clang") == 0);
	if (c)
		return c;
	return a < b ? -1 : a > b;
}

static bool same_key(const struct ptwalk_finding *a,
		     const struct ptwalk_finding *b)
{
	return strcmp(a->loc.file, b->loc.file) == 0 &&
	       a->loc.line == b->loc.line && a->rule == b->rule;
}

static bool is_cocci(const struct ptwalk_finding *f)
{
	return strcmp(f->engine, "cocci") == 0;
}

void merge_engine_findings(struct finding_list *findings,
			   const struct strvec *clang_analysed)
{
	const struct ptwalk_rule *torn_read = &ptwalk_rules[PTWALK_RULE_TORN_READ];
	size_t n = findings->n, kept = 0;
	struct ptwalk_finding **order = xmalloc(n * sizeof(*order));
	bool *drop = xmalloc(n * sizeof(*drop));
	char **analysed = xmalloc((clang_analysed->n + 1) * sizeof(*analysed));

	memcpy(analysed, clang_analysed->v, clang_analysed->n * sizeof(*analysed));
	qsort(analysed, clang_analysed->n, sizeof(*analysed), compare_names);
	for (size_t i = 0; i < n; i++) {
		order[i] = &findings->v[i];
		drop[i] = false;
	}
	qsort(order, n, sizeof(*order), compare_keys);

	for (size_t i = 0; i < n;) {
		size_t end = i + 1;
		struct ptwalk_finding *first = order[i];

		while (end < n && same_key(first, order[end]))
			end++;
		/* The Clang engine's come first in a group. */
		if (strcmp(first->engine, "clang") == 0) {
			bool both = false;

			for (size_t k = i; k < end; k++) {
				if (is_cocci(order[k])) {
					drop[order[k] - findings->v] = true;
					both = true;
				}
			}
			for (size_t k = i; k < end && both; k++)
				if (!is_cocci(order[k]))
					order[k]->also_engine = "cocci";
		}
		i = end;
	}
	for (size_t i = 0; i < n; i++) {
		struct ptwalk_finding *f = &findings->v[i];

		if (f->rule == torn_read && is_cocci(f) &&
		    bsearch(&f->loc.file, analysed, clang_analysed->n,
			    sizeof(*analysed), compare_names))
			drop[i] = true;
	}

	for (size_t i = 0; i < n; i++) {
		if (drop[i])
			finding_free(&findings->v[i]);
		else
			findings->v[kept++] = findings->v[i];
	}
	findings->n = kept;
	free(order);
	free(drop);
	free(analysed);
}
