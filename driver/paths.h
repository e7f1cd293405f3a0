/* File-name arithmetic: joining, lexical clean-up and canonical names,
 * for matching the names one tool prints with the names another was
 * given. */
#ifndef PTWALK_PATHS_H
#define PTWALK_PATHS_H

/* PATH when absolute, else DIR/PATH.  The caller frees the result. */
char *path_join(const char *dir, const char *path);

/*
 * PATH without "." components, repeated slashes, trailing slashes, and
 * with "dir/.." removed lexically (as LLVM's remove_dots does).
 */
char *path_normalize(const char *path);

/*
 * The realpath of PATH (relative to DIR), or its normalized absolute name
 * when it does not exist: a name to compare, not to show.
 */
char *path_canonical(const char *dir, const char *path);

/*
 * DIR/REL where DIR is the directory of the running executable, when that
 * names an existing directory, else NULL: how an installed ptwalk finds
 * ../share/ptwalk/ without a build tree.  The caller frees the result.
 */
char *installed_dir(const char *rel);

/* The current directory, or "." when it cannot be read. */
char *current_dir(void);

/* Removes DIR and everything below it, as far as it can (a temporary
 * directory of the run: what cannot go is left). */
void remove_tree(const char *dir);

#endif
