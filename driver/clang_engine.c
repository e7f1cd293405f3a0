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
#include "patch_inputs.h"
#include "paths.h"
#include "source_names.h"
#include "walkers.h"

#define PROGRAM_NAME "ptwalk-clang"

struct clang_unit {
	size_t input;		/* index in the input files */
	const char *directory;	/* where its command runs */
	/* A patched copy's tree file, whose command compiles it and whose
	 * name its findings come back under; else NULL. */
	const char *tree_file;
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
		    size_t input, const char *directory, const char *tree_file)
{
	const struct options *opts = engine->opts;
	const char *file = engine->files->v[input];
	struct job *job = job_list_add(jobs);

	job->files = 1;
	strvec_push(&job->argv, engine->program);
	strvec_push(&job->argv, engine->rules_arg);
	/* The audit lists the walkers the model recognises (stdout). */
	if (opts->audit)
		strvec_push(&job->argv, "--walkers");
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
	if (tree_file) {
		strvec_push_owned(&job->argv, xasprintf("--text-from=%s", file));
		strvec_push(&job->argv, tree_file);
	} else if (file[0] == '-')	/* ptwalk-clang would take "-x.c" for an option */
		strvec_push_owned(&job->argv, xasprintf("./%s", file));
	else
		strvec_push(&job->argv, file);
	engine->units[engine->nunits].input = input;
	engine->units[engine->nunits].directory = directory;
	engine->units[engine->nunits].tree_file = tree_file;
	engine->nunits++;
}

void clang_engine_start(struct clang_engine *engine, const struct strvec *files,
			const struct strvec *canonical,
			const struct patch_inputs *patches,
			struct job_list *jobs)
{
	const struct options *opts = engine->opts;
	size_t nsources = 0, missing = 0;

	engine->files = files;
	source_names_init(&engine->names, files, canonical);
	engine->units = xmalloc((files->n + 1) * sizeof(*engine->units));
	engine->first_job = jobs->n;
	for (size_t i = 0; i < files->n; i++) {
		const char *directory = engine->names.cwd, *tree_file = NULL;

		if (!has_suffix(files->v[i], ".c"))
			continue;
		nsources++;
		if (engine->db) {
			char *tree_canonical = NULL;

			/* Without the database, a copy is compiled with the
			 * flags given, like any file. */
			tree_file = patch_inputs_tree_file(patches, files->v[i]);
			if (tree_file)
				tree_canonical = path_canonical("/", tree_file);
			directory = compile_db_directory(engine->db,
				tree_canonical ? tree_canonical : canonical->v[i]);
			free(tree_canonical);
			if (!directory) {
				missing++;
				/* Alone, the Clang engine leaves it unread. */
				if (!(opts->engines & ENGINE_COCCI))
					trouble(files->v[i], "no command in %s: not analysed",
						compile_db_path(engine->db));
				continue;
			}
		}
		add_job(engine, jobs, i, directory, tree_file);
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

static void rename_if(char **file, const char *from, const char *to)
{
	if (strcmp(*file, from) == 0) {
		free(*file);
		*file = xstrdup(to);
	}
}

/*
 * ptwalk-clang names a patched copy's findings after the tree's file it
 * compiled in its place; the driver knows the copy by its own name.
 */
static void name_as_copy(const struct clang_engine *engine,
			 const struct clang_unit *unit,
			 struct finding_list *findings, size_t first)
{
	char *tree = source_name(&engine->names, unit->directory,
				 unit->tree_file);
	const char *copy = engine->files->v[unit->input];

	for (size_t i = first; i < findings->n; i++) {
		struct ptwalk_finding *f = &findings->v[i];

		rename_if(&f->loc.file, tree, copy);
		for (size_t r = 0; r < f->nrelated; r++)
			rename_if(&f->related[r].loc.file, tree, copy);
		for (size_t e = 0; e < f->nfix; e++) {
			rename_if(&f->fix[e].begin.file, tree, copy);
			rename_if(&f->fix[e].end.file, tree, copy);
		}
	}
	free(tree);
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

/* The unit's directory and the run's names, for rename_walker(). */
struct walker_names {
	const struct source_names *names;
	const char *directory;
};

static char *rename_walker(const void *ctx, const char *given)
{
	const struct walker_names *wn = ctx;

	return source_name(wn->names, wn->directory, given);
}

/* The walkers ptwalk-clang --walkers printed on stdout. */
static void read_walkers(const struct clang_engine *engine,
			 const struct clang_unit *unit, const struct job *job,
			 struct walker_list *walkers)
{
	struct walker_names wn = { &engine->names, unit->directory };

	for (const char *line = job->out.data; line && *line;) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);
		char *text = xstrndup(line, len);

		line = end ? end + 1 : line + len;
		if (len && !walker_parse_line(walkers, text, rename_walker, &wn,
					      "clang",
					      engine->opts->compile_db_dir))
			trouble(engine->files->v[unit->input],
				PROGRAM_NAME " printed an unexpected line: %s", text);
		free(text);
	}
}

void clang_engine_finish(struct clang_engine *engine,
			 const struct job_list *jobs,
			 struct finding_list *findings, struct strvec *analysed,
			 struct walker_list *walkers)
{
	for (size_t i = 0; i < engine->nunits; i++) {
		const struct clang_unit *unit = &engine->units[i];
		const struct job *job = &jobs->v[engine->first_job + i];
		const char *file = engine->files->v[unit->input];
		struct clang_output out;

		size_t first = findings->n;

		read_clang_output(job->err.data, unit->directory,
				  &engine->names, engine->opts, findings, &out);
		if (unit->tree_file)
			name_as_copy(engine, unit, findings, first);
		check_unit(file, job, &out, analysed);
		if (walkers)
			read_walkers(engine, unit, job, walkers);
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
