/*
 * The audit's engines: one job pool for the Coccinelle engine (the rules
 * and the walker list) and the Clang engine of each -p build, so that -j
 * counts them all; then a column group per build, each the Coccinelle
 * findings merged with that build's as any run merges them (merge.h:
 * the build's sizes decide torn-read in the files it compiled).
 */
#include "audit.h"

#include <stdlib.h>
#include <string.h>

#include "engines.h"
#include "merge.h"
#include "options.h"

/* Appends a copy of F to LIST (the related locations included). */
static void copy_finding(struct finding_list *list,
			 const struct ptwalk_finding *f)
{
	struct ptwalk_finding *c = finding_add(list, f->loc.file, f->loc.line,
					       f->loc.col, f->rule, f->severity,
					       f->message, f->engine);

	c->also_engine = f->also_engine;
	if (!f->nrelated)
		return;
	c->related = xmalloc(f->nrelated * sizeof(*c->related));
	for (size_t r = 0; r < f->nrelated; r++) {
		c->related[r].loc = f->related[r].loc;
		c->related[r].loc.file = xstrdup(f->related[r].loc.file);
		c->related[r].message = xstrdup(f->related[r].message);
	}
	c->nrelated = f->nrelated;
}

void audit_run_engines(struct audit *a, const struct strvec *files,
		       const struct strvec *canonical)
{
	const struct options *opts = a->opts;
	size_t nbuilds = opts->nbuilds;
	struct options *build_opts = xmalloc((nbuilds + 1) * sizeof(*build_opts));
	struct clang_engine **clang = xmalloc((nbuilds + 1) * sizeof(*clang));
	struct job_list jobs = { 0 };
	struct cocci_run *cocci;

	a->ngroups = 1 + nbuilds;
	a->groups = xmalloc(a->ngroups * sizeof(*a->groups));
	memset(a->groups, 0, a->ngroups * sizeof(*a->groups));
	a->groups[0].name = xstrdup("cocci");

	/* Coccinelle's jobs first: each covers many files, the longest. */
	cocci = cocci_engine_start(opts, files, canonical, &jobs);
	for (size_t b = 0; b < nbuilds; b++) {
		build_opts[b] = *opts;
		build_opts[b].compile_db_dir = opts->builds[b];
		build_opts[b].engines = ENGINE_COCCI | ENGINE_CLANG;
		a->groups[1 + b].name = xstrdup(opts->builds[b]);
		a->groups[1 + b].build = opts->builds[b];
		/* A build that cannot be read is trouble; its group keeps
		 * the Coccinelle findings and the run exits 2. */
		clang[b] = clang_engine_open(&build_opts[b]);
		if (clang[b])
			clang_engine_start(clang[b], files, canonical, NULL,
					   &jobs);
	}

	run_jobs(jobs.v, jobs.n, opts->jobs);

	if (cocci)
		cocci_engine_finish(cocci, &jobs, &a->groups[0].findings,
				    &a->walkers);
	for (size_t b = 0; b < nbuilds; b++) {
		struct finding_list *group = &a->groups[1 + b].findings;
		struct strvec analysed = { 0 };

		for (size_t i = 0; i < a->groups[0].findings.n; i++)
			copy_finding(group, &a->groups[0].findings.v[i]);
		if (!clang[b])
			continue;
		clang_engine_finish(clang[b], &jobs, group, &analysed,
				    &a->walkers);
		merge_engine_findings(group, &analysed);
		clang_engine_close(clang[b]);
		strvec_free(&analysed);
	}
	job_list_free(&jobs);
	free(clang);
	free(build_opts);
}
