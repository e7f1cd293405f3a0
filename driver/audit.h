/*
 * The arch port audit, ptwalk --audit [TREE]: the walker homes of a
 * kernel tree through the same engines as any run, then a table of
 * architecture (and generic code) by rule.  A pipeline of its own, beside
 * main.c's: the tree's homes as inputs (audit.c), the Coccinelle engine
 * with the walker list and the Clang engine once per -p build
 * (audit_engines.c), the cells (audit_table.c), then text, markdown or
 * HTML (audit_text.c, audit_markdown.c, audit_html.c).
 */
#ifndef PTWALK_AUDIT_H
#define PTWALK_AUDIT_H

#include <stdbool.h>
#include <stdio.h>

#include "catalogue.h"
#include "findings.h"
#include "util.h"
#include "walkers.h"

struct options;

enum audit_state {
	AUDIT_NO_WALKER,	/* no walker recognised, no finding */
	AUDIT_HELD,		/* walkers recognised, no finding */
	AUDIT_VIOLATED,		/* findings (whatever else holds) */
	AUDIT_NOT_APPLICABLE,	/* arch.def or the era says the rule cannot apply */
};

struct audit_cell {
	enum audit_state state;
	size_t findings;	/* the row's findings of the rule */
	const char *reason;	/* why not applicable, else NULL */
};

/* A row: generic code (everything outside arch/), or one arch/ directory. */
struct audit_row {
	char *name;
	size_t nwalkers;	/* recognised by any engine of the run */
};

/*
 * A column group: the Coccinelle engine alone, or with the Clang
 * engine's findings for one -p build merged in as any run merges them.
 */
struct audit_group {
	char *name;			/* "cocci", or the build directory */
	const char *build;		/* -p DIR, or NULL */
	struct finding_list findings;	/* sorted, fingerprinted */
	struct audit_cell *cells;	/* nrows * ncols, row by row */
	/* Per row, the walkers of the group's engines: the Coccinelle
	 * engine's, and its build's Clang engine's. */
	size_t *nwalkers;
};

struct audit {
	const struct options *opts;
	char *tree;		/* as given, "." by default */
	char *version;		/* the tree's kernel version, or NULL */
	struct strvec homes;	/* the directories searched, as given */
	size_t nfiles;		/* the C files in them */
	struct audit_row *rows;	/* generic first, then arch/ in byte order */
	size_t nrows;
	size_t cols[PTWALK_RULE_COUNT];	/* the rules shown, as indices */
	size_t ncols;
	struct walker_list walkers;	/* every engine's, sorted */
	struct audit_group *groups;	/* the Coccinelle engine's first */
	size_t ngroups;
};

/* Runs the audit that OPTS asks for; returns the exit status. */
int audit_main(const struct options *opts);

/*
 * Runs the engines over FILES: the Coccinelle engine with the walker
 * list into a->walkers and a->groups[0], and the Clang engine for each
 * other group's build, merged over a copy of the Coccinelle findings.
 */
void audit_run_engines(struct audit *a, const struct strvec *files,
		       const struct strvec *canonical);

/* Whether group G's engines include the one that recognised W. */
bool audit_group_sees(const struct audit_group *g, const struct walker *w);
/* "cocci", or "clang BUILD": the engine that recognised W. */
char *audit_walker_engine(const struct walker *w);
/* The row FILE (a name as reported) belongs to. */
size_t audit_row_of(const struct audit *a, const char *file);
/*
 * The next walker of ROW from *I on, or NULL; *I moves past it, so
 * `for (size_t i = 0; (w = audit_next_walker(a, row, &i));)` visits a
 * row's walkers in the order they were recognised.
 */
const struct walker *audit_next_walker(const struct audit *a, size_t row,
				       size_t *i);
/*
 * The note number of REASON among the N REASONS of a page: each distinct
 * reason once, numbered in order of first use (REASONS must have room).
 */
size_t audit_note_number(const char **reasons, size_t *n, const char *reason);
/* The recognised walkers, one line each, row by row:
 * INDENT, the row, file:line: function (kind; engine). */
void audit_write_walkers(FILE *out, const struct audit *a, const char *indent);
/* Fills each group's cells from its findings, the walkers and arch.def. */
void audit_fill_cells(struct audit *a);
static inline const struct audit_cell *
audit_cell(const struct audit *a, const struct audit_group *g, size_t row,
	   size_t col)
{
	return &g->cells[row * a->ncols + col];
}
/* The cell's state in a word or two, as the text and markdown tables
 * print it ("held", "3 violated", "n/a", "no walker"). */
char *audit_cell_text(const struct audit_cell *cell);

/* The formats; each returns 0, or -1 when OUT could not take it. */
int audit_write_text(FILE *out, const struct audit *a);
int audit_write_markdown(FILE *out, const struct audit *a);
int audit_write_html(FILE *out, const struct audit *a);

#endif
