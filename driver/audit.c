/*
 * ptwalk --audit [TREE]: the arch port audit's pipeline.  The inputs are
 * the tree's walker homes; the engines run over them as in any run, the
 * Coccinelle engine also listing the walkers it recognises; the findings
 * are merged per column group; then the table is filled and printed.
 */
#include "audit.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "diag.h"
#include "fingerprint.h"
#include "inputs.h"
#include "kernel_version.h"
#include "options.h"
#include "paths.h"
#include "progress.h"

/*
 * Where lockless walkers live, below the tree and below each arch/
 * directory.  Besides the homes the issue names, a search of 6.1 and
 * 6.12 for the speculative gets of api.def in files that name an entry
 * type found virt/kvm/kvm_main.c (6.1) and two headers of include/linux
 * that declare the gets; no other .c file outside these directories.
 */
static const char *const tree_homes[] = { "mm", "kernel/events", "virt/kvm" };
static const char *const arch_homes[] = { "mm", "kvm" };

static bool is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* TREE/REL, or REL alone for the current directory: names as a user in
 * the tree would type them. */
static char *tree_path(const char *tree, const char *rel)
{
	return strcmp(tree, ".") == 0 ? xstrdup(rel) :
	       xasprintf("%s/%s", tree, rel);
}

static void add_home(struct audit *a, const char *rel)
{
	char *path = tree_path(a->tree, rel);

	if (is_dir(path))
		strvec_push_owned(&a->homes, path);
	else
		free(path);
}

static int compare_names(const void *pa, const void *pb)
{
	return strcmp(*(char *const *)pa, *(char *const *)pb);
}

/*
 * The rows: generic code, then each directory of TREE/arch in byte order,
 * whether or not anything was found in it ("no walker found" is a
 * result); and the homes, in the same order.
 */
static bool find_rows_and_homes(struct audit *a)
{
	char *arch = tree_path(a->tree, "arch");
	struct strvec dirs = { 0 };
	DIR *d = opendir(arch);
	struct dirent *e;

	if (!d) {
		trouble(arch, "%s", strerror(errno));
		free(arch);
		return false;
	}
	while ((e = readdir(d))) {
		char *path = xasprintf("%s/%s", arch, e->d_name);

		if (e->d_name[0] != '.' && is_dir(path))
			strvec_push(&dirs, e->d_name);
		free(path);
	}
	closedir(d);
	free(arch);
	if (dirs.n)
		qsort(dirs.v, dirs.n, sizeof(*dirs.v), compare_names);

	a->rows = xmalloc((dirs.n + 1) * sizeof(*a->rows));
	a->rows[a->nrows++] = (struct audit_row){ xstrdup("generic"), 0 };
	for (size_t i = 0; i < sizeof(tree_homes) / sizeof(tree_homes[0]); i++)
		add_home(a, tree_homes[i]);
	for (size_t i = 0; i < dirs.n; i++) {
		a->rows[a->nrows++] = (struct audit_row){ xstrdup(dirs.v[i]), 0 };
		for (size_t k = 0; k < sizeof(arch_homes) / sizeof(arch_homes[0]); k++) {
			char *rel = xasprintf("arch/%s/%s", dirs.v[i], arch_homes[k]);

			add_home(a, rel);
			free(rel);
		}
	}
	strvec_free(&dirs);
	return true;
}

/* The tree must be a kernel tree's top: its rows are its arch/ dirs. */
static bool open_tree(struct audit *a)
{
	char *top, *abs = path_canonical(".", a->tree);
	struct tree_versions *tv;
	char *makefile;
	const char *version;

	top = kernel_tree_top(abs);
	if (!top || strcmp(top, abs) != 0) {
		trouble(a->tree, "not the top of a kernel tree (no Makefile with VERSION and PATCHLEVEL here)");
		free(top);
		free(abs);
		return false;
	}
	tv = tree_versions_new();
	makefile = xasprintf("%s/Makefile", abs);
	version = a->opts->kernel_version ? a->opts->kernel_version :
		  tree_kernel_version(tv, makefile);
	a->version = version ? xstrdup(version) : NULL;
	free(makefile);
	tree_versions_free(tv);
	free(top);
	free(abs);
	return find_rows_and_homes(a);
}

size_t audit_row_of(const struct audit *a, const char *file)
{
	size_t tlen = strlen(a->tree);
	const char *rel = file, *end;

	if (strcmp(a->tree, ".") != 0 && strncmp(file, a->tree, tlen) == 0 &&
	    file[tlen] == '/')
		rel = file + tlen + 1;
	while (strncmp(rel, "./", 2) == 0)
		rel += 2;
	if (strncmp(rel, "arch/", 5) != 0)
		return 0;
	rel += 5;
	end = strchr(rel, '/');
	if (!end)
		return 0;
	for (size_t r = 1; r < a->nrows; r++)
		if (strlen(a->rows[r].name) == (size_t)(end - rel) &&
		    strncmp(a->rows[r].name, rel, (size_t)(end - rel)) == 0)
			return r;
	return 0;
}

static void free_audit(struct audit *a)
{
	for (size_t r = 0; r < a->nrows; r++)
		free(a->rows[r].name);
	free(a->rows);
	for (size_t g = 0; g < a->ngroups; g++) {
		free(a->groups[g].name);
		findings_free(&a->groups[g].findings);
		free(a->groups[g].cells);
		free(a->groups[g].nwalkers);
	}
	free(a->groups);
	walkers_free(&a->walkers);
	strvec_free(&a->homes);
	free(a->version);
	free(a->tree);
}

/* 2 for trouble or unparsed code, 1 for a finding at --fail-on or above,
 * in any column group; else 0, as for any run. */
static int audit_status(const struct audit *a)
{
	int status = 0;

	if (trouble_count())
		return 2;
	for (size_t g = 0; g < a->ngroups; g++) {
		const struct finding_list *f = &a->groups[g].findings;

		if (findings_count_rule(f, &ptwalk_not_analysed_rule))
			return 2;
		for (size_t i = 0; i < f->n; i++)
			if ((int)f->v[i].severity >= a->opts->fail_on)
				status = 1;
	}
	return status;
}

int audit_main(const struct options *opts)
{
	struct audit a = { 0 };
	struct strvec files = { 0 }, canonical = { 0 };
	int (*write)(FILE *, const struct audit *) =
		strcmp(opts->audit_format, "html") == 0 ? audit_write_html :
		strcmp(opts->audit_format, "markdown") == 0 ?
		audit_write_markdown : audit_write_text;
	int status;

	a.opts = opts;
	a.tree = xstrdup(opts->npaths ? opts->paths[0] : ".");
	/* Not "mm/": names as the tree's own users write them. */
	while (strlen(a.tree) > 1 && a.tree[strlen(a.tree) - 1] == '/')
		a.tree[strlen(a.tree) - 1] = '\0';
	for (size_t i = 0; i < PTWALK_RULE_COUNT; i++)
		if (opts->rule_enabled[i])
			a.cols[a.ncols++] = i;
	if (!open_tree(&a)) {
		free_audit(&a);
		return 2;
	}

	/* Inputs, then the engines. */
	collect_inputs(a.homes.v, (int)a.homes.n, &files, &canonical);
	a.nfiles = files.n;
	progress_start("audit");
	audit_run_engines(&a, &files, &canonical);
	progress_end();

	/* Merge (per group, in audit_run_engines), then the table. */
	for (size_t g = 0; g < a.ngroups; g++) {
		findings_sort_unique(&a.groups[g].findings);
		findings_fingerprint(&a.groups[g].findings);
	}
	walkers_sort_unique(&a.walkers);
	audit_fill_cells(&a);

	if (write(stdout, &a) != 0 || fflush(stdout) != 0)
		trouble("standard output", "write error: %s", strerror(errno));
	status = audit_status(&a);
	free_audit(&a);
	strvec_free(&files);
	strvec_free(&canonical);
	return status;
}
