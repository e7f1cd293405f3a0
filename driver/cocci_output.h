/* What one spatch run printed: findings on stdout, failures on stderr. */
#ifndef PTWALK_COCCI_OUTPUT_H
#define PTWALK_COCCI_OUTPUT_H

#include <stdbool.h>

#include "findings.h"
#include "jobs.h"

struct options;
struct cocci_rule;

/*
 * Whether JOB died in a way that one of its files may have caused: a
 * signal (spatch overflows its stack on some huge generated headers and
 * dies of SIGSEGV) or OCaml's Stack_overflow or Out_of_memory.  Such a
 * run is split until the file is found.
 */
bool spatch_crashed(const struct job *job);
/* How a crashed JOB died, for a message; the caller frees it. */
char *spatch_crash_reason(const struct job *job);

/*
 * The files of one run: as spatch was given them (and prints them), and
 * as the user named them, which is how findings are reported.
 */
struct run_files {
	char *const *given;
	char *const *user;
	size_t n;
};

/*
 * Turns the output of CR's finished run over FILES into FINDINGS.  A file spatch
 * gave up on (a timeout, an exception in a rule's script) is trouble
 * naming the file; a failed run is trouble naming the rule file, and
 * what it did report still stands.
 */
void collect_rule_output(const struct options *opts,
			 const struct cocci_rule *cr,
			 const struct run_files *files, const struct job *job,
			 struct finding_list *findings);

struct walker_list;
/*
 * The same for a run of cocci/model/walkers.cocci: each line it printed
 * is a walker (walkers.h), named as the user named its file.
 */
void collect_walker_output(const struct options *opts,
			   const struct cocci_rule *cr,
			   const struct run_files *files, const struct job *job,
			   struct walker_list *walkers);

#endif
