/*
 * The prefilter: which rules can match a file at all, from the
 * identifiers it contains.  spatch's --use-idutils idea without an index:
 * one fast scan of each file, before any spatch starts.
 *
 * A rule states what it needs in its "// Prefilter:" header lines.  Each
 * line lists words of which the file must contain at least one, as whole
 * identifiers; all of a rule's lines must hold.  A word that names an
 * api.def role stands for every name with that role in any kernel
 * version; any other word is an identifier (VM_BUG_ON is a macro, not a
 * role).  A rule without such lines needs nothing and sees every file.
 */
#ifndef PTWALK_PREFILTER_H
#define PTWALK_PREFILTER_H

#include <stdbool.h>
#include <stddef.h>

struct prefilter;

struct prefilter *prefilter_new(size_t nrules);
void prefilter_free(struct prefilter *pf);

/* Adds one "// Prefilter:" line (WORDS, separated by blanks) to RULE. */
void prefilter_add_line(struct prefilter *pf, size_t rule, const char *words);

/*
 * Scans PATH and sets WANTED[r] for each rule r that can match it.  A
 * file that cannot be read is wanted by every rule, so that the engine
 * reports it; a binary one (NUL bytes) by none, and is trouble.
 */
void prefilter_scan(const struct prefilter *pf, const char *path, bool *wanted);

#endif
