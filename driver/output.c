#include "output.h"

#include <string.h>

/*
 * file:line:col: severity: message [ptwalk-rule], the form gcc, clang,
 * editors and Kbuild logs understand; related locations follow as notes.
 */
static int write_text(FILE *out, const struct report *report)
{
	const struct finding_list *findings = report->findings;

	for (size_t i = 0; i < findings->n; i++) {
		const struct ptwalk_finding *f = &findings->v[i];

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
