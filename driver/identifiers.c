#include "identifiers.h"

#include "catalogue.h"
#include "util.h"

/*
 * Literals end at the line's end too, so an unterminated string (the
 * usual lexer error) hides one line, not the rest of the function.
 */
bool any_identifier(const char *text, size_t len,
		    int (*found)(const char *name, size_t len))
{
	const char *p = text, *end = text + len;

	while (p < end) {
		if (p + 1 < end && p[0] == '/' && p[1] == '*') {
			const char *close = p + 2;

			while (close + 1 < end && !(close[0] == '*' && close[1] == '/'))
				close++;
			p = close + 2;
		} else if (p + 1 < end && p[0] == '/' && p[1] == '/') {
			while (p < end && *p != '\n')
				p++;
		} else if (*p == '"' || *p == '\'') {
			char quote = *p++;

			while (p < end && *p != quote && *p != '\n') {
				if (*p == '\\' && p + 1 < end)
					p++;
				p++;
			}
			p++;
		} else if (is_ident_start((unsigned char)*p)) {
			const char *start = p;

			while (p < end && is_ident_char((unsigned char)*p))
				p++;
			if (found(start, (size_t)(p - start)))
				return true;
		} else {
			p++;
		}
	}
	return false;
}

bool mentions_page_table_api(const char *text, size_t len)
{
	return any_identifier(text, len, api_name_marks_walker);
}
