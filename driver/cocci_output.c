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

/* "EXN: <exception> in <file>": trouble naming the file. */
static void report_file_failure(const struct options *opts,
				const struct cocci_rule *cr,
				const struct run_files *files, const char *line,
				size_t len)
{
	const char *exn = line + 4, *in = NULL;

	while (exn < line + len && *exn == ' ')
		exn++;
	for (const char *p = exn; p + 4 <= line + len; p++)
		if (strncmp(p, " in ", 4) == 0)
			in = p;		/* the last: messages may say " in " */
	if (!in) {
		trouble(cr->path, "spatch reported a failure: %.*s", (int)len,
			line);
		return;
	}
	{
		char *given = xstrndup(in + 4, (size_t)(line + len - in - 4));
		const char *file = user_name(files, given);

		if (strncmp(exn, "Coccinelle_modules.Common.Timeout",
			    (size_t)(in - exn)) == 0 &&
		    (size_t)(in - exn) == strlen("Coccinelle_modules.Common.Timeout"))
			trouble(file, "not analysed: rule %s timed out after %u s (--timeout)",
				cr->rule->name, opts->timeout);
		else
			trouble(file, "not analysed: rule %s failed: %.*s",
				cr->rule->name, (int)(in - exn), exn);
		free(given);
	}
}

static void report_run_failure(const struct options *opts,
			       const struct cocci_rule *cr,
			       const struct run_files *files,
			       const struct job *job)
{
	char *failure = job_failure(job);

	/*
	 * What the rule did report still stands: a script that fails on
	 * one file says nothing about the others.
	 */
	if (failure) {
		char *detail = failure_detail(job->err.data);

		trouble(cr->path, "%s%s%s", failure, detail ? ": " : "",
			detail ? detail : "");
		free(detail);
		free(failure);
		return;
	}
	for (const char *line = job->err.data; *line;) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);

		if (starts_with(line, len, "EXN:"))
			report_file_failure(opts, cr, files, line, len);
		else if (is_failure_line(line, len))
			trouble(cr->path, "spatch reported a failure: %.*s",
				(int)len, line);
		line = end ? end + 1 : line + len;
	}
}

void collect_rule_output(const struct options *opts,
			 const struct cocci_rule *cr,
			 const struct run_files *files, const struct job *job,
			 struct finding_list *findings)
{
	struct ptwalk_finding *previous = NULL;

	report_run_failure(opts, cr, files, job);
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
			trouble(cr->path, "unexpected spatch output: %s", text);
			free(text);
			continue;
		}
		rule = catalogue_find_rule(r.rule);
		if (strcmp(r.severity, "note") == 0 && previous) {
			add_related(previous, &r, user_name(files, r.file));
		} else if (!rule) {
			trouble(cr->path, "finding with unknown rule id '%s': %s",
				r.rule, text);
		} else if (strcmp(r.severity, "warning") != 0 &&
			   strcmp(r.severity, "error") != 0) {
			trouble(cr->path, "finding with unknown severity '%s': %s",
				r.severity, text);
		} else if (opts->rule_enabled[rule - ptwalk_rules]) {
			previous = finding_add(findings, user_name(files, r.file),
					       r.line, r.col,
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

static char *rename_given(const void *files, const char *given)
{
	return xstrdup(user_name(files, given));
}

void collect_walker_output(const struct options *opts,
			   const struct cocci_rule *cr,
			   const struct run_files *files, const struct job *job,
			   struct walker_list *walkers)
{
	report_run_failure(opts, cr, files, job);
	for (const char *line = job->out.data; line && *line;) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);
		char *text = xstrndup(line, len);

		line = end ? end + 1 : line + len;
		if (len && !walker_parse_line(walkers, text, rename_given,
					      files, "cocci", NULL))
			trouble(cr->path, "unexpected spatch output: %s", text);
		free(text);
	}
}
