#include "kernel_version.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue.h"
#include "util.h"

/* A kernel's top Makefile sets these in its first lines. */
#define MAKEFILE_HEAD 4096

struct dir_version {
	char *dir;
	char *version;		/* NULL: not in a kernel tree */
};

struct tree_versions {
	struct dir_version *v;
	size_t n, cap;
};

static const char *lookup_dir(struct tree_versions *tv, const char *dir);

struct tree_versions *tree_versions_new(void)
{
	struct tree_versions *tv = xmalloc(sizeof(*tv));

	memset(tv, 0, sizeof(*tv));
	return tv;
}

void tree_versions_free(struct tree_versions *tv)
{
	if (!tv)
		return;
	for (size_t i = 0; i < tv->n; i++) {
		free(tv->v[i].dir);
		free(tv->v[i].version);
	}
	free(tv->v);
	free(tv);
}

/* The value of "NAME = value" at the start of a line of TEXT, or NULL. */
static char *make_variable(const char *text, const char *name)
{
	size_t len = strlen(name);

	for (const char *line = text; line && *line;) {
		const char *end = strchr(line, '\n');

		if (strncmp(line, name, len) == 0) {
			const char *p = line + len;

			p += strspn(p, " \t");
			if (*p == '=') {
				p++;
				p += strspn(p, " \t");
				return xstrndup(p, strcspn(p, " \t\r\n#"));
			}
		}
		line = end ? end + 1 : NULL;
	}
	return NULL;
}

/*
 * The version DIR/Makefile declares, when it is a kernel's top Makefile:
 * numeric VERSION and PATCHLEVEL that parse_kernel_version() accepts.
 */
static char *makefile_version(const char *dir)
{
	char *path = xasprintf("%s/Makefile", dir), *version = NULL;
	char head[MAKEFILE_HEAD + 1];
	char *major, *minor, *sub, *extra;
	FILE *f = fopen(path, "r");
	size_t len;
	int code;

	free(path);
	if (!f)
		return NULL;
	len = fread(head, 1, MAKEFILE_HEAD, f);
	fclose(f);
	head[len] = '\0';
	major = make_variable(head, "VERSION");
	minor = make_variable(head, "PATCHLEVEL");
	sub = make_variable(head, "SUBLEVEL");
	extra = make_variable(head, "EXTRAVERSION");
	if (major && minor && *major && *minor) {
		version = xasprintf("%s.%s%s%s%s", major, minor,
				    sub && *sub ? "." : "", sub ? sub : "",
				    extra ? extra : "");
		if (parse_kernel_version(version, &code) != 0) {
			free(version);
			version = NULL;
		}
	}
	free(major);
	free(minor);
	free(sub);
	free(extra);
	return version;
}

/* DIR's own version, else its parent's: the tree's top Makefile. */
static char *dir_version_uncached(struct tree_versions *tv, const char *dir)
{
	char *own = makefile_version(dir), *parent, *slash;
	const char *inherited = NULL;

	if (own)
		return own;
	parent = xstrdup(dir);
	slash = strrchr(parent, '/');
	if (slash && slash != parent) {
		*slash = '\0';
		inherited = lookup_dir(tv, parent);
	}
	free(parent);
	return inherited ? xstrdup(inherited) : NULL;
}

/*
 * Inputs come sorted by path, so the directory asked for is nearly always
 * the last one: that is checked first, then the rest.
 */
static const char *lookup_dir(struct tree_versions *tv, const char *dir)
{
	struct dir_version *d;
	char *version;

	for (size_t i = tv->n; i-- > 0;)
		if (strcmp(tv->v[i].dir, dir) == 0)
			return tv->v[i].version;
	version = dir_version_uncached(tv, dir);
	if (tv->n == tv->cap) {
		tv->cap = tv->cap ? 2 * tv->cap : 16;
		tv->v = xrealloc(tv->v, tv->cap * sizeof(*tv->v));
	}
	d = &tv->v[tv->n++];
	d->dir = xstrdup(dir);
	d->version = version;
	return version;
}

const char *tree_kernel_version(struct tree_versions *tv, const char *file)
{
	char *dir = xstrdup(file), *slash = strrchr(dir, '/');
	const char *version = NULL;

	if (slash && slash != dir) {
		*slash = '\0';
		version = lookup_dir(tv, dir);
	}
	free(dir);
	return version;
}

char *kernel_tree_top(const char *dir)
{
	char *top = xstrdup(dir);

	for (;;) {
		char *version = makefile_version(top), *slash;

		if (version) {
			free(version);
			return top;
		}
		slash = strrchr(top, '/');
		if (!slash || slash == top) {
			free(top);
			return NULL;
		}
		*slash = '\0';
	}
}
