/*
 * expect-check: compares an engine's findings with a corpus file's inline
 * expectations (testsuite/README.md, "Inline expectations").
 *
 *	ptwalk --engine=cocci FILE | expect-check --engine=cocci FILE
 *
 * Reads findings in ptwalk's text format on stdin, keeps those for FILE,
 * reads FILE's EXPECT: comments, and compares the multisets of
 * (line, rule) exactly.  Prints one line per difference:
 *
 *	FILE:LINE: missing RULE
 *	FILE:LINE: unexpected RULE (message)
 *
 * Exit status: 0 equal, 1 different, 2 usage error or malformed input.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue.h"
#include "report_line.h"
#include "util.h"

enum level { LEVEL_NONE, LEVEL_PTE, LEVEL_PMD, LEVEL_OTHER };

struct pair {
	unsigned int line;
	char *rule;
	char *message;		/* findings only */
};

struct pairs {
	struct pair *v;
	size_t n, cap;
};

struct config {
	const char *engine;
	bool tears_pte;
	bool tears_pmd;
	const char *file;
};

static void add_pair(struct pairs *ps, unsigned int line, const char *rule,
		     size_t rule_len, const char *message)
{
	if (ps->n == ps->cap) {
		ps->cap = ps->cap ? ps->cap * 2 : 32;
		ps->v = xrealloc(ps->v, ps->cap * sizeof(*ps->v));
	}
	ps->v[ps->n].line = line;
	ps->v[ps->n].rule = xstrndup(rule, rule_len);
	ps->v[ps->n].message = message ? xstrndup(message, strlen(message)) : NULL;
	ps->n++;
}

static void free_pairs(struct pairs *ps)
{
	for (size_t i = 0; i < ps->n; i++) {
		free(ps->v[i].rule);
		free(ps->v[i].message);
	}
	free(ps->v);
}

static bool known_rule(const char *name)
{
	return catalogue_find_rule(name) ||
	       strcmp(name, ptwalk_not_analysed_rule.name) == 0;
}

/* ---- findings on stdin ------------------------------------------------ */

/*
 * Whether the path a finding names is FILE: the same file on disk, or,
 * when one of them cannot be resolved, one path ending with the other at
 * a '/' boundary (findings from another directory).
 */
static bool same_file(const char *finding_path, const char *file,
		      const char *file_real)
{
	char real[PATH_MAX];
	size_t lf = strlen(finding_path), lg = strlen(file);
	const char *longer = lf >= lg ? finding_path : file;
	const char *shorter = lf >= lg ? file : finding_path;
	size_t ll = lf >= lg ? lf : lg, ls = lf >= lg ? lg : lf;

	if (file_real && realpath(finding_path, real))
		return strcmp(real, file_real) == 0;
	if (strcmp(finding_path, file) == 0)
		return true;
	return ls > 0 && strcmp(longer + ll - ls, shorter) == 0 &&
	       longer[ll - ls - 1] == '/';
}

static int read_findings(const struct config *cfg, struct pairs *found)
{
	char file_real[PATH_MAX];
	bool have_real = realpath(cfg->file, file_real) != NULL;
	char *text = NULL;
	size_t cap = 0;
	ssize_t len;
	unsigned int lineno = 0;
	int status = 0;

	while ((len = getline(&text, &cap, stdin)) >= 0) {
		struct report_line r;

		lineno++;
		while (len > 0 && (text[len - 1] == '\n' || text[len - 1] == '\r'))
			text[--len] = '\0';
		if (len == 0)
			continue;
		if (!parse_report_line(text, &r)) {
			/* Notes belong to the finding above them. */
			if (strstr(text, ": note: "))
				continue;
			fprintf(stderr, "expect-check: <stdin>:%u: not a finding: %s\n",
				lineno, text);
			status = 2;
			continue;
		}
		if (same_file(r.file, cfg->file, have_real ? file_real : NULL))
			add_pair(found, r.line, r.rule, strlen(r.rule), r.message);
		free_report_line(&r);
	}
	free(text);
	return status;
}

/* ---- expectations in FILE --------------------------------------------- */

static enum level level_of_identifier(const char *id, size_t len)
{
	if (len >= 3 && strncmp(id, "pte", 3) == 0)
		return LEVEL_PTE;
	if (len >= 3 && strncmp(id, "pmd", 3) == 0)
		return LEVEL_PMD;
	if (len >= 3 && (strncmp(id, "pud", 3) == 0 ||
			 strncmp(id, "p4d", 3) == 0 ||
			 strncmp(id, "pgd", 3) == 0))
		return LEVEL_OTHER;
	return LEVEL_NONE;
}

/*
 * The page-table level of the identifiers in TEXT[0..LEN): the level they
 * all agree on, LEVEL_NONE when none names a level, -1 when they differ.
 */
static int level_of_text(const char *text, size_t len)
{
	int level = LEVEL_NONE;

	for (size_t i = 0; i < len;) {
		size_t start = i;
		enum level l;

		if (!(isalpha((unsigned char)text[i]) || text[i] == '_')) {
			i++;
			continue;
		}
		while (i < len && (isalnum((unsigned char)text[i]) || text[i] == '_'))
			i++;
		/* The readers name their level; the argument decides. */
		if ((i - start == 8 && strncmp(text + start, "ptep_get", 8) == 0) ||
		    (i - start == 13 && strncmp(text + start, "huge_ptep_get", 13) == 0))
			l = LEVEL_PTE;
		else if (i - start == 8 && strncmp(text + start, "pmdp_get", 8) == 0)
			l = LEVEL_PMD;
		else
			l = level_of_identifier(text + start, i - start);
		if (l == LEVEL_NONE)
			continue;
		if (level != LEVEL_NONE && level != (int)l)
			return -1;
		level = l;
	}
	return level;
}

/*
 * The level of the entry read on LINE: from the read's argument, e.g.
 * READ_ONCE(*pmdp), else from every identifier on the line.
 */
static int level_of_read(const char *line)
{
	static const char *const readers[] = {
		"READ_ONCE(", "ACCESS_ONCE(", "ptep_get(", "pmdp_get(",
		"huge_ptep_get(",
	};

	for (size_t r = 0; r < sizeof(readers) / sizeof(readers[0]); r++) {
		const char *p = strstr(line, readers[r]);
		int depth = 1, level;
		const char *arg;

		if (!p)
			continue;
		/* The level-specific readers name their level. */
		if (strncmp(readers[r], "pmd", 3) == 0)
			return LEVEL_PMD;
		if (strchr(readers[r], 'p') == readers[r] ||
		    strncmp(readers[r], "huge_", 5) == 0)
			return LEVEL_PTE;
		arg = p + strlen(readers[r]);
		for (p = arg; *p && depth; p++)
			depth += (*p == '(') - (*p == ')');
		level = level_of_text(arg, (size_t)(p - arg));
		if (level != LEVEL_NONE)
			return level;
	}
	return level_of_text(line, strlen(line));
}

/* Whether an expectation of RULE with QUALIFIER on LINE_TEXT counts. */
static int expectation_counts(const struct config *cfg, const char *rule,
			      const char *qualifier, const char *line_text,
			      unsigned int lineno)
{
	int level;

	if (qualifier && strcmp(qualifier, cfg->engine) != 0)
		return 0;
	if (strcmp(rule, "torn-read") != 0 || strcmp(cfg->engine, "clang") != 0)
		return 1;
	/* Clang sees sizes: the read tears only where the target says so. */
	level = level_of_read(line_text);
	if (level == LEVEL_PTE)
		return cfg->tears_pte;
	if (level == LEVEL_PMD)
		return cfg->tears_pmd;
	fprintf(stderr, "expect-check: %s:%u: cannot tell whether the torn-read expected here is a pte or a pmd read\n",
		cfg->file, lineno);
	return -1;
}

/* Parses the rule list after "EXPECT:" up to END. */
static int parse_expect_list(const struct config *cfg, const char *list,
			     const char *end, const char *line_text,
			     unsigned int lineno, struct pairs *expected)
{
	const char *p = list;
	int status = 0;

	for (;;) {
		const char *id, *id_end, *q = NULL, *q_end = NULL;
		char *rule, *qualifier = NULL;
		int counts;

		while (p < end && isspace((unsigned char)*p))
			p++;
		id = p;
		while (p < end && (isalnum((unsigned char)*p) || *p == '-'))
			p++;
		id_end = p;
		if (p < end && *p == '[') {
			q = ++p;
			while (p < end && *p != ']')
				p++;
			q_end = p;
			if (p < end)
				p++;
		}
		while (p < end && isspace((unsigned char)*p))
			p++;
		if (id == id_end || (q && (q_end == end || q == q_end)) ||
		    (p < end && *p != ',')) {
			fprintf(stderr, "expect-check: %s:%u: malformed EXPECT list: %.*s\n",
				cfg->file, lineno, (int)(end - list), list);
			return 2;
		}
		rule = xstrndup(id, (size_t)(id_end - id));
		if (q)
			qualifier = xstrndup(q, (size_t)(q_end - q));
		if (!known_rule(rule)) {
			fprintf(stderr, "expect-check: %s:%u: unknown rule '%s' in EXPECT\n",
				cfg->file, lineno, rule);
			status = 2;
		} else if (qualifier && strcmp(qualifier, "cocci") != 0 &&
			   strcmp(qualifier, "clang") != 0) {
			fprintf(stderr, "expect-check: %s:%u: unknown engine '%s' in EXPECT\n",
				cfg->file, lineno, qualifier);
			status = 2;
		} else {
			counts = expectation_counts(cfg, rule, qualifier,
						    line_text, lineno);
			if (counts < 0)
				status = 2;
			else if (counts)
				add_pair(expected, lineno, rule, strlen(rule), NULL);
		}
		free(rule);
		free(qualifier);
		if (p >= end)
			return status;
		p++;	/* the comma */
	}
}

/*
 * Reads FILE's EXPECT: comments.  Only comments count: the list runs from
 * "EXPECT:" to the end of the comment or of the line.
 */
static int read_expectations(const struct config *cfg, struct pairs *expected)
{
	FILE *f = fopen(cfg->file, "r");
	char *text = NULL;
	size_t cap = 0;
	unsigned int lineno = 0;
	bool in_block = false;
	int status = 0;

	if (!f) {
		fprintf(stderr, "expect-check: %s: %s\n", cfg->file, strerror(errno));
		return 2;
	}
	while (getline(&text, &cap, f) >= 0) {
		char *p = text;

		lineno++;
		text[strcspn(text, "\r\n")] = '\0';
		while (*p) {
			char *comment_end, *mark, *stop;
			bool line_comment = false;

			if (!in_block) {
				/* Skip code, strings and characters. */
				if (*p == '"' || *p == '\'') {
					char quote = *p++;

					while (*p && *p != quote)
						p += (p[0] == '\\' && p[1]) ? 2 : 1;
					if (*p)
						p++;
					continue;
				}
				if (p[0] == '/' && p[1] == '/') {
					line_comment = true;
					p += 2;
				} else if (p[0] == '/' && p[1] == '*') {
					in_block = true;
					p += 2;
				} else {
					p++;
					continue;
				}
			}
			comment_end = line_comment ? NULL : strstr(p, "*/");
			stop = comment_end ? comment_end : p + strlen(p);
			mark = strstr(p, "EXPECT:");
			if (mark && mark < stop) {
				int s = parse_expect_list(cfg, mark + 7, stop, text,
							  lineno, expected);
				if (s)
					status = s;
			}
			if (comment_end) {
				in_block = false;
				p = comment_end + 2;
			} else {
				p = stop;
			}
		}
	}
	free(text);
	fclose(f);
	return status;
}

/* ---- comparison --------------------------------------------------------- */

static int compare_pairs(const void *pa, const void *pb)
{
	const struct pair *a = pa, *b = pb;

	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	return strcmp(a->rule, b->rule);
}

static int compare(const struct config *cfg, struct pairs *expected,
		   struct pairs *found)
{
	size_t i = 0, j = 0;
	int status = 0;

	qsort(expected->v, expected->n, sizeof(*expected->v), compare_pairs);
	qsort(found->v, found->n, sizeof(*found->v), compare_pairs);
	while (i < expected->n || j < found->n) {
		int c;

		if (i == expected->n)
			c = 1;
		else if (j == found->n)
			c = -1;
		else
			c = compare_pairs(&expected->v[i], &found->v[j]);
		if (c == 0) {
			i++;
			j++;
		} else if (c < 0) {
			printf("%s:%u: missing %s\n", cfg->file,
			       expected->v[i].line, expected->v[i].rule);
			i++;
			status = 1;
		} else {
			printf("%s:%u: unexpected %s (%s)\n", cfg->file,
			       found->v[j].line, found->v[j].rule,
			       found->v[j].message);
			j++;
			status = 1;
		}
	}
	return status;
}

static void usage(void)
{
	fputs("usage: expect-check [--engine=cocci|clang] [--tears-pte] [--tears-pmd] FILE < findings\n",
	      stderr);
}

int main(int argc, char **argv)
{
	struct config cfg = { .engine = "cocci" };
	struct pairs expected = { 0 }, found = { 0 };
	int status, s;

	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];

		if (strncmp(arg, "--engine=", 9) == 0 &&
		    (strcmp(arg + 9, "cocci") == 0 || strcmp(arg + 9, "clang") == 0)) {
			cfg.engine = arg + 9;
		} else if (strcmp(arg, "--tears-pte") == 0) {
			cfg.tears_pte = true;
		} else if (strcmp(arg, "--tears-pmd") == 0) {
			cfg.tears_pmd = true;
		} else if (arg[0] == '-' || cfg.file) {
			usage();
			return 2;
		} else {
			cfg.file = arg;
		}
	}
	if (!cfg.file) {
		usage();
		return 2;
	}

	status = read_expectations(&cfg, &expected);
	s = read_findings(&cfg, &found);
	if (s)
		status = s;
	s = compare(&cfg, &expected, &found);
	free_pairs(&expected);
	free_pairs(&found);
	/* A malformed input is worse than a difference: keep status 2. */
	return status ? status : s;
}
