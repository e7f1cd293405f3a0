#define _XOPEN_SOURCE 700	/* nftw */
#include "paths.h"

#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

char *path_join(const char *dir, const char *path)
{
	size_t len = strlen(dir);

	if (path[0] == '/' || len == 0)
		return xstrdup(path);
	if (dir[len - 1] == '/')
		return xasprintf("%s%s", dir, path);
	return xasprintf("%s/%s", dir, path);
}

char *path_normalize(const char *path)
{
	size_t len = strlen(path);
	bool absolute = path[0] == '/';
	/* Start offsets in OUT of the components kept so far. */
	size_t *starts = xmalloc((len / 2 + 2) * sizeof(*starts));
	size_t ncomponents = 0, nparents = 0;
	char *out = xmalloc(len + 2);
	size_t out_len = 0;

	if (absolute)
		out[out_len++] = '/';
	for (const char *p = path; *p;) {
		size_t n = strcspn(p, "/");

		if (n == 0 || (n == 1 && p[0] == '.')) {
			/* "//" or "/./": nothing to keep. */
		} else if (n == 2 && p[0] == '.' && p[1] == '.' &&
			   ncomponents > nparents) {
			out_len = starts[--ncomponents];
		} else if (n == 2 && p[0] == '.' && p[1] == '.' && absolute) {
			/* "/.." is "/". */
		} else {
			if (out_len && out[out_len - 1] != '/')
				out[out_len++] = '/';
			starts[ncomponents++] = out_len;
			if (n == 2 && p[0] == '.' && p[1] == '.')
				nparents++;	/* a leading "..", kept */
			memcpy(out + out_len, p, n);
			out_len += n;
		}
		p += n;
		if (*p == '/')
			p++;
	}
	/* Removing a component leaves the slash before it. */
	while (out_len > 1 && out[out_len - 1] == '/')
		out_len--;
	if (out_len == 0)
		out[out_len++] = '.';
	out[out_len] = '\0';
	free(starts);
	return out;
}

char *path_canonical(const char *dir, const char *path)
{
	char resolved[PATH_MAX];
	char *joined = path_join(dir, path), *result;

	if (realpath(joined, resolved)) {
		free(joined);
		return xstrdup(resolved);
	}
	if (joined[0] != '/') {
		char *cwd = current_dir(), *absolute = path_join(cwd, joined);

		free(joined);
		free(cwd);
		joined = absolute;
	}
	result = path_normalize(joined);
	free(joined);
	return result;
}

char *current_dir(void)
{
	char dir[PATH_MAX];

	return xstrdup(getcwd(dir, sizeof(dir)) ? dir : ".");
}

char *installed_dir(const char *rel)
{
	char self[PATH_MAX], *dir;
	ssize_t len = readlink("/proc/self/exe", self, sizeof(self) - 1);
	char *slash;
	struct stat st;

	if (len <= 0)
		return NULL;
	self[len] = '\0';
	slash = strrchr(self, '/');
	if (!slash)
		return NULL;
	dir = xasprintf("%.*s/%s", (int)(slash - self), self, rel);
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		free(dir);
		return NULL;
	}
	return dir;
}

static int remove_entry(const char *path, const struct stat *st, int type,
			struct FTW *ftw)
{
	(void)st;
	(void)type;
	(void)ftw;
	remove(path);
	return 0;
}

void remove_tree(const char *dir)
{
	nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}
