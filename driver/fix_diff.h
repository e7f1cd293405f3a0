/*
 * --fix: the engines' fixes of a run's findings as one unified diff that
 * `git apply` (and `patch -p1`) accepts, with a/ and b/ paths relative
 * to the current directory.
 */
#ifndef PTWALK_FIX_DIFF_H
#define PTWALK_FIX_DIFF_H

#include <stdio.h>

#include "findings.h"

/*
 * A fix of one engine: the edits it needs, which are made together or
 * not at all.  A finding's fix is one; the Coccinelle rules' patch mode
 * gives one per rule and file (cocci_fix.h), which fixes every finding
 * of that rule in that file.
 */
struct fix_source {
	const char *engine;
	const struct ptwalk_rule *rule;
	const char *file;		/* as the findings name it */
	unsigned int line;		/* where it is said to be, in messages */
	const struct ptwalk_fix *edits;
	size_t nedits;
};

/*
 * Writes the diff of every fix of FINDINGS and of EXTRA[0..NEXTRA) to
 * OUT, files in name order, and says on stderr how many findings it
 * fixes.  Fixes are compared by the lines they change: a change of the
 * same lines to the same text, by two findings or two engines, is made
 * once.  A fix that changes a line some fix taken before it changes
 * otherwise is left out whole, and stderr says which was kept: the Clang
 * engine's fixes are taken first (it compiled the code), then the
 * Coccinelle engine's, each in file and line order.  A file that cannot
 * be read, or lies outside the current directory, is trouble, and its
 * fixes are left out.  Returns 0, or -1 when OUT could not be written.
 */
int fix_diff_write(FILE *out, const struct finding_list *findings,
		   const struct fix_source *extra, size_t nextra);

#endif
