/*
 * The audit as one markdown page: a table per column group whose column
 * heads link the rule docs, the reasons of its "n/a" cells as notes, and
 * the walkers and findings behind the cells in code blocks (paths and
 * messages need no escaping there).
 */
#include "audit.h"

#include <stdlib.h>
#include <string.h>

#include "options.h"

static void write_group(FILE *out, const struct audit *a,
			const struct audit_group *g, const char **reasons,
			size_t *nreasons)
{
	if (g->build)
		fprintf(out, "## Coccinelle engine, with the Clang engine for `%s`\n\n",
			g->build);
	else
		fputs("## Coccinelle engine\n\n", out);
	fputs("| arch |", out);
	for (size_t c = 0; c < a->ncols; c++) {
		const char *name = ptwalk_rules[a->cols[c]].name;

		fprintf(out, " [%s](%s/%s.md) |", name, a->opts->doc_base, name);
	}
	fputs("\n|---|", out);
	for (size_t c = 0; c < a->ncols; c++)
		fputs("---|", out);
	fputc('\n', out);
	for (size_t r = 0; r < a->nrows; r++) {
		fprintf(out, "| %s |", a->rows[r].name);
		for (size_t c = 0; c < a->ncols; c++) {
			const struct audit_cell *cell = audit_cell(a, g, r, c);
			char *text = audit_cell_text(cell);

			if (cell->state == AUDIT_VIOLATED)
				fprintf(out, " **%s** |", text);
			else if (cell->state == AUDIT_NOT_APPLICABLE)
				fprintf(out, " %s [%zu] |", text,
					audit_note_number(reasons, nreasons, cell->reason));
			else if (cell->state == AUDIT_NO_WALKER)
				fprintf(out, " *%s* |", text);
			else
				fprintf(out, " %s |", text);
			free(text);
		}
		fputc('\n', out);
	}
	fputc('\n', out);
}

int audit_write_markdown(FILE *out, const struct audit *a)
{
	const char *reasons[PTWALK_RULE_COUNT * 2];
	size_t nreasons = 0;

	fprintf(out, "# ptwalk arch port audit of `%s`%s%s%s\n\n", a->tree,
		a->version ? " (Linux " : "", a->version ? a->version : "",
		a->version ? ")" : "");
	fprintf(out, "%zu C files in", a->nfiles);
	for (size_t i = 0; i < a->homes.n; i++)
		fprintf(out, "%s `%s`", i ? "," : "", a->homes.v[i]);
	fputs(".\n\n", out);
	for (size_t g = 0; g < a->ngroups; g++)
		write_group(out, a, &a->groups[g], reasons, &nreasons);

	fputs("**held**: walkers found, no finding. **N violated**: N findings. "
	      "**n/a**: not applicable, for the reason of its note. "
	      "*no walker*: no walker found in the row's files, so nothing to "
	      "hold or violate.\n\n", out);
	for (size_t i = 0; i < nreasons; i++)
		fprintf(out, "- [%zu] not applicable: %s\n", i + 1, reasons[i]);
	fputs("\n## Walkers\n\n", out);
	fprintf(out, "%zu recognised.\n\n```\n",
		a->walkers.n);
	audit_write_walkers(out, a, "");
	fputs("```\n", out);
	for (size_t g = 0; g < a->ngroups; g++) {
		const struct audit_group *group = &a->groups[g];

		fprintf(out, "\n## Findings: %s\n\n%zu.\n\n```\n",
			group->build ? group->build : "Coccinelle engine",
			group->findings.n);
		for (size_t i = 0; i < group->findings.n; i++) {
			const struct ptwalk_finding *f = &group->findings.v[i];

			fprintf(out, "%s:%u:%u: %s [ptwalk-%s]\n", f->loc.file,
				f->loc.line, f->loc.col, f->message,
				f->rule->name);
		}
		fputs("```\n", out);
	}
	return ferror(out) ? -1 : 0;
}
