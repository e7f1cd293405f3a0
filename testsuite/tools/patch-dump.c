/*
 * patch-dump PATCH...: prints what driver/patch.c reads in each patch,
 * for the lit tests of the parser: per file "file OLD -> NEW" (with
 * "renamed", "mode-only"), per hunk its header, per line its kind (= for context) and
 * text.  A patch the parser refuses is "patch-dump: PATCH: REASON" and
 * exit status 2; the other patches are still dumped.
 */
#include <stdio.h>
#include <string.h>

#include "patch.h"
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

int main(int argc, char **argv)
{
	int status = 0;

	for (int i = 1; i < argc; i++) {
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
			dump(&p);
			patch_free(&p);
		}
		buf_free(&text);
	}
	return status;
}
