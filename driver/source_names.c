#include "source_names.h"

#include <stdlib.h>
#include <string.h>

#include "paths.h"

struct source_name {
	const char *canonical;
	const char *given;
};

static int compare_canonical(const void *pa, const void *pb)
{
	const struct source_name *a = pa, *b = pb;

	return strcmp(a->canonical, b->canonical);
}

void source_names_init(struct source_names *names, const struct strvec *files,
		       const struct strvec *canonical)
{
	names->n = files->n;
	names->v = xmalloc(files->n * sizeof(*names->v));
	for (size_t i = 0; i < files->n; i++) {
		names->v[i].canonical = canonical->v[i];
		names->v[i].given = files->v[i];
	}
	qsort(names->v, names->n, sizeof(*names->v), compare_canonical);
	names->cwd = current_dir();
}

char *source_name(const struct source_names *names, const char *directory,
		  const char *reported)
{
	struct source_name key = { path_canonical(directory, reported), NULL };
	const struct source_name *input =
		bsearch(&key, names->v, names->n, sizeof(*names->v),
			compare_canonical);
	char *joined, *absolute, *name;
	size_t cwd_len = strlen(names->cwd);

	free((char *)key.canonical);
	if (input)
		return xstrdup(input->given);
	/* Not an input (a header reached through an include): its name. */
	joined = path_join(directory, reported);
	absolute = path_join(names->cwd, joined);
	name = path_normalize(absolute);
	free(joined);
	free(absolute);
	if (strncmp(name, names->cwd, cwd_len) == 0 && name[cwd_len] == '/' &&
	    cwd_len > 1) {
		char *relative = xstrdup(name + cwd_len + 1);

		free(name);
		return relative;
	}
	return name;
}

void source_names_free(struct source_names *names)
{
	free(names->v);
	free(names->cwd);
	names->v = NULL;
	names->n = 0;
	names->cwd = NULL;
}
