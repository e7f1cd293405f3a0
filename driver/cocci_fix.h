/*
 * --fix for the Coccinelle engine: the patch mode of its rules (the
 * `virtual patch` that `make coccicheck MODE=patch` runs), on the files
 * where a rule reported, read back as edits for fix_diff.h.
 */
#ifndef PTWALK_COCCI_FIX_H
#define PTWALK_COCCI_FIX_H

#include "findings.h"
#include "fix_diff.h"

struct options;

struct cocci_fixes {
	struct fix_source *v;	/* one per rule and file that spatch changed */
	size_t n;
};

/*
 * Runs, for each enabled rule with a patch mode, spatch -D patch on each
 * file where FINDINGS hold a Coccinelle finding of the rule, with the
 * kernel version the report run used; each file's diff becomes one fix.
 * A spatch that fails, or prints a diff that does not parse, is trouble.
 */
void cocci_fixes_collect(const struct options *opts,
			 const struct finding_list *findings,
			 struct cocci_fixes *out);
void cocci_fixes_free(struct cocci_fixes *fixes);

#endif
