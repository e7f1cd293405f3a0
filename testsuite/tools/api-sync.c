/*
 * api-sync: checks that the Coccinelle rules agree with rules/api.def.
 *
 *	api-sync COCCI_DIR_OR_FILE...
 *
 * Each rule file (every *.cocci in a directory, or a file named on the
 * command line) declares the API roles it recognises in its header:
 *
 *	// API roles: SPEC_GET, NUMA_PRED
 *
 * ("// API roles: none" for a rule that names no kernel API).  Every name
 * api.def lists for those roles, in any era, must appear in the file as
 * an identifier outside comments.  Names inside strings count: an SmPL
 * regular-expression constraint is a legitimate way to list them.
 *
 * A rule that keeps an architecture list from rules/arch.def in its OCaml
 * code, as `let arch_pte_tears = [ "arc"; ... ]`, `let arch_pmd_tears`,
 * `let arch_numa_balancing_era3` or `..._era6`, must list exactly the
 * directories arch.def gives for that column.
 *
 * A name that changes role (api.def rows of different roles for one
 * name, try_grab_folio) needs the version ranges at run time, so a rule
 * that declares one of its roles keeps them in its OCaml code as
 *
 *	let api_role_changes = [
 *	  ("try_grab_folio", "SPEC_GET", "ptr", "5.17", "6.10"); ... ]
 *
 * ("" for an open end), and the list must equal api.def's rows for those
 * names.
 *
 * A rule that embeds the walker model (a line "// BEGIN cocci/model/
 * walker.smpl ...") must carry model/walker.smpl next to it exactly, from
 * that line to its END line: scripts/embed-cocci-model writes the copies.
 *
 * Prints "FILE: missing ROLE NAME" for each name that does not appear,
 * and a line for a file without the header or with an unknown role.
 * Exit status: 0 in sync, 1 not in sync, 2 usage error.
 */
#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "catalogue.h"
#include "util.h"

#define ROLES_HEADER "// API roles:"

/* The identifiers of SmPL/C text outside comments, sorted. */
struct identifiers {
	struct strvec names;
};

static int compare_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void collect_identifiers(const char *text, struct identifiers *ids)
{
	const char *p = text;

	while (*p) {
		if (p[0] == '/' && p[1] == '*') {
			const char *end = strstr(p + 2, "*/");

			p = end ? end + 2 : p + strlen(p);
		} else if (p[0] == '/' && p[1] == '/') {
			p += strcspn(p, "\n");
		} else if (is_ident_start((unsigned char)*p)) {
			const char *start = p;

			while (is_ident_char((unsigned char)*p))
				p++;
			strvec_push_owned(&ids->names,
					  xstrndup(start, (size_t)(p - start)));
		} else {
			p++;
		}
	}
	if (ids->names.n)
		qsort(ids->names.v, ids->names.n, sizeof(char *), compare_strings);
}

static bool has_identifier(const struct identifiers *ids, const char *name)
{
	return ids->names.n &&
	       bsearch(&name, ids->names.v, ids->names.n, sizeof(char *),
		       compare_strings) != NULL;
}

/* Checks one rule file; returns the number of problems found. */
struct ptwalk_arch {
	const char *dir;
	int bits;		/* 32, 64, or 3264 for both */
	bool numa3, numa6, pte_tears, pmd_tears;
};

#define PTWALK_BITS_32 32
#define PTWALK_BITS_64 64
#define PTWALK_BITS_32_64 3264
#define PTWALK_ARCH(dir, bits, numa3, numa6, pte_tears, pmd_tears) \
	{ dir, PTWALK_BITS_##bits, numa3, numa6, pte_tears, pmd_tears },
static const struct ptwalk_arch ptwalk_arches[] = {
#include "arch.def"
};
#undef PTWALK_ARCH

static bool arch_in_column(const struct ptwalk_arch *a, const char *column)
{
	if (!strcmp(column, "arch_pte_tears"))
		return a->pte_tears;
	if (!strcmp(column, "arch_pmd_tears"))
		return a->pmd_tears;
	if (!strcmp(column, "arch_numa_balancing_era3"))
		return a->numa3;
	return a->numa6;
}

/* Compares each `let arch_... = [ "..."; ... ]` list with arch.def. */
static unsigned int check_arch_lists(const char *path, const char *text)
{
	static const char *const columns[] = {
		"arch_pte_tears", "arch_pmd_tears", "arch_numa_balancing_era3",
		"arch_numa_balancing_era6",
	};
	unsigned int problems = 0;

	for (size_t c = 0; c < sizeof(columns) / sizeof(columns[0]); c++) {
		char *decl = xasprintf("let %s = [", columns[c]);
		const char *list = strstr(text, decl), *end;
		size_t listed = 0;

		if (!list) {
			free(decl);
			continue;
		}
		list += strlen(decl);
		end = strchr(list, ']');
		for (size_t a = 0; a < sizeof(ptwalk_arches) / sizeof(ptwalk_arches[0]); a++) {
			char *quoted = xasprintf("\"%s\"", ptwalk_arches[a].dir);
			const char *at = strstr(list, quoted);
			bool present = at && (!end || at < end);

			if (present)
				listed++;
			if (present != arch_in_column(&ptwalk_arches[a], columns[c])) {
				printf("%s: %s %s \"%s\" (rules/arch.def says otherwise)\n",
				       path, columns[c], present ? "lists" : "lacks",
				       ptwalk_arches[a].dir);
				problems++;
			}
			free(quoted);
		}
		/* Every quoted entry must be one of arch.def's directories. */
		size_t quotes = 0;

		for (const char *q = list; end && q < end; q++)
			quotes += *q == '"';
		if (!end || quotes != 2 * listed) {
			printf("%s: %s names a directory arch.def does not know\n",
			       path, columns[c]);
			problems++;
		}
		free(decl);
	}
	return problems;
}

static const char *const result_names[] = {
	[PTWALK_API_RESULT_none] = "none",
	[PTWALK_API_RESULT_ptr] = "ptr",
	[PTWALK_API_RESULT_truth] = "truth",
	[PTWALK_API_RESULT_status] = "status",
};

static char *version_text(int version)
{
	if (version == PTWALK_KV_OPEN || version == 0)
		return xstrdup("");
	return xasprintf("%d.%d", version >> 16, (version >> 8) & 0xff);
}

static bool changes_role(const struct ptwalk_api *api)
{
	for (size_t i = 0; i < ptwalk_api_count; i++)
		if (!strcmp(ptwalk_apis[i].name, api->name) &&
		    ptwalk_apis[i].role != api->role)
			return true;
	return false;
}

/*
 * Compares `let api_role_changes = [ ... ]` with api.def's rows for the
 * names that change role.  DECLARED[r] says whether the rule declares
 * role r; a rule that declares a role of such a name must keep the list.
 */
static unsigned int check_role_changes(const char *path, const char *text,
				       const bool *declared)
{
	static const char decl[] = "let api_role_changes = [";
	const char *list = strstr(text, decl), *end = NULL;
	unsigned int problems = 0;
	size_t rows = 0, listed = 0;

	if (list) {
		list += strlen(decl);
		end = strchr(list, ']');
	}
	for (size_t i = 0; i < ptwalk_api_count; i++) {
		const struct ptwalk_api *api = &ptwalk_apis[i];
		char *since, *until, *row;
		const char *at;

		if (!changes_role(api))
			continue;
		rows++;
		if (!list) {
			if (declared[api->role]) {
				printf("%s: no '%s' list, but declares %s, a role of %s, which changes role (see rules/api.def)\n",
				       path, decl, api_role_name(api->role), api->name);
				problems++;
			}
			continue;
		}
		since = version_text(api->since);
		until = version_text(api->until);
		row = xasprintf("(\"%s\", \"%s\", \"%s\", \"%s\", \"%s\")",
				api->name, api_role_name(api->role),
				result_names[api->result], since, until);
		at = strstr(list, row);
		if (at && (!end || at < end)) {
			listed++;
		} else {
			printf("%s: api_role_changes lacks %s (rules/api.def)\n",
			       path, row);
			problems++;
		}
		free(row);
		free(since);
		free(until);
	}
	if (list) {
		size_t tuples = 0;

		for (const char *q = list; end && q < end; q++)
			tuples += *q == '(';
		if (!end || tuples != listed) {
			printf("%s: api_role_changes has rows rules/api.def does not (%zu of %zu match)\n",
			       path, listed, rows);
			problems++;
		}
	}
	return problems;
}

#define MODEL_PATH "model/walker.smpl"

/*
 * Checks the embedded copy of the walker model against MODEL_PATH, beside
 * a rule, or walker.smpl itself for a script of model/ (walkers.cocci).
 */
static unsigned int check_embedded_model(const char *path, const char *text)
{
	const char *slash = strrchr(path, '/');
	bool in_model = slash ? (slash - path >= 5 &&
				 strncmp(slash - 5, "model", 5) == 0 &&
				 (slash - path == 5 || slash[-6] == '/')) :
				false;
	char *model_path = in_model ?
		xasprintf("%.*s/walker.smpl", (int)(slash - path), path) :
		slash ? xasprintf("%.*s/" MODEL_PATH, (int)(slash - path), path) :
		xstrdup(MODEL_PATH);
	struct buf model = { 0 };
	unsigned int problems = 0;
	const char *first_line_end, *at;
	size_t first_len;
	int err;

	err = read_whole_file(model_path, &model);
	if (err || !model.data) {
		/* Only a rule that embeds the model needs the file. */
		if (strstr(text, "// BEGIN cocci/model/walker.smpl")) {
			printf("%s: embeds the walker model, but %s: %s\n", path,
			       model_path, strerror(err ? err : ENOENT));
			problems++;
		}
		goto out;
	}
	first_line_end = strchr(model.data, '\n');
	first_len = first_line_end ? (size_t)(first_line_end - model.data) :
				     strlen(model.data);
	for (at = text; (at = strstr(at, "// BEGIN ")); at++) {
		if ((at != text && at[-1] != '\n') ||
		    strncmp(at, model.data, first_len) != 0)
			continue;
		if (strncmp(at, model.data, strlen(model.data)) != 0) {
			printf("%s: its copy of %s differs; run scripts/embed-cocci-model\n",
			       path, model_path);
			problems++;
		}
	}
out:
	buf_free(&model);
	free(model_path);
	return problems;
}

static unsigned int check_rule_file(const char *path)
{
	bool declared[PTWALK_API_ROLE_COUNT] = { false };
	struct buf text = { 0 };
	struct identifiers ids = { { 0 } };
	unsigned int problems = 0;
	const char *header;
	char *roles, *save = NULL;
	size_t len;
	int err = read_whole_file(path, &text);

	if (err) {
		printf("%s: cannot read: %s\n", path, strerror(err));
		buf_free(&text);
		return 1;
	}
	header = strstr(text.data, ROLES_HEADER);
	if (!header || (header != text.data && header[-1] != '\n')) {
		printf("%s: no '" ROLES_HEADER "' header line\n", path);
		buf_free(&text);
		return 1;
	}
	header += strlen(ROLES_HEADER);
	len = strcspn(header, "\n");
	roles = xstrndup(header, len);
	collect_identifiers(text.data, &ids);
	problems += check_arch_lists(path, text.data);

	for (char *role = strtok_r(roles, ", \t\r", &save); role;
	     role = strtok_r(NULL, ", \t\r", &save)) {
		int r;

		if (strcmp(role, "none") == 0)
			continue;
		r = api_role_from_name(role);
		if (r < 0) {
			printf("%s: unknown API role '%s' (see rules/api.def)\n",
			       path, role);
			problems++;
			continue;
		}
		declared[r] = true;
		for (size_t i = 0; i < ptwalk_api_count; i++) {
			if ((int)ptwalk_apis[i].role != r ||
			    has_identifier(&ids, ptwalk_apis[i].name))
				continue;
			printf("%s: missing %s %s\n", path, role,
			       ptwalk_apis[i].name);
			problems++;
		}
	}
	problems += check_role_changes(path, text.data, declared);
	problems += check_embedded_model(path, text.data);
	free(roles);
	strvec_free(&ids.names);
	buf_free(&text);
	return problems;
}

static int filter_cocci(const struct dirent *entry)
{
	return entry->d_name[0] != '.' && has_suffix(entry->d_name, ".cocci");
}

static int compare_entries(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

int main(int argc, char **argv)
{
	unsigned int problems = 0, files = 0;

	if (argc < 2) {
		fputs("usage: api-sync COCCI_DIR_OR_FILE...\n", stderr);
		return 2;
	}
	for (int i = 1; i < argc; i++) {
		struct dirent **entries;
		struct stat st;
		int n;

		if (stat(argv[i], &st) != 0) {
			fprintf(stderr, "api-sync: %s: %s\n", argv[i], strerror(errno));
			return 2;
		}
		if (!S_ISDIR(st.st_mode)) {
			problems += check_rule_file(argv[i]);
			files++;
			continue;
		}
		n = scandir(argv[i], &entries, filter_cocci, compare_entries);
		if (n < 0) {
			fprintf(stderr, "api-sync: %s: %s\n", argv[i], strerror(errno));
			return 2;
		}
		for (int e = 0; e < n; e++) {
			char *path = xasprintf("%s/%s", argv[i], entries[e]->d_name);

			problems += check_rule_file(path);
			files++;
			free(path);
			free(entries[e]);
		}
		free(entries);
	}
	if (files == 0) {
		fputs("api-sync: no .cocci files to check\n", stderr);
		return 2;
	}
	return problems ? 1 : 0;
}
