#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cocci_batches.h"
#include "util.h"

/* Below this, a batch costs more to start than it gains in balance. */
#define MIN_BATCH 4

struct batch *batch_add(struct batch_list *list)
{
	struct batch *b;

	list->v = xrealloc(list->v, (list->n + 1) * sizeof(*list->v));
	b = &list->v[list->n++];
	memset(b, 0, sizeof(*b));
	return b;
}

void batch_free(struct batch *b)
{
	if (b->list)
		unlink(b->list);
	free(b->list);
	free(b->files);
	free(b->rules);
}

void batch_list_free(struct batch_list *list)
{
	for (size_t i = 0; i < list->n; i++)
		batch_free(&list->v[i]);
	free(list->v);
	*list = (struct batch_list){ 0 };
}

static size_t *copy_indices(const size_t *v, size_t n)
{
	size_t *copy = xmalloc((n + 1) * sizeof(*copy));

	memcpy(copy, v, n * sizeof(*copy));
	return copy;
}

/* A file to place: its rules as a string of 0s and 1s, for sorting. */
struct placed {
	char *rules;
	size_t file;
	double cost;
};

static int compare_placed(const void *pa, const void *pb)
{
	const struct placed *a = pa, *b = pb;
	int c = strcmp(b->rules, a->rules);

	return c ? c : (a->file > b->file) - (a->file < b->file);
}

static int compare_cost(const void *pa, const void *pb)
{
	const struct batch *a = pa, *b = pb;

	return (a->cost < b->cost) - (a->cost > b->cost);
}

/* Closes the batch of PLACED[FROM, TO) with the rules its files need. */
static void add_placed(struct batch_list *list, const struct placed *placed,
		       size_t from, size_t to, size_t nrules, size_t version)
{
	struct batch *b = batch_add(list);

	b->version = version;
	b->n = to - from;
	b->files = xmalloc(b->n * sizeof(*b->files));
	b->rules = xmalloc((nrules + 1) * sizeof(*b->rules));
	for (size_t i = 0; i < b->n; i++) {
		b->files[i] = placed[from + i].file;
		b->cost += placed[from + i].cost;
	}
	for (size_t r = 0; r < nrules; r++) {
		bool any = false;

		for (size_t i = from; i < to && !any; i++)
			any = placed[i].rules[r] == '1';
		if (any)
			b->rules[b->nrules++] = r;
	}
}

void batch_plan(struct batch_list *list, const size_t *files, size_t n,
		const bool *wanted, size_t nrules, const bool *group,
		const size_t *sizes, size_t version, size_t size,
		unsigned int jobs)
{
	struct placed *placed = xmalloc((n + 1) * sizeof(*placed));
	size_t first_new = list->n, batches, from = 0;
	double total = 0, cost = 0;

	for (size_t i = 0; i < n; i++) {
		size_t needed = 0;

		placed[i].file = files[i];
		placed[i].rules = xmalloc(nrules + 1);
		for (size_t r = 0; r < nrules; r++) {
			bool w = group[r] && wanted[files[i] * nrules + r];

			placed[i].rules[r] = w ? '1' : '0';
			needed += w;
		}
		placed[i].rules[nrules] = '\0';
		/* The model's work, then each rule's. */
		placed[i].cost = (double)(sizes[files[i]] + 1) * (double)(2 + needed);
		total += placed[i].cost;
	}
	qsort(placed, n, sizeof(*placed), compare_placed);
	batches = (n + size - 1) / size;
	if (batches < 2 * (size_t)jobs)
		batches = n / MIN_BATCH < 2 * (size_t)jobs ? n / MIN_BATCH :
			  2 * (size_t)jobs;
	if (batches == 0 && n)
		batches = 1;
	for (size_t i = 0; i < n; i++) {
		cost += placed[i].cost;
		if (i + 1 == n || i + 1 - from == size ||
		    cost >= total * (double)(list->n - first_new + 1) / (double)batches) {
			add_placed(list, placed, from, i + 1, nrules, version);
			from = i + 1;
		}
	}
	for (size_t i = 0; i < n; i++)
		free(placed[i].rules);
	free(placed);
}

void batch_list_sort_by_cost(struct batch_list *list)
{
	qsort(list->v, list->n, sizeof(*list->v), compare_cost);
}

void batch_plan_parse_check(struct batch_list *list, const size_t *files,
			    size_t n, size_t size)
{
	for (size_t first = 0; first < n; first += size) {
		struct batch *b = batch_add(list);

		b->parse_check = true;
		b->n = n - first < size ? n - first : size;
		b->files = copy_indices(files + first, b->n);
	}
}

void batch_split_files(const struct batch *b, struct batch_list *next)
{
	for (size_t half = 0; half < 2; half++) {
		size_t from = half ? b->n / 2 : 0;
		size_t to = half ? b->n : b->n / 2;
		struct batch *h = batch_add(next);

		h->parse_check = b->parse_check;
		h->rules = copy_indices(b->rules, b->nrules);
		h->nrules = b->nrules;
		h->version = b->version;
		h->n = to - from;
		h->files = copy_indices(b->files + from, h->n);
	}
}

void batch_split_rules(const struct batch *b, const size_t *files, size_t n,
		       struct batch_list *next)
{
	for (size_t r = 0; r < b->nrules; r++) {
		struct batch *one = batch_add(next);

		one->rules = copy_indices(&b->rules[r], 1);
		one->nrules = 1;
		one->version = b->version;
		one->files = copy_indices(files, n);
		one->n = n;
	}
}
