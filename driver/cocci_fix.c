/*
 * The Coccinelle engine's fixes.  The report run is left as it is (its
 * batches, prefilter and parse cache serve every rule); only the few
 * files with findings of a rule that has a patch mode are run again, one
 * spatch per rule and file, so that each diff is one file's.
 */
#include "cocci_fix.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cocci_rules.h"
#include "diag.h"
#include "jobs.h"
#include "kernel_version.h"
#include "options.h"
#include "patch.h"
#include "paths.h"

#define MACRO_FILE_NAME "ptwalk-macros.h"

/* A rule's files: those with a finding the Coccinelle engine made. */
static void rule_files(const struct finding_list *findings,
		       const struct ptwalk_rule *rule, struct strvec *files)
{
	for (size_t i = 0; i < findings->n; i++) {
		const struct ptwalk_finding *f = &findings->v[i];
		bool cocci = strcmp(f->engine, "cocci") == 0 ||
			     (f->also_engine && strcmp(f->also_engine, "cocci") == 0);

		if (f->rule != rule || !cocci)
			continue;
		/* Sorted findings: a file's come together. */
		if (files->n && strcmp(files->v[files->n - 1], f->loc.file) == 0)
			continue;
		strvec_push(files, f->loc.file);
	}
}

static void add_edit(struct fix_source *fix, const char *file,
		     unsigned int line, unsigned int removed, const char *text)
{
	struct ptwalk_fix *edits = (struct ptwalk_fix *)fix->edits;
	struct ptwalk_fix *e;

	edits = xrealloc(edits, (fix->nedits + 1) * sizeof(*edits));
	e = &edits[fix->nedits++];
	e->begin = (struct ptwalk_location){ xstrdup(file), line, 1 };
	e->end = (struct ptwalk_location){ xstrdup(file), line + removed, 1 };
	e->replacement = xstrdup(text);
	fix->edits = edits;
}

/*
 * The edits of one file's diff: each run of removed and added lines of a
 * hunk replaces the removed lines, whole, with the added ones.
 */
static void diff_edits(const struct file_patch *fp, const char *file,
		       struct fix_source *fix)
{
	for (size_t h = 0; h < fp->nhunks; h++) {
		const struct patch_hunk *hunk = &fp->hunks[h];
		unsigned int line = hunk->old_start;

		for (size_t i = hunk->first; i < hunk->first + hunk->nlines;) {
			unsigned int removed = 0, start = line;
			struct buf text = { 0 };

			if (fp->lines[i].kind == PATCH_CONTEXT) {
				line++;
				i++;
				continue;
			}
			buf_append(&text, "", 0);
			for (; i < hunk->first + hunk->nlines &&
			       fp->lines[i].kind != PATCH_CONTEXT; i++) {
				if (fp->lines[i].kind == PATCH_REMOVED) {
					removed++;
					line++;
				} else {
					buf_append(&text, fp->lines[i].text,
						   strlen(fp->lines[i].text));
					buf_append(&text, "\n", 1);
				}
			}
			add_edit(fix, file, start, removed, text.data);
			buf_free(&text);
		}
	}
}

/* Reads JOB's diff of FILE into a fix of RULE, or says why it cannot. */
static void read_fix(const struct job *job, const struct ptwalk_rule *rule,
		     const char *file, struct cocci_fixes *out)
{
	struct fix_source fix = { "cocci", rule, NULL, 0, NULL, 0 };
	struct patch patch;
	char *failure = job_failure(job), err[256];

	if (failure) {
		trouble(file, "spatch failed in the patch mode of %s: %s",
			rule->name, failure);
		free(failure);
		return;
	}
	if (job->out.len == 0)
		return;
	if (!patch_parse(job->out.data, job->out.len, &patch, err, sizeof(err))) {
		trouble(file, "the patch mode of %s printed a diff that does not parse: %s",
			rule->name, err);
		return;
	}
	for (size_t i = 0; i < patch.nfiles; i++)
		diff_edits(&patch.files[i], file, &fix);
	patch_free(&patch);
	if (!fix.nedits)
		return;
	fix.file = xstrdup(file);
	fix.line = fix.edits[0].begin.line;
	out->v = xrealloc(out->v, (out->n + 1) * sizeof(*out->v));
	out->v[out->n++] = fix;
}

struct pending {
	const struct ptwalk_rule *rule;
	char *file;
};

void cocci_fixes_collect(const struct options *opts,
			 const struct finding_list *findings,
			 struct cocci_fixes *out)
{
	const char *spatch_name = getenv("SPATCH");
	struct tree_versions *tv;
	struct job_list jobs = { 0 };
	struct pending *pending = NULL;
	char *spatch, *macro_file, *cwd;

	memset(out, 0, sizeof(*out));
	if (!(opts->engines & ENGINE_COCCI))
		return;
	/* A missing spatch was the report run's trouble already. */
	spatch = find_program(spatch_name && *spatch_name ? spatch_name : "spatch");
	if (!spatch)
		return;
	macro_file = xasprintf("%s/%s", opts->cocci_dir, MACRO_FILE_NAME);
	tv = tree_versions_new();
	cwd = current_dir();
	for (size_t r = 0; r < PTWALK_RULE_COUNT; r++) {
		const struct ptwalk_rule *rule = &ptwalk_rules[r];
		struct strvec files = { 0 };
		struct cocci_rule cr;

		if (!opts->rule_enabled[r] || !rule_has_engine(rule, "cocci"))
			continue;
		rule_files(findings, rule, &files);
		if (!files.n || !cocci_rule_load(opts->cocci_dir, rule, 0, NULL, &cr)) {
			strvec_free(&files);
			continue;
		}
		for (size_t i = 0; i < files.n && cr.patch_mode; i++) {
			struct job *job = job_list_add(&jobs);
			char *canonical = path_canonical(cwd, files.v[i]);
			const char *version = opts->kernel_version ?
				opts->kernel_version : tree_kernel_version(tv, canonical);

			strvec_push(&job->argv, spatch);
			strvec_push(&job->argv, "-D");
			strvec_push(&job->argv, "patch");
			if (version) {
				strvec_push(&job->argv, "-D");
				strvec_push_owned(&job->argv, xasprintf("kernel_version=%s", version));
			}
			strvec_push(&job->argv, "--very-quiet");
			if (opts->timeout) {
				strvec_push(&job->argv, "--timeout");
				strvec_push_owned(&job->argv, xasprintf("%u", opts->timeout));
			}
			strvec_push(&job->argv, "--sp-file");
			strvec_push(&job->argv, cr.path);
			for (size_t k = 0; k < cr.options.n; k++)
				strvec_push(&job->argv, cr.options.v[k]);
			if (access(macro_file, R_OK) == 0) {
				strvec_push(&job->argv, "--macro-file");
				strvec_push(&job->argv, macro_file);
			}
			/* A name like -x.c would be read as an option. */
			strvec_push_owned(&job->argv, files.v[i][0] == '-' ?
					  xasprintf("./%s", files.v[i]) :
					  xstrdup(files.v[i]));
			pending = xrealloc(pending, jobs.n * sizeof(*pending));
			pending[jobs.n - 1] = (struct pending){ rule, xstrdup(files.v[i]) };
			free(canonical);
		}
		cocci_rule_free(&cr);
		strvec_free(&files);
	}
	run_jobs(jobs.v, jobs.n, opts->jobs);
	for (size_t i = 0; i < jobs.n; i++) {
		read_fix(&jobs.v[i], pending[i].rule, pending[i].file, out);
		free(pending[i].file);
	}
	free(pending);
	job_list_free(&jobs);
	tree_versions_free(tv);
	free(cwd);
	free(macro_file);
	free(spatch);
}

void cocci_fixes_free(struct cocci_fixes *fixes)
{
	for (size_t i = 0; i < fixes->n; i++) {
		struct ptwalk_fix *edits = (struct ptwalk_fix *)fixes->v[i].edits;

		for (size_t k = 0; k < fixes->v[i].nedits; k++) {
			free(edits[k].begin.file);
			free(edits[k].end.file);
			free(edits[k].replacement);
		}
		free(edits);
		free((char *)fixes->v[i].file);
	}
	free(fixes->v);
}
