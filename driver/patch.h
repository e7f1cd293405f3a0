/*
 * Unified diffs, as pre-submission review gets them: `git format-patch`
 * mail, `git diff`, or plain `diff -u`.  The parser reads what each file
 * of the patch changes, and refuses what it cannot read with one reason,
 * rather than guess: a patch is review input, and a misread hunk would
 * put findings on the wrong lines.
 */
#ifndef PTWALK_PATCH_H
#define PTWALK_PATCH_H

#include <stdbool.h>
#include <stddef.h>

enum patch_line_kind {
	PATCH_CONTEXT = ' ',
	PATCH_ADDED = '+',
	PATCH_REMOVED = '-',
};

struct patch_line {
	enum patch_line_kind kind;
	char *text;		/* without the prefix, the newline or a CR */
	unsigned int patch_line;	/* its line in the patch, 1-based */
};

struct patch_hunk {
	unsigned int old_start, old_count;
	unsigned int new_start, new_count;
	size_t first;		/* index of its first line in file->lines */
	size_t nlines;
};

struct file_patch {
	char *old_path;		/* NULL when the patch creates the file */
	char *new_path;		/* NULL when it deletes the file */
	bool renamed;		/* git's "rename from/to", or "copy" */
	bool mode_only;		/* git's "old mode/new mode" and no text */
	struct patch_hunk *hunks;
	size_t nhunks;
	struct patch_line *lines;
	size_t nlines;
};

struct patch {
	struct file_patch *files;
	size_t nfiles;
};

/*
 * Parses the LEN bytes of TEXT.  On failure returns false with a reason
 * in ERR (one line, "line N: ..." where a line is to blame) and leaves
 * *OUT empty.  Fails on an empty patch, binary content or a binary
 * change, a hunk cut short or overlong, a hunk header that does not
 * parse, and lines that belong to no file.
 */
bool patch_parse(const char *text, size_t len, struct patch *out,
		 char *err, size_t errlen);
void patch_free(struct patch *patch);

#endif
