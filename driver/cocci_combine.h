/*
 * One semantic patch for several rules, so that one spatch run parses a
 * file, runs the walker model over it once, and then every rule.
 *
 * Each rule file stays whole and alone for make coccicheck; the driver
 * composes the shared file at run time from the files it was given.
 */
#ifndef PTWALK_COCCI_COMBINE_H
#define PTWALK_COCCI_COMBINE_H

#include <stddef.h>

struct cocci_rule;

/*
 * The SmPL text that runs RULES[0..N) in one spatch run and reports what
 * each would report alone, or NULL when they cannot share one: *WHY then
 * says why (two copies of the model differ, a script is not OCaml, a rule
 * file has a shape the combiner does not know), and the caller runs them
 * one by one.  Both are the caller's to free.
 */
char *cocci_combine(const struct cocci_rule *const *rules, size_t n,
		    char **why);

#endif
