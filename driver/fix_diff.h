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
 * Writes the diff of every fix in FINDINGS to OUT, files in name order,
 * and says on stderr how many findings it fixes.  Equal edits of two
 * findings or two engines are made once.  A fix that overlaps one taken
 * before it is left out whole, and stderr says which was kept: the
 * Clang engine's fixes are taken first (it compiled the code), then the
 * Coccinelle engine's, each in file and line order.  A file that cannot
 * be read, or lies outside the current directory, is trouble, and its
 * fixes are left out.  Returns 0, or -1 when OUT could not be written.
 */
int fix_diff_write(FILE *out, const struct finding_list *findings);

#endif
