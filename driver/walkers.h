/* The functions an engine recognised as lockless walkers, for the arch
 * port audit: cocci/model/walkers.cocci lists them, one line each,
 * "FILE:LINE:COL: walker: FUNCTION (KIND)". */
#ifndef PTWALK_WALKERS_H
#define PTWALK_WALKERS_H

#include <stdbool.h>
#include <stddef.h>

struct walker {
	char *file;		/* as the user named it */
	unsigned int line;
	char *function;
	char *kind;		/* "pins", "walks", "irq-off" */
	const char *engine;	/* "cocci" or "clang" */
	const char *build;	/* the Clang engine's -p DIR, else NULL */
};

struct walker_list {
	struct walker *v;
	size_t n;
};

/*
 * Reads one "FILE:LINE:COL: walker: FUNCTION (KIND)" line into LIST, FILE
 * named as the user names it by RENAME (a malloc'ed name).  False when
 * TEXT has another shape.
 */
bool walker_parse_line(struct walker_list *list, const char *text,
		       char *(*rename)(const void *ctx, const char *given),
		       const void *ctx, const char *engine, const char *build);
/* Sorts by file, line and function, dropping duplicates. */
void walkers_sort_unique(struct walker_list *list);
void walkers_free(struct walker_list *list);

#endif
