/*
 * The audit's cells.  A cell is violated when its row has findings of its
 * rule, whatever else holds: a finding is never hidden.  Otherwise it is
 * not applicable when arch.def or the kernel era says the rule cannot
 * apply there (the same facts that keep the Coccinelle rules silent),
 * held when the row has walkers the engines recognised, and "no walker"
 * when it has none: an empty row proves nothing, so it must never read
 * as held.
 */
#include "audit.h"

#include <stdlib.h>
#include <string.h>

#include "arch_facts.h"

#define REASON_NO_NUMA_6 \
	"no NUMA balancing in this architecture (pte_protnone era): pte_protnone() is a constant 0"
#define REASON_NO_NUMA_3 \
	"no NUMA balancing in this architecture (pte_numa era): pte_numa() is a constant 0"
#define REASON_NO_TEAR \
	"entries never wider than an atomic load in any configuration of this architecture"
#define REASON_NO_SPLITTING \
	"pmd_trans_splitting() is gone since 4.5 (the THP refcounting rework)"

/* The tree's version as LINUX_VERSION_CODE, or -1 when unknown. */
static int tree_version(const struct audit *a)
{
	int v;

	return a->version && parse_kernel_version(a->version, &v) == 0 ? v : -1;
}

static const char *not_applicable(const struct audit *a, size_t row,
				  const struct ptwalk_rule *rule)
{
	const struct arch_facts *arch = row ? arch_facts_find(a->rows[row].name) :
				       NULL;
	int version = tree_version(a);

	if (rule == &ptwalk_rules[PTWALK_RULE_SPLITTING])
		return version >= PTWALK_KV(4, 5) ? REASON_NO_SPLITTING : NULL;
	/* Generic code and a directory arch.def does not know are checked. */
	if (!arch)
		return NULL;
	if (rule == &ptwalk_rules[PTWALK_RULE_NUMA_HINT]) {
		/* Without a version, the newer era: the rules' default. */
		if (version >= 0 && version < PTWALK_KV(4, 0))
			return arch->numa3 ? NULL : REASON_NO_NUMA_3;
		return arch->numa6 ? NULL : REASON_NO_NUMA_6;
	}
	if (rule == &ptwalk_rules[PTWALK_RULE_TORN_READ])
		return arch->pte_tears || arch->pmd_tears ? NULL : REASON_NO_TEAR;
	return NULL;
}

bool audit_group_sees(const struct audit_group *g, const struct walker *w)
{
	return !w->build || (g->build && strcmp(g->build, w->build) == 0);
}

char *audit_walker_engine(const struct walker *w)
{
	return w->build ? xasprintf("%s %s", w->engine, w->build) :
	       xstrdup(w->engine);
}

size_t audit_note_number(const char **reasons, size_t *n, const char *reason)
{
	for (size_t i = 0; i < *n; i++)
		if (reasons[i] == reason)
			return i + 1;
	reasons[(*n)++] = reason;
	return *n;
}

const struct walker *audit_next_walker(const struct audit *a, size_t row,
				       size_t *i)
{
	while (*i < a->walkers.n) {
		const struct walker *w = &a->walkers.v[(*i)++];

		if (audit_row_of(a, w->file) == row)
			return w;
	}
	return NULL;
}

void audit_write_walkers(FILE *out, const struct audit *a, const char *indent)
{
	const struct walker *w;

	for (size_t r = 0; r < a->nrows; r++)
		for (size_t i = 0; (w = audit_next_walker(a, r, &i));) {
			char *engine = audit_walker_engine(w);

			fprintf(out, "%s%-10s %s:%u: %s (%s; %s)\n", indent,
				a->rows[r].name, w->file, w->line, w->function,
				w->kind, engine);
			free(engine);
		}
}

void audit_fill_cells(struct audit *a)
{
	size_t ncells = a->nrows * a->ncols;

	for (size_t r = 0; r < a->nrows; r++)
		a->rows[r].nwalkers = 0;
	for (size_t i = 0; i < a->walkers.n; i++)
		a->rows[audit_row_of(a, a->walkers.v[i].file)].nwalkers++;

	for (size_t g = 0; g < a->ngroups; g++) {
		struct audit_group *group = &a->groups[g];

		group->nwalkers = xmalloc((a->nrows + 1) * sizeof(*group->nwalkers));
		memset(group->nwalkers, 0, (a->nrows + 1) * sizeof(*group->nwalkers));
		for (size_t i = 0; i < a->walkers.n; i++)
			if (audit_group_sees(group, &a->walkers.v[i]))
				group->nwalkers[audit_row_of(a, a->walkers.v[i].file)]++;

		group->cells = xmalloc((ncells + 1) * sizeof(*group->cells));
		memset(group->cells, 0, (ncells + 1) * sizeof(*group->cells));
		for (size_t i = 0; i < group->findings.n; i++) {
			const struct ptwalk_finding *f = &group->findings.v[i];
			size_t row = audit_row_of(a, f->loc.file);

			for (size_t c = 0; c < a->ncols; c++)
				if (f->rule == &ptwalk_rules[a->cols[c]])
					group->cells[row * a->ncols + c].findings++;
		}
		for (size_t r = 0; r < a->nrows; r++) {
			for (size_t c = 0; c < a->ncols; c++) {
				struct audit_cell *cell = &group->cells[r * a->ncols + c];

				cell->reason = not_applicable(a, r, &ptwalk_rules[a->cols[c]]);
				if (cell->findings)
					cell->state = AUDIT_VIOLATED;
				else if (cell->reason)
					cell->state = AUDIT_NOT_APPLICABLE;
				else if (group->nwalkers[r])
					cell->state = AUDIT_HELD;
				else
					cell->state = AUDIT_NO_WALKER;
			}
		}
	}
}

char *audit_cell_text(const struct audit_cell *cell)
{
	switch (cell->state) {
	case AUDIT_VIOLATED:
		return xasprintf("%zu violated", cell->findings);
	case AUDIT_NOT_APPLICABLE:
		return xstrdup("n/a");
	case AUDIT_HELD:
		return xstrdup("held");
	case AUDIT_NO_WALKER:
		break;
	}
	return xstrdup("no walker");
}
