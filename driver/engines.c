#include "engines.h"

#include <string.h>

#include "merge.h"
#include "options.h"

bool engines_open(struct engines *engines, const struct options *opts)
{
	memset(engines, 0, sizeof(*engines));
	engines->opts = opts;
	if (opts->engines & ENGINE_CLANG) {
		engines->clang = clang_engine_open(opts);
		/* Its trouble is said; the Coccinelle engine, if chosen,
		 * still analyses every input. */
		if (!engines->clang && !(opts->engines & ENGINE_COCCI))
			return false;
	}
	return true;
}

void engines_run(struct engines *engines, const struct strvec *files,
		 const struct strvec *canonical, struct finding_list *findings)
{
	const struct options *opts = engines->opts;
	struct job_list jobs = { 0 };
	struct strvec clang_analysed = { 0 };
	struct cocci_run *cocci = NULL;

	/* Coccinelle's jobs first: each covers every file, the longest. */
	if (opts->engines & ENGINE_COCCI)
		cocci = cocci_engine_start(opts, files, canonical, &jobs);
	if (engines->clang)
		clang_engine_start(engines->clang, files, canonical,
				   engines->patches, &jobs);

	run_jobs(jobs.v, jobs.n, opts->jobs);

	if (cocci)
		cocci_engine_finish(cocci, &jobs, findings, engines->walkers);
	if (engines->clang)
		clang_engine_finish(engines->clang, &jobs, findings,
				    &clang_analysed, engines->walkers);
	if ((opts->engines & ENGINE_COCCI) && engines->clang)
		merge_engine_findings(findings, &clang_analysed);

	strvec_free(&clang_analysed);
	job_list_free(&jobs);
}

void engines_close(struct engines *engines)
{
	clang_engine_close(engines->clang);
	engines->clang = NULL;
}
