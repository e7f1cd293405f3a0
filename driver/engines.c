#include "engines.h"

#include <string.h>

static const struct engine engines[] = {
	{ "cocci", cocci_engine_run },
	/* The Clang plugin and tool (checker/, DESIGN.md section 2). */
	{ "clang", NULL },
};

const struct engine *engine_find(const char *name)
{
	for (size_t i = 0; i < sizeof(engines) / sizeof(engines[0]); i++)
		if (strcmp(engines[i].name, name) == 0)
			return &engines[i];
	return NULL;
}
