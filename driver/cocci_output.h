/* What one spatch run printed: findings on stdout, failures on stderr. */
#ifndef PTWALK_COCCI_OUTPUT_H
#define PTWALK_COCCI_OUTPUT_H

#include <stdbool.h>

#include "findings.h"
#include "jobs.h"

struct options;
struct walker_list;

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

/* What a run applied: for messages, and where its output goes. */
struct spatch_script {
	const char *path;	/* the rule file trouble about the run names */
	const char *rules;	/* "rule numa-hint", "rules numa-hint, special" */
	unsigned int timeout;	/* its --timeout, for the message */
	/* Where the lines of cocci/model/walkers.cocci go (walkers.h), or
	 * NULL when it is not among the rules. */
	struct walker_list *walkers;
	/*
	 * NULL, or where the files go (as spatch was given them) that spatch
	 * gave up on, for a shared run: they run again rule by rule, so
	 * what the run said of them is dropped.
	 */
	struct strvec *retry;
};

/*
 * Turns the output of a finished run of SCRIPT over FILES into FINDINGS
 * (and walkers).  Without a retry list, a file spatch gave up on (a
 * timeout, an exception in a rule's script) is trouble naming the file,
 * and a failed run is trouble naming the rule file, what it did report
 * still standing.  With one, false for a failed run: nothing is taken
 * from it.
 */
bool collect_spatch_output(const struct options *opts,
			   const struct spatch_script *script,
			   const struct run_files *files, const struct job *job,
			   struct finding_list *findings);

#endif
