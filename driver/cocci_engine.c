/*
 * The Coccinelle engine: one spatch run per enabled rule over all files
 * of one kernel version (passed to the rules as -D kernel_version=),
 * plus cheap `spatch --parse-c` runs whose parse errors become
 * not-analysed findings (parse_failures.c).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "engines.h"
#include "options.h"
#include "parse_failures.h"
#include "jobs.h"
#include "kernel_version.h"
#include "report_line.h"

#define MACRO_FILE_NAME "ptwalk-macros.h"
#define PARSE_BATCH 64

/*
 * Writes FILES to a --file-groups list, one group per file.  Files named
 * on spatch's command line form a single group, where a rule's matches
 * cross file boundaries (a caller in one file paired with a callee in
 * another); the rules reason per translation unit.
 */
static char *write_file_groups(const struct strvec *files)
{
	const char *tmpdir = getenv("TMPDIR");
	char *path = xasprintf("%s/ptwalk-groups-XXXXXX",
			       tmpdir && *tmpdir ? tmpdir : "/tmp");
	int fd = mkstemp(path);
	FILE *f;

	if (fd < 0 || !(f = fdopen(fd, "w"))) {
		trouble(path, "cannot create spatch file list: %s",
			strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(path);
		}
		free(path);
		return NULL;
	}
	for (size_t i = 0; i < files->n; i++)
		fprintf(f, "%s\n\n", files->v[i]);
	if (fclose(f) != 0) {
		trouble(path, "cannot write spatch file list: %s",
			strerror(errno));
		unlink(path);
		free(path);
		return NULL;
	}
	return path;
}

/*
 * Adds the arguments of the rule's "// Options:" header line, the kernel
 * coccicheck convention for spatch options a rule needs.
 */
static bool add_rule_options(const char *rule_file, struct strvec *argv)
{
	struct buf text = { 0 };
	int err = read_whole_file(rule_file, &text);
	const char *line;

	if (err) {
		trouble(rule_file, "%s", strerror(err));
		buf_free(&text);
		return false;
	}
	for (line = text.data; line && *line;) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);

		if (len >= 11 && strncmp(line, "// Options:", 11) == 0) {
			char *opts = xstrndup(line + 11, len - 11), *save = NULL;

			for (char *arg = strtok_r(opts, " \t\r", &save); arg;
			     arg = strtok_r(NULL, " \t\r", &save))
				strvec_push(argv, arg);
			free(opts);
			break;
		}
		line = end ? end + 1 : NULL;
	}
	buf_free(&text);
	return true;
}

static void add_related(struct ptwalk_finding *f, const struct report_line *r)
{
	struct ptwalk_related *rel;

	f->related = xrealloc(f->related,
			      (f->nrelated + 1) * sizeof(*f->related));
	rel = &f->related[f->nrelated++];
	rel->loc.file = xstrdup(r->file);
	rel->loc.line = r->line;
	rel->loc.col = r->col;
	rel->message = xstrdup(r->message);
}

/*
 * Whether a line of spatch's stderr reports a failure.  Run over a file
 * group, spatch catches an exception of a rule's script, prints
 * "EXN: Failure(...) in FILE" and still exits 0.
 */
static bool is_failure_line(const char *line, size_t len)
{
	return (len >= 4 && strncmp(line, "EXN:", 4) == 0) ||
	       (len >= 9 && strncmp(line, "exception", 9) == 0) ||
	       (len >= 11 && strncmp(line, "Fatal error", 11) == 0);
}

/* The line of spatch's stderr that best says what went wrong, or NULL. */
static char *failure_detail(const char *err)
{
	const char *first = NULL;
	size_t first_len = 0;

	for (const char *line = err; *line;) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);

		if (is_failure_line(line, len))
			return xstrndup(line, len);
		/* OCaml compiler warnings about a rule's script are noise. */
		if (!first && len && strncmp(line, "Warning", 7) != 0 &&
		    strncmp(line, "File \"/tmp/", 11) != 0) {
			first = line;
			first_len = len;
		}
		line = end ? end + 1 : line + len;
	}
	return first ? xstrndup(first, first_len) : NULL;
}

/* Turns one rule run's output into findings, or trouble naming the rule. */
static void collect_rule_run(const struct options *opts, const char *rule_file,
			     const struct job *job,
			     struct finding_list *findings)
{
	char *failure = job_failure(job);
	struct ptwalk_finding *previous = NULL;

	/*
	 * Trouble, but what the rule did report still stands: a script that
	 * fails on one file says nothing about the others.
	 */
	if (failure) {
		char *detail = failure_detail(job->err.data);

		trouble(rule_file, "%s%s%s", failure, detail ? ": " : "",
			detail ? detail : "");
		free(detail);
		free(failure);
	} else {
		for (const char *line = job->err.data; *line;) {
			const char *end = strchr(line, '\n');
			size_t len = end ? (size_t)(end - line) : strlen(line);

			if (is_failure_line(line, len))
				trouble(rule_file, "spatch reported a failure: %.*s",
					(int)len, line);
			line = end ? end + 1 : line + len;
		}
	}

	for (const char *line = job->out.data; *line;) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);
		char *text = xstrndup(line, len);
		struct report_line r = { 0 };
		const struct ptwalk_rule *rule;

		line = end ? end + 1 : line + len;
		if (len == 0) {
			free(text);
			continue;
		}
		if (!parse_report_line(text, &r)) {
			trouble(rule_file, "unexpected spatch output: %s", text);
			free(text);
			continue;
		}
		rule = catalogue_find_rule(r.rule);
		if (strcmp(r.severity, "note") == 0 && previous) {
			add_related(previous, &r);
		} else if (!rule) {
			trouble(rule_file, "finding with unknown rule id '%s': %s",
				r.rule, text);
		} else if (strcmp(r.severity, "warning") != 0 &&
			   strcmp(r.severity, "error") != 0) {
			trouble(rule_file, "finding with unknown severity '%s': %s",
				r.severity, text);
		} else if (opts->rule_enabled[rule - ptwalk_rules]) {
			previous = finding_add(findings, r.file, r.line, r.col,
					       rule,
					       strcmp(r.severity, "error") == 0 ?
					       PTWALK_SEVERITY_error :
					       PTWALK_SEVERITY_warning,
					       r.message, "cocci");
		}
		free_report_line(&r);
		free(text);
	}
}

/* Where spatch is: $SPATCH, else spatch in PATH.  Trouble if missing. */
static char *locate_spatch(void)
{
	const char *name = getenv("SPATCH");
	char *path;

	if (!name || !*name)
		name = "spatch";
	path = find_program(name);
	if (!path) {
		if (strchr(name, '/'))
			trouble(name, "cannot run spatch: %s", strerror(errno));
		else
			trouble(name, "not found in PATH (install coccinelle or set $SPATCH)");
	}
	return path;
}

/* The files of one kernel version (NULL: unknown), run together. */
struct version_group {
	char *version;
	struct strvec files;
	char *groups;		/* their --file-groups list */
};

struct cocci_run {
	const struct options *opts;
	const struct strvec *files;
	char *spatch;
	struct version_group *vgroups;
	size_t nvgroups;
	char *macro_file;
	struct strvec rule_files;	/* of the rule jobs, in order */
	size_t first_job;		/* the rule jobs, then the parse jobs */
	size_t njobs;
};

static void cocci_run_free(struct cocci_run *run)
{
	for (size_t i = 0; i < run->nvgroups; i++) {
		if (run->vgroups[i].groups)
			unlink(run->vgroups[i].groups);
		free(run->vgroups[i].groups);
		strvec_free(&run->vgroups[i].files);
		free(run->vgroups[i].version);
	}
	free(run->vgroups);
	free(run->macro_file);
	free(run->spatch);
	strvec_free(&run->rule_files);
	free(run);
}

static bool same_version(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/*
 * Sorts FILES into groups by the kernel version each is read as: the
 * --kernel-version given, else that of its tree.  Most runs have one.
 */
static void group_by_version(struct cocci_run *run,
			     const struct strvec *canonical)
{
	struct tree_versions *tv = tree_versions_new();

	for (size_t i = 0; i < run->files->n; i++) {
		const char *version = run->opts->kernel_version;
		struct version_group *g = NULL;

		if (!version)
			version = tree_kernel_version(tv, canonical->v[i]);
		for (size_t k = 0; k < run->nvgroups && !g; k++)
			if (same_version(run->vgroups[k].version, version))
				g = &run->vgroups[k];
		if (!g) {
			run->vgroups = xrealloc(run->vgroups,
						(run->nvgroups + 1) *
						sizeof(*run->vgroups));
			g = &run->vgroups[run->nvgroups++];
			memset(g, 0, sizeof(*g));
			g->version = version ? xstrdup(version) : NULL;
		}
		strvec_push(&g->files, run->files->v[i]);
	}
	tree_versions_free(tv);
}

/* One spatch run of RULE over the files of G. */
static void add_rule_job(struct cocci_run *run, const struct ptwalk_rule *rule,
			 const struct version_group *g, struct job_list *jobs)
{
	char *rule_file = xasprintf("%s/%s.cocci", run->opts->cocci_dir,
				    rule->name);
	struct strvec argv = { 0 };

	strvec_push(&argv, run->spatch);
	strvec_push(&argv, "-D");
	strvec_push(&argv, "report");
	if (g->version) {
		/* Read by the rules as virtual.kernel_version. */
		strvec_push(&argv, "-D");
		strvec_push_owned(&argv, xasprintf("kernel_version=%s",
						   g->version));
	}
	strvec_push(&argv, "--very-quiet");
	strvec_push(&argv, "--no-show-diff");
	strvec_push(&argv, "--sp-file");
	strvec_push(&argv, rule_file);
	if (!add_rule_options(rule_file, &argv)) {
		strvec_free(&argv);
		free(rule_file);
		return;
	}
	if (run->macro_file) {
		strvec_push(&argv, "--macro-file");
		strvec_push(&argv, run->macro_file);
	}
	strvec_push(&argv, "--file-groups");
	strvec_push(&argv, g->groups);
	job_list_add(jobs)->argv = argv;
	strvec_push_owned(&run->rule_files, rule_file);
}

struct cocci_run *cocci_engine_start(const struct options *opts,
				     const struct strvec *files,
				     const struct strvec *canonical,
				     struct job_list *jobs)
{
	struct cocci_run *run;

	if (files->n == 0)
		return NULL;
	run = xmalloc(sizeof(*run));
	memset(run, 0, sizeof(*run));
	run->opts = opts;
	run->files = files;
	run->first_job = jobs->n;
	/*
	 * spatch 1.1.1 dies with "exception Not_found" when HOME is unset
	 * (env -i, some CI runners); it only needs the variable to exist.
	 */
	setenv("HOME", "/", 0);
	run->spatch = locate_spatch();
	if (!run->spatch) {
		cocci_run_free(run);
		return NULL;
	}
	group_by_version(run, canonical);
	for (size_t k = 0; k < run->nvgroups; k++) {
		run->vgroups[k].groups = write_file_groups(&run->vgroups[k].files);
		if (!run->vgroups[k].groups) {
			cocci_run_free(run);
			return NULL;
		}
	}
	run->macro_file = xasprintf("%s/%s", opts->cocci_dir, MACRO_FILE_NAME);
	if (access(run->macro_file, R_OK) != 0) {
		free(run->macro_file);
		run->macro_file = NULL;
	}

	for (size_t i = 0; i < PTWALK_RULE_COUNT; i++) {
		const struct ptwalk_rule *rule = &ptwalk_rules[i];

		if (!opts->rule_enabled[i] || !rule_has_engine(rule, "cocci"))
			continue;
		for (size_t k = 0; k < run->nvgroups; k++)
			add_rule_job(run, rule, &run->vgroups[k], jobs);
	}

	/*
	 * The parse check needs no rule: it runs even with every rule off.
	 * In batches: spatch 1.1.1 --parse-c dies of a stack overflow past
	 * about 200 kernel files in one run, and slows down more than
	 * linearly before that.
	 */
	for (size_t first = 0; first < files->n; first += PARSE_BATCH) {
		struct job *job = job_list_add(jobs);

		strvec_push(&job->argv, run->spatch);
		strvec_push(&job->argv, "--parse-c");
		if (run->macro_file) {
			strvec_push(&job->argv, "--macro-file");
			strvec_push(&job->argv, run->macro_file);
		}
		for (size_t i = first; i < files->n && i < first + PARSE_BATCH; i++)
			strvec_push(&job->argv, files->v[i]);
	}
	run->njobs = jobs->n - run->first_job;
	return run;
}

void cocci_engine_finish(struct cocci_run *run, const struct job_list *jobs,
			 struct finding_list *findings)
{
	const struct job *job = &jobs->v[run->first_job];
	size_t nrules = run->rule_files.n;

	/* Results are read in rule order, whatever order the jobs ended in. */
	for (size_t i = 0; i < nrules; i++)
		collect_rule_run(run->opts, run->rule_files.v[i], &job[i],
				 findings);
	for (size_t i = nrules; i < run->njobs; i++)
		collect_parse_failures(&job[i], run->files, findings);
	cocci_run_free(run);
}
