#include "hunk_functions.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "function_spans.h"
#include "identifiers.h"
#include "util.h"

/* Whether LINE (kernel style) can be the part of a function header
 * above its name's line: "static noinline int", "struct page *". */
static bool header_continues(const char *line)
{
	size_t n = strlen(line);

	if (!n || isspace((unsigned char)line[0]) || line[0] == '#' ||
	    line[0] == '/' || line[0] == '*' || line[0] == '}')
		return false;
	return is_ident_char((unsigned char)line[n - 1]) || line[n - 1] == '*';
}

static const struct line_span *hunk_around(const struct patched_file *pf,
					   unsigned int first,
					   unsigned int last)
{
	for (size_t h = 0; h < pf->nhunks; h++)
		if (pf->hunks[h].first <= first && last <= pf->hunks[h].last)
			return &pf->hunks[h];
	return NULL;
}

/* KEEP[i] for line i + 1 of each function that one hunk shows whole. */
static void mark_whole_functions(const struct patched_file *pf,
				 const struct strvec *lines, bool *keep)
{
	struct function_spans spans;

	function_spans_find((const char *const *)lines->v, lines->n, &spans);
	for (size_t i = 0; i < spans.n; i++) {
		const struct function_span *fn = &spans.v[i];
		const struct line_span *hunk = hunk_around(pf, fn->first, fn->last);
		unsigned int first = fn->first;

		if (!hunk || !*fn->name)
			continue;
		while (first > hunk->first && header_continues(lines->v[first - 2]))
			first--;
		for (unsigned int l = first; l <= fn->last; l++)
			keep[l - 1] = true;
	}
	function_spans_free(&spans);
}

static bool changed_outside(const unsigned int *v, size_t n, const bool *keep,
			    size_t nlines, unsigned int first,
			    unsigned int last, unsigned int *at)
{
	for (size_t i = 0; i < n; i++) {
		unsigned int l = v[i];

		if (l < first || l > last)
			continue;
		/* A deletion's point may be the line after the text. */
		if (l > nlines || !keep[l - 1]) {
			*at = l;
			return true;
		}
	}
	return false;
}

/* The hunk's text mentions page-table code, by the catalogue's names. */
static bool hunk_mentions_api(const struct strvec *lines,
			      const struct line_span *hunk)
{
	for (unsigned int l = hunk->first; l <= hunk->last; l++)
		if (mentions_page_table_api(lines->v[l - 1],
					    strlen(lines->v[l - 1])))
			return true;
	return false;
}

char *whole_functions_text(const struct patched_file *pf, size_t *len,
			   unsigned int **unshown, size_t *nunshown)
{
	struct strvec lines = { 0 };
	struct buf text = { 0 };
	bool *keep;

	patched_file_lines(pf, &lines);
	keep = xmalloc((lines.n + 1) * sizeof(*keep));
	memset(keep, 0, (lines.n + 1) * sizeof(*keep));
	mark_whole_functions(pf, &lines, keep);

	*unshown = NULL;
	*nunshown = 0;
	for (size_t h = 0; h < pf->nhunks; h++) {
		const struct line_span *hunk = &pf->hunks[h];
		unsigned int at_added = 0, at_removed = 0, at;
		bool added = changed_outside(pf->added, pf->nadded, keep, lines.n,
					     hunk->first, hunk->last, &at_added);
		bool removed = changed_outside(pf->removed_at, pf->nremoved_at,
					       keep, lines.n, hunk->first,
					       hunk->last + 1, &at_removed);

		if (!(added || removed) || !hunk_mentions_api(&lines, hunk))
			continue;
		at = added && (!removed || at_added < at_removed) ? at_added :
								    at_removed;
		*unshown = xrealloc(*unshown, (*nunshown + 1) * sizeof(**unshown));
		(*unshown)[(*nunshown)++] = at;
	}

	for (size_t i = 0; i < lines.n; i++) {
		if (keep[i])
			buf_append(&text, lines.v[i], strlen(lines.v[i]));
		buf_append(&text, "\n", 1);
	}
	free(keep);
	strvec_free(&lines);
	*len = text.len;
	return text.data ? text.data : xstrdup("");
}
