#include "clang_output.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"
#include "report_line.h"
#include "util.h"

/* A caret line: only blanks and the ^~ marks under a source line. */
static bool is_caret_line(const char *line, size_t len)
{
	bool mark = false;

	for (size_t i = 0; i < len; i++) {
		if (line[i] == '^' || line[i] == '~')
			mark = true;
		else if (line[i] != ' ' && line[i] != '\t')
			return false;
	}
	return mark;
}

/*
 * An error without a location: "error: ...", "fatal error: ..." or a
 * program's "NAME: error: ..." (clang's driver, ptwalk-clang itself).
 */
static bool starts_error(const char *line)
{
	return strncmp(line, "error: ", 7) == 0 ||
	       strncmp(line, "fatal error: ", 13) == 0;
}

static bool is_unlocated_error(const char *line)
{
	const char *p = line + strspn(line, "abcdefghijklmnopqrstuvwxyz"
				      "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.+-");

	return starts_error(line) ||
	       (p != line && strncmp(p, ": ", 2) == 0 && starts_error(p + 2));
}

static void add_related(struct ptwalk_finding *f, char *file,
			const struct report_line *r)
{
	struct ptwalk_related *rel;

	f->related = xrealloc(f->related,
			      (f->nrelated + 1) * sizeof(*f->related));
	rel = &f->related[f->nrelated++];
	rel->loc.file = file;
	rel->loc.line = r->line;
	rel->loc.col = r->col;
	rel->message = xstrdup(r->message);
}

/*
 * Reads a C string as clang's -fdiagnostics-parseable-fixits writes it
 * (llvm::raw_ostream::write_escaped: \\, \", \t, \n and three octal
 * digits), from just after the opening quote; *END is left after the
 * closing one.  NULL when the string is cut short.
 */
static char *read_escaped(const char *p, const char **end)
{
	struct buf out = { 0 };

	buf_append(&out, "", 0);
	while (*p && *p != '"') {
		char c = *p++;

		if (c == '\\') {
			if (*p >= '0' && *p <= '7' && p[1] >= '0' && p[1] <= '7' &&
			    p[2] >= '0' && p[2] <= '7') {
				c = (char)((p[0] - '0') * 64 + (p[1] - '0') * 8 +
					   (p[2] - '0'));
				p += 3;
			} else if (*p == 'n') {
				c = '\n';
				p++;
			} else if (*p == 't') {
				c = '\t';
				p++;
			} else if (*p) {
				c = *p++;
			} else {
				break;
			}
		}
		buf_append(&out, &c, 1);
	}
	if (*p != '"') {
		buf_free(&out);
		return NULL;
	}
	*end = p + 1;
	return out.data;
}

/*
 * fix-it:"FILE":{L1:C1-L2:C2}:"TEXT", an edit of the diagnostic above it;
 * added to F's fix.  False when LINE has another shape.
 */
static bool read_fixit(const char *line, const char *directory,
		       const struct source_names *names,
		       struct ptwalk_finding *f)
{
	unsigned int l1, c1, l2, c2;
	char *path, *text, *file;
	const char *p;
	int used = 0;

	if (strncmp(line, "fix-it:\"", 8) != 0)
		return false;
	path = read_escaped(line + 8, &p);
	if (!path)
		return false;
	if (sscanf(p, ":{%u:%u-%u:%u}:\"%n", &l1, &c1, &l2, &c2, &used) != 4 ||
	    !used || !(text = read_escaped(p + used, &p)) || *p) {
		free(path);
		return false;
	}
	if (f) {
		file = source_name(names, directory, path);
		finding_add_fix(f, file, l1, c1, l2, c2, text);
		free(file);
	}
	free(path);
	free(text);
	return true;
}

/* Reads one diagnostic; returns the finding that later notes belong to. */
static struct ptwalk_finding *read_diagnostic(const char *text,
					      const struct report_line *r,
					      const char *directory,
					      const struct source_names *names,
					      const struct options *opts,
					      struct ptwalk_finding *previous,
					      struct finding_list *findings,
					      struct clang_output *out)
{
	const struct ptwalk_rule *rule;
	enum ptwalk_severity severity;
	struct ptwalk_finding *f;
	char *file;

	if (!r->rule) {
		if (strcmp(r->severity, "note") == 0) {
			if (previous)
				add_related(previous,
					    source_name(names, directory, r->file),
					    r);
			return previous;
		}
		if (!out->first_error && (strcmp(r->severity, "error") == 0 ||
					  strcmp(r->severity, "fatal error") == 0)) {
			/* Named as the user names the file, like findings. */
			file = source_name(names, directory, r->file);
			out->first_error = xasprintf("%s:%u:%u: %s: %s", file,
						     r->line, r->col,
						     r->severity, r->message);
			free(file);
		}
		/* A compiler warning: not ours, and its notes neither. */
		return NULL;
	}

	out->nfindings++;
	rule = catalogue_find_rule(r->rule);
	if (strcmp(r->severity, "warning") == 0)
		severity = PTWALK_SEVERITY_warning;
	else if (strcmp(r->severity, "error") == 0)
		severity = PTWALK_SEVERITY_error;
	else
		rule = NULL;
	if (!rule) {
		if (!out->bad_line)
			out->bad_line = xstrdup(text);
		return NULL;
	}
	if (!opts->rule_enabled[rule - ptwalk_rules])
		return NULL;
	file = source_name(names, directory, r->file);
	f = finding_add(findings, file, r->line, r->col, rule, severity,
			r->message, "clang");
	free(file);
	return f;
}

void read_clang_output(const char *text, const char *directory,
		       const struct source_names *names,
		       const struct options *opts,
		       struct finding_list *findings, struct clang_output *out)
{
	struct ptwalk_finding *previous = NULL;
	/* The finding just read: fix-it lines under it are its fix. */
	struct ptwalk_finding *fixing = NULL;
	bool after_caret = false;

	memset(out, 0, sizeof(*out));
	for (const char *line = text; *line;) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);
		const char *next = end ? end + 1 : line + len;
		size_t next_len = strcspn(next, "\n");
		char *copy;
		struct report_line r;

		/*
		 * Under a diagnostic clang may print the source line, a caret
		 * line, then an indented fix-it hint: source text, which must
		 * not be read as a diagnostic.
		 */
		if (is_caret_line(line, len)) {
			after_caret = true;
			line = next;
			continue;
		}
		if ((after_caret && len && isspace((unsigned char)line[0])) ||
		    is_caret_line(next, next_len)) {
			after_caret = false;
			line = next;
			continue;
		}
		after_caret = false;
		copy = xstrndup(line, len);
		line = next;
		if (read_fixit(copy, directory, names, fixing)) {
			;	/* a compiler warning's fix-it goes nowhere */
		} else if (parse_diagnostic_line(copy, &r)) {
			size_t before = findings->n;

			previous = read_diagnostic(copy, &r, directory, names,
						   opts, previous, findings, out);
			fixing = findings->n > before ?
				 &findings->v[findings->n - 1] : NULL;
			free_report_line(&r);
		} else if (is_unlocated_error(copy)) {
			if (!out->first_error)
				out->first_error = xstrdup(copy);
			previous = NULL;
			fixing = NULL;
		}
		free(copy);
	}
}

void clang_output_free(struct clang_output *out)
{
	free(out->first_error);
	free(out->bad_line);
}
