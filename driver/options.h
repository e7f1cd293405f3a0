/* Command-line options. */
#ifndef PTWALK_OPTIONS_H
#define PTWALK_OPTIONS_H

#include <stdbool.h>

#include "catalogue.h"

struct engine;
struct output_format;

struct options {
	const struct engine *engine;
	const struct output_format *format;
	bool rule_enabled[PTWALK_RULE_COUNT];
	unsigned int jobs;
	const char *cocci_dir;
	bool list_rules;
	char **paths;
	int npaths;
};

enum options_result {
	OPTIONS_RUN,		/* analyse opts->paths */
	OPTIONS_DONE,		/* --help or --version printed: exit 0 */
	OPTIONS_USAGE_ERROR,	/* message printed: exit 2 */
};

enum options_result options_parse(int argc, char **argv, struct options *opts);

#endif
