/*
 * --format=sarif: SARIF 2.1.0 for code scanning (GitHub, GitLab).  File
 * locations are relative to %SRCROOT%, the directory ptwalk ran in, so
 * that the uploader can map them to the repository; fingerprints carry no
 * line numbers (fingerprint.h), so alerts survive unrelated edits.  The
 * testsuite validates the output with the SARIF Multitool's "Gh;Sarif"
 * rules.
 */
#include "output.h"

#include <ctype.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "options.h"
#include "paths.h"
#include "rule_info.h"
#include "util.h"

#define FINGERPRINT_KEY "ptwalkFingerprint/v1"

/* RFC 3986: everything but unreserved characters and "/" escaped. */
static char *uri_escape(const char *path)
{
	char *out = xmalloc(3 * strlen(path) + 1), *o = out;

	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if (isalnum(*p) || strchr("-._~/", *p))
			*o++ = (char)*p;
		else
			o += sprintf(o, "%%%02X", *p);
	}
	*o = '\0';
	return out;
}

/* PTWALK_INFORMATION_URI, else the README installed beside the rule docs
 * (share/doc/ptwalk/) or above them in the source tree. */
static char *information_uri(const struct options *opts)
{
	static const char *const candidates[] = { "../README.md", "../../README.md" };
	char *cwd = current_dir();
	char *uri = NULL;

	if (PTWALK_INFORMATION_URI[0])
		uri = xstrdup(PTWALK_INFORMATION_URI);
	for (size_t i = 0; !uri && i < sizeof(candidates) / sizeof(candidates[0]); i++) {
		char *rel = xasprintf("%s/%s", opts->doc_dir, candidates[i]);
		char *path = path_canonical(cwd, rel);

		if (access(path, R_OK) == 0) {
			char *escaped = uri_escape(path);

			uri = xasprintf("file://%s", escaped);
			free(escaped);
		}
		free(path);
		free(rel);
	}
	free(cwd);
	return uri;
}

static json_t *artifact_location(const char *srcroot, const char *file)
{
	char *canonical = path_canonical(srcroot, file), *uri;
	size_t len = strlen(srcroot);
	json_t *loc;

	if (strncmp(canonical, srcroot, len) == 0 && canonical[len] == '/') {
		uri = uri_escape(canonical + len + 1);
		loc = json_pack("{s:s, s:s}", "uri", uri, "uriBaseId", "%SRCROOT%");
	} else {
		char *escaped = uri_escape(canonical);

		uri = xasprintf("file://%s", escaped);
		free(escaped);
		loc = json_pack("{s:s}", "uri", uri);
	}
	free(uri);
	free(canonical);
	return loc;
}

static json_t *physical_location(const char *srcroot,
				 const struct ptwalk_location *loc)
{
	return json_pack("{s:o, s:{s:i, s:i}}",
			 "artifactLocation", artifact_location(srcroot, loc->file),
			 "region", "startLine", (json_int_t)(loc->line ? loc->line : 1),
			 "startColumn", (json_int_t)(loc->col ? loc->col : 1));
}

static const char *level_name(enum ptwalk_severity severity)
{
	return severity == PTWALK_SEVERITY_error ? "error" : "warning";
}

/* "numa-hint" -> "NumaHint": SARIF's friendly rule name.  The id is the
 * name the text output prints, "ptwalk-numa-hint". */
static char *friendly_name(const char *id)
{
	char *out = xmalloc(strlen(id) + 1), *o = out;
	int upper = 1;

	for (const char *p = id; *p; p++) {
		if (*p == '-') {
			upper = 1;
			continue;
		}
		*o++ = upper ? (char)toupper((unsigned char)*p) : *p;
		upper = 0;
	}
	*o = '\0';
	return out;
}

static json_t *rule_descriptor(const struct options *opts,
			       const struct ptwalk_rule *rule)
{
	struct rule_info info;
	char *name = friendly_name(rule->name);
	json_t *d, *props;

	rule_info_load(opts, rule, &info);
	char *id = xasprintf("ptwalk-%s", rule->name);

	d = json_pack("{s:s, s:s, s:{s:s}, s:{s:s}}", "id", id,
		      "name", name, "shortDescription", "text", rule->summary,
		      "fullDescription", "text", info.description);
	if (info.doc_markdown) {
		char *escaped = uri_escape(info.doc_path);
		char *uri = xasprintf("file://%s", escaped);

		json_object_set_new(d, "help", json_pack("{s:s, s:s}",
			"text", info.doc_markdown, "markdown", info.doc_markdown));
		json_object_set_new(d, "helpUri", json_string(uri));
		free(uri);
		free(escaped);
	} else {
		json_object_set_new(d, "help", json_pack("{s:s}", "text", rule->summary));
	}
	json_object_set_new(d, "defaultConfiguration",
			    json_pack("{s:s}", "level", level_name(rule->severity)));
	props = json_pack("{s:s, s:[s, s], s:s}",
			  "problem.severity", level_name(rule->severity),
			  "tags", "ptwalk", priority_name(rule->priority),
			  "engines", rule->engines);
	if (info.precision)
		json_object_set_new(props, "precision", json_string(info.precision));
	json_object_set_new(d, "properties", props);
	rule_info_free(&info);
	free(name);
	free(id);
	return d;
}

static size_t rule_index(const struct ptwalk_rule *rule)
{
	if (rule == &ptwalk_not_analysed_rule)
		return PTWALK_RULE_COUNT;
	return (size_t)(rule - ptwalk_rules);
}

/*
 * One SARIF fix holding every edit of ptwalk's fix, an artifactChange per
 * file in the order of the edits.
 */
static json_t *fix_json(const char *srcroot, const struct ptwalk_finding *f)
{
	json_t *changes = json_array();
	json_t *change = NULL, *replacements = NULL;
	const char *file = NULL;

	for (size_t i = 0; i < f->nfix; i++) {
		const struct ptwalk_fix *e = &f->fix[i];

		if (!file || strcmp(file, e->begin.file) != 0) {
			file = e->begin.file;
			replacements = json_array();
			change = json_pack("{s:o, s:o}", "artifactLocation",
					   artifact_location(srcroot, file),
					   "replacements", replacements);
			json_array_append_new(changes, change);
		}
		json_array_append_new(replacements, json_pack(
			"{s:{s:i, s:i, s:i, s:i}, s:{s:s}}",
			"deletedRegion",
			"startLine", (json_int_t)e->begin.line,
			"startColumn", (json_int_t)e->begin.col,
			"endLine", (json_int_t)e->end.line,
			"endColumn", (json_int_t)e->end.col,
			"insertedContent", "text", e->replacement));
	}
	return json_pack("[{s:{s:s}, s:o}]",
		"description", "text", "Replace the flagged text",
		"artifactChanges", changes);
}

static json_t *result_json(const char *srcroot, const struct ptwalk_finding *f)
{
	json_t *related = json_array(), *engines = json_array(), *r;
	char *id = xasprintf("ptwalk-%s", f->rule->name);

	for (size_t i = 0; i < f->nrelated; i++)
		json_array_append_new(related, json_pack("{s:i, s:o, s:{s:s}}",
			"id", (json_int_t)i + 1,
			"physicalLocation", physical_location(srcroot, &f->related[i].loc),
			"message", "text", f->related[i].message));
	json_array_append_new(engines, json_string(f->engine));
	if (f->also_engine)
		json_array_append_new(engines, json_string(f->also_engine));
	r = json_pack("{s:s, s:i, s:s, s:{s:s}, s:[{s:o}], s:o, s:{s:s}, s:{s:o, s:s}}",
		"ruleId", id,
		"ruleIndex", (json_int_t)rule_index(f->rule),
		"level", level_name(f->severity),
		"message", "text", f->message,
		"locations", "physicalLocation", physical_location(srcroot, &f->loc),
		"relatedLocations", related,
		"partialFingerprints", FINGERPRINT_KEY, f->fingerprint ? f->fingerprint : "",
		"properties", "engines", engines,
		"function", f->function ? f->function : "");
	if (f->nfix)
		json_object_set_new(r, "fixes", fix_json(srcroot, f));
	free(id);
	return r;
}

static json_t *notification_json(const char *srcroot,
				 const struct trouble_entry *t)
{
	json_t *n = json_pack("{s:s, s:{s:s+++}}", "level", "error",
			      "message", "text", t->subject, ": ", t->reason, "");

	/* A trouble about an input file points at it. */
	if (access(t->subject, F_OK) == 0)
		json_object_set_new(n, "locations", json_pack("[{s:{s:o}}]",
			"physicalLocation", "artifactLocation",
			artifact_location(srcroot, t->subject)));
	return n;
}

int write_sarif(FILE *out, const struct report *report)
{
	const struct finding_list *findings = report->findings;
	char *srcroot = current_dir(), *escaped = uri_escape(srcroot);
	char *root_uri = xasprintf("file://%s/", strcmp(escaped, "/") ? escaped : "");
	json_t *rules = json_array(), *results = json_array();
	json_t *notes = json_array(), *root;
	int status;

	for (size_t i = 0; i < PTWALK_RULE_COUNT; i++)
		json_array_append_new(rules, rule_descriptor(report->opts, &ptwalk_rules[i]));
	json_array_append_new(rules, rule_descriptor(report->opts, &ptwalk_not_analysed_rule));
	for (size_t i = 0; i < findings->n; i++)
		json_array_append_new(results, result_json(srcroot, &findings->v[i]));
	for (size_t i = 0; i < report->ntrouble; i++)
		json_array_append_new(notes, notification_json(srcroot, &report->trouble[i]));

	char *info_uri = information_uri(report->opts);
	json_t *driver = json_pack("{s:s, s:s, s:s}", "name", "ptwalk",
				   "version", PTWALK_VERSION,
				   "semanticVersion", PTWALK_VERSION);

	if (info_uri)
		json_object_set_new(driver, "informationUri", json_string(info_uri));
	json_object_set_new(driver, "rules", rules);
	root = json_pack("{s:s, s:s, s:[{s:{s:o}, s:[{s:b, s:o}], s:{s:{s:s}}, s:o}]}",
		"$schema", "https://json.schemastore.org/sarif-2.1.0.json",
		"version", "2.1.0",
		"runs",
		"tool", "driver", driver,
		"invocations", "executionSuccessful", report->complete,
		"toolExecutionNotifications", notes,
		"originalUriBaseIds", "%SRCROOT%", "uri", root_uri,
		"results", results);
	free(info_uri);
	status = root ? json_dumpf(root, out, JSON_INDENT(2)) : -1;
	json_decref(root);
	free(root_uri);
	free(escaped);
	free(srcroot);
	if (status == 0 && fputc('\n', out) == EOF)
		status = -1;
	return status == 0 && !ferror(out) ? 0 : -1;
}
