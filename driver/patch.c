#include "patch.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

struct reader {
	const char *text;
	size_t len, pos;
	unsigned int lineno;	/* of the line last read */
	char *line;		/* the line last read, CR and LF stripped */
	char *err;
	size_t errlen;
	bool failed;
};

static bool fail(struct reader *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static bool fail(struct reader *r, const char *fmt, ...)
{
	va_list ap;

	if (r->failed)
		return false;
	va_start(ap, fmt);
	vsnprintf(r->err, r->errlen, fmt, ap);
	va_end(ap);
	r->failed = true;
	return false;
}

/* Reads the next line into r->line; false at the end. */
static bool next_line(struct reader *r)
{
	const char *start = r->text + r->pos, *nl;
	size_t n;

	free(r->line);
	r->line = NULL;
	if (r->pos >= r->len)
		return false;
	nl = memchr(start, '\n', r->len - r->pos);
	n = nl ? (size_t)(nl - start) : r->len - r->pos;
	r->pos += n + (nl != NULL);
	if (n && start[n - 1] == '\r')
		n--;
	r->line = xstrndup(start, n);
	r->lineno++;
	return true;
}

/* Puts the line last read back, to be read again. */
static void unread_line(struct reader *r, size_t line_start)
{
	r->pos = line_start;
	r->lineno--;
}

static bool starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* A path of a ---/+++ line or a git header: C-quoted or plain, up to a
 * tab (diff -u's timestamp).  NULL for /dev/null. */
static char *header_path(const char *s, bool strip_prefix)
{
	struct buf b = { 0 };
	char *path;

	if (*s == '"') {
		for (s++; *s && *s != '"'; s++) {
			char c = *s;

			if (c == '\\' && s[1]) {
				s++;
				c = *s == 'n' ? '\n' : *s == 't' ? '\t' : *s;
			}
			buf_append(&b, &c, 1);
		}
	} else {
		size_t n = strcspn(s, "\t");

		while (n && s[n - 1] == ' ')
			n--;
		buf_append(&b, s, n);
	}
	path = b.data ? b.data : xstrdup("");
	if (strcmp(path, "/dev/null") == 0) {
		free(path);
		return NULL;
	}
	if (strip_prefix && (starts(path, "a/") || starts(path, "b/"))) {
		char *short_path = xstrdup(path + 2);

		free(path);
		return short_path;
	}
	return path;
}

static bool parse_range(const char **s, unsigned int *start, unsigned int *count)
{
	char *end;
	unsigned long v = strtoul(*s, &end, 10);

	if (end == *s || v > 100000000)
		return false;
	*start = (unsigned int)v;
	*count = 1;
	if (*end == ',') {
		const char *c = end + 1;

		v = strtoul(c, &end, 10);
		if (end == c || v > 100000000)
			return false;
		*count = (unsigned int)v;
	}
	*s = end;
	return true;
}

static struct file_patch *add_file(struct patch *p)
{
	struct file_patch *f;

	p->files = xrealloc(p->files, (p->nfiles + 1) * sizeof(*p->files));
	f = &p->files[p->nfiles++];
	memset(f, 0, sizeof(*f));
	return f;
}

static void add_line(struct file_patch *f, enum patch_line_kind kind,
		     const char *text, unsigned int patch_line)
{
	f->lines = xrealloc(f->lines, (f->nlines + 1) * sizeof(*f->lines));
	f->lines[f->nlines].kind = kind;
	f->lines[f->nlines].text = xstrdup(text);
	f->lines[f->nlines].patch_line = patch_line;
	f->nlines++;
}

/* Reads a hunk whose "@@" line is r->line. */
static bool read_hunk(struct reader *r, struct file_patch *f)
{
	const char *s = r->line + 4;
	struct patch_hunk h;
	unsigned int header = r->lineno, old_left, new_left;

	if (!parse_range(&s, &h.old_start, &h.old_count) || strncmp(s, " +", 2) != 0)
		return fail(r, "line %u: hunk header does not parse: %s", header, r->line);
	s += 2;
	if (!parse_range(&s, &h.new_start, &h.new_count) || strncmp(s, " @@", 3) != 0)
		return fail(r, "line %u: hunk header does not parse: %s", header, r->line);
	h.first = f->nlines;
	old_left = h.old_count;
	new_left = h.new_count;
	while (old_left || new_left) {
		size_t at = r->pos;

		if (!next_line(r))
			return fail(r, "line %u: the hunk ends early, %u old and %u new lines short (truncated?)",
				    header, old_left, new_left);
		switch (r->line[0]) {
		case ' ':
		case '\0':	/* an empty context line whose space was eaten */
			if (!old_left || !new_left)
				return fail(r, "line %u: the hunk has more lines than its header says", r->lineno);
			add_line(f, PATCH_CONTEXT, r->line[0] ? r->line + 1 : "", r->lineno);
			old_left--;
			new_left--;
			break;
		case '-':
			if (!old_left)
				return fail(r, "line %u: the hunk removes more lines than its header says", r->lineno);
			add_line(f, PATCH_REMOVED, r->line + 1, r->lineno);
			old_left--;
			break;
		case '+':
			if (!new_left)
				return fail(r, "line %u: the hunk adds more lines than its header says", r->lineno);
			add_line(f, PATCH_ADDED, r->line + 1, r->lineno);
			new_left--;
			break;
		case '\\':	/* "\ No newline at end of file" */
			break;
		default:
			unread_line(r, at);
			return fail(r, "line %u: the hunk ends early, %u old and %u new lines short (truncated?)",
				    header, old_left, new_left);
		}
	}
	/* A "\ No newline" may follow the last line. */
	{
		size_t at = r->pos;

		if (next_line(r) && r->line[0] != '\\')
			unread_line(r, at);
	}
	h.nlines = f->nlines - h.first;
	f->hunks = xrealloc(f->hunks, (f->nhunks + 1) * sizeof(*f->hunks));
	f->hunks[f->nhunks++] = h;
	return true;
}

/* Reads git's extended header lines after "diff --git"; r->line is the
 * "diff --git" line. */
static bool read_git_header(struct reader *r, struct file_patch *f)
{
	const char *s = r->line + strlen("diff --git ");
	const char *b = strstr(s, " b/");
	bool modes = false;

	/* The paths of "diff --git a/X b/X", in case no ---/+++ follow. */
	if (*s != '"' && b) {
		f->old_path = xstrndup(s + (starts(s, "a/") ? 2 : 0),
				       (size_t)(b - s) - (starts(s, "a/") ? 2 : 0));
		f->new_path = xstrdup(b + 3);
	}
	for (;;) {
		size_t at = r->pos;

		if (!next_line(r))
			break;
		if (starts(r->line, "old mode ") || starts(r->line, "new mode ")) {
			modes = true;
		} else if (starts(r->line, "rename from ") || starts(r->line, "copy from ")) {
			free(f->old_path);
			f->old_path = header_path(strchr(r->line, ' ') + 6, false);
			f->renamed = true;
		} else if (starts(r->line, "rename to ") || starts(r->line, "copy to ")) {
			free(f->new_path);
			f->new_path = header_path(strchr(r->line, ' ') + 4, false);
			f->renamed = true;
		} else if (starts(r->line, "new file mode ")) {
			free(f->old_path);
			f->old_path = NULL;
		} else if (starts(r->line, "deleted file mode ")) {
			free(f->new_path);
			f->new_path = NULL;
		} else if (starts(r->line, "index ") || starts(r->line, "similarity index ") ||
			   starts(r->line, "dissimilarity index ")) {
			continue;
		} else if (starts(r->line, "GIT binary patch") || starts(r->line, "Binary files ")) {
			return fail(r, "line %u: a binary change to %s: not reviewable as text",
				    r->lineno, f->new_path ? f->new_path : f->old_path ? f->old_path : "a file");
		} else {
			unread_line(r, at);
			break;
		}
	}
	f->mode_only = modes && !f->renamed;
	return true;
}

bool patch_parse(const char *text, size_t len, struct patch *out,
		 char *err, size_t errlen)
{
	struct reader r = { .text = text, .len = len, .err = err, .errlen = errlen };
	struct file_patch *f = NULL;
	bool git = false, after_hunk = false;

	memset(out, 0, sizeof(*out));
	if (len == 0)
		return fail(&r, "empty patch"), false;
	if (memchr(text, '\0', len))
		return fail(&r, "binary content, not a patch"), false;
	while (!r.failed && next_line(&r)) {
		/* A hunk is exactly as long as its header says; a diff line
		 * right after it means the header lied. */
		if (after_hunk && (r.line[0] == '+' || r.line[0] == ' ' ||
				   (r.line[0] == '-' && strcmp(r.line, "-- ") != 0 &&
				    !starts(r.line, "--- ")))) {
			fail(&r, "line %u: the hunk has more lines than its header says", r.lineno);
			break;
		}
		after_hunk = false;
		if (starts(r.line, "diff --git ")) {
			git = true;
			f = add_file(out);
			read_git_header(&r, f);
		} else if (starts(r.line, "--- ")) {
			size_t at = r.pos;
			char *minus = xstrdup(r.line + 4), *old_path, *new_path;
			bool prefixed;

			/* "--- " without "+++ " is prose (a mail's message). */
			if (!next_line(&r) || !starts(r.line, "+++ ")) {
				if (r.line)
					unread_line(&r, at);
				free(minus);
				continue;
			}
			/* git's a/ and b/, and quilt's, are not part of the
			 * names. */
			old_path = header_path(minus, false);
			new_path = header_path(r.line + 4, false);
			prefixed = git || ((!old_path || starts(old_path, "a/")) &&
					   (!new_path || starts(new_path, "b/")));
			free(old_path);
			free(new_path);
			if (!f || f->nhunks || !git) {
				f = add_file(out);
			} else {
				free(f->old_path);
				free(f->new_path);
			}
			f->old_path = header_path(minus, prefixed);
			f->new_path = header_path(r.line + 4, prefixed);
			f->mode_only = false;
			free(minus);
			if (!f->old_path && !f->new_path)
				fail(&r, "line %u: both sides are /dev/null", r.lineno - 1);
		} else if (starts(r.line, "@@ ")) {
			if (!f)
				fail(&r, "line %u: a hunk before any file header", r.lineno);
			else
				after_hunk = read_hunk(&r, f);
		} else if (starts(r.line, "Binary files ")) {
			fail(&r, "line %u: a binary change: not reviewable as text", r.lineno);
		}
		/* Anything else is mail headers, the message, or git's
		 * trailer ("-- " and the version). */
	}
	free(r.line);
	if (!r.failed && !out->nfiles)
		fail(&r, "no diff in it");
	for (size_t i = 0; !r.failed && i < out->nfiles; i++) {
		const struct file_patch *fp = &out->files[i];

		if (!fp->nhunks && !fp->renamed && !fp->mode_only &&
		    (fp->old_path && fp->new_path))
			fail(&r, "%s: a file header with no hunks", fp->new_path);
	}
	if (r.failed) {
		patch_free(out);
		return false;
	}
	return true;
}

void patch_free(struct patch *patch)
{
	for (size_t i = 0; i < patch->nfiles; i++) {
		struct file_patch *f = &patch->files[i];

		free(f->old_path);
		free(f->new_path);
		for (size_t j = 0; j < f->nlines; j++)
			free(f->lines[j].text);
		free(f->lines);
		free(f->hunks);
	}
	free(patch->files);
	memset(patch, 0, sizeof(*patch));
}
