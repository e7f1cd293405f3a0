/* Output formats.  Each writes one run's report to a stream: text for
 * people and logs (output.c), JSON (output_json.c) and SARIF 2.1.0
 * (output_sarif.c) for machines. */
#ifndef PTWALK_OUTPUT_H
#define PTWALK_OUTPUT_H

#include <stdbool.h>
#include <stdio.h>

#include "diag.h"
#include "findings.h"

struct options;

/* What a run found, in the order every format keeps. */
struct report {
	const struct finding_list *findings;	/* sorted, fingerprinted */
	const struct trouble_entry *trouble;	/* sorted */
	size_t ntrouble;
	const struct options *opts;
	/* The analysis covered every input: no trouble, nothing left
	 * unparsed. */
	bool complete;
};

struct output_format {
	const char *name;
	/* Returns 0, or -1 when the stream could not take the report. */
	int (*write)(FILE *out, const struct report *report);
};

/* The format called NAME, or NULL. */
const struct output_format *output_format_find(const char *name);

int write_json(FILE *out, const struct report *report);
int write_sarif(FILE *out, const struct report *report);

#endif
