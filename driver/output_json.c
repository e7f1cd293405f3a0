/*
 * --format=json: one object per run, schema "ptwalk-report" version 1,
 * documented in README.md ("Machine-readable output").  Keys are written
 * in a fixed order and the lists are sorted, so equal runs give equal
 * bytes whatever -j was.
 */
#include "output.h"

#include <jansson.h>

static json_t *location_json(const struct ptwalk_location *loc)
{
	return json_pack("{s:s, s:i, s:i}", "file", loc->file,
			 "line", (json_int_t)loc->line,
			 "column", (json_int_t)loc->col);
}

static json_t *edit_json(const struct ptwalk_fix *e)
{
	return json_pack("{s:s, s:{s:i, s:i}, s:{s:i, s:i}, s:s}",
			 "file", e->begin.file,
			 "begin", "line", (json_int_t)e->begin.line,
			 "column", (json_int_t)e->begin.col,
			 "end", "line", (json_int_t)e->end.line,
			 "column", (json_int_t)e->end.col,
			 "replacement", e->replacement);
}

static json_t *finding_json(const struct ptwalk_finding *f)
{
	json_t *o = location_json(&f->loc), *engines = json_array();
	json_t *related = json_array();

	json_array_append_new(engines, json_string(f->engine));
	if (f->also_engine)
		json_array_append_new(engines, json_string(f->also_engine));
	for (size_t i = 0; i < f->nrelated; i++) {
		json_t *r = location_json(&f->related[i].loc);

		json_object_set_new(r, "message", json_string(f->related[i].message));
		json_array_append_new(related, r);
	}
	json_object_set_new(o, "rule", json_string(f->rule->name));
	json_object_set_new(o, "severity", json_string(severity_name(f->severity)));
	json_object_set_new(o, "priority", json_string(priority_name(f->rule->priority)));
	json_object_set_new(o, "message", json_string(f->message));
	json_object_set_new(o, "engines", engines);
	json_object_set_new(o, "function", json_string(f->function ? f->function : ""));
	json_object_set_new(o, "fingerprint", json_string(f->fingerprint ? f->fingerprint : ""));
	json_object_set_new(o, "related", related);
	/*
	 * "fix" is the one edit of a one-edit fix, as schema 1 has always
	 * had it; a fix of several edits is only in "fixEdits", so that no
	 * reader of "fix" applies part of one.
	 */
	if (f->nfix == 1)
		json_object_set_new(o, "fix", edit_json(&f->fix[0]));
	if (f->nfix) {
		json_t *edits = json_array();

		for (size_t i = 0; i < f->nfix; i++)
			json_array_append_new(edits, edit_json(&f->fix[i]));
		json_object_set_new(o, "fixEdits", edits);
	}
	return o;
}

int write_json(FILE *out, const struct report *report)
{
	const struct finding_list *findings = report->findings;
	json_t *root, *list = json_array(), *trouble = json_array();
	int status;

	for (size_t i = 0; i < findings->n; i++)
		json_array_append_new(list, finding_json(&findings->v[i]));
	for (size_t i = 0; i < report->ntrouble; i++)
		json_array_append_new(trouble, json_pack("{s:s, s:s}",
			"subject", report->trouble[i].subject,
			"reason", report->trouble[i].reason));
	root = json_pack("{s:s, s:i, s:{s:s, s:s}, s:b, s:o, s:o, s:{s:i, s:i, s:i, s:i}}",
		"schema", "ptwalk-report", "schemaVersion", 1,
		"tool", "name", "ptwalk", "version", PTWALK_VERSION,
		"complete", report->complete,
		"findings", list, "trouble", trouble,
		"summary",
		"findings", (json_int_t)findings->n,
		"files", (json_int_t)findings_file_count(findings),
		"notAnalysed", (json_int_t)findings_count_rule(findings, &ptwalk_not_analysed_rule),
		"trouble", (json_int_t)report->ntrouble);
	status = json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(root);
	if (status == 0 && fputc('\n', out) == EOF)
		status = -1;
	return status == 0 && !ferror(out) ? 0 : -1;
}
