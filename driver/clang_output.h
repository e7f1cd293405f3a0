/* Reading what ptwalk-clang prints on stderr: clang's diagnostics, where
 * findings end in "[ptwalk-RULE]", notes give their related locations,
 * and an error means the unit was not analysed. */
#ifndef PTWALK_CLANG_OUTPUT_H
#define PTWALK_CLANG_OUTPUT_H

#include <stddef.h>

#include "findings.h"
#include "source_names.h"

struct options;

struct clang_output {
	size_t nfindings;	/* finding lines read, rules enabled or not */
	char *first_error;	/* the first error line, or NULL */
	char *bad_line;		/* the first finding the driver cannot take */
};

/*
 * Adds the findings in TEXT, ptwalk-clang's stderr for one unit compiled
 * in DIRECTORY, to FINDINGS under the names NAMES gives; a note becomes a
 * related location of the finding before it, and a "fix-it:" line
 * (--parseable-fixits) an edit of its fix.  Source lines, carets and
 * the fix-it hints that clang prints under a diagnostic are skipped.
 */
void read_clang_output(const char *text, const char *directory,
		       const struct source_names *names,
		       const struct options *opts,
		       struct finding_list *findings, struct clang_output *out);

void clang_output_free(struct clang_output *out);

#endif
