/* The analysis engines and the run that drives them.  Each engine adds
 * its jobs to one pool, so that -j counts them all, then turns its jobs'
 * output into findings and reports its own trouble. */
#ifndef PTWALK_ENGINES_H
#define PTWALK_ENGINES_H

#include <stdbool.h>

#include "findings.h"
#include "jobs.h"
#include "util.h"

struct options;
struct patch_inputs;

/* The Coccinelle engine (cocci_engine.c). */
struct cocci_run;
/* Adds its jobs; NULL when it has none to run (trouble reported). */
struct cocci_run *cocci_engine_start(const struct options *opts,
				     const struct strvec *files,
				     const struct strvec *canonical,
				     struct job_list *jobs);
/*
 * Reads the finished jobs into FINDINGS, and the walkers the model
 * recognised into WALKERS when opts->audit asked for them; frees RUN.
 */
struct walker_list;
void cocci_engine_finish(struct cocci_run *run, const struct job_list *jobs,
			 struct finding_list *findings,
			 struct walker_list *walkers);

/* The Clang engine (clang_engine.c), through ptwalk-clang. */
struct clang_engine;
/*
 * Finds ptwalk-clang and reads the compilation database of -p: what must
 * exist before anything runs.  NULL after one line on stderr otherwise.
 */
struct clang_engine *clang_engine_open(const struct options *opts);
/*
 * Adds a job per .c file of FILES that has a compile command; a patched
 * copy (PATCHES, may be NULL) is compiled with the command of the tree's
 * file it stands for.
 */
void clang_engine_start(struct clang_engine *engine, const struct strvec *files,
			const struct strvec *canonical,
			const struct patch_inputs *patches,
			struct job_list *jobs);
/*
 * Reads the finished jobs into FINDINGS, and adds to ANALYSED the input
 * names of the files the engine analysed without trouble; with
 * opts->audit, the walkers the model recognised go to WALKERS.
 */
void clang_engine_finish(struct clang_engine *engine,
			 const struct job_list *jobs,
			 struct finding_list *findings, struct strvec *analysed,
			 struct walker_list *walkers);
void clang_engine_close(struct clang_engine *engine);

/* The engines of one run. */
struct engines {
	const struct options *opts;
	struct clang_engine *clang;	/* NULL unless the Clang engine runs */
	const struct patch_inputs *patches;	/* the inputs' patched copies */
	/* Where the walkers go (--audit), else NULL. */
	struct walker_list *walkers;
};

/*
 * Gets the engines opts->engines selects ready to run.  A Clang engine
 * that cannot run at all (no ptwalk-clang, an unusable database) is
 * trouble, and the Coccinelle engine runs alone; false, after that one
 * line, when no selected engine is left.
 */
bool engines_open(struct engines *engines, const struct options *opts);

/*
 * Runs the engines over FILES (CANONICAL: their realpaths) and merges
 * their findings (merge.h) into FINDINGS.
 */
void engines_run(struct engines *engines, const struct strvec *files,
		 const struct strvec *canonical, struct finding_list *findings);

void engines_close(struct engines *engines);

#endif
