#include "arch_facts.h"

#include <stddef.h>
#include <string.h>

#define PTWALK_ARCH(dir, bits, numa3, numa6, pte_tears, pmd_tears) \
	{ dir, numa3, numa6, pte_tears, pmd_tears },
static const struct arch_facts facts[] = {
#include "arch.def"
};
#undef PTWALK_ARCH

const struct arch_facts *arch_facts_find(const char *dir)
{
	for (size_t i = 0; i < sizeof(facts) / sizeof(facts[0]); i++)
		if (strcmp(facts[i].dir, dir) == 0)
			return &facts[i];
	return NULL;
}
