/*
 * The diff of --fix.  The engines give a fix as edits, replacements of a
 * range of a file's text (findings.h), not as diffs: two engines' fixes
 * of one line can then be compared and made once, and each file is read
 * only here, once.  The edits each finding needs are taken or left out
 * together; the kept edits of a file are applied to its text, and every
 * changed run of lines becomes a hunk with three lines of context, as
 * `diff -u` would print it.
 */
#include "fix_diff.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "paths.h"
#include "util.h"

#define CONTEXT 3

/* An edit in byte offsets of its file's text. */
struct edit {
	size_t begin, end;		/* end exclusive */
	const char *text;
	const struct ptwalk_finding *owner;
};

struct fix_file {
	const char *name;		/* as the findings name it */
	char *diff_name;		/* relative to the current directory */
	bool usable;			/* read, and nameable in a diff */
	struct buf text;
	size_t *line_start;		/* offset of each line's first byte */
	size_t nlines;
	struct edit *edits;		/* the edits kept */
	size_t nedits;
};

struct fix_files {
	struct fix_file *v;
	size_t n;
	char *cwd;
};

/* The Clang engine's fixes first: it compiled the code it fixes. */
static int engine_rank(const struct ptwalk_finding *f)
{
	if (strcmp(f->engine, "clang") == 0)
		return 0;
	if (strcmp(f->engine, "cocci") == 0)
		return 1;
	return 2;
}

static int compare_fix_order(const void *pa, const void *pb)
{
	const struct ptwalk_finding *a = *(const struct ptwalk_finding *const *)pa;
	const struct ptwalk_finding *b = *(const struct ptwalk_finding *const *)pb;
	int c = engine_rank(a) - engine_rank(b);

	if (c)
		return c;
	c = strcmp(a->loc.file, b->loc.file);
	if (c)
		return c;
	if (a->loc.line != b->loc.line)
		return a->loc.line < b->loc.line ? -1 : 1;
	if (a->loc.col != b->loc.col)
		return a->loc.col < b->loc.col ? -1 : 1;
	return strcmp(a->rule->name, b->rule->name);
}

/*
 * NAME relative to the current directory, for a/ and b/: git apply
 * refuses absolute names and names that climb out with "..".  NULL when
 * the file is outside the current directory.
 */
static char *diff_name(const char *cwd, const char *name)
{
	char *canon = path_canonical(cwd, name);
	size_t len = strlen(cwd);
	char *rel = NULL;

	if (strcmp(cwd, "/") == 0)
		rel = xstrdup(canon + 1);
	else if (strncmp(canon, cwd, len) == 0 && canon[len] == '/')
		rel = xstrdup(canon + len + 1);
	free(canon);
	return rel;
}

static void index_lines(struct fix_file *file)
{
	const char *t = file->text.data;
	size_t len = file->text.len;

	file->line_start = xmalloc((len + 2) * sizeof(*file->line_start));
	file->nlines = 0;
	for (size_t i = 0; i < len; i++)
		if (i == 0 || t[i - 1] == '\n')
			file->line_start[file->nlines++] = i;
	/* One past the end, so that line L ends at line_start[L + 1]. */
	file->line_start[file->nlines] = len;
}

static struct fix_file *file_of(struct fix_files *files, const char *name)
{
	struct fix_file *file;
	int err;

	for (size_t i = 0; i < files->n; i++)
		if (strcmp(files->v[i].name, name) == 0)
			return &files->v[i];
	files->v = xrealloc(files->v, (files->n + 1) * sizeof(*files->v));
	file = &files->v[files->n++];
	memset(file, 0, sizeof(*file));
	file->name = name;
	file->diff_name = diff_name(files->cwd, name);
	if (!file->diff_name) {
		trouble(name, "outside the current directory: its fixes are left out of the diff");
		return file;
	}
	err = read_whole_file(name, &file->text);
	if (err) {
		trouble(name, "cannot read it for --fix: %s", strerror(err));
		return file;
	}
	buf_append(&file->text, "", 0);
	index_lines(file);
	file->usable = true;
	return file;
}

/* The offset of LINE:COL (1-based) in FILE, or false when outside it. */
static bool offset_of(const struct fix_file *file, unsigned int line,
		      unsigned int col, size_t *off)
{
	size_t start, end;

	if (line == 0 || col == 0 || file->nlines == 0)
		return false;
	if (line == file->nlines + 1 && col == 1) {
		*off = file->text.len;	/* the end of the file */
		return true;
	}
	if (line > file->nlines)
		return false;
	start = file->line_start[line - 1];
	end = file->line_start[line];
	if (col - 1 > end - start)
		return false;
	*off = start + col - 1;
	return true;
}

static bool same_edit(const struct edit *a, const struct edit *b)
{
	return a->begin == b->begin && a->end == b->end &&
	       strcmp(a->text, b->text) == 0;
}

/*
 * Whether two different edits cannot both be made: their ranges share
 * text, one inserts inside the other's range, or both start at one place
 * and one inserts there, so that their order would be a guess.
 */
static bool overlaps(const struct edit *a, const struct edit *b)
{
	size_t lo = a->begin > b->begin ? a->begin : b->begin;
	size_t hi = a->end < b->end ? a->end : b->end;

	if (lo < hi)
		return true;
	if (a->begin == b->begin && (a->begin == a->end || b->begin == b->end))
		return true;
	return (a->begin == a->end && b->begin < a->begin && a->begin < b->end) ||
	       (b->begin == b->end && a->begin < b->begin && b->begin < a->end);
}

static void say_conflict(const struct ptwalk_finding *left,
			 const struct ptwalk_finding *kept)
{
	fprintf(stderr, "ptwalk: --fix: %s:%u: the %s engine's fix for [ptwalk-%s] overlaps the %s engine's fix for [ptwalk-%s] at %s:%u, which is kept\n",
		left->loc.file, left->loc.line, left->engine, left->rule->name,
		kept->engine, kept->rule->name, kept->loc.file, kept->loc.line);
}

/*
 * Takes F's edits, or none of them: an edit that does not fit its file,
 * or overlaps an edit taken before, leaves the whole fix out.  Returns
 * whether the fix is in the diff.
 */
static bool take_fix(struct fix_files *files, const struct ptwalk_finding *f)
{
	struct edit *mine = xmalloc(f->nfix * sizeof(*mine));
	struct fix_file **where = xmalloc(f->nfix * sizeof(*where));
	bool ok = true;

	for (size_t i = 0; i < f->nfix && ok; i++) {
		const struct ptwalk_fix *e = &f->fix[i];
		struct fix_file *file = file_of(files, e->begin.file);

		where[i] = file;
		mine[i] = (struct edit){ 0, 0, e->replacement, f };
		if (!file->usable) {
			ok = false;
		} else if (strcmp(e->begin.file, e->end.file) != 0 ||
			   !offset_of(file, e->begin.line, e->begin.col,
				      &mine[i].begin) ||
			   !offset_of(file, e->end.line, e->end.col,
				      &mine[i].end) ||
			   mine[i].end < mine[i].begin) {
			trouble(e->begin.file, "the %s engine's fix for [ptwalk-%s] at line %u does not fit the file: left out",
				f->engine, f->rule->name, f->loc.line);
			ok = false;
		}
	}
	for (size_t i = 0; i < f->nfix && ok; i++) {
		const struct fix_file *file = where[i];

		for (size_t k = 0; k < file->nedits && ok; k++) {
			if (same_edit(&mine[i], &file->edits[k]))
				continue;
			if (overlaps(&mine[i], &file->edits[k])) {
				say_conflict(f, file->edits[k].owner);
				ok = false;
			}
		}
		/* A fix whose own edits collide is no fix either. */
		for (size_t k = 0; k < i && ok; k++)
			if (where[k] == file && !same_edit(&mine[i], &mine[k]) &&
			    overlaps(&mine[i], &mine[k]))
				ok = false;
	}
	for (size_t i = 0; i < f->nfix && ok; i++) {
		struct fix_file *file = where[i];
		bool dup = false;

		for (size_t k = 0; k < file->nedits && !dup; k++)
			dup = same_edit(&mine[i], &file->edits[k]);
		if (dup)
			continue;
		file->edits = xrealloc(file->edits,
				       (file->nedits + 1) * sizeof(*file->edits));
		file->edits[file->nedits++] = mine[i];
	}
	free(mine);
	free(where);
	return ok;
}

static int compare_edits(const void *pa, const void *pb)
{
	const struct edit *a = pa, *b = pb;

	if (a->begin != b->begin)
		return a->begin < b->begin ? -1 : 1;
	return a->end < b->end ? -1 : a->end > b->end;
}

/* The line (0-based) holding offset OFF. */
static size_t line_of(const struct fix_file *file, size_t off)
{
	size_t lo = 0, hi = file->nlines;

	if (off >= file->text.len)
		return file->nlines ? file->nlines - 1 : 0;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;

		if (file->line_start[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* A run of whole lines the edits change: old lines [first, last]. */
struct region {
	size_t first, last;
	size_t edit0, nedits;	/* its edits, sorted */
};

static int put_line(FILE *out, char kind, const char *line, size_t len)
{
	bool newline = len && line[len - 1] == '\n';

	fputc(kind, out);
	fwrite(line, 1, len, out);
	if (!newline)
		fputs("\n\\ No newline at end of file\n", out);
	return ferror(out) ? -1 : 0;
}

/* Writes TEXT (LEN bytes) line by line, each prefixed with KIND. */
static void put_lines(FILE *out, char kind, const char *text, size_t len)
{
	while (len) {
		const char *nl = memchr(text, '\n', len);
		size_t n = nl ? (size_t)(nl - text) + 1 : len;

		put_line(out, kind, text, n);
		text += n;
		len -= n;
	}
}

static size_t count_lines(const char *text, size_t len)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++)
		if (text[i] == '\n')
			n++;
	return n + (len && text[len - 1] != '\n');
}

/* The new text of region R: its old lines with its edits made. */
static void region_text(const struct fix_file *file, const struct region *r,
			struct buf *out)
{
	size_t at = file->line_start[r->first];
	size_t end = file->line_start[r->last + 1];

	out->len = 0;
	buf_append(out, "", 0);
	for (size_t k = r->edit0; k < r->edit0 + r->nedits; k++) {
		const struct edit *e = &file->edits[k];

		buf_append(out, file->text.data + at, e->begin - at);
		buf_append(out, e->text, strlen(e->text));
		at = e->end;
	}
	buf_append(out, file->text.data + at, end - at);
}

static void context_lines(FILE *out, const struct fix_file *file,
			  size_t from, size_t to)
{
	for (size_t l = from; l < to; l++)
		put_line(out, ' ', file->text.data + file->line_start[l],
			 file->line_start[l + 1] - file->line_start[l]);
}

/*
 * Writes the hunks of REGIONS[0..N), which are sorted and do not share
 * lines; a hunk holds the regions whose contexts touch.
 */
static void write_hunks(FILE *out, const struct fix_file *file,
			const struct region *regions, size_t n)
{
	struct buf text = { 0 };
	long delta = 0;		/* new lines minus old, before this hunk */

	for (size_t i = 0; i < n;) {
		size_t j = i, first, last, old_count, new_count;
		size_t old_changed = 0, new_changed = 0;

		while (j + 1 < n &&
		       regions[j + 1].first - regions[j].last - 1 <= 2 * CONTEXT)
			j++;
		first = regions[i].first > CONTEXT ? regions[i].first - CONTEXT : 0;
		last = regions[j].last + CONTEXT < file->nlines ?
		       regions[j].last + CONTEXT : file->nlines - 1;
		for (size_t k = i; k <= j; k++) {
			old_changed += regions[k].last - regions[k].first + 1;
			region_text(file, &regions[k], &text);
			new_changed += count_lines(text.data, text.len);
		}
		old_count = last - first + 1;
		new_count = old_count - old_changed + new_changed;
		/* diff -u names the line before an empty side. */
		fprintf(out, "@@ -%zu,%zu +%ld,%zu @@\n", first + 1, old_count,
			(long)first + 1 + delta - (new_count == 0), new_count);
		for (size_t k = i, at = first; k <= j; k++) {
			const struct region *r = &regions[k];
			size_t from = file->line_start[r->first];

			context_lines(out, file, at, r->first);
			put_lines(out, '-', file->text.data + from,
				  file->line_start[r->last + 1] - from);
			region_text(file, r, &text);
			put_lines(out, '+', text.data, text.len);
			at = r->last + 1;
			if (k == j)
				context_lines(out, file, at, last + 1);
		}
		delta += (long)new_count - (long)old_count;
		i = j + 1;
	}
	buf_free(&text);
}

static int write_file_diff(FILE *out, struct fix_file *file)
{
	struct region *regions;
	size_t n = 0;

	qsort(file->edits, file->nedits, sizeof(*file->edits), compare_edits);
	regions = xmalloc(file->nedits * sizeof(*regions));
	for (size_t k = 0; k < file->nedits; k++) {
		const struct edit *e = &file->edits[k];
		size_t first = line_of(file, e->begin);
		size_t last = line_of(file, e->end > e->begin ? e->end - 1 : e->begin);

		if (n && first <= regions[n - 1].last) {
			if (last > regions[n - 1].last)
				regions[n - 1].last = last;
			regions[n - 1].nedits++;
		} else {
			regions[n++] = (struct region){ first, last, k, 1 };
		}
	}
	fprintf(out, "--- a/%s\n+++ b/%s\n", file->diff_name, file->diff_name);
	write_hunks(out, file, regions, n);
	free(regions);
	return ferror(out) ? -1 : 0;
}

static int compare_files(const void *pa, const void *pb)
{
	const struct fix_file *a = pa, *b = pb;

	return strcmp(a->diff_name ? a->diff_name : "",
		      b->diff_name ? b->diff_name : "");
}

int fix_diff_write(FILE *out, const struct finding_list *findings)
{
	struct fix_files files = { 0 };
	const struct ptwalk_finding **order;
	size_t nfixes = 0, taken = 0, nfiles = 0;
	int status = 0;

	files.cwd = current_dir();
	order = xmalloc((findings->n + 1) * sizeof(*order));
	for (size_t i = 0; i < findings->n; i++)
		if (findings->v[i].nfix)
			order[nfixes++] = &findings->v[i];
	qsort(order, nfixes, sizeof(*order), compare_fix_order);
	for (size_t i = 0; i < nfixes; i++)
		taken += take_fix(&files, order[i]);

	qsort(files.v, files.n, sizeof(*files.v), compare_files);
	for (size_t i = 0; i < files.n; i++) {
		if (!files.v[i].nedits)
			continue;
		nfiles++;
		if (write_file_diff(out, &files.v[i]) != 0)
			status = -1;
	}
	if (fflush(out) != 0)
		status = -1;
	if (findings->n)
		fprintf(stderr, "ptwalk: --fix: %zu of %zu findings fixed, in %zu files\n",
			taken, findings->n, nfiles);

	for (size_t i = 0; i < files.n; i++) {
		free(files.v[i].diff_name);
		buf_free(&files.v[i].text);
		free(files.v[i].line_start);
		free(files.v[i].edits);
	}
	free(files.v);
	free(files.cwd);
	free(order);
	return status;
}
