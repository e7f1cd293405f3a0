#include "output.h"

#include <string.h>

#include "options.h"

/*
 * file:line:col: severity: message [ptwalk-rule], the form gcc, clang,
 * editors and Kbuild logs understand; related locations follow as notes.
 */
/*
 * A finding of patch mode, for mail review in checkpatch's form: the
 * finding, where it stands in the patch ("#N:", when the patch shows the
 * line) and in the post-patch file, and the line, "+" when the patch adds
 * it.
 */
static void write_review(FILE *out, const struct ptwalk_finding *f)
{
	const struct ptwalk_patch_ref *p = f->patch;

	fprintf(out, "%s: %s [ptwalk-%s]\n",
		f->severity == PTWALK_SEVERITY_error ? "ERROR" : "WARNING",
		f->message, f->rule->name);
	if (p->patch_line)
		fprintf(out, "#%u: ", p->patch_line);
	fprintf(out, "FILE: %s:%u:\n%c%s\n", f->loc.file, f->loc.line,
		p->changed ? '+' : ' ', p->source);
	for (size_t r = 0; r < f->nrelated; r++)
		fprintf(out, "NOTE: %s:%u: %s\n", f->related[r].loc.file,
			f->related[r].loc.line, f->related[r].message);
	fputc('\n', out);
}

static int write_text(FILE *out, const struct report *report)
{
	const struct finding_list *findings = report->findings;

	for (size_t i = 0; i < findings->n; i++) {
		const struct ptwalk_finding *f = &findings->v[i];

		if (f->patch && !report->opts->terse) {
			write_review(out, f);
			continue;
		}

		fprintf(out, "%s:%u:%u: %s: %s [ptwalk-%s]\n", f->loc.file,
			f->loc.line, f->loc.col, severity_name(f->severity),
			f->message, f->rule->name);
		for (size_t r = 0; r < f->nrelated; r++)
			fprintf(out, "%s:%u:%u: note: %s\n",
				f->related[r].loc.file, f->related[r].loc.line,
				f->related[r].loc.col, f->related[r].message);
	}
	return ferror(out) ? -1 : 0;
}

static const struct output_format formats[] = {
	{ "text", write_text },
	{ "json", write_json },
	{ "sarif", write_sarif },
};

const struct output_format *output_format_find(const char *name)
{
	for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
		if (strcmp(formats[i].name, name) == 0)
			return &formats[i];
	return NULL;
}
