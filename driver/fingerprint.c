#include "fingerprint.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "function_spans.h"
#include "util.h"

struct source_lines {
	char **v;
	size_t n;
};

/* A file that cannot be read has no lines: its findings are still
 * fingerprinted, by rule and order alone. */
static void read_lines(const char *file, struct source_lines *lines)
{
	FILE *in = fopen(file, "r");
	char *line = NULL;
	size_t cap = 0, alloc = 0;
	ssize_t len;

	lines->v = NULL;
	lines->n = 0;
	if (!in)
		return;
	while ((len = getline(&line, &cap, in)) >= 0) {
		if (lines->n == alloc) {
			alloc = alloc ? 2 * alloc : 256;
			lines->v = xrealloc(lines->v, alloc * sizeof(*lines->v));
		}
		lines->v[lines->n++] = xstrdup(line);
	}
	free(line);
	fclose(in);
}

static void free_lines(struct source_lines *lines)
{
	for (size_t i = 0; i < lines->n; i++)
		free(lines->v[i]);
	free(lines->v);
}

/* The line without comments, its whitespace runs made one space. */
static char *normalised_text(const struct source_lines *lines,
			     unsigned int line)
{
	const char *s = line >= 1 && line <= lines->n ? lines->v[line - 1] : "";
	char *out = xmalloc(strlen(s) + 1), *o = out;
	int space = 0;

	while (*s) {
		if (s[0] == '/' && s[1] == '/')
			break;
		if (s[0] == '/' && s[1] == '*') {
			const char *close = strstr(s + 2, "*/");

			if (!close)
				break;
			s = close + 2;
			space = 1;
			continue;
		}
		if (isspace((unsigned char)*s)) {
			space = 1;
		} else {
			if (space && o != out)
				*o++ = ' ';
			space = 0;
			*o++ = *s;
		}
		s++;
	}
	*o = '\0';
	return out;
}

/* FNV-1a, 64 bits: the fields are short and collisions only merge two
 * baseline entries of one file. */
static uint64_t hash_field(uint64_t h, const char *s)
{
	do {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ULL;
	} while (*s++);
	return h;
}

void findings_fingerprint(struct finding_list *list)
{
	struct source_lines lines = { 0 };
	struct function_spans spans = { 0 };
	const char *file = NULL;
	char **texts = xmalloc((list->n ? list->n : 1) * sizeof(*texts));

	for (size_t i = 0; i < list->n; i++) {
		struct ptwalk_finding *f = &list->v[i];
		const struct function_span *fn;
		unsigned int occurrence = 0;
		uint64_t h = 0xcbf29ce484222325ULL;
		char number[16];

		if (!file || strcmp(file, f->loc.file) != 0) {
			free_lines(&lines);
			function_spans_free(&spans);
			read_lines(f->loc.file, &lines);
			function_spans_find((const char *const *)lines.v, lines.n, &spans);
			file = f->loc.file;
		}
		free(f->function);
		fn = function_spans_at(&spans, f->loc.line);
		f->function = xstrdup(fn ? fn->name : "");
		texts[i] = normalised_text(&lines, f->loc.line);
		for (size_t j = i; j-- > 0 && strcmp(list->v[j].loc.file, file) == 0;)
			if (list->v[j].rule == f->rule &&
			    strcmp(list->v[j].function, f->function) == 0 &&
			    strcmp(texts[j], texts[i]) == 0)
				occurrence++;
		snprintf(number, sizeof(number), "%u", occurrence);
		h = hash_field(h, f->rule->name);
		h = hash_field(h, f->function);
		h = hash_field(h, texts[i]);
		h = hash_field(h, number);
		free(f->fingerprint);
		f->fingerprint = xasprintf("%016llx", (unsigned long long)h);
	}
	for (size_t i = 0; i < list->n; i++)
		free(texts[i]);
	free(texts);
	free_lines(&lines);
	function_spans_free(&spans);
}
