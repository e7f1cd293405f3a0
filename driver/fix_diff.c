/*
 * The diff of --fix.  The engines give a fix as edits, replacements of a
 * range of a file's text (findings.h): the Clang engine's fix-its are
 * parts of lines, the Coccinelle engine's patch mode gives whole lines.
 * Each fix is turned into the runs of whole lines it changes and the
 * text they become, which is what two engines' fixes of one line can be
 * compared by.  The runs each fix needs are taken or left out together;
 * the kept runs of a file become hunks with three lines of context, as
 * `diff -u` would print them.  Each file is read only here, once.
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
};

/* A run of whole lines, [first, last] (0-based), and the text it becomes. */
struct region {
	size_t first, last;
	char *text;
	const struct fix_source *owner;
};

struct fix_file {
	const char *name;		/* as the findings name it */
	char *diff_name;		/* relative to the current directory */
	bool usable;			/* read, and nameable in a diff */
	struct buf text;
	size_t *line_start;		/* offset of each line's first byte */
	size_t nlines;
	struct region *regions;		/* the runs kept, in no order */
	size_t nregions;
};

struct fix_files {
	struct fix_file *v;
	size_t n;
	char *cwd;
};

/* The Clang engine's fixes first: it compiled the code it fixes. */
static int engine_rank(const char *engine)
{
	if (strcmp(engine, "clang") == 0)
		return 0;
	if (strcmp(engine, "cocci") == 0)
		return 1;
	return 2;
}

static int compare_fix_order(const void *pa, const void *pb)
{
	const struct fix_source *a = pa, *b = pb;
	int c = engine_rank(a->engine) - engine_rank(b->engine);

	if (c)
		return c;
	c = strcmp(a->file, b->file);
	if (c)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
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
		return file->nlines - 1;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;

		if (file->line_start[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/*
 * The runs of lines that EDITS[0..N) (sorted, not overlapping) change in
 * FILE, each with its new text, appended to *OUT.
 */
static void edits_to_regions(const struct fix_file *file,
			     const struct edit *edits, size_t n,
			     const struct fix_source *owner,
			     struct region **out, size_t *nout)
{
	for (size_t k = 0; k < n;) {
		size_t first = line_of(file, edits[k].begin);
		size_t last = line_of(file, edits[k].end > edits[k].begin ?
				      edits[k].end - 1 : edits[k].begin);
		size_t j = k + 1, at, end;
		struct buf text = { 0 };

		/* The edits that share a line with the run so far. */
		while (j < n && line_of(file, edits[j].begin) <= last) {
			size_t l = line_of(file, edits[j].end > edits[j].begin ?
					   edits[j].end - 1 : edits[j].begin);

			if (l > last)
				last = l;
			j++;
		}
		at = file->line_start[first];
		end = file->line_start[last + 1];
		buf_append(&text, "", 0);
		for (size_t e = k; e < j; e++) {
			buf_append(&text, file->text.data + at, edits[e].begin - at);
			buf_append(&text, edits[e].text, strlen(edits[e].text));
			at = edits[e].end;
		}
		buf_append(&text, file->text.data + at, end - at);
		*out = xrealloc(*out, (*nout + 1) * sizeof(**out));
		(*out)[(*nout)++] = (struct region){ first, last, text.data, owner };
		k = j;
	}
}

static bool same_region(const struct region *a, const struct region *b)
{
	return a->first == b->first && a->last == b->last &&
	       strcmp(a->text, b->text) == 0;
}

static bool regions_overlap(const struct region *a, const struct region *b)
{
	return a->first <= b->last && b->first <= a->last;
}

static void say_conflict(const struct fix_source *left,
			 const struct fix_source *kept)
{
	fprintf(stderr, "ptwalk: --fix: %s:%u: the %s engine's fix for [ptwalk-%s] changes lines that the %s engine's fix for [ptwalk-%s] at %s:%u changes otherwise; that one is kept\n",
		left->file, left->line, left->engine, left->rule->name,
		kept->engine, kept->rule->name, kept->file, kept->line);
}

/*
 * The regions of FIX's edits in FILE, or false when an edit does not fit
 * the file or two of its edits overlap.
 */
static bool fix_regions(const struct fix_file *file,
			const struct fix_source *fix,
			struct region **out, size_t *nout)
{
	struct edit *edits = xmalloc((fix->nedits + 1) * sizeof(*edits));
	size_t n = 0;
	bool ok = true;

	for (size_t i = 0; i < fix->nedits && ok; i++) {
		const struct ptwalk_fix *e = &fix->edits[i];
		struct edit *x = &edits[n];

		if (strcmp(e->begin.file, file->name) != 0)
			continue;
		x->text = e->replacement;
		ok = strcmp(e->end.file, file->name) == 0 &&
		     offset_of(file, e->begin.line, e->begin.col, &x->begin) &&
		     offset_of(file, e->end.line, e->end.col, &x->end) &&
		     x->begin <= x->end;
		n++;
	}
	if (ok) {
		qsort(edits, n, sizeof(*edits), compare_edits);
		for (size_t i = 1; i < n && ok; i++)
			ok = edits[i].begin >= edits[i - 1].end &&
			     !(edits[i].begin == edits[i - 1].begin);
	}
	if (ok)
		edits_to_regions(file, edits, n, fix, out, nout);
	free(edits);
	return ok;
}

static void free_regions(struct region *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].text);
	free(v);
}

/*
 * Takes FIX's regions, or none of them: an edit that does not fit its
 * file, or a region that overlaps one taken before with other text,
 * leaves the whole fix out.  Returns whether the fix is in the diff.
 */
static bool take_fix(struct fix_files *files, const struct fix_source *fix)
{
	/* Indices into files->v, which file_of() may move. */
	size_t *touched = xmalloc((fix->nedits + 1) * sizeof(*touched));
	struct region **mine = xmalloc((fix->nedits + 1) * sizeof(*mine));
	size_t *nmine = xmalloc((fix->nedits + 1) * sizeof(*nmine));
	size_t nfiles = 0;
	bool ok = true;

	/* The files the fix edits, each once. */
	for (size_t i = 0; i < fix->nedits && ok; i++) {
		size_t at = (size_t)(file_of(files, fix->edits[i].begin.file) - files->v);
		struct fix_file *file = &files->v[at];
		size_t k;

		for (k = 0; k < nfiles && touched[k] != at; k++)
			;
		if (k < nfiles)
			continue;
		touched[nfiles] = at;
		mine[nfiles] = NULL;
		nmine[nfiles] = 0;
		nfiles++;
		if (!file->usable) {
			ok = false;
		} else if (!fix_regions(file, fix, &mine[k], &nmine[k])) {
			trouble(file->name, "the %s engine's fix for [ptwalk-%s] at line %u does not fit the file: left out",
				fix->engine, fix->rule->name, fix->line);
			ok = false;
		}
	}
	for (size_t k = 0; k < nfiles && ok; k++) {
		const struct fix_file *file = &files->v[touched[k]];

		for (size_t i = 0; i < nmine[k] && ok; i++)
			for (size_t r = 0; r < file->nregions && ok; r++) {
				const struct region *old = &file->regions[r];

				if (regions_overlap(&mine[k][i], old) &&
				    !same_region(&mine[k][i], old)) {
					say_conflict(fix, old->owner);
					ok = false;
				}
			}
	}
	for (size_t k = 0; k < nfiles; k++) {
		struct fix_file *file = &files->v[touched[k]];

		for (size_t i = 0; i < nmine[k] && ok; i++) {
			bool dup = false;

			for (size_t r = 0; r < file->nregions && !dup; r++)
				dup = same_region(&mine[k][i], &file->regions[r]);
			if (dup)
				continue;
			file->regions = xrealloc(file->regions,
						 (file->nregions + 1) * sizeof(*file->regions));
			file->regions[file->nregions++] = mine[k][i];
			mine[k][i].text = NULL;
		}
		free_regions(mine[k], nmine[k]);
	}
	free(touched);
	free(mine);
	free(nmine);
	return ok;
}

static int compare_regions(const void *pa, const void *pb)
{
	const struct region *a = pa, *b = pb;

	return a->first < b->first ? -1 : a->first > b->first;
}

static void put_line(FILE *out, char kind, const char *line, size_t len)
{
	fputc(kind, out);
	fwrite(line, 1, len, out);
	if (!len || line[len - 1] != '\n')
		fputs("\n\\ No newline at end of file\n", out);
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

/* The length of the first line of TEXT (LEN bytes), its newline included. */
static size_t line_len(const char *text, size_t len)
{
	const char *nl = memchr(text, '\n', len);

	return nl ? (size_t)(nl - text) + 1 : len;
}

/* The length of the last line of TEXT (LEN bytes, not empty). */
static size_t last_line_len(const char *text, size_t len)
{
	size_t start = len - 1;

	while (start && text[start - 1] != '\n')
		start--;
	return len - start;
}

/*
 * The lines OLD (OLD_LEN bytes) become NEW: the lines both begin and end
 * with are context, as diff -u prints them, the rest removed and added.
 */
static void put_region(FILE *out, const char *old, size_t old_len,
		       const char *new)
{
	size_t new_len = strlen(new), n;

	while (old_len && new_len && (n = line_len(old, old_len)) ==
	       line_len(new, new_len) && memcmp(old, new, n) == 0 &&
	       (n < old_len || n < new_len)) {
		put_line(out, ' ', old, n);
		old += n, old_len -= n;
		new += n, new_len -= n;
	}
	/* The common tail, printed after the change. */
	const char *tail = old + old_len;
	size_t tail_len = 0;

	while (old_len && new_len && (n = last_line_len(old, old_len)) ==
	       last_line_len(new, new_len) &&
	       memcmp(old + old_len - n, new + new_len - n, n) == 0 &&
	       (n < old_len || n < new_len)) {
		old_len -= n;
		new_len -= n;
		tail -= n;
		tail_len += n;
	}
	put_lines(out, '-', old, old_len);
	put_lines(out, '+', new, new_len);
	put_lines(out, ' ', tail, tail_len);
}

static size_t count_lines(const char *text)
{
	size_t n = 0, len = strlen(text);

	for (size_t i = 0; i < len; i++)
		if (text[i] == '\n')
			n++;
	return n + (len && text[len - 1] != '\n');
}

static void context_lines(FILE *out, const struct fix_file *file,
			  size_t from, size_t to)
{
	for (size_t l = from; l < to; l++)
		put_line(out, ' ', file->text.data + file->line_start[l],
			 file->line_start[l + 1] - file->line_start[l]);
}

/*
 * Writes the hunks of FILE's regions, which are sorted and do not share
 * lines; a hunk holds the regions whose contexts touch.
 */
static void write_hunks(FILE *out, const struct fix_file *file)
{
	const struct region *regions = file->regions;
	size_t n = file->nregions;
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
			new_changed += count_lines(regions[k].text);
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
			put_region(out, file->text.data + from,
				   file->line_start[r->last + 1] - from, r->text);
			at = r->last + 1;
			if (k == j)
				context_lines(out, file, at, last + 1);
		}
		delta += (long)new_count - (long)old_count;
		i = j + 1;
	}
}

static int write_file_diff(FILE *out, struct fix_file *file)
{
	qsort(file->regions, file->nregions, sizeof(*file->regions),
	      compare_regions);
	fprintf(out, "--- a/%s\n+++ b/%s\n", file->diff_name, file->diff_name);
	write_hunks(out, file);
	return ferror(out) ? -1 : 0;
}

static int compare_files(const void *pa, const void *pb)
{
	const struct fix_file *a = pa, *b = pb;

	return strcmp(a->diff_name ? a->diff_name : "",
		      b->diff_name ? b->diff_name : "");
}

/* Whether FIX fixes finding F: its own, or its rule's in its file. */
static bool fixes_finding(const struct fix_source *fix,
			  const struct ptwalk_finding *f)
{
	if (fix->edits == f->fix)
		return true;
	return strcmp(fix->engine, "cocci") == 0 && fix->rule == f->rule &&
	       strcmp(fix->file, f->loc.file) == 0 &&
	       (strcmp(f->engine, "cocci") == 0 ||
		(f->also_engine && strcmp(f->also_engine, "cocci") == 0));
}

/*
 * "N of M findings fixed, in K files: RULE n of m, ..." for each rule
 * with findings, in catalogue order: which findings were left for a
 * human, by rule.
 */
static void say_counts(const struct finding_list *findings, const bool *fixed,
		       size_t nfixed, size_t nfiles)
{
	const char *sep = ": ";

	fprintf(stderr, "ptwalk: --fix: %zu of %zu findings fixed, in %zu files",
		nfixed, findings->n, nfiles);
	for (size_t r = 0; r <= PTWALK_RULE_COUNT; r++) {
		const struct ptwalk_rule *rule = r < PTWALK_RULE_COUNT ?
			&ptwalk_rules[r] : &ptwalk_not_analysed_rule;
		size_t n = 0, k = 0;

		for (size_t i = 0; i < findings->n; i++) {
			if (findings->v[i].rule != rule)
				continue;
			n++;
			k += fixed[i];
		}
		if (!n)
			continue;
		fprintf(stderr, "%s%s %zu of %zu", sep, rule->name, k, n);
		sep = ", ";
	}
	fputc('\n', stderr);
}

int fix_diff_write(FILE *out, const struct finding_list *findings,
		   const struct fix_source *extra, size_t nextra)
{
	struct fix_files files = { 0 };
	struct fix_source *order;
	bool *fixed = xmalloc((findings->n + 1) * sizeof(*fixed));
	size_t nfixes = 0, nfixed = 0, nfiles = 0;
	int status = 0;

	files.cwd = current_dir();
	order = xmalloc((findings->n + nextra + 1) * sizeof(*order));
	for (size_t i = 0; i < findings->n; i++) {
		const struct ptwalk_finding *f = &findings->v[i];

		fixed[i] = false;
		if (f->nfix)
			order[nfixes++] = (struct fix_source){
				f->engine, f->rule, f->loc.file, f->loc.line,
				f->fix, f->nfix };
	}
	for (size_t i = 0; i < nextra; i++)
		order[nfixes++] = extra[i];
	qsort(order, nfixes, sizeof(*order), compare_fix_order);
	for (size_t i = 0; i < nfixes; i++) {
		if (!take_fix(&files, &order[i]))
			continue;
		for (size_t k = 0; k < findings->n; k++)
			if (fixes_finding(&order[i], &findings->v[k]))
				fixed[k] = true;
	}
	for (size_t k = 0; k < findings->n; k++)
		nfixed += fixed[k];

	qsort(files.v, files.n, sizeof(*files.v), compare_files);
	for (size_t i = 0; i < files.n; i++) {
		if (!files.v[i].nregions)
			continue;
		nfiles++;
		if (write_file_diff(out, &files.v[i]) != 0)
			status = -1;
	}
	if (fflush(out) != 0)
		status = -1;
	if (findings->n)
		say_counts(findings, fixed, nfixed, nfiles);

	for (size_t i = 0; i < files.n; i++) {
		free(files.v[i].diff_name);
		buf_free(&files.v[i].text);
		free(files.v[i].line_start);
		free_regions(files.v[i].regions, files.v[i].nregions);
	}
	free(files.v);
	free(files.cwd);
	free(order);
	free(fixed);
	return status;
}
