/* The names findings are printed under.  The Clang engine reports a file
 * as its compile command spells it, relative to the command's directory;
 * the Coccinelle engine as the user spelled it.  Both must come out the
 * same, or the same finding would be two. */
#ifndef PTWALK_SOURCE_NAMES_H
#define PTWALK_SOURCE_NAMES_H

#include "util.h"

struct source_name;

struct source_names {
	struct source_name *v;	/* sorted by canonical name */
	size_t n;
	char *cwd;
};

/* FILES as the user gave them, CANONICAL their realpaths (inputs.h). */
void source_names_init(struct source_names *names, const struct strvec *files,
		       const struct strvec *canonical);

/*
 * The name to print for REPORTED, a file name relative to DIRECTORY: the
 * user's name for an input file, else the name relative to the current
 * directory when it is below it, else the absolute name.  The caller
 * frees it.
 */
char *source_name(const struct source_names *names, const char *directory,
		  const char *reported);

void source_names_free(struct source_names *names);

#endif
