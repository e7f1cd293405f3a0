/*
 * spatch 1.1.1 --parse-c reports each parse error on stderr as
 *
 *	parse error
 *	 = File "mm/gup.c", line 9, column 21, charpos = 119
 *	  around = ')',
 *	  whole content = 	if (pte_val(pte) == )
 *	badcount: 8
 *	bad: }
 *	bad: ...
 *	BAD:!!!!! 	if (pte_val(pte) == )
 *	bad: ...
 *
 * The "bad:" lines are the text spatch gave up on and "BAD:!!!!!" marks
 * where it first went wrong.  A lexer error (say an unterminated string)
 * is reported at end of file, one line past the last, with the listing
 * ending at the BAD line: everything from there on is lost.  So the lost
 * region runs from the BAD line (found by matching the listing against
 * the file) to the reported line, and every function overlapping it was
 * not analysed.
 *
 * Functions are found the kernel way: a body opens with '{' in column 0
 * and closes with '}' in column 0, and the name is in the lines above.
 */
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "identifiers.h"
#include "parse_failures.h"
#include "util.h"

#define MAX_HEADER_LINES 8

struct parse_error {
	unsigned int line;		/* as reported */
	struct strvec listing;		/* the bad: lines, prefix removed */
	size_t bad_index;		/* the BAD:!!!!! line in listing */
	bool has_bad;
};

struct source {
	struct buf text;
	const char **lines;	/* lines[i] starts line i + 1 */
	size_t *lens;
	size_t nlines;
};

struct function {
	unsigned int first_line;	/* first header line */
	unsigned int name_line;
	unsigned int last_line;		/* the closing brace */
	char *name;
	bool reported;
};

static bool load_source(const char *path, struct source *src)
{
	size_t cap = 0;
	int err;

	memset(src, 0, sizeof(*src));
	err = read_whole_file(path, &src->text);
	if (err) {
		trouble(path, "%s", strerror(err));
		buf_free(&src->text);
		return false;
	}
	for (const char *p = src->text.data; p < src->text.data + src->text.len;) {
		const char *end = memchr(p, '\n',
					 (size_t)(src->text.data + src->text.len - p));
		size_t len = end ? (size_t)(end - p)
				 : (size_t)(src->text.data + src->text.len - p);

		if (src->nlines == cap) {
			cap = cap ? cap * 2 : 256;
			src->lines = xrealloc(src->lines, cap * sizeof(*src->lines));
			src->lens = xrealloc(src->lens, cap * sizeof(*src->lens));
		}
		src->lines[src->nlines] = p;
		src->lens[src->nlines++] = len;
		p += len + 1;
	}
	return true;
}

static void free_source(struct source *src)
{
	buf_free(&src->text);
	free(src->lines);
	free(src->lens);
}

static bool line_is(const struct source *src, size_t index, const char *text)
{
	size_t len = strlen(text);

	return src->lens[index] == len &&
	       memcmp(src->lines[index], text, len) == 0;
}

/*
 * The 1-based line the BAD:!!!!! mark stands for: where the listing
 * occurs in the file, taking the occurrence closest before the reported
 * line.  0 when the listing is not found.
 */
static unsigned int locate_bad_line(const struct source *src,
				    const struct parse_error *err)
{
	unsigned int best = 0;
	size_t k = err->listing.n;

	if (!err->has_bad || k == 0 || k > src->nlines)
		return 0;
	for (size_t s = 0; s + k <= src->nlines; s++) {
		size_t i;
		unsigned int bad = (unsigned int)(s + err->bad_index + 1);

		if (bad > err->line)
			break;
		for (i = 0; i < k; i++)
			if (!line_is(src, s + i, err->listing.v[i]))
				break;
		if (i == k)
			best = bad;
	}
	return best;
}

static bool uses_page_table_api(const struct source *src, unsigned int first,
				unsigned int last)
{
	const char *start = src->lines[first - 1];
	const char *end = src->lines[last - 1] + src->lens[last - 1];

	return mentions_page_table_api(start, (size_t)(end - start));
}

/* Identifiers followed by '(' that are attributes, not the function. */
static bool is_attribute_macro(const char *name, size_t len)
{
	static const char *const attributes[] = {
		"__attribute__", "__attribute", "__printf", "__scanf",
		"__section", "__aligned", "__alloc_size", "__acquires",
		"__releases", "__must_hold", "__diagnose_as", "__cond_acquires",
	};

	for (size_t i = 0; i < sizeof(attributes) / sizeof(attributes[0]); i++)
		if (strlen(attributes[i]) == len &&
		    strncmp(attributes[i], name, len) == 0)
			return true;
	return false;
}

/*
 * The function name in header lines FIRST..LAST: the first identifier at
 * parenthesis depth 0 that is followed by '(' and is not an attribute.
 */
static char *function_name(const struct source *src, unsigned int first,
			   unsigned int last, unsigned int *name_line)
{
	int depth = 0;

	for (unsigned int ln = first; ln <= last; ln++) {
		const char *p = src->lines[ln - 1];
		const char *end = p + src->lens[ln - 1];
		const char *ident = NULL;
		size_t ident_len = 0;

		while (p < end) {
			if (is_ident_start((unsigned char)*p)) {
				ident = p;
				while (p < end && is_ident_char((unsigned char)*p))
					p++;
				ident_len = (size_t)(p - ident);
				continue;
			}
			if (*p == '(') {
				if (depth == 0 && ident &&
				    !is_attribute_macro(ident, ident_len)) {
					*name_line = ln;
					return xstrndup(ident, ident_len);
				}
				depth++;
			} else if (*p == ')') {
				depth--;
			}
			if (*p != ' ' && *p != '\t')
				ident = NULL;
			p++;
		}
	}
	return NULL;
}

/* Whether line INDEX (0-based) ends the item before a function header. */
static bool ends_previous_item(const struct source *src, size_t index)
{
	const char *line = src->lines[index];
	size_t len = src->lens[index];

	while (len && (line[len - 1] == ' ' || line[len - 1] == '\t' ||
		       line[len - 1] == '\r'))
		len--;
	return len == 0 || line[0] == '#' || line[0] == '}' ||
	       line[len - 1] == ';' ||
	       (len >= 2 && line[len - 2] == '*' && line[len - 1] == '/');
}

static size_t find_functions(const struct source *src,
			     struct function **functions)
{
	size_t n = 0, cap = 0;

	*functions = NULL;
	for (size_t open = 0; open < src->nlines; open++) {
		size_t close, first;
		unsigned int name_line = 0;
		char *name;

		if (src->lens[open] == 0 || src->lines[open][0] != '{')
			continue;
		for (close = open + 1; close < src->nlines; close++)
			if (src->lens[close] && src->lines[close][0] == '}')
				break;
		first = open;
		while (first > 0 && open - first < MAX_HEADER_LINES &&
		       !ends_previous_item(src, first - 1))
			first--;
		if (first == open)
			continue;
		name = function_name(src, (unsigned int)first + 1,
				     (unsigned int)open, &name_line);
		if (!name)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			*functions = xrealloc(*functions, cap * sizeof(**functions));
		}
		(*functions)[n++] = (struct function){
			.first_line = (unsigned int)first + 1,
			.name_line = name_line,
			/* An unclosed body runs to the end of the file. */
			.last_line = (unsigned int)(close < src->nlines ?
						    close + 1 : src->nlines),
			.name = name,
		};
		open = close;
	}
	return n;
}

/*
 * Whether 1-based LINE belongs to a preprocessor directive, continuation
 * lines included.  spatch also parses the bodies of #define, and fails on
 * many (statement fragments, for_each loops); a macro body is not code
 * any rule analyses, so its parse errors lose nothing.
 */
static bool in_directive(const struct source *src, unsigned int line)
{
	size_t i = line - 1;

	for (;;) {
		const char *p = src->lines[i], *end = p + src->lens[i];

		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		if (p < end && *p == '#')
			return true;
		if (i == 0)
			return false;
		i--;
		end = src->lines[i] + src->lens[i];
		while (end > src->lines[i] && (end[-1] == '\r' || end[-1] == ' '))
			end--;
		if (end == src->lines[i] || end[-1] != '\\')
			return false;
	}
}

static void report_file(const char *path, struct parse_error *errors,
			size_t nerrors, struct finding_list *findings)
{
	struct source src;
	struct function *functions;
	size_t nfunctions;

	if (!load_source(path, &src))
		return;
	nfunctions = find_functions(&src, &functions);
	for (size_t e = 0; e < nerrors; e++) {
		unsigned int last = errors[e].line;
		unsigned int first = locate_bad_line(&src, &errors[e]);
		bool in_function = false;

		if (last > src.nlines)
			last = (unsigned int)src.nlines;
		if (first == 0 || first > last)
			first = last;
		if (first == 0)
			continue;
		if (in_directive(&src, first) && in_directive(&src, last))
			continue;
		for (size_t f = 0; f < nfunctions; f++) {
			struct function *fn = &functions[f];
			unsigned int at;
			char *message;

			if (fn->last_line < first || fn->first_line > last)
				continue;
			in_function = true;
			if (fn->reported ||
			    !uses_page_table_api(&src, fn->first_line,
						 fn->last_line))
				continue;
			fn->reported = true;
			at = first > fn->name_line ? first : fn->name_line;
			message = xasprintf("function '%s' not analysed: spatch cannot parse it",
					    fn->name);
			finding_add(findings, path, at, 1,
				    &ptwalk_not_analysed_rule,
				    ptwalk_not_analysed_rule.severity,
				    message, "cocci");
			free(message);
		}
		/* Code outside any recognised function still counts. */
		if (!in_function && uses_page_table_api(&src, first, last)) {
			char *message = first == last ?
				xasprintf("line %u not analysed: spatch cannot parse it",
					  first) :
				xasprintf("lines %u-%u not analysed: spatch cannot parse them",
					  first, last);

			finding_add(findings, path, first, 1,
				    &ptwalk_not_analysed_rule,
				    ptwalk_not_analysed_rule.severity,
				    message, "cocci");
			free(message);
		}
	}
	for (size_t f = 0; f < nfunctions; f++)
		free(functions[f].name);
	free(functions);
	free_source(&src);
}

/* Splits spatch's output into lines; the caller frees the vector. */
static void split_lines(const char *text, struct strvec *lines)
{
	for (const char *p = text; *p;) {
		const char *end = strchr(p, '\n');
		size_t len = end ? (size_t)(end - p) : strlen(p);

		strvec_push_owned(lines, xstrndup(p, len));
		p += len + (end ? 1 : 0);
	}
}

/* Parses ' = File "F", line N, ...'; returns the malloc'ed F or NULL. */
static char *parse_location(const char *line, unsigned int *lineno)
{
	const char *start, *end;

	if (strncmp(line, " = File \"", 9) != 0)
		return NULL;
	start = line + 9;
	end = strstr(start, "\", line ");
	if (!end)
		return NULL;
	*lineno = (unsigned int)strtoul(end + 8, NULL, 10);
	return xstrndup(start, (size_t)(end - start));
}

struct file_errors {
	char *path;
	struct parse_error *errors;
	size_t n;
};

void collect_parse_failures(const struct job *job, const struct strvec *files,
			    struct finding_list *findings)
{
	char *failure = job_failure(job);
	struct strvec lines = { 0 };
	struct file_errors *per_file;
	size_t nfiles = files->n;

	if (failure) {
		trouble("spatch --parse-c", "%s", failure);
		free(failure);
		return;
	}
	per_file = xmalloc(nfiles * sizeof(*per_file));
	memset(per_file, 0, nfiles * sizeof(*per_file));

	split_lines(job->err.data, &lines);
	split_lines(job->out.data, &lines);
	for (size_t i = 0; i + 1 < lines.n; i++) {
		struct parse_error err = { 0 };
		struct file_errors *fe = NULL;
		char *path;

		if (strncmp(lines.v[i], "parse error", 11) != 0)
			continue;
		path = parse_location(lines.v[i + 1], &err.line);
		if (!path)
			continue;
		for (size_t f = 0; f < nfiles; f++)
			if (strcmp(files->v[f], path) == 0 ||
			    (files->v[f][0] == '-' && strncmp(path, "./", 2) == 0 &&
			     strcmp(files->v[f], path + 2) == 0))
				fe = &per_file[f];
		free(path);
		if (!fe)
			continue;
		for (i += 2; i < lines.n; i++) {
			const char *l = lines.v[i];

			if (strncmp(l, "bad: ", 5) == 0 || strcmp(l, "bad:") == 0) {
				strvec_push(&err.listing, l + (l[4] ? 5 : 4));
			} else if (strncmp(l, "BAD:!!!!! ", 10) == 0) {
				err.bad_index = err.listing.n;
				err.has_bad = true;
				strvec_push(&err.listing, l + 10);
			} else if (strncmp(l, "  ", 2) != 0 &&
				   strncmp(l, "badcount:", 9) != 0) {
				break;
			}
		}
		i--;
		fe->errors = xrealloc(fe->errors, (fe->n + 1) * sizeof(*fe->errors));
		fe->errors[fe->n++] = err;
	}

	for (size_t f = 0; f < nfiles; f++) {
		if (per_file[f].n)
			report_file(files->v[f], per_file[f].errors,
				    per_file[f].n, findings);
		for (size_t e = 0; e < per_file[f].n; e++)
			strvec_free(&per_file[f].errors[e].listing);
		free(per_file[f].errors);
	}
	free(per_file);
	strvec_free(&lines);
}
