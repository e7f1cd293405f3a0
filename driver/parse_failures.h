/* Parse failures: code spatch cannot parse is code no rule looked at.
 * A function that uses the page-table API and that spatch could not parse
 * becomes a not-analysed finding, so a parse failure is never clean. */
#ifndef PTWALK_PARSE_FAILURES_H
#define PTWALK_PARSE_FAILURES_H

#include "findings.h"
#include "jobs.h"

/* Reads the output of a finished `spatch --parse-c FILES...` job. */
void collect_parse_failures(const struct job *job, const struct strvec *files,
			    struct finding_list *findings);

#endif
