#include "fuzz_file.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "util.h"

const char *fuzz_dir(void)
{
	static char *dir;

	if (!dir) {
		const char *tmp = getenv("TMPDIR");

		dir = xasprintf("%s/ptwalk-fuzz.XXXXXX", tmp && *tmp ? tmp : "/tmp");
		if (!mkdtemp(dir))
			abort();
	}
	return dir;
}

char *fuzz_write(const char *dir, const char *name, const uint8_t *data,
		 size_t size)
{
	char *path = xasprintf("%s/%s", dir, name);
	FILE *out = fopen(path, "wb");

	if (!out || fwrite(data, 1, size, out) != size || fclose(out) != 0)
		abort();
	return path;
}
