/*
 * The batches of the Coccinelle engine: some files of one kernel
 * version, and the rules one spatch run applies to them (or the parse
 * check).  A batch with several rules runs their shared semantic patch
 * (cocci_combine.h), so that each file is parsed and modelled once.
 */
#ifndef PTWALK_COCCI_BATCHES_H
#define PTWALK_COCCI_BATCHES_H

#include <stdbool.h>
#include <stddef.h>

struct batch {
	bool parse_check;
	size_t *rules;		/* rule indices, in increasing order */
	size_t nrules;
	size_t version;		/* index of the kernel version */
	size_t *files;		/* file indices */
	size_t n;
	char *list;		/* its --file-groups list, once written */
	size_t job;		/* its job in the round that runs it */
	double cost;		/* what batch_plan() expects it to cost */
};

struct batch_list {
	struct batch *v;
	size_t n;
};

struct batch *batch_add(struct batch_list *list);
/* Frees what B holds (and removes its file list), not B itself. */
void batch_free(struct batch *b);
void batch_list_free(struct batch_list *list);

/*
 * Cuts FILES (N file indices) into batches of at most SIZE files, and
 * into at least 2 * JOBS batches when there are enough files, so that a
 * slow file does not hold the others up.  WANTED holds a row of NRULES per
 * file index: the rules the prefilter kept for it; SIZES, each file's
 * size.  Files with the same rules go together, and a batch runs the
 * rules any of its files needs among those GROUP marks.  The batches are
 * cut to a similar cost (a file's size times the rules it needs).
 */
void batch_plan(struct batch_list *list, const size_t *files, size_t n,
		const bool *wanted, size_t nrules, const bool *group,
		const size_t *sizes, size_t version, size_t size,
		unsigned int jobs);

/* Orders LIST costliest first, so that the slowest batches start first. */
void batch_list_sort_by_cost(struct batch_list *list);

/* A parse-check batch of FILES (N), cut as batch_plan() does. */
void batch_plan_parse_check(struct batch_list *list, const size_t *files,
			    size_t n, size_t size);

/* B's files in two halves with B's rules, added to NEXT. */
void batch_split_files(const struct batch *b, struct batch_list *next);
/* FILES (N file indices) of B with each of B's rules alone, added to
 * NEXT. */
void batch_split_rules(const struct batch *b, const size_t *files, size_t n,
		       struct batch_list *next);

#endif
