/*
 * The audit as plain text, for a terminal: a table per column group, the
 * reasons of its "n/a" cells as numbered notes, then the walkers and the
 * findings behind the cells.
 */
#include "audit.h"

#include <stdlib.h>
#include <string.h>


#define ROW_HEADER "arch"

/* The notes' numbers: each distinct reason once, in order of first use. */
struct notes {
	const char *reasons[8];
	size_t n;
};

static size_t note_number(struct notes *notes, const char *reason)
{
	for (size_t i = 0; i < notes->n; i++)
		if (notes->reasons[i] == reason)
			return i + 1;
	if (notes->n == sizeof(notes->reasons) / sizeof(notes->reasons[0]))
		return 0;
	return audit_note_number(notes->reasons, &notes->n, reason);
}

static char *cell_label(const struct audit_cell *cell, struct notes *notes)
{
	char *text = audit_cell_text(cell), *label;

	if (cell->state != AUDIT_NOT_APPLICABLE)
		return text;
	label = xasprintf("%s [%zu]", text, note_number(notes, cell->reason));
	free(text);
	return label;
}

static void write_group(FILE *out, const struct audit *a,
			const struct audit_group *g, struct notes *notes)
{
	size_t width0 = strlen(ROW_HEADER), *width;
	char **labels = xmalloc((a->nrows * a->ncols + 1) * sizeof(*labels));

	width = xmalloc((a->ncols + 1) * sizeof(*width));
	for (size_t r = 0; r < a->nrows; r++)
		if (strlen(a->rows[r].name) > width0)
			width0 = strlen(a->rows[r].name);
	for (size_t c = 0; c < a->ncols; c++)
		width[c] = strlen(ptwalk_rules[a->cols[c]].name);
	for (size_t r = 0; r < a->nrows; r++)
		for (size_t c = 0; c < a->ncols; c++) {
			char *l = cell_label(audit_cell(a, g, r, c), notes);

			labels[r * a->ncols + c] = l;
			if (strlen(l) > width[c])
				width[c] = strlen(l);
		}

	if (g->build)
		fprintf(out, "Coccinelle engine, with the Clang engine's findings for the build in %s:\n\n",
			g->build);
	else
		fprintf(out, "Coccinelle engine:\n\n");
	fprintf(out, "%-*s", (int)width0, ROW_HEADER);
	for (size_t c = 0; c < a->ncols; c++)
		fprintf(out, "  %-*s", (int)width[c], ptwalk_rules[a->cols[c]].name);
	fputc('\n', out);
	for (size_t r = 0; r < a->nrows; r++) {
		fprintf(out, "%-*s", (int)width0, a->rows[r].name);
		for (size_t c = 0; c < a->ncols; c++) {
			char *l = labels[r * a->ncols + c];

			/* No trailing blanks: the last column is not padded. */
			if (c + 1 < a->ncols)
				fprintf(out, "  %-*s", (int)width[c], l);
			else
				fprintf(out, "  %s", l);
			free(l);
		}
		fputc('\n', out);
	}
	fputc('\n', out);
	free(labels);
	free(width);
}

static void write_findings(FILE *out, const struct audit_group *g)
{
	fprintf(out, "Findings (%s): %zu\n", g->build ? g->build : "Coccinelle engine",
		g->findings.n);
	for (size_t i = 0; i < g->findings.n; i++) {
		const struct ptwalk_finding *f = &g->findings.v[i];

		fprintf(out, "  %s:%u:%u: %s: %s [ptwalk-%s]\n", f->loc.file,
			f->loc.line, f->loc.col, severity_name(f->severity),
			f->message, f->rule->name);
	}
	fputc('\n', out);
}

int audit_write_text(FILE *out, const struct audit *a)
{
	struct notes notes = { 0 };

	fprintf(out, "ptwalk arch port audit of %s", a->tree);
	if (a->version)
		fprintf(out, " (Linux %s)", a->version);
	fprintf(out, ": %zu C files in", a->nfiles);
	for (size_t i = 0; i < a->homes.n; i++)
		fprintf(out, " %s", a->homes.v[i]);
	fputs("\n\n", out);
	for (size_t g = 0; g < a->ngroups; g++)
		write_group(out, a, &a->groups[g], &notes);

	fputs("held: walkers found, no finding.  N violated: N findings.\n"
	      "n/a: not applicable, for the reason of its note.  no walker: no walker\n"
	      "found in the row's files, so nothing to hold or violate.\n", out);
	for (size_t i = 0; i < notes.n; i++)
		fprintf(out, "[%zu] %s\n", i + 1, notes.reasons[i]);
	fputc('\n', out);

	fprintf(out, "Walkers recognised: %zu\n",
		a->walkers.n);
	audit_write_walkers(out, a, "  ");
	fputc('\n', out);
	for (size_t g = 0; g < a->ngroups; g++)
		write_findings(out, &a->groups[g]);
	return ferror(out) ? -1 : 0;
}
