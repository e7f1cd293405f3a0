/* The Coccinelle rule files of a run and what their kernel-style headers
 * tell the driver: "// Options:" (spatch options the rule needs, the
 * coccicheck convention) and "// Prefilter:" (prefilter.h). */
#ifndef PTWALK_COCCI_RULES_H
#define PTWALK_COCCI_RULES_H

#include "catalogue.h"
#include "util.h"

struct prefilter;

struct cocci_rule {
	const struct ptwalk_rule *rule;
	char *path;		/* DIR/<name>.cocci */
	struct strvec options;	/* from its "// Options:" line */
	/* It declares "virtual patch": spatch -D patch rewrites what the
	 * rule reports, as make coccicheck MODE=patch runs it (--fix). */
	bool patch_mode;
};

/*
 * Reads the header of RULE's file in DIR into *CR, and its "// Prefilter:"
 * lines into PF as rule INDEX.  False after trouble naming the file.
 */
bool cocci_rule_load(const char *dir, const struct ptwalk_rule *rule,
		     size_t index, struct prefilter *pf, struct cocci_rule *cr);
/* The same for a script that is not a rule's file, at PATH (copied). */
bool cocci_script_load(const char *path, const struct ptwalk_rule *rule,
		       size_t index, struct prefilter *pf,
		       struct cocci_rule *cr);
void cocci_rule_free(struct cocci_rule *cr);

#endif
