/*
 * What makes a file named on the command line unfit to be called C text,
 * checked before any engine runs, so that the user hears about it in one
 * line instead of a silent "clean": an empty file, binary content, bytes
 * that are not UTF-8 (the kernel's encoding; checkpatch rejects them too),
 * and braces that do not balance.  Files found by walking a directory get
 * only the binary check (prefilter.c), since real trees hold empty
 * headers.
 */
#ifndef PTWALK_SOURCE_CHECKS_H
#define PTWALK_SOURCE_CHECKS_H

#include <stdbool.h>
#include <stddef.h>

enum source_verdict {
	SOURCE_OK,
	SOURCE_SKIP,		/* trouble said; nothing to analyse */
	SOURCE_SUSPECT,		/* trouble said; still worth analysing */
};

/* Checks the LEN bytes of TEXT, the contents of PATH; says what is wrong
 * as trouble naming PATH. */
enum source_verdict check_named_source(const char *path, const char *text,
				       size_t len);

/* The offset of the first NUL byte in TEXT, or LEN when there is none. */
size_t first_nul(const char *text, size_t len);

#endif
