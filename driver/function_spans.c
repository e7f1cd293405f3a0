#include "function_spans.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

char *function_name_of_header(const char *line)
{
	const char *paren = strchr(line, '('), *start, *end;

	if (!paren)
		return xstrdup("");
	end = paren;
	while (end > line && isspace((unsigned char)end[-1]))
		end--;
	start = end;
	while (start > line && (isalnum((unsigned char)start[-1]) || start[-1] == '_'))
		start--;
	return xstrndup(start, (size_t)(end - start));
}

/* A column-0 line that can begin a function's declaration. */
static bool is_header(const char *line)
{
	return (isalpha((unsigned char)line[0]) || line[0] == '_') &&
	       strchr(line, '(') != NULL;
}

/* A column-0 line that ends a prototype or a declaration. */
static bool ends_declaration(const char *line)
{
	size_t n = strlen(line);

	while (n && isspace((unsigned char)line[n - 1]))
		n--;
	return n && line[n - 1] == ';';
}

void function_spans_find(const char *const *lines, size_t n,
			 struct function_spans *out)
{
	size_t header = (size_t)-1, open = (size_t)-1;

	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < n; i++) {
		const char *l = lines[i];

		if (l[0] == '{' && open == (size_t)-1) {
			open = i;
		} else if (l[0] == '}' && open != (size_t)-1) {
			struct function_span *s;

			out->v = xrealloc(out->v, (out->n + 1) * sizeof(*out->v));
			s = &out->v[out->n++];
			s->first = (unsigned int)(header != (size_t)-1 ? header : open) + 1;
			s->last = (unsigned int)i + 1;
			s->name = header != (size_t)-1 ? function_name_of_header(lines[header])
						       : xstrdup("");
			open = header = (size_t)-1;
		} else if (open == (size_t)-1 && l[0] && !isspace((unsigned char)l[0])) {
			if (ends_declaration(l))
				header = (size_t)-1;
			else if (is_header(l))
				header = i;
		}
	}
}

void function_spans_free(struct function_spans *spans)
{
	for (size_t i = 0; i < spans->n; i++)
		free(spans->v[i].name);
	free(spans->v);
	memset(spans, 0, sizeof(*spans));
}

const struct function_span *function_spans_at(const struct function_spans *spans,
					      unsigned int line)
{
	for (size_t i = 0; i < spans->n; i++)
		if (spans->v[i].first <= line && line <= spans->v[i].last)
			return &spans->v[i];
	return NULL;
}
