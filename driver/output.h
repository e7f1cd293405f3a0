/* Output formats.  Each writes the sorted finding list to a stream. */
#ifndef PTWALK_OUTPUT_H
#define PTWALK_OUTPUT_H

#include <stdio.h>

#include "findings.h"

struct output_format {
	const char *name;
	/* NULL for a format that is planned but not written yet. */
	void (*write)(FILE *out, const struct finding_list *findings);
};

/* The format called NAME (implemented or planned), or NULL. */
const struct output_format *output_format_find(const char *name);

#endif
