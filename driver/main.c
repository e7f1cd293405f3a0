/*
 * ptwalk: a static checker for lockless page-table walkers.
 *
 * A pipeline: collects the inputs (files, directories, patches), runs
 * the selected engines, merges their findings into one sorted,
 * fingerprinted list, applies a baseline, then prints the list in the
 * chosen formats.  Exit status: 0 clean
 * (nothing printed but a note on .c files the Clang engine had no command
 * for), 1 findings, 2 trouble or code that could not be analysed.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "baseline.h"
#include "catalogue.h"
#include "cocci_fix.h"
#include "diag.h"
#include "engines.h"
#include "findings.h"
#include "fingerprint.h"
#include "cocci_combine.h"
#include "cocci_rules.h"
#include "fix_diff.h"
#include "inputs.h"
#include "options.h"
#include "output.h"
#include "patch_inputs.h"

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

/* --print-shared-smpl: the semantic patch the Coccinelle engine runs. */
static int print_shared_smpl(const struct options *opts)
{
	struct cocci_rule *rules = xmalloc(PTWALK_RULE_COUNT * sizeof(*rules));
	const struct cocci_rule **set = xmalloc(PTWALK_RULE_COUNT * sizeof(*set));
	size_t n = 0;
	char *text = NULL, *why = NULL;
	bool loaded = true;

	for (size_t i = 0; i < PTWALK_RULE_COUNT; i++) {
		if (!opts->rule_enabled[i] ||
		    !rule_has_engine(&ptwalk_rules[i], "cocci"))
			continue;
		if (!cocci_rule_load(opts->cocci_dir, &ptwalk_rules[i], n, NULL,
				     &rules[n])) {
			loaded = false;
			continue;
		}
		set[n] = &rules[n];
		n++;
	}
	if (loaded && n)
		text = cocci_combine(set, n, &why);
	if (text)
		fputs(text, stdout);
	else if (loaded)
		fprintf(stderr, "ptwalk: %s\n",
			why ? why : "none of the selected rules has a Coccinelle implementation");
	for (size_t i = 0; i < n; i++)
		cocci_rule_free(&rules[i]);
	free(rules);
	free(set);
	free(why);
	free(text);
	return text ? 0 : 2;
}


/*
 * --baseline and --write-baseline, between the merge and the output;
 * says on stderr what the baseline did.
 */
static void apply_baseline(const struct options *opts,
			   struct finding_list *findings)
{
	struct baseline *base;
	size_t suppressed, stale;

	if (opts->write_baseline && baseline_write(opts->write_baseline, findings))
		fprintf(stderr, "ptwalk: baseline %s: %zu findings recorded\n",
			opts->write_baseline, findings->n);
	if (!opts->baseline || !(base = baseline_read(opts->baseline)))
		return;
	baseline_filter(base, findings, &suppressed, &stale);
	baseline_free(base);
	fprintf(stderr, "ptwalk: baseline %s: %zu findings suppressed, %zu entries stale\n",
		opts->baseline, suppressed, stale);
}

/*
 * The --FORMAT-output files are opened before the analysis, so that a
 * CI stage with a mistyped path fails at once, not after the tree.
 */
static bool open_file_outputs(const struct options *opts, FILE **streams)
{
	for (size_t i = 0; i < opts->nfile_outputs; i++) {
		streams[i] = fopen(opts->file_outputs[i].path, "w");
		if (!streams[i]) {
			fprintf(stderr, "ptwalk: %s: cannot write the %s report: %s\n",
				opts->file_outputs[i].path,
				opts->file_outputs[i].format->name, strerror(errno));
			while (i--)
				fclose(streams[i]);
			return false;
		}
	}
	return true;
}

/* Writes REPORT to STREAM (named PATH); a failure is trouble. */
static void write_report(const struct output_format *format, FILE *stream,
			 const char *path, const struct report *report)
{
	if (format->write(stream, report) != 0 || fflush(stream) != 0)
		trouble(path, "write error: %s", strerror(errno));
}

/*
 * Files and directories as they are; each patch as post-patch copies of
 * the files it touches (patch_inputs.h).
 */
static struct patch_inputs *collect_all_inputs(const struct options *opts,
					       struct strvec *files,
					       struct strvec *canonical)
{
	struct patch_inputs *patches = patch_inputs_new();
	char **paths = xmalloc(((size_t)opts->npaths + 1) * sizeof(*paths));
	int npaths = 0;

	for (int i = 0; i < opts->npaths; i++)
		if (!is_patch_arg(opts->paths[i]))
			paths[npaths++] = opts->paths[i];
	collect_inputs(paths, npaths, files, canonical);
	for (int i = 0; i < opts->npaths; i++)
		if (is_patch_arg(opts->paths[i]))
			patch_inputs_add(patches, opts->paths[i], files, canonical);
	free(paths);
	return patches;
}

/* 2 for trouble or unparsed code, which is never clean; 1 for a finding
 * at --fail-on or above; else 0.  A run that writes a baseline has
 * recorded its findings, unparsed functions included, not failed on
 * them. */
static int exit_status(const struct options *opts,
		       const struct finding_list *findings)
{
	if (trouble_count())
		return 2;
	if (opts->write_baseline)
		return 0;
	if (findings_count_rule(findings, &ptwalk_not_analysed_rule))
		return 2;
	for (size_t i = 0; i < findings->n; i++)
		if ((int)findings->v[i].severity >= opts->fail_on)
			return 1;
	return 0;
}

int main(int argc, char **argv)
{
	struct options opts;
	struct engines engines;
	struct strvec files = { 0 }, canonical = { 0 };
	struct finding_list findings = { 0 };
	struct report report = { 0 };
	FILE *file_outputs[OUTPUT_FILES_MAX];
	struct patch_inputs *patches;
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
	if (opts.print_shared_smpl)
		return print_shared_smpl(&opts);
	/* The arch port audit is a pipeline of its own (audit.h). */
	if (opts.audit)
		return audit_main(&opts);

	/* A patch's findings are on copies of its files: nothing to fix. */
	for (int i = 0; opts.fix && i < opts.npaths; i++) {
		if (is_patch_arg(opts.paths[i])) {
			fprintf(stderr, "ptwalk: --fix: %s is a patch; --fix takes files and directories (try --help)\n",
				opts.paths[i]);
			return 2;
		}
	}

	/* Inputs, then the engines. */
	if (!open_file_outputs(&opts, file_outputs))
		return 2;
	if (!engines_open(&engines, &opts))
		return 2;
	patches = collect_all_inputs(&opts, &files, &canonical);
	engines.patches = patches;
	engines_run(&engines, &files, &canonical, &findings);
	engines_close(&engines);

	/* Merge: one sorted list, each finding fingerprinted, named as the
	 * user knows the file. */
	patch_inputs_filter(patches, &findings);
	findings_sort_unique(&findings);
	findings_fingerprint(&findings);
	patch_inputs_rename(patches, &findings);
	findings_sort_unique(&findings);
	/* Whether the analysis covered everything, baselined or not. */
	report.complete = !trouble_count() &&
		!findings_count_rule(&findings, &ptwalk_not_analysed_rule);
	apply_baseline(&opts, &findings);

	/* Output. */
	report.findings = &findings;
	report.opts = &opts;
	report.trouble = trouble_entries(&report.ntrouble);
	if (opts.fix) {
		struct cocci_fixes cocci;

		cocci_fixes_collect(&opts, &findings, &cocci);
		if (fix_diff_write(stdout, &findings, cocci.v, cocci.n) != 0)
			trouble("standard output", "write error: %s",
				strerror(errno));
		cocci_fixes_free(&cocci);
	} else {
		write_report(opts.format, stdout, "standard output", &report);
	}
	for (size_t i = 0; i < opts.nfile_outputs; i++) {
		write_report(opts.file_outputs[i].format, file_outputs[i],
			     opts.file_outputs[i].path, &report);
		if (fclose(file_outputs[i]) != 0)
			trouble(opts.file_outputs[i].path, "write error: %s",
				strerror(errno));
	}
	/*
	 * The summary closes any report; an error that left nothing to
	 * analyse (a mistyped path) is its own one-line report.
	 */
	if (findings.n || (trouble_count() && files.n))
		fprintf(stderr, "ptwalk: %zu findings in %zu files (%zu functions not analysed)\n",
			findings.n, findings_file_count(&findings),
			findings_count_rule(&findings, &ptwalk_not_analysed_rule));
	status = exit_status(&opts, &findings);

	findings_free(&findings);
	patch_inputs_free(patches);
	strvec_free(&files);
	strvec_free(&canonical);
	return status;
}
