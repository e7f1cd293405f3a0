/*
 * libFuzzer target: a baseline file as --baseline reads it
 * (driver/baseline.c), then applied to a small list of findings.
 */
#include <stdint.h>
#include <stdlib.h>

#include "baseline.h"
#include "fuzz_file.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *path = fuzz_write(fuzz_dir(), "baseline.json", data, size);
	struct baseline *base = baseline_read(path);

	if (base) {
		struct finding_list list = { 0 };
		struct ptwalk_finding *f;
		size_t suppressed, stale;

		for (int i = 0; i < 3; i++) {
			f = finding_add(&list, i ? "mm/gup.c" : "x.c", 10 + i, 1,
					&ptwalk_rules[0], PTWALK_SEVERITY_warning,
					"m", "cocci");
			f->function = xstrdup("gup_pte_range");
			f->fingerprint = xstrdup(i == 2 ? "0123456789abcdef" : "");
		}
		baseline_filter(base, &list, &suppressed, &stale);
		findings_free(&list);
		baseline_free(base);
	}
	free(path);
	return 0;
}
