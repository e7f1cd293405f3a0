#include "compile_db.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "paths.h"
#include "util.h"

struct compile_entry {
	char *canonical;	/* the file, to compare with inputs */
	char *directory;
	size_t index;		/* in the database: the first entry wins */
};

struct compile_db {
	char *path;
	struct compile_entry *entries;
	size_t n;
};

static int compare_entries(const void *pa, const void *pb)
{
	const struct compile_entry *a = pa, *b = pb;
	int c = strcmp(a->canonical, b->canonical);

	if (c)
		return c;
	return a->index < b->index ? -1 : a->index > b->index;
}

/* Trouble: the Clang engine cannot run, the Coccinelle engine still may. */
static void __attribute__((format(printf, 2, 0)))
db_error(const char *path, const char *fmt, const char *detail)
{
	char *reason = xasprintf(fmt, detail);

	trouble(path, "%s", reason);
	free(reason);
}

struct compile_db *compile_db_load(const char *dir)
{
	struct compile_db *db = xmalloc(sizeof(*db));
	json_error_t error;
	json_t *root, *entry;
	size_t i;

	memset(db, 0, sizeof(*db));
	db->path = path_join(dir, "compile_commands.json");
	root = json_load_file(db->path, JSON_REJECT_DUPLICATES, &error);
	if (!root) {
		if (access(db->path, R_OK) != 0) {
			db_error(db->path, "%s (-p needs a directory with compile_commands.json)",
				 strerror(errno));
		} else {
			char *where = xasprintf("line %d: %s", error.line,
						error.text);

			db_error(db->path, "%s", where);
			free(where);
		}
		compile_db_free(db);
		return NULL;
	}
	if (!json_is_array(root)) {
		db_error(db->path, "%s", "not a compilation database: expected an array of commands");
		json_decref(root);
		compile_db_free(db);
		return NULL;
	}
	db->entries = xmalloc(json_array_size(root) * sizeof(*db->entries));
	json_array_foreach(root, i, entry) {
		const char *file = json_string_value(json_object_get(entry, "file"));
		const char *directory =
			json_string_value(json_object_get(entry, "directory"));
		struct compile_entry *e;

		if (!file || !directory) {
			char *which = xasprintf("%zu", i + 1);

			db_error(db->path, "command %s has no \"file\" or no \"directory\" string",
				 which);
			free(which);
			json_decref(root);
			compile_db_free(db);
			return NULL;
		}
		e = &db->entries[db->n++];
		e->canonical = path_canonical(directory, file);
		e->directory = xstrdup(directory);
		e->index = i;
	}
	json_decref(root);
	qsort(db->entries, db->n, sizeof(*db->entries), compare_entries);
	return db;
}

const char *compile_db_path(const struct compile_db *db)
{
	return db->path;
}

const char *compile_db_directory(const struct compile_db *db,
				 const char *canonical)
{
	size_t lo = 0, hi = db->n;

	/* The first entry for the file: the lowest index among equals. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(db->entries[mid].canonical, canonical) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < db->n && strcmp(db->entries[lo].canonical, canonical) == 0)
		return db->entries[lo].directory;
	return NULL;
}

void compile_db_free(struct compile_db *db)
{
	if (!db)
		return;
	for (size_t i = 0; i < db->n; i++) {
		free(db->entries[i].canonical);
		free(db->entries[i].directory);
	}
	free(db->entries);
	free(db->path);
	free(db);
}
