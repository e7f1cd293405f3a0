/* The kernel version of the code ptwalk reads: the one the user gives,
 * else that of the kernel tree a file sits in.  The engines use it only
 * where the code itself does not show which role an API has. */
#ifndef PTWALK_KERNEL_VERSION_H
#define PTWALK_KERNEL_VERSION_H

struct tree_versions;

struct tree_versions *tree_versions_new(void);
void tree_versions_free(struct tree_versions *tv);

/*
 * "6.12.117" (or "6.12", or "6.13-rc1") from VERSION, PATCHLEVEL,
 * SUBLEVEL and EXTRAVERSION of the top Makefile of the kernel tree that
 * holds FILE (a realpath), or NULL outside a kernel tree.  Directories
 * are looked up once: TV caches them.  The string belongs to TV.
 */
const char *tree_kernel_version(struct tree_versions *tv, const char *file);

/* The top of the kernel tree that holds DIR (an absolute directory): the
 * nearest directory at or above it whose Makefile declares a version, as
 * tree_kernel_version() reads it.  NULL outside a tree; the caller frees
 * the result. */
char *kernel_tree_top(const char *dir);

#endif
