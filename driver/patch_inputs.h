/*
 * Patch inputs, for pre-submission review: each patch named on the
 * command line ("-" for standard input) becomes post-patch copies of the
 * C files it touches, in a temporary tree that the engines analyse like
 * any input; afterwards only the findings in the functions the patch
 * touches are kept, under the files' names in the kernel tree.
 */
#ifndef PTWALK_PATCH_INPUTS_H
#define PTWALK_PATCH_INPUTS_H

#include <stdbool.h>

#include "findings.h"
#include "util.h"

struct patch_inputs;

/* Whether ARG names a patch: "-", or a name ending in .patch or .diff. */
bool is_patch_arg(const char *arg);

struct patch_inputs *patch_inputs_new(void);

/*
 * Reads the patch ARG and adds a post-patch copy of each C file it
 * touches to FILES (CANONICAL: their realpaths).  The post-patch text
 * comes from the kernel tree around the current directory, whether or
 * not the patch is applied there, or from the patch alone for a file it
 * creates.  With no tree around, a file the patch changes is seen only
 * as the functions its hunks show whole.  A patch that cannot be read, parsed or applied is trouble
 * naming it; its other files are still added.
 */
void patch_inputs_add(struct patch_inputs *pi, const char *arg,
		      struct strvec *files, struct strvec *canonical);

/*
 * Keeps, of the findings in the copies, those in a function the patch
 * touches (a line of it added, or lines removed from it) or on a line it
 * added.  Other findings stay.  Adds a not-analysed finding where a
 * patch read with no tree changes page-table code it shows only in part.
 */
void patch_inputs_filter(const struct patch_inputs *pi,
			 struct finding_list *findings);

/*
 * The file of the kernel tree that INPUT, a post-patch copy, stands for
 * (absolute; it need not exist when the patch creates it), or NULL when
 * INPUT is no copy or there is no tree.  The Clang engine compiles a copy
 * with that file's command, so that it is built as the tree builds it.
 */
const char *patch_inputs_tree_file(const struct patch_inputs *pi,
				   const char *input);

/* Names the findings in the copies as the tree does (after the
 * fingerprints, which read the copies' lines). */
void patch_inputs_rename(const struct patch_inputs *pi,
			 struct finding_list *findings);

/* Removes the temporary tree. */
void patch_inputs_free(struct patch_inputs *pi);

#endif
