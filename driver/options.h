/* Command-line options. */
#ifndef PTWALK_OPTIONS_H
#define PTWALK_OPTIONS_H

#include <stdbool.h>

#include "catalogue.h"

struct output_format;

/* One per format: a second --json-output replaces the first. */
#define OUTPUT_FILES_MAX 3

/* The engines a run uses: a set, as --engine=all runs both. */
enum engine_set {
	ENGINE_COCCI = 1 << 0,
	ENGINE_CLANG = 1 << 1,
};

struct options {
	unsigned int engines;		/* ENGINE_* bits */
	const struct output_format *format;
	/* --text-output=FILE and its kin: the same report, also written
	 * to FILE in that format (a log on stdout, SARIF to upload). */
	struct {
		const struct output_format *format;
		const char *path;
	} file_outputs[OUTPUT_FILES_MAX];
	size_t nfile_outputs;
	bool rule_enabled[PTWALK_RULE_COUNT];
	unsigned int jobs;
	const char *cocci_dir;
	/* The rule docs (rules/docs/<id>.md), for SARIF's help texts. */
	const char *doc_dir;
	/* The Clang engine's compile commands: -p DIR, or flags after --. */
	const char *compile_db_dir;
	bool have_compile_flags;
	char **compile_flags;
	int ncompile_flags;
	/* --kernel-version=X.Y as given, else NULL: the tree decides. */
	const char *kernel_version;
	/* spatch's --timeout per file and rule, in seconds; 0 for none. */
	unsigned int timeout;
	/* Whether a Coccinelle rule runs only on the files that name what
	 * its "// Prefilter:" lines need (prefilter.h). */
	bool prefilter;
	bool stats;		/* --stats */
	/* --terse: patch mode's findings as one line each, not quoted as
	 * checkpatch does. */
	bool terse;
	/* --fix: standard output is the unified diff of the findings'
	 * mechanical fixes (fix_diff.h), not the report. */
	bool fix;
	const char *baseline;		/* --baseline FILE, else NULL */
	const char *write_baseline;	/* --write-baseline FILE, else NULL */
	/* --fail-on: the least severe finding that makes the exit status 1;
	 * FAIL_ON_NONE: findings never do (trouble still gives 2). */
	int fail_on;
	bool list_rules;
	bool print_shared_smpl;	/* --print-shared-smpl */
	/* --audit: the arch port audit of the tree in paths[0] (audit.h),
	 * printed as text, markdown or html (--format). */
	bool audit;
	const char *audit_format;
	/* The audit's -p builds, one column group each (compile_db_dir
	 * stays NULL: the audit runs the Clang engine per build). */
	const char **builds;
	size_t nbuilds;
	/* Where the audit's pages link the rule docs: --doc-base, else
	 * doc_dir. */
	const char *doc_base;
	char **paths;
	int npaths;
};

/* --fail-on=none: above every severity. */
#define FAIL_ON_NONE (PTWALK_SEVERITY_error + 1)

enum options_result {
	OPTIONS_RUN,		/* analyse opts->paths */
	OPTIONS_DONE,		/* --help or --version printed: exit 0 */
	OPTIONS_USAGE_ERROR,	/* message printed: exit 2 */
};

enum options_result options_parse(int argc, char **argv, struct options *opts);

/* Whether RULE is enabled and implemented by the Clang engine. */
bool clang_rule_selected(const struct options *opts, size_t rule);

#endif
