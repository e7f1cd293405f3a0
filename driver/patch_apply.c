#include "patch_apply.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* A file's lines, pointing into its text, without newline or CR. */
struct file_lines {
	const char **text;
	size_t *len;
	size_t n;
};

static void split_lines(const char *text, size_t len, struct file_lines *out)
{
	size_t cap = 0;

	memset(out, 0, sizeof(*out));
	for (size_t at = 0; at < len;) {
		const char *nl = memchr(text + at, '\n', len - at);
		size_t end = nl ? (size_t)(nl - text) : len;
		size_t n = end - at;

		if (n && text[at + n - 1] == '\r')
			n--;
		if (out->n == cap) {
			cap = cap ? 2 * cap : 256;
			out->text = xrealloc(out->text, cap * sizeof(*out->text));
			out->len = xrealloc(out->len, cap * sizeof(*out->len));
		}
		out->text[out->n] = text + at;
		out->len[out->n++] = n;
		at = end + 1;
	}
}

static void free_lines(struct file_lines *l)
{
	free(l->text);
	free(l->len);
}

enum side { OLD_SIDE, NEW_SIDE };

/* Whether line L of a hunk belongs to SIDE. */
static bool on_side(const struct patch_line *l, enum side side)
{
	return l->kind == PATCH_CONTEXT ||
	       l->kind == (side == OLD_SIDE ? PATCH_REMOVED : PATCH_ADDED);
}

static size_t side_len(const struct file_patch *fp, const struct patch_hunk *h,
		       enum side side)
{
	size_t n = 0;

	for (size_t i = h->first; i < h->first + h->nlines; i++)
		n += on_side(&fp->lines[i], side);
	return n;
}

/* Whether SIDE of hunk H stands in FILE from line index AT. */
static bool stands_at(const struct file_lines *file, const struct file_patch *fp,
		      const struct patch_hunk *h, enum side side, size_t at)
{
	for (size_t i = h->first; i < h->first + h->nlines; i++) {
		const struct patch_line *l = &fp->lines[i];

		if (!on_side(l, side))
			continue;
		if (at >= file->n || file->len[at] != strlen(l->text) ||
		    memcmp(file->text[at], l->text, file->len[at]) != 0)
			return false;
		at++;
	}
	return true;
}

/*
 * Where SIDE of H stands in FILE, at or after index FROM: at its header's
 * line if it can, else at the nearest offset.  -1 when nowhere.
 */
static long find_side(const struct file_lines *file, const struct file_patch *fp,
		      const struct patch_hunk *h, enum side side, size_t from,
		      size_t *offset)
{
	unsigned int start = side == OLD_SIDE ? h->old_start : h->new_start;
	size_t n = side_len(fp, h, side);
	/* An empty side is the point after line START ("-5,0"). */
	size_t want = n == 0 ? start : start ? start - 1 : 0;

	for (size_t d = 0; d <= file->n; d++) {
		if (want + d >= from && want + d + n <= file->n &&
		    stands_at(file, fp, h, side, want + d)) {
			*offset = d;
			return (long)(want + d);
		}
		if (d && want >= d && want - d >= from && want - d + n <= file->n &&
		    stands_at(file, fp, h, side, want - d)) {
			*offset = d;
			return (long)(want - d);
		}
	}
	return -1;
}

/* Where every hunk's SIDE stands, in order; false when one does not. */
static bool place_hunks(const struct file_lines *file, const struct file_patch *fp,
			enum side side, size_t *at, size_t *total_offset,
			size_t *failed)
{
	size_t from = 0;

	*total_offset = 0;
	for (size_t h = 0; h < fp->nhunks; h++) {
		size_t offset;
		long pos = find_side(file, fp, &fp->hunks[h], side, from, &offset);

		if (pos < 0) {
			*failed = h;
			return false;
		}
		at[h] = (size_t)pos;
		*total_offset += offset;
		from = at[h] + side_len(fp, &fp->hunks[h], side);
	}
	return true;
}

static void add_span(struct patched_file *out, unsigned int first, unsigned int last)
{
	out->hunks = xrealloc(out->hunks, (out->nhunks + 1) * sizeof(*out->hunks));
	out->hunks[out->nhunks].first = first;
	out->hunks[out->nhunks++].last = last;
}

static void add_line(unsigned int **v, size_t *n, unsigned int line)
{
	*v = xrealloc(*v, (*n + 1) * sizeof(**v));
	(*v)[(*n)++] = line;
}

/* Emits SIDE of hunk H at post-patch line *LINE, noting what it adds. */
static void emit_new_side(const struct file_patch *fp, const struct patch_hunk *h,
			  struct buf *text, unsigned int *line,
			  struct patched_file *out)
{
	unsigned int first = *line + 1;
	/* In a run of changed lines: removed only, or with some added. */
	bool removing = false, adding = false;

	for (size_t i = h->first; i < h->first + h->nlines; i++) {
		const struct patch_line *l = &fp->lines[i];

		if (l->kind == PATCH_REMOVED)
			removing = true;
		if (l->kind == PATCH_ADDED)
			adding = true;
		if (l->kind == PATCH_CONTEXT) {
			if (removing && !adding)
				add_line(&out->removed_at, &out->nremoved_at, *line + 1);
			removing = adding = false;
		}
		if (!on_side(l, NEW_SIDE))
			continue;
		++*line;
		if (l->kind == PATCH_ADDED)
			add_line(&out->added, &out->nadded, *line);
		out->places = xrealloc(out->places, (out->nplaces + 1) * sizeof(*out->places));
		out->places[out->nplaces].line = *line;
		out->places[out->nplaces].patch_line = l->patch_line;
		out->places[out->nplaces++].added = l->kind == PATCH_ADDED;
		if (text) {
			buf_append(text, l->text, strlen(l->text));
			buf_append(text, "\n", 1);
		}
	}
	if (removing && !adding)
		add_line(&out->removed_at, &out->nremoved_at, *line + 1);
	add_span(out, first, *line);
}

static void append_lines(struct buf *text, const struct file_lines *file,
			 size_t from, size_t to)
{
	for (size_t i = from; i < to; i++) {
		buf_append(text, file->text[i], file->len[i]);
		buf_append(text, "\n", 1);
	}
}

static void build_unapplied(const struct file_lines *file, const struct file_patch *fp,
			    const size_t *at, struct patched_file *out)
{
	struct buf text = { 0 };
	size_t cursor = 0;
	unsigned int line = 0;

	for (size_t h = 0; h < fp->nhunks; h++) {
		append_lines(&text, file, cursor, at[h]);
		line += (unsigned int)(at[h] - cursor);
		emit_new_side(fp, &fp->hunks[h], &text, &line, out);
		cursor = at[h] + side_len(fp, &fp->hunks[h], OLD_SIDE);
	}
	append_lines(&text, file, cursor, file->n);
	out->text = text.data ? text.data : xstrdup("");
	out->len = text.len;
}

static void describe_applied(const struct file_patch *fp, const size_t *at,
			     const char *old, size_t len, struct patched_file *out)
{
	for (size_t h = 0; h < fp->nhunks; h++) {
		unsigned int line = (unsigned int)at[h];

		emit_new_side(fp, &fp->hunks[h], NULL, &line, out);
	}
	out->text = xstrndup(old, len);
	out->len = len;
}

bool patch_apply_file(const struct file_patch *fp, const char *old,
		      size_t len, struct patched_file *out, char *err,
		      size_t errlen)
{
	struct file_lines file;
	size_t *at_old, *at_new, off_old = 0, off_new = 0, failed = 0, unused;
	bool old_ok, new_ok;

	memset(out, 0, sizeof(*out));
	if (!fp->new_path) {
		snprintf(err, errlen, "%s: the patch deletes it", fp->old_path);
		return false;
	}
	if (!fp->old_path || !old) {
		if (fp->old_path) {
			snprintf(err, errlen, "%s: not in the tree", fp->old_path);
			return false;
		}
		out->state = PATCH_STATE_NEW;
		split_lines("", 0, &file);
		at_old = xmalloc((fp->nhunks + 1) * sizeof(*at_old));
		for (size_t h = 0; h < fp->nhunks; h++)
			at_old[h] = 0;
		build_unapplied(&file, fp, at_old, out);
		free(at_old);
		free_lines(&file);
		return true;
	}
	split_lines(old, len, &file);
	at_old = xmalloc((fp->nhunks + 1) * sizeof(*at_old));
	at_new = xmalloc((fp->nhunks + 1) * sizeof(*at_new));
	old_ok = place_hunks(&file, fp, OLD_SIDE, at_old, &off_old, &failed);
	new_ok = place_hunks(&file, fp, NEW_SIDE, at_new, &off_new, &unused);
	/*
	 * Both can stand when the sides are alike (a hunk of context around a
	 * change the file also has elsewhere): the closer fit wins, and a tie
	 * goes to applied, as `git diff` of a working tree is.
	 */
	if (new_ok && (!old_ok || off_new <= off_old)) {
		out->state = PATCH_STATE_APPLIED;
		describe_applied(fp, at_new, old, len, out);
	} else if (old_ok) {
		out->state = PATCH_STATE_UNAPPLIED;
		build_unapplied(&file, fp, at_old, out);
	} else {
		snprintf(err, errlen, "%s: hunk %zu (@@ -%u,%u +%u,%u @@) matches neither the file nor the patched file",
			 fp->new_path, failed + 1, fp->hunks[failed].old_start,
			 fp->hunks[failed].old_count, fp->hunks[failed].new_start,
			 fp->hunks[failed].new_count);
	}
	free(at_old);
	free(at_new);
	free_lines(&file);
	return old_ok || new_ok;
}

bool patch_hunks_text(const struct file_patch *fp, struct patched_file *out,
		      char *err, size_t errlen)
{
	struct buf text = { 0 };
	unsigned int line = 0;

	memset(out, 0, sizeof(*out));
	out->state = PATCH_STATE_HUNKS;
	for (size_t h = 0; h < fp->nhunks; h++) {
		const struct patch_hunk *hunk = &fp->hunks[h];
		/* An empty new side ("+5,0") is the point after line 5. */
		unsigned int before = hunk->new_count ? hunk->new_start - 1 :
					 hunk->new_start;

		if (hunk->new_count && !hunk->new_start)
			before = 0;
		if (before < line) {
			snprintf(err, errlen, "%s: hunk %zu (@@ -%u,%u +%u,%u @@) overlaps the one before",
				 fp->new_path, h + 1, hunk->old_start,
				 hunk->old_count, hunk->new_start,
				 hunk->new_count);
			buf_free(&text);
			patched_file_free(out);
			return false;
		}
		for (; line < before; line++)
			buf_append(&text, "\n", 1);
		emit_new_side(fp, hunk, &text, &line, out);
	}
	out->text = text.data ? text.data : xstrdup("");
	out->len = text.len;
	return true;
}

void patched_file_free(struct patched_file *pf)
{
	free(pf->text);
	free(pf->hunks);
	free(pf->added);
	free(pf->removed_at);
	free(pf->places);
	memset(pf, 0, sizeof(*pf));
}

void patched_file_lines(const struct patched_file *pf, struct strvec *lines)
{
	for (size_t at = 0; at < pf->len;) {
		const char *nl = memchr(pf->text + at, '\n', pf->len - at);
		size_t end = nl ? (size_t)(nl - pf->text) : pf->len;

		strvec_push_owned(lines, xstrndup(pf->text + at, end - at));
		at = end + 1;
	}
}

const struct patch_place *patched_file_place(const struct patched_file *pf,
					     unsigned int line)
{
	for (size_t i = 0; i < pf->nplaces; i++)
		if (pf->places[i].line == line)
			return &pf->places[i];
	return NULL;
}
