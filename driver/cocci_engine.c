/*
 * The Coccinelle engine.  Each file is scanned once by the prefilter,
 * which tells the rules that can match it; the files then run in bounded
 * batches, one spatch per batch, with the kernel version of the files'
 * tree (-D kernel_version=).  A batch runs every rule its files need in
 * one spatch, through the rules' shared semantic patch (cocci_combine.h):
 * a file is parsed once and the walker model runs over it once, whatever
 * the number of rules.  Cheap `spatch --parse-c` batches over the same
 * files turn parse errors into not-analysed findings (parse_failures.c).
 *
 * For the arch port audit (--audit), cocci/model/walkers.cocci runs
 * beside the rules, as one more of them, and lists the walkers the model
 * recognises.
 *
 * Rules whose files ask for other spatch options parse differently and
 * cannot share a run: each such group runs apart, and the first group
 * that reads a file leaves spatch's parsed AST in a cache directory of
 * the run (--cache-prefix), which the others read in a second round.
 *
 * A batch whose spatch crashes is split in two and run again, until the
 * file that crashes it is alone, then its rules one by one: that file is
 * trouble, by name and rule, and every other file keeps its findings.  A
 * file a shared run gives up on (a timeout, a script's exception) runs
 * again with each rule alone, so that only the rule that fails loses it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cocci_batches.h"
#include "cocci_combine.h"
#include "cocci_output.h"
#include "cocci_rules.h"
#include "diag.h"
#include "engines.h"
#include "jobs.h"
#include "kernel_version.h"
#include "options.h"
#include "parse_failures.h"
#include "paths.h"
#include "prefilter.h"
#include "walkers.h"

#define MACRO_FILE_NAME "ptwalk-macros.h"
/*
 * Files per spatch run.  A run costs 0.2 s to start for one rule and
 * 1.3 s for all of them (spatch parses the semantic patch and compiles
 * its OCaml), and a crash or a failed run costs its whole batch until it
 * is split: a few dozen files keep both small.
 */
#define RULE_BATCH 48
#define PARSE_BATCH 64
/* The stack spatch gets when the hard limit allows it (see below). */
#define SPATCH_STACK (1024UL * 1024 * 1024)

#define NO_WALKER_SCRIPT ((size_t)-1)

/* The walker list's script, where the rules have their catalogue entry:
 * its name is what --stats and trouble call it. */
static const struct ptwalk_rule walkers_script = {
	"walkers", PTWALK_SEVERITY_warning, PTWALK_PRIORITY_P2, "cocci",
	"the functions the walker model recognises (--audit)",
};

/* The shared semantic patch of a set of rules, once written. */
struct shared_script {
	size_t *rules;
	size_t n;
	char *path;		/* NULL: they cannot share a run */
};

struct cocci_run {
	const struct options *opts;
	const struct strvec *files;
	const struct strvec *canonical;
	/*
	 * The parse cache, when rules parse differently: spatch is then
	 * given canonical names, since it puts a file's AST at DIR/<name as
	 * given>, and ../x.c would leave DIR.  NULL: no cache.
	 */
	char *cache_dir;
	/* Per rule: the first rule with the same spatch options.  Those
	 * parse alike, so they share a run. */
	size_t *share_key;
	char *spatch;
	char *macro_file;
	struct cocci_rule *rules;
	size_t nrules;
	/* Index in rules of cocci/model/walkers.cocci, or NO_WALKER_SCRIPT. */
	size_t walker_script;
	/* The kernel versions the files are read as (NULL: unknown). */
	char **versions;
	size_t nversions;
	struct batch_list first;	/* run in the shared pool */
	struct batch_list later;	/* run once the cache is complete */
	struct shared_script *shared;
	size_t nshared;
	/* For --stats. */
	size_t *rule_files;	/* files each rule reads */
	size_t parse_files;	/* files the parse check reads */
	size_t spatch_runs;
	size_t crashed_runs;
	size_t shared_retries;	/* files a shared run gave up on */
	char *unshared_why;	/* why some rules could not share a run */
};

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

/*
 * spatch is native OCaml, which recurses on the machine stack: a
 * generated header with 200,000 #defines (amdgpu's dcn_3_2_0_sh_mask.h)
 * overflows the usual 8 MiB and kills it with SIGSEGV.  The children
 * inherit a larger soft limit where the hard limit allows one; a crash
 * that still happens is isolated by splitting (cocci_engine_finish).
 */
static void raise_stack_limit(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_STACK, &rl) != 0 || rl.rlim_cur == RLIM_INFINITY ||
	    rl.rlim_cur >= SPATCH_STACK)
		return;
	rl.rlim_cur = rl.rlim_max == RLIM_INFINITY || rl.rlim_max > SPATCH_STACK ?
		      SPATCH_STACK : rl.rlim_max;
	setrlimit(RLIMIT_STACK, &rl);
}

/* The name spatch is given for file I of the run. */
static const char *spatch_name(const struct cocci_run *run, size_t i)
{
	return run->cache_dir ? run->canonical->v[i] : run->files->v[i];
}

/*
 * Writes the files of B to a --file-groups list, one group per file.
 * Files named on spatch's command line form a single group, where a
 * rule's matches cross file boundaries (a caller in one file paired with
 * a callee in another) and one file's timeout aborts them all; the rules
 * reason per translation unit.
 */
static bool write_file_groups(const struct cocci_run *run, struct batch *b)
{
	struct buf list = { 0 };
	char *why = NULL;

	for (size_t i = 0; i < b->n; i++)
		buf_printf(&list, "%s\n\n", spatch_name(run, b->files[i]));
	b->list = write_temp_file("ptwalk-groups-XXXXXX",
				  list.data ? list.data : "", &why);
	buf_free(&list);
	if (!b->list) {
		trouble("spatch", "cannot write its file list: %s", why);
		free(why);
		return false;
	}
	return true;
}


/* The spatch file of a set of rules: its own, or their shared one. */
static const char *script_path(struct cocci_run *run, const size_t *rules,
			       size_t n)
{
	struct shared_script *s;
	const struct cocci_rule **set;
	char *text, *why = NULL;

	if (n == 1)
		return run->rules[rules[0]].path;
	for (size_t i = 0; i < run->nshared; i++)
		if (run->shared[i].n == n &&
		    memcmp(run->shared[i].rules, rules, n * sizeof(*rules)) == 0)
			return run->shared[i].path;
	run->shared = xrealloc(run->shared,
			       (run->nshared + 1) * sizeof(*run->shared));
	s = &run->shared[run->nshared++];
	s->rules = xmalloc(n * sizeof(*rules));
	memcpy(s->rules, rules, n * sizeof(*rules));
	s->n = n;
	set = xmalloc(n * sizeof(*set));
	for (size_t i = 0; i < n; i++)
		set[i] = &run->rules[rules[i]];
	text = cocci_combine(set, n, &why);
	free(set);
	s->path = text ? write_temp_file("ptwalk-shared-XXXXXX.cocci", text,
					 &why) : NULL;
	free(text);
	if (!s->path && !run->unshared_why)
		run->unshared_why = why;
	else
		free(why);
	return s->path;
}

/* A label for messages about B's run: "rule X" or "rules X, Y". */
static char *rules_label(const struct cocci_run *run, const struct batch *b)
{
	struct buf label = { 0 };

	if (b->parse_check)
		return xstrdup("the parse check");
	buf_puts(&label, b->nrules == 1 ? "rule " : "rules ");
	for (size_t i = 0; i < b->nrules; i++)
		buf_printf(&label, "%s%s", i ? ", " : "",
			   run->rules[b->rules[i]].rule->name);
	return label.data;
}

/* Adds the job that runs B; false (trouble reported) if it cannot. */
static bool add_batch_job(struct cocci_run *run, struct batch *b,
			  struct job_list *jobs)
{
	struct strvec argv = { 0 };
	struct job *job;

	strvec_push(&argv, run->spatch);
	if (b->parse_check) {
		strvec_push(&argv, "--parse-c");
	} else {
		const struct cocci_rule *cr = &run->rules[b->rules[0]];
		const char *version = run->versions[b->version];

		if (!write_file_groups(run, b)) {
			strvec_free(&argv);
			return false;
		}
		strvec_push(&argv, "-D");
		strvec_push(&argv, "report");
		if (version) {
			/* Read by the rules as virtual.kernel_version. */
			strvec_push(&argv, "-D");
			strvec_push_owned(&argv, xasprintf("kernel_version=%s",
							   version));
		}
		strvec_push(&argv, "--very-quiet");
		strvec_push(&argv, "--no-show-diff");
		if (run->opts->timeout) {
			strvec_push(&argv, "--timeout");
			strvec_push_owned(&argv, xasprintf("%u", run->opts->timeout));
		}
		if (run->cache_dir) {
			strvec_push(&argv, "--cache-prefix");
			strvec_push_owned(&argv, xasprintf("%s/%zu", run->cache_dir,
							   run->share_key[b->rules[0]]));
		}
		strvec_push(&argv, "--sp-file");
		strvec_push(&argv, script_path(run, b->rules, b->nrules));
		for (size_t i = 0; i < cr->options.n; i++)
			strvec_push(&argv, cr->options.v[i]);
	}
	if (run->macro_file) {
		strvec_push(&argv, "--macro-file");
		strvec_push(&argv, run->macro_file);
	}
	if (b->parse_check) {
		/* A name like -x.c would be read as an option. */
		for (size_t i = 0; i < b->n; i++) {
			const char *name = run->files->v[b->files[i]];

			if (name[0] == '-')
				strvec_push_owned(&argv, xasprintf("./%s", name));
			else
				strvec_push(&argv, name);
		}
	} else {
		strvec_push(&argv, "--file-groups");
		strvec_push(&argv, b->list);
	}
	b->job = jobs->n;
	job = job_list_add(jobs);
	job->argv = argv;
	job->files = b->n;
	run->spatch_runs++;
	return true;
}

/*
 * The batches of LIST with the rules that cannot share a run split into
 * one batch per rule: a user's copy of a rule may not combine (its model
 * differs), and must still run.
 */
static void resolve_shared(struct cocci_run *run, struct batch_list *list)
{
	struct batch_list resolved = { 0 };

	for (size_t i = 0; i < list->n; i++) {
		struct batch *b = &list->v[i];

		if (b->parse_check || b->nrules < 2 ||
		    script_path(run, b->rules, b->nrules)) {
			*batch_add(&resolved) = *b;
			continue;
		}
		batch_split_rules(b, b->files, b->n, &resolved);
		batch_free(b);
	}
	free(list->v);
	*list = resolved;
}

static size_t version_index(struct cocci_run *run, const char *version)
{
	for (size_t k = 0; k < run->nversions; k++)
		if (run->versions[k] == version ||
		    (version && run->versions[k] &&
		     strcmp(run->versions[k], version) == 0))
			return k;
	run->versions = xrealloc(run->versions,
				 (run->nversions + 1) * sizeof(*run->versions));
	run->versions[run->nversions] = version ? xstrdup(version) : NULL;
	return run->nversions++;
}

/* The size of file PATH in bytes, 0 if it cannot be told: what a
 * batch of it costs. */
static size_t file_size(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && st.st_size > 0 ? (size_t)st.st_size : 0;
}

/* The first group (its share key) with a rule that reads the file whose
 * rules are WANTED, or (size_t)-1. */
static size_t first_group(const struct cocci_run *run, const bool *wanted)
{
	for (size_t r = 0; r < run->nrules; r++)
		if (wanted[r])
			return run->share_key[r];
	return (size_t)-1;
}

/*
 * Plans the batches: which rules each file needs (the prefilter), the
 * kernel version it is read as (--kernel-version, else its tree's), then
 * per group of rules that share a run and per version the files, cut
 * into batches.  A file's first group parses it; later ones read the
 * cache, in the second round.
 */
static void plan_batches(struct cocci_run *run, const struct strvec *canonical,
			 const struct prefilter *pf)
{
	const struct strvec *files = run->files;
	size_t nr = run->nrules;
	bool *wanted = xmalloc((files->n * nr + 1) * sizeof(*wanted));
	bool *group = xmalloc((nr + 1) * sizeof(*group));
	size_t *version = xmalloc((files->n + 1) * sizeof(*version));
	size_t *sizes = xmalloc((files->n + 1) * sizeof(*sizes));
	size_t *picked = xmalloc((files->n + 1) * sizeof(*picked));
	struct tree_versions *tv = tree_versions_new();
	size_t npicked;

	for (size_t i = 0; i < files->n; i++) {
		bool *w = &wanted[i * nr];
		const char *v = run->opts->kernel_version;

		if (run->opts->prefilter)
			prefilter_scan(pf, files->v[i], w);
		else
			for (size_t r = 0; r < nr; r++)
				w[r] = true;
		/* The parse check covers the files some rule reads: a parse
		 * error elsewhere hides nothing from a rule. */
		if (nr && first_group(run, w) == (size_t)-1)
			continue;
		if (!v)
			v = tree_kernel_version(tv, canonical->v[i]);
		sizes[i] = file_size(files->v[i]);
		version[i] = version_index(run, v);
		for (size_t r = 0; r < nr; r++)
			run->rule_files[r] += w[r];
	}
	tree_versions_free(tv);

	for (size_t later = 0; later < 2; later++)
		for (size_t g = 0; g < nr; g++) {
			if (run->share_key[g] != g)
				continue;
			for (size_t r = 0; r < nr; r++)
				group[r] = run->share_key[r] == g;
			for (size_t k = 0; k < run->nversions; k++) {
				npicked = 0;
				for (size_t i = 0; i < files->n; i++) {
					const bool *w = &wanted[i * nr];
					bool reads = false;

					for (size_t r = 0; r < nr && !reads; r++)
						reads = group[r] && w[r];
					if (reads && version[i] == k &&
					    later == (first_group(run, w) != g))
						picked[npicked++] = i;
				}
				batch_plan(later ? &run->later : &run->first,
					   picked, npicked, wanted, nr, group,
					   sizes, k, RULE_BATCH, run->opts->jobs);
			}
		}
	batch_list_sort_by_cost(&run->first);
	batch_list_sort_by_cost(&run->later);
	npicked = 0;
	for (size_t i = 0; i < files->n; i++)
		if (!nr || first_group(run, &wanted[i * nr]) != (size_t)-1)
			picked[npicked++] = i;
	batch_plan_parse_check(&run->first, picked, npicked, PARSE_BATCH);
	run->parse_files = npicked;
	free(picked);
	free(sizes);
	free(version);
	free(group);
	free(wanted);
}

static void cocci_run_free(struct cocci_run *run)
{
	batch_list_free(&run->first);
	batch_list_free(&run->later);
	if (run->cache_dir)
		remove_tree(run->cache_dir);
	free(run->cache_dir);
	free(run->share_key);
	for (size_t i = 0; i < run->nshared; i++) {
		if (run->shared[i].path)
			unlink(run->shared[i].path);
		free(run->shared[i].path);
		free(run->shared[i].rules);
	}
	free(run->shared);
	free(run->unshared_why);
	for (size_t i = 0; i < run->nrules; i++)
		cocci_rule_free(&run->rules[i]);
	free(run->rules);
	free(run->rule_files);
	for (size_t k = 0; k < run->nversions; k++)
		free(run->versions[k]);
	free(run->versions);
	free(run->macro_file);
	free(run->spatch);
	free(run);
}

/* Loads the enabled rules that have a Coccinelle implementation. */
static bool load_rules(struct cocci_run *run, struct prefilter **pf)
{
	const struct options *opts = run->opts;
	bool ok = true;
	size_t n = 0;

	/* One prefilter slot per loaded rule: prefilter_scan() fills as many
	 * as the prefilter has, into a row of run->nrules per file. */
	for (size_t i = 0; i < PTWALK_RULE_COUNT; i++)
		n += opts->rule_enabled[i] && rule_has_engine(&ptwalk_rules[i], "cocci");
	n += opts->audit;
	*pf = prefilter_new(n ? n : 1);
	run->rules = xmalloc((PTWALK_RULE_COUNT + 1) * sizeof(*run->rules));
	run->rule_files = xmalloc((PTWALK_RULE_COUNT + 1) * sizeof(*run->rule_files));
	memset(run->rule_files, 0, (PTWALK_RULE_COUNT + 1) * sizeof(*run->rule_files));
	run->walker_script = NO_WALKER_SCRIPT;
	for (size_t i = 0; i < PTWALK_RULE_COUNT; i++) {
		const struct ptwalk_rule *rule = &ptwalk_rules[i];

		if (!opts->rule_enabled[i] || !rule_has_engine(rule, "cocci"))
			continue;
		if (cocci_rule_load(opts->cocci_dir, rule, run->nrules, *pf,
				    &run->rules[run->nrules]))
			run->nrules++;
		else
			ok = false;
	}
	if (opts->audit) {
		char *path = xasprintf("%s/model/walkers.cocci", opts->cocci_dir);

		if (cocci_script_load(path, &walkers_script, run->nrules, *pf,
				      &run->rules[run->nrules]))
			run->walker_script = run->nrules++;
		else
			ok = false;
		free(path);
	}
	return ok;
}

static bool same_options(const struct strvec *a, const struct strvec *b)
{
	if (a->n != b->n)
		return false;
	for (size_t i = 0; i < a->n; i++)
		if (strcmp(a->v[i], b->v[i]) != 0)
			return false;
	return true;
}

/*
 * Groups the rules that share a run (the same spatch options), and makes
 * the run's parse cache when there is more than one group: otherwise no
 * AST would be read twice.  Without a directory, every group parses.
 */
static void make_groups(struct cocci_run *run)
{
	const char *tmpdir = getenv("TMPDIR");
	bool several = false;

	run->share_key = xmalloc((run->nrules + 1) * sizeof(*run->share_key));
	for (size_t r = 0; r < run->nrules; r++) {
		run->share_key[r] = r;
		for (size_t q = 0; q < r && run->share_key[r] == r; q++)
			if (same_options(&run->rules[q].options,
					 &run->rules[r].options))
				run->share_key[r] = run->share_key[q];
		several |= run->share_key[r] != 0;
	}
	if (!several)
		return;
	run->cache_dir = xasprintf("%s/ptwalk-ast-XXXXXX",
				   tmpdir && *tmpdir ? tmpdir : "/tmp");
	if (!mkdtemp(run->cache_dir)) {
		free(run->cache_dir);
		run->cache_dir = NULL;
	}
}

struct cocci_run *cocci_engine_start(const struct options *opts,
				     const struct strvec *files,
				     const struct strvec *canonical,
				     struct job_list *jobs)
{
	struct cocci_run *run;
	struct prefilter *pf = NULL;

	if (files->n == 0)
		return NULL;
	run = xmalloc(sizeof(*run));
	memset(run, 0, sizeof(*run));
	run->opts = opts;
	run->files = files;
	/*
	 * spatch 1.1.1 dies with "exception Not_found" when HOME is unset
	 * (env -i, some CI runners); it only needs the variable to exist.
	 */
	setenv("HOME", "/", 0);
	raise_stack_limit();
	run->spatch = locate_spatch();
	if (!run->spatch) {
		cocci_run_free(run);
		return NULL;
	}
	/* A rule file that cannot be read is trouble; the others run. */
	load_rules(run, &pf);
	run->canonical = canonical;
	make_groups(run);
	run->macro_file = xasprintf("%s/%s", opts->cocci_dir, MACRO_FILE_NAME);
	if (access(run->macro_file, R_OK) != 0) {
		free(run->macro_file);
		run->macro_file = NULL;
	}
	plan_batches(run, canonical, pf);
	prefilter_free(pf);
	resolve_shared(run, &run->first);
	resolve_shared(run, &run->later);
	for (size_t i = 0; i < run->first.n; i++)
		if (!add_batch_job(run, &run->first.v[i], jobs))
			run->first.v[i].job = (size_t)-1;
	return run;
}

/*
 * A crashed batch: two halves for the next round; a file alone, its rules
 * one by one; a file and a rule alone, trouble naming both.
 */
static void split_crashed(struct cocci_run *run, const struct batch *b,
			  const struct job *job, struct batch_list *next)
{
	run->crashed_runs++;
	if (b->n > 1) {
		batch_split_files(b, next);
	} else if (b->nrules > 1) {
		batch_split_rules(b, &b->files[0], 1, next);
	} else {
		char *reason = spatch_crash_reason(job);
		char *label = rules_label(run, b);

		trouble(run->files->v[b->files[0]],
			"not analysed: spatch crashed in %s: %s",
			b->parse_check ? label : label + strlen("rule "), reason);
		free(label);
		free(reason);
	}
}

static void collect_batch(struct cocci_run *run, const struct batch *b,
			  const struct job *job, struct finding_list *findings,
			  struct walker_list *walkers, struct batch_list *next)
{
	struct spatch_script script;
	struct strvec retry = { 0 };
	char **given, **user;
	struct run_files names;
	char *label;

	if (b->parse_check) {
		collect_parse_failures(job, run->files, findings);
		return;
	}
	given = xmalloc(b->n * sizeof(*given));
	user = xmalloc(b->n * sizeof(*user));
	for (size_t i = 0; i < b->n; i++) {
		given[i] = (char *)spatch_name(run, b->files[i]);
		user[i] = run->files->v[b->files[i]];
	}
	names = (struct run_files){ given, user, b->n };
	label = rules_label(run, b);
	script = (struct spatch_script){
		.path = run->rules[b->rules[0]].path,
		.rules = label,
		.timeout = run->opts->timeout,
		.walkers = run->walker_script != NO_WALKER_SCRIPT ? walkers : NULL,
		.retry = b->nrules > 1 ? &retry : NULL,
	};
	if (!collect_spatch_output(run->opts, &script, &names, job, findings)) {
		/* A shared run that failed as a whole: its rules alone. */
		for (size_t i = 0; i < b->n; i++)
			strvec_push(&retry, given[i]);
	}
	for (size_t i = 0; i < retry.n; i++)
		for (size_t f = 0; f < b->n; f++)
			if (strcmp(retry.v[i], given[f]) == 0) {
				batch_split_rules(b, &b->files[f], 1, next);
				run->shared_retries++;
			}
	strvec_free(&retry);
	free(label);
	free(given);
	free(user);
}

static void print_stats(const struct cocci_run *run)
{
	size_t composed = 0;

	/* A set of rules whose composition failed is kept (path NULL) so
	 * that it is not tried again; it ran rule by rule, not shared. */
	for (size_t i = 0; i < run->nshared; i++)
		composed += run->shared[i].path != NULL;
	fprintf(stderr, "ptwalk: cocci: %zu files; the parse check read %zu",
		run->files->n, run->parse_files);
	for (size_t r = 0; r < run->nrules; r++)
		fprintf(stderr, ", %s %zu", run->rules[r].rule->name,
			run->rule_files[r]);
	fprintf(stderr, "; %zu spatch runs, %zu crashed", run->spatch_runs,
		run->crashed_runs);
	fprintf(stderr, "; %zu shared semantic patches, %zu files run again rule by rule",
		composed, run->shared_retries);
	if (run->unshared_why)
		fprintf(stderr, "; not shared: %s", run->unshared_why);
	fputc('\n', stderr);
}

void cocci_engine_finish(struct cocci_run *run, const struct job_list *jobs,
			 struct finding_list *findings,
			 struct walker_list *walkers)
{
	struct batch_list round = run->first;
	const struct job *done = jobs->v;
	struct job_list retry = { 0 };

	run->first = (struct batch_list){ 0 };
	/* Results are read in batch order, whatever order the jobs ended
	 * in, so that trouble is reported in the same order every run. */
	for (;;) {
		struct batch_list next = { 0 };

		for (size_t i = 0; i < round.n; i++) {
			const struct batch *b = &round.v[i];

			if (b->job == (size_t)-1)
				;	/* never ran: trouble said why */
			else if (spatch_crashed(&done[b->job]))
				split_crashed(run, b, &done[b->job], &next);
			else
				collect_batch(run, b, &done[b->job], findings,
					      walkers, &next);
		}
		batch_list_free(&round);
		job_list_free(&retry);
		/* After the splits of crashed batches, which may parse. */
		if (next.n == 0 && run->later.n) {
			next = run->later;
			run->later = (struct batch_list){ 0 };
		}
		if (next.n == 0)
			break;
		resolve_shared(run, &next);
		for (size_t i = 0; i < next.n; i++)
			if (!add_batch_job(run, &next.v[i], &retry))
				next.v[i].job = (size_t)-1;
		run_jobs(retry.v, retry.n, run->opts->jobs);
		done = retry.v;
		round = next;
	}
	if (run->opts->stats)
		print_stats(run);
	cocci_run_free(run);
}
