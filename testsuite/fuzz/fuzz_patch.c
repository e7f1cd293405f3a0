/*
 * libFuzzer target: the unified-diff parser of patch review
 * (driver/patch.c), on the input as a whole patch; every hunk it accepts
 * must hold the lines its header counts.
 */
#include <stdint.h>
#include <stdlib.h>

#include "patch.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct patch p;
	char err[256];

	if (!patch_parse((const char *)data, size, &p, err, sizeof(err)))
		return 0;
	for (size_t i = 0; i < p.nfiles; i++)
		for (size_t h = 0; h < p.files[i].nhunks; h++) {
			const struct patch_hunk *hk = &p.files[i].hunks[h];
			unsigned int old = 0, new = 0;

			for (size_t l = hk->first; l < hk->first + hk->nlines; l++) {
				enum patch_line_kind k = p.files[i].lines[l].kind;

				old += k != PATCH_ADDED;
				new += k != PATCH_REMOVED;
			}
			if (old != hk->old_count || new != hk->new_count)
				abort();
		}
	patch_free(&p);
	return 0;
}
