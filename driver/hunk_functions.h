/*
 * Patch mode outside a kernel tree: of the text a patch's hunks show
 * (patch_hunks_text()), only the functions one hunk shows whole can be
 * analysed; the rest is a fragment no parser should be given, and a
 * change to page-table code in it is reported as not analysed, never
 * passed as clean.
 */
#ifndef PTWALK_HUNK_FUNCTIONS_H
#define PTWALK_HUNK_FUNCTIONS_H

#include <stddef.h>

#include "patch_apply.h"

/*
 * PF's text with every line outside a function that one hunk shows whole
 * left blank, so that the line numbers stay (*LEN bytes; the caller
 * frees it).  *UNSHOWN gets, for each hunk that changes page-table code
 * outside such functions, the first line it changes there (ascending;
 * the caller frees it).
 */
char *whole_functions_text(const struct patched_file *pf, size_t *len,
			   unsigned int **unshown, size_t *nunshown);

#endif
