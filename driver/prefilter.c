#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue.h"
#include "prefilter.h"
#include "diag.h"
#include "source_checks.h"
#include "util.h"

/* One "// Prefilter:" line: indices into the word table, any of which. */
struct clause {
	size_t *words;
	size_t n;
};

struct rule_needs {
	struct clause *clauses;
	size_t n;
};

/*
 * The words of every rule, in an open-addressing hash table: a scan looks
 * up each identifier of the file once, whatever the number of rules.
 */
struct prefilter {
	struct rule_needs *rules;
	size_t nrules;
	char **words;
	size_t nwords;
	size_t *slots;		/* word index + 1; 0 is empty */
	size_t nslots;		/* a power of two, at least 2 * nwords */
	size_t min_len, max_len;
};

static uint32_t hash_word(const char *s, size_t len)
{
	uint32_t h = 2166136261u;	/* FNV-1a */

	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

static size_t *find_slot(const struct prefilter *pf, const char *s, size_t len)
{
	size_t mask = pf->nslots - 1;

	for (size_t i = hash_word(s, len) & mask;; i = (i + 1) & mask) {
		size_t w = pf->slots[i];

		if (!w || (strlen(pf->words[w - 1]) == len &&
			   memcmp(pf->words[w - 1], s, len) == 0))
			return &pf->slots[i];
	}
}

static void grow_slots(struct prefilter *pf)
{
	size_t *old = pf->slots, nold = pf->nslots;

	pf->nslots = nold ? nold * 2 : 64;
	pf->slots = xmalloc(pf->nslots * sizeof(*pf->slots));
	memset(pf->slots, 0, pf->nslots * sizeof(*pf->slots));
	for (size_t i = 0; i < nold; i++)
		if (old[i])
			*find_slot(pf, pf->words[old[i] - 1],
				   strlen(pf->words[old[i] - 1])) = old[i];
	free(old);
}

static size_t intern(struct prefilter *pf, const char *word)
{
	size_t len = strlen(word), *slot;

	if (2 * (pf->nwords + 1) > pf->nslots)
		grow_slots(pf);
	slot = find_slot(pf, word, len);
	if (!*slot) {
		pf->words = xrealloc(pf->words,
				     (pf->nwords + 1) * sizeof(*pf->words));
		pf->words[pf->nwords++] = xstrdup(word);
		*slot = pf->nwords;
		if (pf->nwords == 1 || len < pf->min_len)
			pf->min_len = len;
		if (len > pf->max_len)
			pf->max_len = len;
	}
	return *slot - 1;
}

struct prefilter *prefilter_new(size_t nrules)
{
	struct prefilter *pf = xmalloc(sizeof(*pf));

	memset(pf, 0, sizeof(*pf));
	pf->nrules = nrules;
	pf->rules = xmalloc(nrules * sizeof(*pf->rules));
	memset(pf->rules, 0, nrules * sizeof(*pf->rules));
	grow_slots(pf);
	return pf;
}

void prefilter_free(struct prefilter *pf)
{
	if (!pf)
		return;
	for (size_t r = 0; r < pf->nrules; r++) {
		for (size_t c = 0; c < pf->rules[r].n; c++)
			free(pf->rules[r].clauses[c].words);
		free(pf->rules[r].clauses);
	}
	for (size_t i = 0; i < pf->nwords; i++)
		free(pf->words[i]);
	free(pf->words);
	free(pf->slots);
	free(pf->rules);
	free(pf);
}

static void clause_add(struct clause *c, size_t word)
{
	for (size_t i = 0; i < c->n; i++)
		if (c->words[i] == word)
			return;
	c->words = xrealloc(c->words, (c->n + 1) * sizeof(*c->words));
	c->words[c->n++] = word;
}

void prefilter_add_line(struct prefilter *pf, size_t rule, const char *words)
{
	struct rule_needs *needs = &pf->rules[rule];
	struct clause c = { 0 };
	char *copy = xstrdup(words), *save = NULL;

	for (char *w = strtok_r(copy, " \t\r,", &save); w;
	     w = strtok_r(NULL, " \t\r,", &save)) {
		int role = api_role_from_name(w);

		if (role < 0) {
			clause_add(&c, intern(pf, w));
			continue;
		}
		/* Every version's names: the prefilter must never drop a
		 * file that a rule would read in some era. */
		for (size_t i = 0; i < ptwalk_api_count; i++)
			if ((int)ptwalk_apis[i].role == role)
				clause_add(&c, intern(pf, ptwalk_apis[i].name));
	}
	free(copy);
	if (c.n == 0)
		return;		/* an empty line asks for nothing */
	needs->clauses = xrealloc(needs->clauses,
				  (needs->n + 1) * sizeof(*needs->clauses));
	needs->clauses[needs->n++] = c;
}

/*
 * Marks in SEEN the words that occur in TEXT as whole identifiers.
 * Comments and strings are scanned too: a word there keeps a file that
 * could have been dropped, which costs time, never a finding.
 */
static void mark_words(const struct prefilter *pf, const char *text,
		       size_t len, bool *seen)
{
	size_t i = 0;

	while (i < len) {
		size_t start, n;

		if (!is_ident_start((unsigned char)text[i])) {
			/* Skip numbers whole: 0x1f is not the word x1f. */
			if (isdigit((unsigned char)text[i]))
				while (i < len && is_ident_char((unsigned char)text[i]))
					i++;
			else
				i++;
			continue;
		}
		start = i;
		while (i < len && is_ident_char((unsigned char)text[i]))
			i++;
		n = i - start;
		if (n >= pf->min_len && n <= pf->max_len) {
			size_t w = *find_slot(pf, text + start, n);

			if (w)
				seen[w - 1] = true;
		}
	}
}

static bool rule_matches(const struct rule_needs *needs, const bool *seen)
{
	for (size_t c = 0; c < needs->n; c++) {
		bool any = false;

		for (size_t i = 0; i < needs->clauses[c].n && !any; i++)
			any = seen[needs->clauses[c].words[i]];
		if (!any)
			return false;
	}
	return true;
}

void prefilter_scan(const struct prefilter *pf, const char *path, bool *wanted)
{
	struct buf text = { 0 };
	bool *seen;

	if (read_whole_file(path, &text) != 0) {
		for (size_t r = 0; r < pf->nrules; r++)
			wanted[r] = true;
		buf_free(&text);
		return;
	}
	/* A tree's *.c or *.h with NUL bytes is not C, and nothing should
	 * call it clean. */
	if (text.len && first_nul(text.data, text.len) < text.len) {
		trouble(path, "not a C source file: binary content");
		for (size_t r = 0; r < pf->nrules; r++)
			wanted[r] = false;
		buf_free(&text);
		return;
	}
	seen = xmalloc((pf->nwords ? pf->nwords : 1) * sizeof(*seen));
	memset(seen, 0, (pf->nwords ? pf->nwords : 1) * sizeof(*seen));
	if (pf->nwords)
		mark_words(pf, text.data ? text.data : "", text.len, seen);
	for (size_t r = 0; r < pf->nrules; r++)
		wanted[r] = rule_matches(&pf->rules[r], seen);
	free(seen);
	buf_free(&text);
}
