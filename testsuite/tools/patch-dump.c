/*
 * patch-dump [-C TREE] PATCH...: prints what driver/patch.c reads in each
 * patch, for the lit tests of the parser: per file "file OLD -> NEW"
 * (with "renamed", "mode-only"), per hunk its header, per line its kind
 * (= for context) and text.  With -C, what driver/patch_apply.c makes of
 * each file against TREE instead: "state", the post-patch "span" of each
 * hunk, the "added" lines, where lines were only "removed-at", and the
 * post-patch text, numbered.  A patch
 * the parser refuses, or a file that does not apply, is "patch-dump:
 * NAME: REASON" and exit status 2; the rest is still dumped.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "patch.h"
#include "patch_apply.h"
#include "util.h"

static void dump(const struct patch *p)
{
	for (size_t i = 0; i < p->nfiles; i++) {
		const struct file_patch *f = &p->files[i];

		printf("file %s -> %s%s%s\n", f->old_path ? f->old_path : "/dev/null",
		       f->new_path ? f->new_path : "/dev/null",
		       f->renamed ? " renamed" : "", f->mode_only ? " mode-only" : "");
		for (size_t h = 0; h < f->nhunks; h++) {
			const struct patch_hunk *hk = &f->hunks[h];

			printf("@@ -%u,%u +%u,%u @@\n", hk->old_start, hk->old_count,
			       hk->new_start, hk->new_count);
			for (size_t l = hk->first; l < hk->first + hk->nlines; l++)
				printf("%c|%s|\n", f->lines[l].kind == PATCH_CONTEXT ? '=' : (char)f->lines[l].kind,
				       f->lines[l].text);
		}
	}
}

static const char *const state_names[] = {
	[PATCH_STATE_UNAPPLIED] = "unapplied",
	[PATCH_STATE_APPLIED] = "applied",
	[PATCH_STATE_NEW] = "new",
};

/* The post-patch view of each file of P against TREE; 2 if one fails. */
static int dump_applied(const struct patch *p, const char *tree)
{
	int status = 0;

	for (size_t i = 0; i < p->nfiles; i++) {
		const struct file_patch *f = &p->files[i];
		struct buf old = { 0 };
		struct patched_file pf;
		char err[512];
		bool have = false;

		if (f->old_path) {
			char *path = xasprintf("%s/%s", tree, f->old_path);

			have = read_whole_file(path, &old) == 0;
			free(path);
		}
		if (!patch_apply_file(f, have ? (old.data ? old.data : "") : NULL,
				      old.len, &pf, err, sizeof(err))) {
			fprintf(stderr, "patch-dump: %s\n", err);
			status = 2;
			buf_free(&old);
			continue;
		}
		printf("file %s: %s\n", f->new_path, state_names[pf.state]);
		for (size_t h = 0; h < pf.nhunks; h++)
			printf("span %u-%u\n", pf.hunks[h].first, pf.hunks[h].last);
		printf("added");
		for (size_t a = 0; a < pf.nadded; a++)
			printf(" %u", pf.added[a]);
		printf("\nremoved-at");
		for (size_t r = 0; r < pf.nremoved_at; r++)
			printf(" %u", pf.removed_at[r]);
		printf("\n");
		for (size_t at = 0, line = 1; at < pf.len; line++) {
			const char *nl = memchr(pf.text + at, '\n', pf.len - at);
			size_t end = nl ? (size_t)(nl - pf.text) : pf.len;

			printf("%zu|%.*s|\n", line, (int)(end - at), pf.text + at);
			at = end + 1;
		}
		patched_file_free(&pf);
		buf_free(&old);
	}
	return status;
}

int main(int argc, char **argv)
{
	const char *tree = NULL;
	int status = 0;
	int first = 1;

	if (argc > 2 && strcmp(argv[1], "-C") == 0) {
		tree = argv[2];
		first = 3;
	}
	for (int i = first; i < argc; i++) {
		struct buf text = { 0 };
		struct patch p;
		char err[256];
		int e = read_whole_file(argv[i], &text);

		if (e) {
			fprintf(stderr, "patch-dump: %s: %s\n", argv[i], strerror(e));
			status = 2;
		} else if (!patch_parse(text.data ? text.data : "", text.len, &p, err, sizeof(err))) {
			fprintf(stderr, "patch-dump: %s: %s\n", argv[i], err);
			status = 2;
		} else {
			if (tree) {
				if (dump_applied(&p, tree))
					status = 2;
			} else {
				dump(&p);
			}
			patch_free(&p);
		}
		buf_free(&text);
	}
	return status;
}
