/*
 * The functions of a C file in kernel style, from its text alone: a body
 * opens with "{" in column 0 and closes with "}" in column 0, and the
 * name stands before the first "(" of the last column-0 line with one
 * above the "{".  Patch mode asks which functions a patch touches; the
 * fingerprints ask which function a finding is in.  No parse: a file
 * spatch cannot parse still has its functions found.
 */
#ifndef PTWALK_FUNCTION_SPANS_H
#define PTWALK_FUNCTION_SPANS_H

#include <stddef.h>

struct function_span {
	char *name;		/* "" where no header line was found */
	unsigned int first;	/* the header line, 1-based */
	unsigned int last;	/* the closing "}" */
};

struct function_spans {
	struct function_span *v;
	size_t n;
};

/* The functions of the N lines LINES (each without its newline). */
void function_spans_find(const char *const *lines, size_t n,
			 struct function_spans *out);
void function_spans_free(struct function_spans *spans);

/* The span that contains LINE, or NULL. */
const struct function_span *function_spans_at(const struct function_spans *spans,
					      unsigned int line);

/* The identifier just before the first "(" of LINE, as a new string
 * ("" when none). */
char *function_name_of_header(const char *line);

#endif
