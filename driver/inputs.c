#include "inputs.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "source_checks.h"

struct collector {
	struct strvec paths;		/* as the user will read them */
	struct strvec canonical;	/* realpath of each, for duplicates */
};

struct sorted_path {
	const char *canonical;
	size_t index;
};

static int compare_sorted_paths(const void *pa, const void *pb)
{
	const struct sorted_path *a = pa, *b = pb;
	int c = strcmp(a->canonical, b->canonical);

	if (c)
		return c;
	return a->index < b->index ? -1 : a->index > b->index;
}

/* Moves the collected paths to FILES, keeping the first of duplicates. */
static void keep_first_of_duplicates(struct collector *col,
				     struct strvec *files,
				     struct strvec *canonical)
{
	size_t n = col->paths.n;
	struct sorted_path *sorted = xmalloc(n * sizeof(*sorted));
	bool *duplicate = xmalloc(n * sizeof(*duplicate));

	for (size_t i = 0; i < n; i++) {
		sorted[i].canonical = col->canonical.v[i];
		sorted[i].index = i;
		duplicate[i] = false;
	}
	qsort(sorted, n, sizeof(*sorted), compare_sorted_paths);
	for (size_t i = 1; i < n; i++)
		if (strcmp(sorted[i - 1].canonical, sorted[i].canonical) == 0)
			duplicate[sorted[i].index] = true;
	for (size_t i = 0; i < n; i++)
		if (!duplicate[i]) {
			strvec_push(files, col->paths.v[i]);
			strvec_push(canonical, col->canonical.v[i]);
		}
	free(sorted);
	free(duplicate);
}

static void add_file(struct collector *col, const char *path)
{
	char canonical[PATH_MAX];
	int fd;

	/* spatch reads its file list one name per line. */
	if (strchr(path, '\n')) {
		/* Named with "\n", so that the trouble stays one line. */
		struct buf shown = { 0 };

		for (const char *p = path; *p; p++)
			buf_append(&shown, *p == '\n' ? "\\n" : p, *p == '\n' ? 2 : 1);
		trouble(shown.data, "file names with a newline are not supported");
		buf_free(&shown);
		return;
	}
	fd = open(path, O_RDONLY);
	if (fd < 0) {
		trouble(path, "%s", strerror(errno));
		return;
	}
	close(fd);
	if (!realpath(path, canonical)) {
		trouble(path, "%s", strerror(errno));
		return;
	}
	strvec_push(&col->paths, path);
	strvec_push(&col->canonical, canonical);
}

/* A file the user named: it must also be C text (source_checks.h). */
static void add_named_file(struct collector *col, const char *path)
{
	struct buf text = { 0 };
	int err = read_whole_file(path, &text);

	if (err)
		trouble(path, "%s", strerror(err));
	else if (check_named_source(path, text.data ? text.data : "", text.len) != SOURCE_SKIP)
		add_file(col, path);
	buf_free(&text);
}

static int compare_names(const struct dirent **a, const struct dirent **b)
{
	/* Byte order, not the locale's collation: output must not vary. */
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int skip_dot_entries(const struct dirent *entry)
{
	return entry->d_name[0] != '.';
}

static void add_directory(struct collector *col, const char *dir)
{
	struct dirent **entries;
	size_t dirlen = strlen(dir);
	int n;

	n = scandir(dir, &entries, skip_dot_entries, compare_names);
	if (n < 0) {
		trouble(dir, "%s", strerror(errno));
		return;
	}
	/* Trim trailing slashes so joined paths read naturally. */
	while (dirlen > 1 && dir[dirlen - 1] == '/')
		dirlen--;
	for (int i = 0; i < n; i++) {
		/* `ptwalk .` at the top of a tree names mm/gup.c, as make
		 * and the compilers do, not ./mm/gup.c. */
		char *path = dirlen == 1 && dir[0] == '.' ?
			     xstrdup(entries[i]->d_name) :
			     xasprintf("%.*s/%s", (int)dirlen, dir,
				       entries[i]->d_name);
		struct stat st;

		if (lstat(path, &st) != 0) {
			trouble(path, "%s", strerror(errno));
		} else if (S_ISDIR(st.st_mode)) {
			add_directory(col, path);
		} else if (is_c_source(path)) {
			/* A symlink counts when it leads to a regular file. */
			if (S_ISLNK(st.st_mode) && stat(path, &st) != 0)
				trouble(path, "%s", strerror(errno));
			else if (S_ISREG(st.st_mode))
				add_file(col, path);
		}
		free(path);
		free(entries[i]);
	}
	free(entries);
}

void collect_inputs(char **paths, int npaths, struct strvec *files,
		    struct strvec *canonical)
{
	struct collector col = { 0 };

	for (int i = 0; i < npaths; i++) {
		const char *path = paths[i];
		size_t before = col.paths.n;
		struct stat st;

		if (stat(path, &st) != 0) {
			trouble(path, "%s", strerror(errno));
		} else if (S_ISDIR(st.st_mode)) {
			add_directory(&col, path);
			/* A mistyped directory must not read as a clean one. */
			if (col.paths.n == before)
				trouble(path, "no C files (*.c, *.h) in this directory");
		} else if (!S_ISREG(st.st_mode)) {
			trouble(path, "not a regular file or directory");
		} else if (!is_c_source(path)) {
			trouble(path, "not a C source file (.c or .h)");
		} else {
			add_named_file(&col, path);
		}
	}
	keep_first_of_duplicates(&col, files, canonical);
	strvec_free(&col.paths);
	strvec_free(&col.canonical);
}
