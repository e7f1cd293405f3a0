/*
 * The Coccinelle engine.  Each file is scanned once by the prefilter,
 * which tells the rules that can match it; each rule then runs over its
 * files in bounded batches, one spatch per batch, with the kernel version
 * of the files' tree (-D kernel_version=).  Cheap `spatch --parse-c`
 * batches over the same files turn parse errors into not-analysed
 * findings (parse_failures.c).
 *
 * For the arch port audit (--audit), cocci/model/walkers.cocci runs
 * beside the rules, in the same batches and parse cache, and lists the
 * walkers the model recognises.
 *
 * Every file is parsed once: the first rule that reads a file runs in
 * the first round, and leaves spatch's parsed AST in a cache directory
 * of the run (--cache-prefix); the other rules run in the second round,
 * when the cache is complete, and read it.  No two spatch runs write the
 * same cache entry at once.
 *
 * A batch whose spatch crashes is split in two and run again, until the
 * file that crashes it is alone: that file is trouble, by name, and every
 * other file keeps its findings.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

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
 * Files per spatch run.  A run costs about 0.3 s to start (the rule's
 * OCaml is compiled each time), and a crash or a failed run costs its
 * whole batch until it is split: a few dozen files keep both small.
 */
#define RULE_BATCH 48
#define PARSE_BATCH 64
/* Below this, a batch costs more to start than it gains in balance. */
#define MIN_BATCH 4
/* The stack spatch gets when the hard limit allows it (see below). */
#define SPATCH_STACK (1024UL * 1024 * 1024)

#define PARSE_CHECK ((size_t)-1)
#define NO_WALKER_SCRIPT ((size_t)-1)

/* The walker list's script, where the rules have their catalogue entry:
 * its name is what --stats and trouble call it. */
static const struct ptwalk_rule walkers_script = {
	"walkers", PTWALK_SEVERITY_warning, PTWALK_PRIORITY_P2, "cocci",
	"the functions the walker model recognises (--audit)",
};

/* Some files of one version group, for one rule or the parse check. */
struct batch {
	size_t rule;		/* index into run->rules, or PARSE_CHECK */
	size_t version;		/* index into run->versions */
	size_t *files;		/* indices into run->files */
	size_t n;
	char *list;		/* its --file-groups list */
	size_t job;		/* its job in the round that runs it */
};

struct batch_list {
	struct batch *v;
	size_t n;
};

struct cocci_run {
	const struct options *opts;
	const struct strvec *files;
	const struct strvec *canonical;
	/*
	 * The parse cache: spatch is then given canonical names, since it
	 * puts a file's AST at DIR/<name as given>, and ../x.c would leave
	 * DIR.  NULL when the directory cannot be made: no cache.
	 */
	char *cache_dir;
	/* Per rule: the first rule with the same spatch options, which
	 * parse alike and so share a cache. */
	size_t *cache_key;
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
	/* For --stats. */
	size_t *rule_files;	/* files each rule reads */
	size_t parse_files;	/* files the parse check reads */
	size_t spatch_runs;
	size_t crashed_runs;
};

static struct batch *batch_add(struct batch_list *list)
{
	struct batch *b;

	list->v = xrealloc(list->v, (list->n + 1) * sizeof(*list->v));
	b = &list->v[list->n++];
	memset(b, 0, sizeof(*b));
	return b;
}

static void batch_free(struct batch *b)
{
	if (b->list)
		unlink(b->list);
	free(b->list);
	free(b->files);
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
		return false;
	}
	for (size_t i = 0; i < b->n; i++)
		fprintf(f, "%s\n\n", spatch_name(run, b->files[i]));
	if (fclose(f) != 0) {
		trouble(path, "cannot write spatch file list: %s",
			strerror(errno));
		unlink(path);
		free(path);
		return false;
	}
	b->list = path;
	return true;
}

/* Adds the job that runs B; false (trouble reported) if it cannot. */
static bool add_batch_job(struct cocci_run *run, struct batch *b,
			  struct job_list *jobs)
{
	struct strvec argv = { 0 };
	struct job *job;

	strvec_push(&argv, run->spatch);
	if (b->rule == PARSE_CHECK) {
		strvec_push(&argv, "--parse-c");
	} else {
		const struct cocci_rule *cr = &run->rules[b->rule];
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
							   run->cache_key[b->rule]));
		}
		strvec_push(&argv, "--sp-file");
		strvec_push(&argv, cr->path);
		for (size_t i = 0; i < cr->options.n; i++)
			strvec_push(&argv, cr->options.v[i]);
	}
	if (run->macro_file) {
		strvec_push(&argv, "--macro-file");
		strvec_push(&argv, run->macro_file);
	}
	if (b->rule == PARSE_CHECK) {
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
 * Cuts FILES (N indices) into batches of at most SIZE for RULE, and into
 * at least JOBS batches when there are enough files: the first round has
 * few rules to spread over the processors.
 */
static void add_batches(struct batch_list *list, size_t rule, size_t version,
			const size_t *files, size_t n, size_t size,
			unsigned int jobs)
{
	size_t even = (n + jobs - 1) / jobs;

	if (even < size)
		size = even < MIN_BATCH ? MIN_BATCH : even;
	for (size_t first = 0; first < n; first += size) {
		struct batch *b = batch_add(list);

		b->rule = rule;
		b->version = version;
		b->n = n - first < size ? n - first : size;
		b->files = xmalloc(b->n * sizeof(*b->files));
		memcpy(b->files, files + first, b->n * sizeof(*b->files));
	}
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

/*
 * Whether rule R is the first rule that reads the file whose rules are
 * WANTED, among those sharing R's cache; all are first without a cache.
 */
static bool first_reader(const struct cocci_run *run, const bool *wanted,
			 size_t r)
{
	if (!run->cache_dir)
		return true;
	for (size_t q = 0; q < r; q++)
		if (wanted[q] && run->cache_key[q] == run->cache_key[r])
			return false;
	return true;
}

/*
 * Plans the batches: which rules each file needs (the prefilter), the
 * kernel version it is read as (--kernel-version, else its tree's), then
 * per rule and version the files in input order, cut into batches.
 */
static void plan_batches(struct cocci_run *run, const struct strvec *canonical,
			 const struct prefilter *pf)
{
	const struct strvec *files = run->files;
	size_t nr = run->nrules;
	bool *wanted = xmalloc((files->n * nr + 1) * sizeof(*wanted));
	size_t *version = xmalloc((files->n + 1) * sizeof(*version));
	size_t *picked = xmalloc((files->n + 1) * sizeof(*picked));
	struct tree_versions *tv = tree_versions_new();
	size_t npicked;

	for (size_t i = 0; i < files->n; i++) {
		bool *w = &wanted[i * nr], any = false;
		const char *v = run->opts->kernel_version;

		if (run->opts->prefilter)
			prefilter_scan(pf, files->v[i], w);
		else
			for (size_t r = 0; r < nr; r++)
				w[r] = true;
		for (size_t r = 0; r < nr && !any; r++)
			any = w[r];
		/* The parse check covers the files some rule reads: a parse
		 * error elsewhere hides nothing from a rule. */
		if (!any && nr)
			continue;
		if (!v)
			v = tree_kernel_version(tv, canonical->v[i]);
		version[i] = version_index(run, v);
	}
	tree_versions_free(tv);

	/* First-round batches parse each file once; later ones read. */
	for (size_t later = 0; later < 2; later++)
		for (size_t r = 0; r < nr; r++)
			for (size_t k = 0; k < run->nversions; k++) {
				npicked = 0;
				for (size_t i = 0; i < files->n; i++)
					if (wanted[i * nr + r] && version[i] == k &&
					    later == !first_reader(run, &wanted[i * nr], r))
						picked[npicked++] = i;
				add_batches(later ? &run->later : &run->first, r,
					    k, picked, npicked, RULE_BATCH,
					    run->opts->jobs);
				run->rule_files[r] += npicked;
			}
	npicked = 0;
	for (size_t i = 0; i < files->n; i++) {
		bool any = !nr;

		for (size_t r = 0; r < nr && !any; r++)
			any = wanted[i * nr + r];
		if (any)
			picked[npicked++] = i;
	}
	add_batches(&run->first, PARSE_CHECK, 0, picked, npicked, PARSE_BATCH,
		    1);
	run->parse_files = npicked;
	free(picked);
	free(version);
	free(wanted);
}

static void cocci_run_free(struct cocci_run *run)
{
	for (size_t i = 0; i < run->first.n; i++)
		batch_free(&run->first.v[i]);
	free(run->first.v);
	for (size_t i = 0; i < run->later.n; i++)
		batch_free(&run->later.v[i]);
	free(run->later.v);
	if (run->cache_dir)
		remove_tree(run->cache_dir);
	free(run->cache_dir);
	free(run->cache_key);
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
 * The run's parse cache, when more than one rule reads files: otherwise
 * no AST would be read twice.  Without a directory, every rule parses.
 */
static void make_cache(struct cocci_run *run)
{
	const char *tmpdir = getenv("TMPDIR");

	if (run->nrules < 2)
		return;
	run->cache_dir = xasprintf("%s/ptwalk-ast-XXXXXX",
				   tmpdir && *tmpdir ? tmpdir : "/tmp");
	if (!mkdtemp(run->cache_dir)) {
		free(run->cache_dir);
		run->cache_dir = NULL;
		return;
	}
	run->cache_key = xmalloc(run->nrules * sizeof(*run->cache_key));
	for (size_t r = 0; r < run->nrules; r++) {
		run->cache_key[r] = r;
		for (size_t q = 0; q < r && run->cache_key[r] == r; q++)
			if (same_options(&run->rules[q].options,
					 &run->rules[r].options))
				run->cache_key[r] = run->cache_key[q];
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
	make_cache(run);
	run->macro_file = xasprintf("%s/%s", opts->cocci_dir, MACRO_FILE_NAME);
	if (access(run->macro_file, R_OK) != 0) {
		free(run->macro_file);
		run->macro_file = NULL;
	}
	plan_batches(run, canonical, pf);
	prefilter_free(pf);
	for (size_t i = 0; i < run->first.n; i++)
		if (!add_batch_job(run, &run->first.v[i], jobs))
			run->first.v[i].job = (size_t)-1;
	return run;
}

static const char *batch_rule_name(const struct cocci_run *run,
				   const struct batch *b)
{
	return b->rule == PARSE_CHECK ? "the parse check" :
	       run->rules[b->rule].rule->name;
}

/*
 * A crashed batch: two halves for the next round, or, when it held one
 * file, trouble naming that file.
 */
static void split_crashed(const struct cocci_run *run, struct batch *b,
			  const struct job *job, struct batch_list *next)
{
	if (b->n == 1) {
		char *reason = spatch_crash_reason(job);

		trouble(run->files->v[b->files[0]],
			"not analysed: spatch crashed in %s: %s",
			batch_rule_name(run, b), reason);
		free(reason);
		return;
	}
	for (size_t half = 0; half < 2; half++) {
		size_t from = half ? b->n / 2 : 0;
		size_t to = half ? b->n : b->n / 2;
		struct batch *h = batch_add(next);

		h->rule = b->rule;
		h->version = b->version;
		h->n = to - from;
		h->files = xmalloc(h->n * sizeof(*h->files));
		memcpy(h->files, b->files + from, h->n * sizeof(*h->files));
	}
}

static void collect_batch(const struct cocci_run *run, const struct batch *b,
			  const struct job *job, struct finding_list *findings,
			  struct walker_list *walkers)
{
	char **given, **user;
	struct run_files names;

	if (b->rule == PARSE_CHECK) {
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
	if (b->rule == run->walker_script)
		collect_walker_output(run->opts, &run->rules[b->rule], &names,
				      job, walkers);
	else
		collect_rule_output(run->opts, &run->rules[b->rule], &names,
				    job, findings);
	free(given);
	free(user);
}

static void print_stats(const struct cocci_run *run)
{
	fprintf(stderr, "ptwalk: cocci: %zu files; the parse check read %zu",
		run->files->n, run->parse_files);
	for (size_t r = 0; r < run->nrules; r++)
		fprintf(stderr, ", %s %zu", run->rules[r].rule->name,
			run->rule_files[r]);
	fprintf(stderr, "; %zu spatch runs, %zu crashed\n", run->spatch_runs,
		run->crashed_runs);
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
			struct batch *b = &round.v[i];

			if (b->job == (size_t)-1)
				;	/* never ran: trouble said why */
			else if (spatch_crashed(&done[b->job])) {
				run->crashed_runs++;
				split_crashed(run, b, &done[b->job], &next);
			}
			else
				collect_batch(run, b, &done[b->job], findings,
					      walkers);
			batch_free(b);
		}
		free(round.v);
		job_list_free(&retry);
		/* After the splits of crashed batches, which may parse. */
		if (next.n == 0 && run->later.n) {
			for (size_t i = 0; i < run->later.n; i++)
				*batch_add(&next) = run->later.v[i];
			free(run->later.v);
			run->later = (struct batch_list){ 0 };
		}
		if (next.n == 0)
			break;
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
