/*
 * The post-patch text of a file a patch touches, for patch mode: from the
 * file as the tree has it, whether or not the patch is applied there, or
 * from the patch alone for a file the patch creates.  The tree is never
 * written: the result is text in memory, which the caller puts in a
 * temporary copy for the engines.
 */
#ifndef PTWALK_PATCH_APPLY_H
#define PTWALK_PATCH_APPLY_H

#include <stdbool.h>
#include <stddef.h>

#include "patch.h"
#include "util.h"

enum patch_state {
	PATCH_STATE_UNAPPLIED,	/* the tree has the old text: applied here */
	PATCH_STATE_APPLIED,	/* the tree has the new text already */
	PATCH_STATE_NEW,	/* the patch creates the file */
	PATCH_STATE_HUNKS,	/* no tree: only what the hunks show */
};

/* Lines of the post-patch file, 1-based and inclusive. */
struct line_span {
	unsigned int first, last;
};

struct patch_place {
	unsigned int line;	/* in the post-patch file */
	unsigned int patch_line;
	bool added;
};

struct patched_file {
	enum patch_state state;
	char *text;		/* the post-patch file, lines ending in \n */
	size_t len;
	/* Each hunk's extent in the post-patch file (empty for a hunk that
	 * only deletes: first = last + 1 at the line after the deletion). */
	struct line_span *hunks;
	size_t nhunks;
	/* The post-patch lines the patch added, ascending. */
	unsigned int *added;
	size_t nadded;
	/* Where the patch removed lines without adding any in their place:
	 * the post-patch line that now follows the gap, ascending.  A deleted
	 * test leaves no added line, yet its function is touched. */
	unsigned int *removed_at;
	size_t nremoved_at;
	/* Each post-patch line the patch shows (context or added), ascending,
	 * with its line in the patch. */
	struct patch_place *places;
	size_t nplaces;
};

/*
 * Builds the post-patch text of FP from OLD (LEN bytes, the file as the
 * tree has it; NULL when the tree has no such file).  Each hunk must
 * stand at its header's line or, failing that, at the nearest offset; a
 * file where every hunk's new side stands is already patched.  A hunk
 * that stands on neither side fails, with a reason in ERR naming it.
 */
bool patch_apply_file(const struct file_patch *fp, const char *old,
		      size_t len, struct patched_file *out, char *err,
		      size_t errlen);

/*
 * With no tree to read FP's file from: the post-patch lines its hunks
 * show, each hunk's new side at its header's lines and blank lines
 * around, so that a function a hunk shows whole stands at its own
 * lines.  Fails, with ERR naming the hunk, when a hunk's new side starts
 * before the previous one ends.
 */
bool patch_hunks_text(const struct file_patch *fp, struct patched_file *out,
		      char *err, size_t errlen);
void patched_file_free(struct patched_file *pf);

/* Appends PF's post-patch lines to LINES, without their newlines. */
void patched_file_lines(const struct patched_file *pf, struct strvec *lines);

/* Where post-patch LINE of PF stands in the patch, or NULL. */
const struct patch_place *patched_file_place(const struct patched_file *pf,
					     unsigned int line);

#endif
