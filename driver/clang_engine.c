/*
 * The Clang engine: one ptwalk-clang run per .c file, either with
 * `-p DIR` (the file's command in DIR/compile_commands.json) or, in the
 * mode Kbuild's CHECK= uses, with the compiler flags given after "--".
 * Headers are analysed where the .c files include them.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "clang_output.h"
#include "compile_db.h"
#include "diag.h"
#include "engines.h"
#include "jobs.h"
#include "options.h"
#include "source_names.h"

#define PROGRAM_NAME "ptwalk-clang"

struct clang_unit {
	size_t input;		/* index in the input files */
	const char *directory;	/* where its command runs */
};

struct clang_engine {
	const struct options *opts;
	char *program;
	struct compile_db *db;		/* -p DIR, else NULL */
	char *rules_arg;		/* --rules=ID,... */
	/* Set by clang_engine_start. */
	const struct strvec *files;
	struct source_names names;
	struct clang_unit *units;	/* one per job, from first_job on */
	size_t nunits;
	size_t first_job;
};

/*
 * $PTWALK_CLANG, else the ptwalk-clang next to this ptwalk (the build
 * puts both in build/bin), else the one in PATH.  NULL after trouble
 * when there is none.
 */
static char *locate_program(void)
{
	const char *env = getenv("PTWALK_CLANG");
	char self[PATH_MAX];
	ssize_t len;
	char *path;

	if (env && *env) {
		path = find_program(env);
		if (!path)
			trouble(env, "cannot run " PROGRAM_NAME ": %s",
				strchr(env, '/') ? strerror(errno) : "not found in PATH");
		return path;
	}
	len = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (len > 0) {
		char *slash;

		self[len] = '\0';
		slash = strrchr(self, '/');
		path = xasprintf("%.*s/" PROGRAM_NAME, (int)(slash - self), self);
		if (access(path, X_OK) == 0)
			return path;
		trouble(path, "cannot run " PROGRAM_NAME ": %s (build it, or set $PTWALK_CLANG)",
			strerror(errno));
		free(path);
		return NULL;
	}
	path = find_program(PROGRAM_NAME);
	if (!path)
		trouble(PROGRAM_NAME, "not found in PATH (set $PTWALK_CLANG)");
	return path;
}

/* The enabled rules the Clang engine implements, as its --rules=. */
static char *rules_argument(const struct options *opts)
{
	struct buf arg = { 0 };

	buf_append(&arg, "--rules=", 8);
	for (size_t i = 0; i < PTWALK_RULE_COUNT; i++) {
		if (!clang_rule_selected(opts, i))
			continue;
		if (arg.data[arg.len - 1] != '=')
			buf_append(&arg, ",", 1);
		buf_append(&arg, ptwalk_rules[i].name,
			   strlen(ptwalk_rules[i].name));
	}
	return arg.data;
}

struct clang_engine *clang_engine_open(const struct options *opts)
{
	struct clang_engine *engine = xmalloc(sizeof(*engine));

	memset(engine, 0, sizeof(*engine));
	engine->opts = opts;
	engine->program = locate_program();
	if (!engine->program) {
		clang_engine_close(engine);
		return NULL;
	}
	if (opts->compile_db_dir) {
		engine->db = compile_db_load(opts->compile_db_dir);
		if (!engine->db) {
			clang_engine_close(engine);
			return NULL;
		}
	}
	engine->rules_arg = rules_argument(opts);
	return engine;
}

static void add_job(struct clang_engine *engine, struct job_list *jobs,
		    size_t input, const char *directory)
{
	const struct options *opts = engine->opts;
	const char *file = engine->files->v[input];
	struct job *job = job_list_add(jobs);

	strvec_push(&job->argv, engine->program);
	strvec_push(&job->argv, engine->rules_arg);
	/* Fixes reach --fix and the reports only as "fix-it:" lines. */
	strvec_push(&job->argv, "--parseable-fixits");
	if (opts->kernel_version)
		strvec_push_owned(&job->argv, xasprintf("--kernel-version=%s",
							 opts->kernel_version));
	if (engine->db) {
		strvec_push(&job->argv, "-p");
		strvec_push(&job->argv, opts->compile_db_dir);
	} else {
		for (int i = 0; i < opts->ncompile_flags; i++)
			strvec_push(&job->argv, opts->compile_flags[i]);
	}
	/* ptwalk-clang would take "-x.c" for an option. */
	if (file[0] == '-')
		strvec_push_owned(&job->argv, xasprintf("./%s", file));
	else
		strvec_push(&job->argv, file);
	engine->units[engine->nunits].input = input;
	engine->units[engine->nunits].directory = directory;
	engine->nunits++;
}

void clang_engine_start(struct clang_engine *engine, const struct strvec *files,
			const struct strvec *canonical, struct job_list *jobs)
{
	const struct options *opts = engine->opts;
	size_t nsources = 0, missing = 0;

	engine->files = files;
	source_names_init(&engine->names, files, canonical);
	engine->units = xmalloc((files->n + 1) * sizeof(*engine->units));
	engine->first_job = jobs->n;
	for (size_t i = 0; i < files->n; i++) {
		const char *directory = engine->names.cwd;

		if (!has_suffix(files->v[i], ".c"))
			continue;
		nsources++;
		if (engine->db) {
			directory = compile_db_directory(engine->db,
							 canonical->v[i]);
			if (!directory) {
				missing++;
				/* Alone, the Clang engine leaves it unread. */
				if (!(opts->engines & ENGINE_COCCI))
					trouble(files->v[i], "no command in %s: not analysed",
						compile_db_path(engine->db));
				continue;
			}
		}
		add_job(engine, jobs, i, directory);
	}
	/* Never let a run look as if the Clang engine saw these files. */
	if (missing && (opts->engines & ENGINE_COCCI))
		fprintf(stderr, "ptwalk: note: %zu of %zu .c files have no command in %s: only the Coccinelle engine checked them\n",
			missing, nsources, compile_db_path(engine->db));
}

/*
 * The line that best says why a unit was not analysed: the first error,
 * else the first line (a usage message).  Freed by the caller.
 */
static char *failure_detail(const struct job *job,
			    const struct clang_output *out)
{
	const char *line = job->err.data + strspn(job->err.data, "\n");

	if (out->first_error)
		return xstrdup(out->first_error);
	if (!*line)
		return xstrdup("no message");
	return xstrndup(line, strcspn(line, "\n"));
}

static void check_unit(const char *file, const struct job *job,
		       const struct clang_output *out, struct strvec *analysed)
{
	int status = job->status;

	if (job->spawn_error || !WIFEXITED(status) || WEXITSTATUS(status) > 2) {
		char *failure = job_failure(job);

		trouble(file, "%s", failure);
		free(failure);
	} else if (WEXITSTATUS(status) == 2 || out->first_error) {
		char *detail = failure_detail(job, out);

		trouble(file, "not analysed by the Clang engine: %s", detail);
		free(detail);
	} else if (out->bad_line) {
		trouble(file, PROGRAM_NAME " reported a finding with an unknown rule or severity: %s",
			out->bad_line);
	} else if (WEXITSTATUS(status) == 1 && out->nfindings == 0) {
		trouble(file, PROGRAM_NAME " exited with status 1 but reported no finding");
	} else {
		strvec_push(analysed, file);
	}
}

void clang_engine_finish(struct clang_engine *engine,
			 const struct job_list *jobs,
			 struct finding_list *findings, struct strvec *analysed)
{
	for (size_t i = 0; i < engine->nunits; i++) {
		const struct clang_unit *unit = &engine->units[i];
		const struct job *job = &jobs->v[engine->first_job + i];
		const char *file = engine->files->v[unit->input];
		struct clang_output out;

		read_clang_output(job->err.data, unit->directory,
				  &engine->names, engine->opts, findings, &out);
		check_unit(file, job, &out, analysed);
		clang_output_free(&out);
	}
}

void clang_engine_close(struct clang_engine *engine)
{
	if (!engine)
		return;
	if (engine->files)
		source_names_free(&engine->names);
	compile_db_free(engine->db);
	free(engine->units);
	free(engine->program);
	free(engine->rules_arg);
	free(engine);
}
