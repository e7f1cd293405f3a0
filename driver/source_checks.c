#include "source_checks.h"

#include <ctype.h>
#include <string.h>

#include "diag.h"

size_t first_nul(const char *text, size_t len)
{
	const char *nul = memchr(text, '\0', len);

	return nul ? (size_t)(nul - text) : len;
}

static void line_col(const char *text, size_t offset, unsigned int *line,
		     unsigned int *col)
{
	*line = 1;
	*col = 1;
	for (size_t i = 0; i < offset; i++) {
		if (text[i] == '\n') {
			++*line;
			*col = 1;
		} else {
			++*col;
		}
	}
}

/* Length of the UTF-8 sequence at S (at most LEFT bytes), 0 if invalid:
 * no overlong forms, no surrogates, nothing above U+10FFFF. */
static size_t utf8_sequence(const unsigned char *s, size_t left)
{
	size_t n;
	unsigned int cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4, cp = s[0] & 0x07;
	else
		return 0;
	if (n > left)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n;
}

static size_t first_non_utf8(const char *text, size_t len)
{
	const unsigned char *s = (const unsigned char *)text;

	for (size_t i = 0; i < len;) {
		size_t n = utf8_sequence(s + i, len - i);

		if (!n)
			return i;
		i += n;
	}
	return len;
}

static bool is_if_zero(const char *d, size_t len)
{
	size_t i = 2;

	while (i < len && (d[i] == ' ' || d[i] == '\t'))
		i++;
	return i > 2 && i < len && d[i] == '0' &&
	       (i + 1 == len || !(isalnum((unsigned char)d[i + 1]) || d[i + 1] == '_'));
}

/*
 * Brace depth over the code the way a reader without a configuration sees
 * it: comments, strings and character constants skipped, and of each
 * #if/#ifdef group only the first branch counted, since the kernel opens
 * the same block differently per configuration (#ifdef X ... { #else
 * ... { #endif); of an #if 0 group, only the #else branch.  Returns false and the offending offset when a "}"
 * closes nothing or a "{" is never closed.
 */
static bool braces_balance(const char *text, size_t len, size_t *where)
{
	size_t depth = 0, open_at[256];
	int skip = 0, nesting = 0;	/* #if nesting, and where skipping began */
	bool line_start = true;

	for (size_t i = 0; i < len; i++) {
		char c = text[i];

		if (c == '\n') {
			line_start = true;
			continue;
		}
		if (line_start && (c == ' ' || c == '\t'))
			continue;
		if (line_start && c == '#') {
			size_t j = i + 1;

			while (j < len && (text[j] == ' ' || text[j] == '\t'))
				j++;
			if (!strncmp(text + j, "if", 2)) {
				nesting++;
				/* #if 0 is dead code, often not even C. */
				if (!skip && is_if_zero(text + j, len - j))
					skip = -nesting;
			} else if (!strncmp(text + j, "el", 2)) {
				if (skip == -nesting)
					skip = 0;
				else if (!skip)
					skip = nesting;
			} else if (!strncmp(text + j, "endif", 5)) {
				if (skip == -nesting)
					skip = 0;
				if (skip == nesting)
					skip = 0;
				if (nesting)
					nesting--;
			}
			/* The directive runs to the end of its logical line;
			 * a comment in it may span lines without a "\\". */
			while (i < len && !(text[i] == '\n' && text[i - 1] != '\\')) {
				if (text[i] == '/' && i + 1 < len && text[i + 1] == '*') {
					for (i += 2; i + 1 < len &&
					     !(text[i] == '*' && text[i + 1] == '/'); i++)
						;
				}
				i++;
			}
			line_start = true;
			continue;
		}
		line_start = false;
		if (c == '/' && i + 1 < len && text[i + 1] == '/') {
			while (i + 1 < len && text[i + 1] != '\n')
				i++;
		} else if (c == '/' && i + 1 < len && text[i + 1] == '*') {
			for (i += 2; i + 1 < len && !(text[i] == '*' && text[i + 1] == '/'); i++)
				;
			i++;
		} else if (c == '"' || c == '\'') {
			for (i++; i < len && text[i] != c && text[i] != '\n'; i++)
				if (text[i] == '\\')
					i++;
		} else if (skip) {
			continue;
		} else if (c == '{') {
			if (depth < sizeof(open_at) / sizeof(open_at[0]))
				open_at[depth] = i;
			depth++;
		} else if (c == '}') {
			if (!depth) {
				*where = i;
				return false;
			}
			depth--;
		}
	}
	if (depth) {
		*where = open_at[depth <= 256 ? depth - 1 : 255];
		return false;
	}
	return true;
}

enum source_verdict check_named_source(const char *path, const char *text,
				       size_t len)
{
	unsigned int line, col;
	size_t at;

	if (len == 0) {
		trouble(path, "empty file: nothing to analyse");
		return SOURCE_SKIP;
	}
	at = first_nul(text, len);
	if (at < len) {
		line_col(text, at, &line, &col);
		trouble(path, "not a C source file: binary content (a NUL byte at line %u, column %u)",
			line, col);
		return SOURCE_SKIP;
	}
	at = first_non_utf8(text, len);
	if (at < len) {
		line_col(text, at, &line, &col);
		trouble(path, "not UTF-8 text: byte 0x%02X at line %u, column %u (the kernel's sources are UTF-8)",
			(unsigned char)text[at], line, col);
		return SOURCE_SUSPECT;
	}
	if (!braces_balance(text, len, &at)) {
		line_col(text, at, &line, &col);
		trouble(path, text[at] == '{' ?
			"unbalanced braces: the '{' at line %u, column %u is never closed" :
			"unbalanced braces: the '}' at line %u, column %u closes nothing",
			line, col);
		return SOURCE_SUSPECT;
	}
	return SOURCE_OK;
}
