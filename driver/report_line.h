/*
 * The one reader of ptwalk's text format,
 * "FILE:LINE:COL: SEVERITY: MESSAGE [ptwalk-RULE]": the driver reads the
 * rules' output with it, and the test tools read ptwalk's.
 */
#ifndef PTWALK_REPORT_LINE_H
#define PTWALK_REPORT_LINE_H

#include <stdbool.h>

struct report_line {
	char *file;
	unsigned int line;
	unsigned int col;
	char *severity;
	char *message;
	char *rule;	/* NULL for a compiler diagnostic */
};

/*
 * Parses TEXT (without its newline).  FILE may hold colons, so the
 * location is the first ":N:N: severity: " in the line.  Returns false,
 * allocating nothing, when the line has another shape.
 */
bool parse_report_line(const char *text, struct report_line *out);

/*
 * Parses any compiler diagnostic with a location,
 * "FILE:LINE:COL: SEVERITY: MESSAGE", where SEVERITY may be two words
 * ("fatal error").  RULE is set when the message ends in the ptwalk tag
 * (a finding) and NULL otherwise (a note, a compiler error).
 */
bool parse_diagnostic_line(const char *text, struct report_line *out);
void free_report_line(struct report_line *r);

#endif
