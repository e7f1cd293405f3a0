#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "cocci_output.h"
#include "cocci_rules.h"
#include "diag.h"
#include "options.h"
#include "report_line.h"
#include "walkers.h"

static const char *user_name(const struct run_files *files, const char *given)
{
	for (size_t i = 0; i < files->n; i++)
		if (strcmp(files->given[i], given) == 0)
			return files->user[i];
	return given;
}

static void add_related(struct ptwalk_finding *f, const struct report_line *r,
			const char *file)
{
	struct ptwalk_related *rel;

	f->related = xrealloc(f->related,
			      (f->nrelated + 1) * sizeof(*f->related));
	rel = &f->related[f->nrelated++];
	rel->loc.file = xstrdup(file);
	rel->loc.line = r->line;
	rel->loc.col = r->col;
	rel->message = xstrdup(r->message);
}

static bool starts_with(const char *line, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);

	return len >= n && strncmp(line, prefix, n) == 0;
}

/*
 * Whether a line of spatch's stderr reports a failure.  Run over a file
 * group, spatch catches an exception of a rule's script or a timeout,
 * prints "EXN: Failure(...) in FILE" and still exits 0.
 */
static bool is_failure_line(const char *line, size_t len)
{
	return starts_with(line, len, "EXN:") ||
	       starts_with(line, len, "exception") ||
	       starts_with(line, len, "Fatal error");
}

bool spatch_crashed(const struct job *job)
{
	if (job->spawn_error)
		return false;
	/* OCaml 4.13 names them "Stack overflow" and "Out of memory". */
	return WIFSIGNALED(job->status) ||
	       strstr(job->err.data, "Fatal error: exception Stack overflow") ||
	       strstr(job->err.data, "Fatal error: exception Stack_overflow") ||
	       strstr(job->err.data, "Fatal error: exception Out of memory") ||
	       strstr(job->err.data, "Fatal error: exception Out_of_memory");
}

char *spatch_crash_reason(const struct job *job)
{
	const char *fatal = strstr(job->err.data, "Fatal error: exception ");

	if (WIFSIGNALED(job->status))
		return xasprintf("killed by signal %d (%s)", WTERMSIG(job->status),
				 strsignal(WTERMSIG(job->status)));
	if (fatal) {
		fatal += strlen("Fatal error: exception ");
		return xstrndup(fatal, strcspn(fatal, "\n"));
	}
	return job_failure(job);
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

/*
 * "EXN: <exception> in <file>": trouble naming the file, or the file on
 * the retry list.
 */
static void report_file_failure(const struct spatch_script *script,
				const struct run_files *files, const char *line,
				size_t len)
{
	static const char timeout[] = "Coccinelle_modules.Common.Timeout";
	const char *exn = line + 4, *in = NULL;

	while (exn < line + len && *exn == ' ')
		exn++;
	for (const char *p = exn; p + 4 <= line + len; p++)
		if (strncmp(p, " in ", 4) == 0)
			in = p;		/* the last: messages may say " in " */
	if (!in) {
		trouble(script->path, "spatch reported a failure: %.*s",
			(int)len, line);
		return;
	}
	{
		char *given = xstrndup(in + 4, (size_t)(line + len - in - 4));
		const char *file = user_name(files, given);
		size_t exn_len = (size_t)(in - exn);

		if (script->retry)
			strvec_push(script->retry, given);
		else if (exn_len == strlen(timeout) &&
			 strncmp(exn, timeout, exn_len) == 0)
			trouble(file, "not analysed: %s timed out after %u s (--timeout)",
				script->rules, script->timeout);
		else
			trouble(file, "not analysed: %s failed: %.*s",
				script->rules, (int)exn_len, exn);
		free(given);
	}
}

/* False when the run failed as a whole and SCRIPT has a retry list. */
static bool report_run_failure(const struct spatch_script *script,
			       const struct run_files *files,
			       const struct job *job)
{
	char *failure = job_failure(job);

	if (failure && script->retry) {
		free(failure);
		return false;
	}
	/*
	 * What the rule did report still stands: a script that fails on
	 * one file says nothing about the others.
	 */
	if (failure) {
		char *detail = failure_detail(job->err.data);

		trouble(script->path, "%s%s%s", failure, detail ? ": " : "",
			detail ? detail : "");
		free(detail);
		free(failure);
		return true;
	}
	for (const char *line = job->err.data; *line;) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);

		if (starts_with(line, len, "EXN:"))
			report_file_failure(script, files, line, len);
		else if (is_failure_line(line, len))
			trouble(script->path, "spatch reported a failure: %.*s",
				(int)len, line);
		line = end ? end + 1 : line + len;
	}
	return true;
}

static bool retried(const struct spatch_script *script, const char *given)
{
	for (size_t i = 0; script->retry && i < script->retry->n; i++)
		if (strcmp(script->retry->v[i], given) == 0)
			return true;
	return false;
}

static char *rename_given(const void *files, const char *given)
{
	return xstrdup(user_name(files, given));
}

/* A line of walkers.cocci's: "FILE:LINE:COL: walker: ...". */
static bool walker_line(const char *text)
{
	const char *colon = text;

	for (int i = 0; i < 3 && colon; i++)
		colon = strchr(colon, ':') ? strchr(colon, ':') + 1 : NULL;
	return colon && strncmp(colon, " walker: ", 9) == 0;
}

/* One line of the run's standard output; PREVIOUS is the last finding. */
static void collect_line(const struct options *opts,
			 const struct spatch_script *script,
			 const struct run_files *files, char *text,
			 struct finding_list *findings,
			 struct ptwalk_finding **previous)
{
	struct report_line r = { 0 };
	const struct ptwalk_rule *rule;

	if (script->walkers && walker_line(text)) {
		if (!walker_parse_line(script->walkers, text, rename_given,
				       files, "cocci", NULL))
			trouble(script->path, "unexpected spatch output: %s", text);
		return;
	}
	if (!parse_report_line(text, &r)) {
		trouble(script->path, "unexpected spatch output: %s", text);
		return;
	}
	rule = catalogue_find_rule(r.rule);
	if (strcmp(r.severity, "note") == 0) {
		/* Of the finding before it, unless that was dropped. */
		if (*previous)
			add_related(*previous, &r, user_name(files, r.file));
		free_report_line(&r);
		return;
	}
	*previous = NULL;
	if (retried(script, r.file)) {
		;	/* run again rule by rule */
	} else if (!rule) {
		trouble(script->path, "finding with unknown rule id '%s': %s",
			r.rule, text);
	} else if (strcmp(r.severity, "warning") != 0 &&
		   strcmp(r.severity, "error") != 0) {
		trouble(script->path, "finding with unknown severity '%s': %s",
			r.severity, text);
	} else if (opts->rule_enabled[rule - ptwalk_rules]) {
		*previous = finding_add(findings, user_name(files, r.file),
					r.line, r.col, rule,
					strcmp(r.severity, "error") == 0 ?
					PTWALK_SEVERITY_error :
					PTWALK_SEVERITY_warning,
					r.message, "cocci");
	}
	free_report_line(&r);
}

bool collect_spatch_output(const struct options *opts,
			   const struct spatch_script *script,
			   const struct run_files *files, const struct job *job,
			   struct finding_list *findings)
{
	struct ptwalk_finding *previous = NULL;

	if (!report_run_failure(script, files, job))
		return false;
	for (const char *line = job->out.data; *line;) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);
		char *text = xstrndup(line, len);

		line = end ? end + 1 : line + len;
		if (len)
			collect_line(opts, script, files, text, findings,
				     &previous);
		free(text);
	}
	return true;
}
