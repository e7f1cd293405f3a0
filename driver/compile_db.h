/* A compilation database, DIR/compile_commands.json (`make
 * compile_commands.json` in a kernel tree, CMake, bear): which files it
 * compiles, and where. */
#ifndef PTWALK_COMPILE_DB_H
#define PTWALK_COMPILE_DB_H

struct compile_db;

/*
 * Reads DIR/compile_commands.json.  Returns NULL after one line on stderr
 * when it is missing or not a database.
 */
struct compile_db *compile_db_load(const char *dir);

/* The path of the database file, as it was opened. */
const char *compile_db_path(const struct compile_db *db);

/*
 * The working directory of the first command that compiles the file whose
 * canonical name (paths.h) is CANONICAL, or NULL when none does.
 */
const char *compile_db_directory(const struct compile_db *db,
				 const char *canonical);

void compile_db_free(struct compile_db *db);

#endif
