#define _XOPEN_SOURCE 700	/* mkdtemp */
#include "patch_inputs.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "function_spans.h"
#include "hunk_functions.h"
#include "kernel_version.h"
#include "patch.h"
#include "patch_apply.h"
#include "paths.h"

struct patched_copy {
	char *patch;		/* the patch, as named on the command line */
	char *copy;		/* what the engines are given */
	char *shown;		/* the name findings are printed under */
	char *tree_file;	/* the tree's file, absolute; NULL with no tree */
	struct patched_file pf;
	/* With no tree: where the patch changes page-table code it does not
	 * show whole (hunk_functions.h). */
	unsigned int *unshown;
	size_t nunshown;
	struct function_spans spans;
};

struct patch_inputs {
	char *tmp;		/* the temporary tree, once a patch needs it */
	char *root;		/* the kernel tree around the current directory */
	bool root_looked_up;
	struct patched_copy *v;
	size_t n;
};

bool is_patch_arg(const char *arg)
{
	return strcmp(arg, "-") == 0 || has_suffix(arg, ".patch") ||
	       has_suffix(arg, ".diff");
}

struct patch_inputs *patch_inputs_new(void)
{
	struct patch_inputs *pi = xmalloc(sizeof(*pi));

	memset(pi, 0, sizeof(*pi));
	return pi;
}

/* The kernel tree the current directory is in, or NULL. */
static const char *tree_root(struct patch_inputs *pi)
{
	if (!pi->root_looked_up) {
		char *cwd = current_dir();

		pi->root = kernel_tree_top(cwd);
		pi->root_looked_up = true;
		free(cwd);
	}
	return pi->root;
}

static int read_patch(const char *arg, struct buf *text)
{
	if (strcmp(arg, "-") != 0)
		return read_whole_file(arg, text);
	for (;;) {
		char chunk[65536];
		size_t n = fread(chunk, 1, sizeof(chunk), stdin);

		buf_append(text, chunk, n);
		if (n < sizeof(chunk))
			return ferror(stdin) ? EIO : 0;
	}
}

/* Creates the directories of PATH below the temporary tree. */
static bool make_parents(char *path)
{
	for (char *s = strchr(path + 1, '/'); s; s = strchr(s + 1, '/')) {
		*s = '\0';
		if (mkdir(path, 0700) != 0 && errno != EEXIST) {
			*s = '/';
			return false;
		}
		*s = '/';
	}
	return true;
}

static bool write_file(const char *path, const char *text, size_t len)
{
	FILE *out = fopen(path, "w");
	bool ok;

	if (!out)
		return false;
	ok = fwrite(text, 1, len, out) == len;
	return fclose(out) == 0 && ok;
}

/* The temporary tree, with the kernel tree's top Makefile in it so that
 * the copies are read as code of the tree's version. */
static const char *temp_tree(struct patch_inputs *pi)
{
	char templ[] = "/tmp/ptwalk-patch-XXXXXX";

	if (pi->tmp)
		return pi->tmp;
	if (!mkdtemp(templ)) {
		trouble("/tmp", "cannot make a directory for patched files: %s",
			strerror(errno));
		return NULL;
	}
	pi->tmp = xstrdup(templ);
	if (tree_root(pi)) {
		char *from = path_join(pi->root, "Makefile");
		char *to = path_join(pi->tmp, "Makefile");
		struct buf makefile = { 0 };

		if (read_whole_file(from, &makefile) == 0)
			write_file(to, makefile.data ? makefile.data : "", makefile.len);
		buf_free(&makefile);
		free(from);
		free(to);
	}
	return pi->tmp;
}

/* The name a file of the tree is shown under: relative to the current
 * directory where it is below it. */
static char *shown_name(const char *root, const char *path)
{
	char *cwd = current_dir(), *full = root ? path_join(root, path) : xstrdup(path);
	size_t n = strlen(cwd);
	char *shown;

	if (root && strncmp(full, cwd, n) == 0 && full[n] == '/')
		shown = xstrdup(full + n + 1);
	else
		shown = xstrdup(root ? full : path);
	free(cwd);
	free(full);
	return shown;
}

static void find_spans(struct patched_copy *c)
{
	struct strvec lines = { 0 };

	patched_file_lines(&c->pf, &lines);
	function_spans_find((const char *const *)lines.v, lines.n, &c->spans);
	strvec_free(&lines);
}

/* Adds the post-patch copy of FP, from patch ARG. */
static void add_file(struct patch_inputs *pi, const char *arg,
		     const struct file_patch *fp, struct strvec *files,
		     struct strvec *canonical)
{
	const char *root = tree_root(pi), *tmp;
	struct buf old = { 0 };
	struct patched_copy c = { 0 };
	char err[512], *analysed = NULL;	/* when not all of c.pf.text */
	size_t analysed_len = 0;
	bool have_old = false;

	if (fp->old_path && root) {
		char *path = path_join(root, fp->old_path);

		have_old = read_whole_file(path, &old) == 0;
		free(path);
	}
	if (fp->old_path && !root) {
		if (!patch_hunks_text(fp, &c.pf, err, sizeof(err))) {
			trouble(arg, "%s", err);
			return;
		}
		analysed = whole_functions_text(&c.pf, &analysed_len,
						&c.unshown, &c.nunshown);
	} else if (!patch_apply_file(fp, have_old ? (old.data ? old.data : "") : NULL,
				     old.len, &c.pf, err, sizeof(err))) {
		trouble(arg, "%s", err);
		buf_free(&old);
		return;
	}
	buf_free(&old);
	if (!(tmp = temp_tree(pi))) {
		patched_file_free(&c.pf);
		free(c.unshown);
		free(analysed);
		return;
	}
	c.copy = path_join(tmp, fp->new_path);
	if (!make_parents(c.copy) ||
	    !write_file(c.copy, analysed ? analysed : c.pf.text,
			analysed ? analysed_len : c.pf.len)) {
		trouble(c.copy, "cannot write the patched file: %s", strerror(errno));
		patched_file_free(&c.pf);
		free(c.copy);
		free(c.unshown);
		free(analysed);
		return;
	}
	free(analysed);
	c.shown = shown_name(root, fp->new_path);
	c.tree_file = root ? path_join(root, fp->new_path) : NULL;
	c.patch = xstrdup(arg);
	find_spans(&c);
	strvec_push(files, c.copy);
	strvec_push_owned(canonical, path_canonical("/", c.copy));
	pi->v = xrealloc(pi->v, (pi->n + 1) * sizeof(*pi->v));
	pi->v[pi->n++] = c;
}

void patch_inputs_add(struct patch_inputs *pi, const char *arg,
		      struct strvec *files, struct strvec *canonical)
{
	const char *name = strcmp(arg, "-") == 0 ? "standard input" : arg;
	struct buf text = { 0 };
	struct patch patch;
	char err[512];
	int e = read_patch(arg, &text);

	if (e) {
		trouble(name, "cannot read the patch: %s", strerror(e));
	} else if (!patch_parse(text.data ? text.data : "", text.len, &patch,
				err, sizeof(err))) {
		trouble(name, "not a patch ptwalk can read: %s", err);
	} else {
		for (size_t i = 0; i < patch.nfiles; i++) {
			const struct file_patch *fp = &patch.files[i];

			/* A deletion, a mode change or a pure rename leaves no
			 * code to check. */
			if (fp->new_path && fp->nhunks && is_c_source(fp->new_path))
				add_file(pi, name, fp, files, canonical);
		}
		patch_free(&patch);
	}
	buf_free(&text);
}

static const struct patched_copy *copy_of(const struct patch_inputs *pi,
					  const char *file)
{
	for (size_t i = 0; i < pi->n; i++)
		if (strcmp(pi->v[i].copy, file) == 0)
			return &pi->v[i];
	return NULL;
}

const char *patch_inputs_tree_file(const struct patch_inputs *pi,
				   const char *input)
{
	const struct patched_copy *c = pi ? copy_of(pi, input) : NULL;

	return c ? c->tree_file : NULL;
}

static bool contains(const unsigned int *v, size_t n, unsigned int first,
		     unsigned int last)
{
	for (size_t i = 0; i < n; i++)
		if (first <= v[i] && v[i] <= last)
			return true;
	return false;
}

/* Whether the patch touches the function around LINE of C, or LINE. */
static bool touched(const struct patched_copy *c, unsigned int line)
{
	const struct function_span *fn = function_spans_at(&c->spans, line);
	unsigned int first = fn ? fn->first : line, last = fn ? fn->last : line;

	return contains(c->pf.added, c->pf.nadded, first, last) ||
	       (fn && contains(c->pf.removed_at, c->pf.nremoved_at, first, last));
}

static void rename_location(const struct patch_inputs *pi, char **file)
{
	const struct patched_copy *c = copy_of(pi, *file);

	if (c) {
		free(*file);
		*file = xstrdup(c->shown);
	}
}

/* What the patch changes but does not show whole is not analysed: a
 * fragment is never clean. */
static void report_unshown(const struct patched_copy *c,
			   struct finding_list *findings)
{
	for (size_t i = 0; i < c->nunshown; i++)
		finding_add(findings, c->copy, c->unshown[i], 1,
			    &ptwalk_not_analysed_rule,
			    ptwalk_not_analysed_rule.severity,
			    "the patch changes page-table code here in a function it does not show whole, and there is no kernel tree around the current directory to read the rest from: run ptwalk inside the tree",
			    "driver");
}

void patch_inputs_filter(const struct patch_inputs *pi,
			 struct finding_list *findings)
{
	size_t kept = 0;

	for (size_t i = 0; i < findings->n; i++) {
		struct ptwalk_finding *f = &findings->v[i];
		const struct patched_copy *c = copy_of(pi, f->loc.file);

		if (c && !touched(c, f->loc.line)) {
			finding_free(f);
			continue;
		}
		findings->v[kept++] = *f;
	}
	findings->n = kept;
	for (size_t i = 0; i < pi->n; i++)
		report_unshown(&pi->v[i], findings);
}

/* Post-patch line LINE of C, as a new string. */
static char *source_line(const struct patched_copy *c, unsigned int line)
{
	const char *at = c->pf.text, *end = c->pf.text + c->pf.len, *nl;

	for (unsigned int l = 1; l < line && at < end; l++) {
		nl = memchr(at, '\n', (size_t)(end - at));
		at = nl ? nl + 1 : end;
	}
	nl = at < end ? memchr(at, '\n', (size_t)(end - at)) : NULL;
	return xstrndup(at, (size_t)((nl ? nl : end) - at));
}

static struct ptwalk_patch_ref *patch_ref(const struct patched_copy *c,
					  unsigned int line)
{
	struct ptwalk_patch_ref *ref = xmalloc(sizeof(*ref));
	const struct patch_place *place = patched_file_place(&c->pf, line);

	ref->patch = xstrdup(c->patch);
	ref->patch_line = place ? place->patch_line : 0;
	ref->changed = place && place->added;
	ref->source = source_line(c, line);
	return ref;
}

void patch_inputs_rename(const struct patch_inputs *pi,
			 struct finding_list *findings)
{
	for (size_t i = 0; i < findings->n; i++) {
		struct ptwalk_finding *f = &findings->v[i];
		const struct patched_copy *c = copy_of(pi, f->loc.file);

		if (c && !f->patch)
			f->patch = patch_ref(c, f->loc.line);
		rename_location(pi, &f->loc.file);
		for (size_t r = 0; r < f->nrelated; r++)
			rename_location(pi, &f->related[r].loc.file);
	}
}

void patch_inputs_free(struct patch_inputs *pi)
{
	if (!pi)
		return;
	if (pi->tmp)
		remove_tree(pi->tmp);
	for (size_t i = 0; i < pi->n; i++) {
		free(pi->v[i].patch);
		free(pi->v[i].copy);
		free(pi->v[i].shown);
		free(pi->v[i].tree_file);
		free(pi->v[i].unshown);
		patched_file_free(&pi->v[i].pf);
		function_spans_free(&pi->v[i].spans);
	}
	free(pi->v);
	free(pi->tmp);
	free(pi->root);
	free(pi);
}
