/*
 * libFuzzer target: compile_commands.json as ptwalk's driver reads it
 * (driver/compile_db.c), then a lookup in what it read.  The input is the
 * file's contents.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "compile_db.h"
#include "fuzz_file.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *dir = fuzz_dir();
	char *path = fuzz_write(dir, "compile_commands.json", data, size);
	struct compile_db *db = compile_db_load(dir);

	if (db) {
		compile_db_directory(db, "/src/mm/gup.c");
		compile_db_directory(db, "");
		compile_db_free(db);
	}
	free(path);
	return 0;
}
