#include "walkers.h"

#include <stdlib.h>
#include <string.h>

#include "report_line.h"
#include "util.h"

bool walker_parse_line(struct walker_list *list, const char *text,
		       char *(*rename)(const void *ctx, const char *given),
		       const void *ctx, const char *engine, const char *build)
{
	struct report_line r;
	const char *open, *close;
	struct walker *w;

	if (!parse_diagnostic_line(text, &r))
		return false;
	open = strstr(r.message, " (");
	close = open ? strchr(open, ')') : NULL;
	if (strcmp(r.severity, "walker") != 0 || !open || !close ||
	    close[1] != '\0' || open == r.message) {
		free_report_line(&r);
		return false;
	}
	list->v = xrealloc(list->v, (list->n + 1) * sizeof(*list->v));
	w = &list->v[list->n++];
	w->file = rename(ctx, r.file);
	w->line = r.line;
	w->function = xstrndup(r.message, (size_t)(open - r.message));
	w->kind = xstrndup(open + 2, (size_t)(close - open - 2));
	w->engine = engine;
	w->build = build;
	free_report_line(&r);
	return true;
}

static int compare_walkers(const void *pa, const void *pb)
{
	const struct walker *a = pa, *b = pb;
	int c = strcmp(a->file, b->file);

	if (c)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if ((c = strcmp(a->function, b->function)))
		return c;
	if ((c = strcmp(a->engine, b->engine)))
		return c;
	if (!a->build || !b->build)
		return !!a->build - !!b->build;
	return strcmp(a->build, b->build);
}

static void walker_free(struct walker *w)
{
	free(w->file);
	free(w->function);
	free(w->kind);
}

void walkers_sort_unique(struct walker_list *list)
{
	size_t out = 0;

	if (list->n)
		qsort(list->v, list->n, sizeof(*list->v), compare_walkers);
	for (size_t i = 0; i < list->n; i++) {
		if (out && compare_walkers(&list->v[out - 1], &list->v[i]) == 0) {
			walker_free(&list->v[i]);
			continue;
		}
		list->v[out++] = list->v[i];
	}
	list->n = out;
}

void walkers_free(struct walker_list *list)
{
	for (size_t i = 0; i < list->n; i++)
		walker_free(&list->v[i]);
	free(list->v);
	list->v = NULL;
	list->n = 0;
}
