/*
 * ptwalk: a static checker for lockless page-table walkers.
 *
 * Collects the inputs, runs the selected engines, then prints the sorted,
 * merged findings.  Exit status: 0 clean (nothing printed but a note
 * on .c files the Clang engine had no command for), 1 findings, 2 trouble
 * or code that could not be analysed.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue.h"
#include "diag.h"
#include "engines.h"
#include "findings.h"
#include "fingerprint.h"
#include "inputs.h"
#include "options.h"
#include "output.h"

static void list_rules(void)
{
	printf("%-16s %-8s %-4s %-12s %s\n", "ID", "SEVERITY", "PRIO",
	       "ENGINES", "SUMMARY");
	for (size_t i = 0; i < PTWALK_RULE_COUNT; i++) {
		const struct ptwalk_rule *r = &ptwalk_rules[i];

		printf("%-16s %-8s %-4s %-12s %s\n", r->name,
		       severity_name(r->severity), priority_name(r->priority),
		       r->engines, r->summary);
	}
	printf("%-16s %-8s %-4s %-12s %s (always on)\n",
	       ptwalk_not_analysed_rule.name,
	       severity_name(ptwalk_not_analysed_rule.severity),
	       priority_name(ptwalk_not_analysed_rule.priority),
	       ptwalk_not_analysed_rule.engines,
	       ptwalk_not_analysed_rule.summary);
}

int main(int argc, char **argv)
{
	struct options opts;
	struct engines engines;
	struct strvec files = { 0 }, canonical = { 0 };
	struct finding_list findings = { 0 };
	struct report report = { 0 };
	size_t not_analysed;
	int status;

	switch (options_parse(argc, argv, &opts)) {
	case OPTIONS_DONE:
		return 0;
	case OPTIONS_USAGE_ERROR:
		return 2;
	case OPTIONS_RUN:
		break;
	}
	if (opts.list_rules) {
		list_rules();
		return 0;
	}

	/* An engine that cannot run at all is a setup error: run nothing. */
	if (!engines_open(&engines, &opts))
		return 2;
	collect_inputs(opts.paths, opts.npaths, &files, &canonical);
	engines_run(&engines, &files, &canonical, &findings);
	engines_close(&engines);
	findings_sort_unique(&findings);
	findings_fingerprint(&findings);

	not_analysed = findings_count_rule(&findings, &ptwalk_not_analysed_rule);
	report.findings = &findings;
	report.opts = &opts;
	report.complete = !trouble_count() && !not_analysed;
	report.trouble = trouble_entries(&report.ntrouble);
	if (opts.format->write(stdout, &report) != 0 || fflush(stdout) != 0)
		trouble("standard output", "write error: %s", strerror(errno));

	/*
	 * The summary closes any report; an error that left nothing to
	 * analyse (a mistyped path) is its own one-line report.
	 */
	if (findings.n || (trouble_count() && files.n))
		fprintf(stderr, "ptwalk: %zu findings in %zu files (%zu functions not analysed)\n",
			findings.n, findings_file_count(&findings), not_analysed);

	/* Unparsed code is never clean: it is reported like trouble. */
	if (trouble_count() || not_analysed)
		status = 2;
	else
		status = findings.n ? 1 : 0;

	findings_free(&findings);
	strvec_free(&files);
	strvec_free(&canonical);
	return status;
}
