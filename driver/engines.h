/* The analysis engines the driver can run.  Each turns a list of source
 * files into findings and reports its own trouble. */
#ifndef PTWALK_ENGINES_H
#define PTWALK_ENGINES_H

#include "findings.h"
#include "util.h"

struct options;

struct engine {
	const char *name;	/* as in rules.def's engines column */
	/* NULL for an engine that is planned but not built yet. */
	void (*run)(const struct options *opts, const struct strvec *files,
		    struct finding_list *findings);
};

/* The engine called NAME (built or planned), or NULL. */
const struct engine *engine_find(const char *name);

void cocci_engine_run(const struct options *opts, const struct strvec *files,
		      struct finding_list *findings);

#endif
