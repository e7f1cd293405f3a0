/*
 * triage-check: every finding ptwalk reports on a real kernel tree must be
 * triaged, and every triage entry must still match a finding.
 *
 *	cd TREE && ptwalk mm/gup.c arch/ | triage-check TRIAGE-FILE TREE
 *
 * A triage entry is one line of five fields separated by " | ":
 *
 *	FILE | RULE | SOURCE LINE | VERDICT | REASON
 *
 * FILE is relative to TREE, SOURCE LINE is the text of the reported line
 * with its surrounding white space removed, VERDICT is "real" or "benign".
 * Entries are keyed by their source text rather than a line number so that
 * a Debian point release that shifts lines does not invalidate the triage;
 * identical lines in one file are matched by count.  False positives have
 * no verdict: they are fixed in the rules, never triaged.
 *
 * Exit status: 0 when findings and entries match exactly, 1 otherwise,
 * 2 on malformed input.
 */
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_line.h"
#include "util.h"

struct key {
	char *file;
	char *rule;
	char *text;
	bool matched;
};

struct keys {
	struct key *v;
	size_t n, cap;
};

static void die(const char *what, const char *detail)
{
	fprintf(stderr, "triage-check: %s%s%s\n", what, detail ? ": " : "",
		detail ? detail : "");
	exit(2);
}

static char *trimmed(const char *s, size_t n)
{
	while (n && isspace((unsigned char)*s))
		s++, n--;
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	return xstrndup(s, n);
}

static void add_key(struct keys *ks, char *file, char *rule, char *text)
{
	if (ks->n == ks->cap) {
		ks->cap = ks->cap ? 2 * ks->cap : 64;
		ks->v = xrealloc(ks->v, ks->cap * sizeof(*ks->v));
	}
	ks->v[ks->n++] = (struct key){ file, rule, text, false };
}

static bool same_key(const struct key *a, const struct key *b)
{
	return !strcmp(a->file, b->file) && !strcmp(a->rule, b->rule) &&
	       !strcmp(a->text, b->text);
}

/* The text of line LINE of TREE/FILE, trimmed, or NULL. */
static char *source_line(const char *tree, const char *file, unsigned int line)
{
	char path[4096], *buf = NULL, *text = NULL;
	size_t cap = 0;
	unsigned int n = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", tree, file);
	f = fopen(path, "r");
	if (!f)
		return NULL;
	while (getline(&buf, &cap, f) != -1)
		if (++n == line) {
			text = trimmed(buf, strlen(buf));
			break;
		}
	free(buf);
	fclose(f);
	return text;
}

static void read_triage(const char *path, struct keys *entries)
{
	char *buf = NULL;
	size_t cap = 0;
	unsigned int lineno = 0;
	FILE *f = fopen(path, "r");

	if (!f)
		die("cannot read triage file", path);
	while (getline(&buf, &cap, f) != -1) {
		char *field[5], *p = buf;
		int i;

		lineno++;
		if (buf[0] == '#' || buf[strspn(buf, " \t\n")] == '\0')
			continue;
		for (i = 0; i < 5; i++) {
			char *sep = i < 4 ? strstr(p, " | ") : p + strlen(p);

			if (!sep) {
				fprintf(stderr, "%s:%u: expected 5 fields\n",
					path, lineno);
				exit(2);
			}
			field[i] = trimmed(p, (size_t)(sep - p));
			p = sep + (i < 4 ? 3 : 0);
		}
		if (strcmp(field[3], "real") && strcmp(field[3], "benign")) {
			fprintf(stderr, "%s:%u: verdict '%s' is not real or benign\n",
				path, lineno, field[3]);
			exit(2);
		}
		if (!*field[4]) {
			fprintf(stderr, "%s:%u: a verdict needs a reason\n",
				path, lineno);
			exit(2);
		}
		add_key(entries, field[0], field[1], field[2]);
		free(field[3]);
		free(field[4]);
	}
	free(buf);
	fclose(f);
}

int main(int argc, char **argv)
{
	struct keys entries = { 0 };
	char *buf = NULL;
	size_t cap = 0;
	int status = 0;

	if (argc != 3)
		die("usage: triage-check TRIAGE-FILE TREE < findings", NULL);
	read_triage(argv[1], &entries);

	while (getline(&buf, &cap, stdin) != -1) {
		struct key found = { 0 };
		struct report_line r;
		size_t i;

		buf[strcspn(buf, "\n")] = '\0';
		if (!parse_report_line(buf, &r))
			continue;
		found.file = r.file;
		found.rule = r.rule;
		found.text = source_line(argv[2], r.file, r.line);
		if (!found.text)
			die("finding names a line that does not exist", buf);
		for (i = 0; i < entries.n; i++)
			if (!entries.v[i].matched && same_key(&entries.v[i], &found))
				break;
		if (i < entries.n) {
			entries.v[i].matched = true;
		} else {
			printf("untriaged: %s | %s | %s\n", found.file,
			       found.rule, found.text);
			status = 1;
		}
		free_report_line(&r);
		free(found.text);
	}
	for (size_t i = 0; i < entries.n; i++)
		if (!entries.v[i].matched) {
			printf("stale triage entry (no such finding): %s | %s | %s\n",
			       entries.v[i].file, entries.v[i].rule,
			       entries.v[i].text);
			status = 1;
		}
	free(buf);
	return status;
}
