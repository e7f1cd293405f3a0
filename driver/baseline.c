#include "baseline.h"

#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "util.h"

#define SCHEMA "ptwalk-baseline"

struct baseline_entry {
	char *file;
	char *fingerprint;
	bool used;
};

struct baseline {
	struct baseline_entry *v;
	size_t n;
};

bool baseline_write(const char *path, const struct finding_list *list)
{
	json_t *entries = json_array(), *root;
	int status;

	for (size_t i = 0; i < list->n; i++) {
		const struct ptwalk_finding *f = &list->v[i];

		/* rule, function, line and message are for people reading
		 * the file; only file and fingerprint are matched. */
		json_array_append_new(entries, json_pack(
			"{s:s, s:s, s:s, s:s, s:i, s:s}",
			"file", f->loc.file, "fingerprint", f->fingerprint,
			"rule", f->rule->name, "function", f->function,
			"line", (json_int_t)f->loc.line, "message", f->message));
	}
	root = json_pack("{s:s, s:i, s:o}", "schema", SCHEMA,
			 "schemaVersion", 1, "entries", entries);
	errno = 0;
	status = json_dump_file(root, path, JSON_INDENT(2));
	json_decref(root);
	if (status != 0) {
		trouble(path, "cannot write the baseline: %s",
			errno ? strerror(errno) : "write error");
		return false;
	}
	return true;
}

static struct baseline *malformed(const char *path, const char *why, json_t *root)
{
	trouble(path, "not a ptwalk baseline: %s", why);
	json_decref(root);
	return NULL;
}

struct baseline *baseline_read(const char *path)
{
	json_error_t error;
	json_t *root, *entries, *entry;
	struct baseline *base;
	const char *schema;
	FILE *in;
	size_t i;

	in = fopen(path, "r");
	if (!in) {
		trouble(path, "%s", strerror(errno));
		return NULL;
	}
	root = json_loadf(in, JSON_REJECT_DUPLICATES, &error);
	fclose(in);
	if (!root) {
		trouble(path, "not a ptwalk baseline: line %d: %s", error.line, error.text);
		return NULL;
	}
	schema = json_string_value(json_object_get(root, "schema"));
	if (!schema || strcmp(schema, SCHEMA) != 0)
		return malformed(path, "no \"schema\": \"" SCHEMA "\"", root);
	if (json_integer_value(json_object_get(root, "schemaVersion")) != 1)
		return malformed(path, "unknown schemaVersion (this ptwalk reads 1)", root);
	entries = json_object_get(root, "entries");
	if (!json_is_array(entries))
		return malformed(path, "\"entries\" is not a list", root);

	base = xmalloc(sizeof(*base));
	base->n = 0;
	base->v = xmalloc((json_array_size(entries) + 1) * sizeof(*base->v));
	json_array_foreach(entries, i, entry) {
		const char *file = json_string_value(json_object_get(entry, "file"));
		const char *fp = json_string_value(json_object_get(entry, "fingerprint"));

		if (!file || !fp) {
			char why[80];

			snprintf(why, sizeof(why),
				 "entry %zu has no \"file\" or \"fingerprint\"", i + 1);
			baseline_free(base);
			return malformed(path, why, root);
		}
		base->v[base->n].file = xstrdup(file);
		base->v[base->n].fingerprint = xstrdup(fp);
		base->v[base->n].used = false;
		base->n++;
	}
	json_decref(root);
	return base;
}

void baseline_filter(struct baseline *base, struct finding_list *list,
		     size_t *suppressed, size_t *stale)
{
	size_t kept = 0;

	*suppressed = 0;
	for (size_t i = 0; i < list->n; i++) {
		struct ptwalk_finding *f = &list->v[i];
		bool matched = false;

		for (size_t j = 0; j < base->n && !matched; j++) {
			struct baseline_entry *e = &base->v[j];

			if (!e->used && strcmp(e->fingerprint, f->fingerprint) == 0 &&
			    strcmp(e->file, f->loc.file) == 0)
				matched = e->used = true;
		}
		if (matched) {
			finding_free(f);
			(*suppressed)++;
		} else {
			list->v[kept++] = *f;
		}
	}
	list->n = kept;
	*stale = 0;
	for (size_t j = 0; j < base->n; j++)
		*stale += !base->v[j].used;
}

void baseline_free(struct baseline *base)
{
	if (!base)
		return;
	for (size_t i = 0; i < base->n; i++) {
		free(base->v[i].file);
		free(base->v[i].fingerprint);
	}
	free(base->v);
	free(base);
}
