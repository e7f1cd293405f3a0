/* Merging the two engines' findings into one report. */
#ifndef PTWALK_MERGE_H
#define PTWALK_MERGE_H

#include "findings.h"
#include "util.h"

/*
 * Where both engines report a rule on the same line of the same file, one
 * finding remains, the Clang engine's: it has the exact types and the
 * related locations.  For torn-read the Clang engine is the authority (it
 * knows the entry sizes of the configuration it compiled, DESIGN.md), so
 * the Coccinelle engine's torn-read findings are dropped in every file in
 * CLANG_ANALYSED, the input names the Clang engine analysed without
 * trouble.  Everything else is the union of both.
 */
void merge_engine_findings(struct finding_list *findings,
			   const struct strvec *clang_analysed);

#endif
