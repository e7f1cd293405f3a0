/*
 * The audit as one self-contained HTML page (inline style, no script, no
 * resource of its own to fetch).  Each column head links its rule's doc;
 * each cell links its walkers (the row's list) and, when violated, its
 * findings (a list per cell); each "n/a" links its reason.  Every link is
 * an anchor of the page or a rule doc.
 */
#include "audit.h"

#include <stdlib.h>
#include <string.h>

#include "options.h"

static void put_escaped(FILE *out, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': fputs("&amp;", out); break;
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '"': fputs("&quot;", out); break;
		case '\'': fputs("&#39;", out); break;
		default: fputc(*s, out);
		}
	}
}

/* Ids from names the page controls: arch/ directories are [a-z0-9_]. */
static void put_id(FILE *out, const char *s)
{
	for (; *s; s++)
		fputc(is_ident_char((unsigned char)*s) || *s == '-' ? *s : '_', out);
}

static const char *const style =
	"body{font-family:sans-serif;margin:1.5em}"
	"table{border-collapse:collapse;font-size:90%}"
	"th,td{border:1px solid #bbb;padding:.2em .5em;text-align:center}"
	"th.row{text-align:left}"
	"td.held{background:#d8f0d8}"
	"td.violated{background:#f6c6c6;font-weight:bold}"
	"td.na{background:#eee;color:#555}"
	"td.none{background:#fff;color:#888;font-style:italic}"
	"pre{background:#f6f6f6;padding:.5em}"
	"a.w{font-size:75%;margin-left:.3em}";

static void write_cell(FILE *out, const struct audit *a, size_t g, size_t r,
		       size_t c, const char **reasons, size_t *nreasons)
{
	const struct audit_cell *cell = audit_cell(a, &a->groups[g], r, c);
	const char *rule = ptwalk_rules[a->cols[c]].name;
	char *text = audit_cell_text(cell);

	/* The id names the cell for tests and bookmarks: c-GROUP-ROW-RULE. */
	fprintf(out, "<td id=\"c-%zu-", g);
	put_id(out, a->rows[r].name);
	fprintf(out, "-%s\" ", rule);
	switch (cell->state) {
	case AUDIT_VIOLATED:
		fprintf(out, "class=\"violated\"><a href=\"#f-%zu-", g);
		put_id(out, a->rows[r].name);
		fprintf(out, "-%s\">%s</a>", rule, text);
		break;
	case AUDIT_NOT_APPLICABLE:
		fputs("class=\"na\" title=\"", out);
		put_escaped(out, cell->reason);
		fprintf(out, "\"><a href=\"#na-%zu\">%s</a>",
			audit_note_number(reasons, nreasons, cell->reason), text);
		break;
	case AUDIT_HELD:
		fprintf(out, "class=\"held\">%s", text);
		break;
	case AUDIT_NO_WALKER:
		fprintf(out, "class=\"none\">%s", text);
		break;
	}
	fputs("<a class=\"w\" href=\"#w-", out);
	put_id(out, a->rows[r].name);
	fprintf(out, "\" title=\"the walkers of %s\">walkers</a></td>",
		a->rows[r].name);
	free(text);
}

static void write_table(FILE *out, const struct audit *a, size_t g,
			const char **reasons, size_t *nreasons)
{
	const struct audit_group *group = &a->groups[g];

	fprintf(out, "<h2 id=\"g-%zu\">", g);
	if (group->build) {
		fputs("Coccinelle engine, with the Clang engine for <code>", out);
		put_escaped(out, group->build);
		fputs("</code>", out);
	} else {
		fputs("Coccinelle engine", out);
	}
	fputs("</h2>\n<table>\n<tr><th class=\"row\">arch</th>", out);
	for (size_t c = 0; c < a->ncols; c++) {
		const char *name = ptwalk_rules[a->cols[c]].name;

		fputs("<th><a href=\"", out);
		put_escaped(out, a->opts->doc_base);
		fprintf(out, "/%s.md\">%s</a></th>", name, name);
	}
	fputs("</tr>\n", out);
	for (size_t r = 0; r < a->nrows; r++) {
		fputs("<tr><th class=\"row\"><a href=\"#w-", out);
		put_id(out, a->rows[r].name);
		fprintf(out, "\">%s</a></th>", a->rows[r].name);
		for (size_t c = 0; c < a->ncols; c++)
			write_cell(out, a, g, r, c, reasons, nreasons);
		fputs("</tr>\n", out);
	}
	fputs("</table>\n", out);
}

static void write_walkers(FILE *out, const struct audit *a)
{
	const struct walker *w;

	fprintf(out, "<h2 id=\"walkers\">Walkers</h2>\n"
		"<p>%zu recognised, each with the engine (and build) that recognised it.</p>\n",
		a->walkers.n);
	for (size_t r = 0; r < a->nrows; r++) {
		fputs("<h3 id=\"w-", out);
		put_id(out, a->rows[r].name);
		fprintf(out, "\">%s: %zu</h3>\n", a->rows[r].name,
			a->rows[r].nwalkers);
		if (!a->rows[r].nwalkers) {
			fputs("<p>No walker found.</p>\n", out);
			continue;
		}
		fputs("<ul>\n", out);
		for (size_t i = 0; (w = audit_next_walker(a, r, &i));) {
			char *engine = audit_walker_engine(w);

			fputs("<li><code>", out);
			put_escaped(out, w->file);
			fprintf(out, ":%u</code>: <code>", w->line);
			put_escaped(out, w->function);
			fputs("</code> (", out);
			put_escaped(out, w->kind);
			fputs("; ", out);
			put_escaped(out, engine);
			fputs(")</li>\n", out);
			free(engine);
		}
		fputs("</ul>\n", out);
	}
}

/* A list per violated cell, which the cell links. */
static void write_findings(FILE *out, const struct audit *a, size_t g)
{
	const struct audit_group *group = &a->groups[g];

	fprintf(out, "<h2>Findings: ");
	put_escaped(out, group->build ? group->build : "Coccinelle engine");
	fprintf(out, " (%zu)</h2>\n", group->findings.n);
	for (size_t r = 0; r < a->nrows; r++)
		for (size_t c = 0; c < a->ncols; c++) {
			const struct audit_cell *cell = audit_cell(a, group, r, c);
			const struct ptwalk_rule *rule = &ptwalk_rules[a->cols[c]];

			if (cell->state != AUDIT_VIOLATED)
				continue;
			fprintf(out, "<h3 id=\"f-%zu-", g);
			put_id(out, a->rows[r].name);
			fprintf(out, "-%s\">%s, %s: %zu</h3>\n<ul>\n", rule->name,
				a->rows[r].name, rule->name, cell->findings);
			for (size_t i = 0; i < group->findings.n; i++) {
				const struct ptwalk_finding *f = &group->findings.v[i];

				if (f->rule != rule || audit_row_of(a, f->loc.file) != r)
					continue;
				fputs("<li><code>", out);
				put_escaped(out, f->loc.file);
				fprintf(out, ":%u:%u</code>: ", f->loc.line, f->loc.col);
				put_escaped(out, f->message);
				fprintf(out, " (%s)</li>\n", f->engine);
			}
			fputs("</ul>\n", out);
		}
}

int audit_write_html(FILE *out, const struct audit *a)
{
	const char *reasons[PTWALK_RULE_COUNT * 2];
	size_t nreasons = 0;

	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	      "<title>ptwalk arch port audit of ", out);
	put_escaped(out, a->tree);
	fprintf(out, "</title>\n<style>%s</style>\n</head>\n<body>\n"
		"<h1>ptwalk arch port audit of <code>", style);
	put_escaped(out, a->tree);
	fputs("</code>", out);
	if (a->version) {
		fputs(" (Linux ", out);
		put_escaped(out, a->version);
		fputs(")", out);
	}
	fprintf(out, "</h1>\n<p>%zu C files in", a->nfiles);
	for (size_t i = 0; i < a->homes.n; i++) {
		fputs(i ? ", <code>" : " <code>", out);
		put_escaped(out, a->homes.v[i]);
		fputs("</code>", out);
	}
	fputs(".</p>\n<p><b>held</b>: walkers found, no finding. <b>N violated</b>: N findings. "
	      "<b>n/a</b>: not applicable, for the reason it links. <i>no walker</i>: "
	      "no walker found in the row's files, so nothing to hold or violate. "
	      "Each cell links the walkers of its row.</p>\n", out);
	for (size_t g = 0; g < a->ngroups; g++)
		write_table(out, a, g, reasons, &nreasons);
	fputs("<h2>Not applicable</h2>\n<ol>\n", out);
	for (size_t i = 0; i < nreasons; i++) {
		fprintf(out, "<li id=\"na-%zu\">", i + 1);
		put_escaped(out, reasons[i]);
		fputs("</li>\n", out);
	}
	fputs("</ol>\n", out);
	write_walkers(out, a);
	for (size_t g = 0; g < a->ngroups; g++)
		write_findings(out, a, g);
	fputs("</body>\n</html>\n", out);
	return ferror(out) ? -1 : 0;
}
