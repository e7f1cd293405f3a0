/* rules/arch.def compiled in: per architecture directory, NUMA balancing
 * by era and whether an entry can be wider than an atomic load.  The
 * audit takes its "not applicable" cells from it, as the Coccinelle
 * rules take their silence. */
#ifndef PTWALK_ARCH_FACTS_H
#define PTWALK_ARCH_FACTS_H

#include <stdbool.h>

struct arch_facts {
	const char *dir;	/* under arch/ */
	bool numa3;		/* NUMA balancing in the pte_numa era (3.x) */
	bool numa6;		/* ... in the pte_protnone era (4.0 on) */
	bool pte_tears;		/* some configuration's pte can tear */
	bool pmd_tears;
};

/* The facts of arch/DIR, or NULL for a directory arch.def does not know. */
const struct arch_facts *arch_facts_find(const char *dir);

#endif
