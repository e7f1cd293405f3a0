/*
 * Composes the shared semantic patch of several rules (cocci_combine.h).
 *
 * A rule file is its header comments and virtual lines, the walker model
 * (the block scripts/embed-cocci-model copies into it), then the rule's
 * own SmPL rules.  The shared file has the virtual lines of all, the model
 * once, then each rule's part, changed in two ways:
 *
 *  - SmPL rule names share one namespace: the names a rule declares get
 *    its id as a prefix (numa_hint__pte_local), in rule headers and in
 *    inherited metavariables (pte_local.p).  The model's names are shared
 *    on purpose and stay.
 *  - spatch hoists every initialize script to the top of one OCaml file,
 *    where the last rule's emit would serve all.  A rule's initialize
 *    scripts become a module of their own (Rule_numa_hint), and its script
 *    rules and script constraints become functions of that module, which
 *    the shared rules call with their metavariables.  A script cannot
 *    simply open the module: a weak type of the module (a table filled by
 *    scripts) would then escape its scope.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "cocci_combine.h"
#include "cocci_rules.h"
#include "util.h"

#define MODEL_BEGIN "// BEGIN cocci/model/walker.smpl"
#define MODEL_END "// END cocci/model/walker.smpl"

/* One @...@ rule of a file: its header, declarations and body. */
struct smpl_rule {
	char *header;
	char *decls;
	char *body;
};

struct rule_file {
	struct strvec virtuals;
	char *options;		/* its "// Options:" line, or NULL */
	char *requires;		/* its "// Requires:" line, or NULL */
	char *model;		/* NULL: the file has no model */
	struct smpl_rule *rules;
	size_t nrules;
};

/* A rule's part being composed: its id, names and module functions. */
struct part {
	const char *id;		/* the catalogue id: numa-hint */
	char *prefix;		/* numa_hint__ */
	char *module;		/* Rule_numa_hint */
	struct strvec names;	/* the SmPL rule names it declares */
	struct buf functions;	/* its module's functions */
	size_t nfunctions;
};

struct line {
	const char *text;
	size_t len;
};

static bool starts_with(const struct line *l, const char *prefix)
{
	size_t n = strlen(prefix);

	return l->len >= n && strncmp(l->text, prefix, n) == 0;
}

/* The line without trailing blanks (and the CR of a CRLF file) is S. */
static bool line_is(const struct line *l, const char *s)
{
	size_t len = l->len;

	while (len && (l->text[len - 1] == ' ' || l->text[len - 1] == '\t' ||
		       l->text[len - 1] == '\r'))
		len--;
	return len == strlen(s) && strncmp(l->text, s, len) == 0;
}

static struct line *split_lines(const char *text, size_t *n)
{
	struct line *lines = NULL;
	size_t count = 0;

	for (const char *p = text; *p;) {
		const char *end = strchr(p, '\n');
		size_t len = end ? (size_t)(end - p) : strlen(p);

		lines = xrealloc(lines, (count + 1) * sizeof(*lines));
		lines[count++] = (struct line){ p, len };
		p += len + (end != NULL);
	}
	*n = count;
	return lines;
}

/* Lines [FROM, TO) as one string, each ending in a newline. */
static char *join_lines(const struct line *lines, size_t from, size_t to)
{
	struct buf b = { 0 };

	for (size_t i = from; i < to; i++) {
		buf_append(&b, lines[i].text, lines[i].len);
		buf_puts(&b, "\n");
	}
	buf_append(&b, "", 0);
	return b.data;
}

static void rule_file_free(struct rule_file *rf)
{
	strvec_free(&rf->virtuals);
	free(rf->options);
	free(rf->requires);
	free(rf->model);
	for (size_t i = 0; i < rf->nrules; i++) {
		free(rf->rules[i].header);
		free(rf->rules[i].decls);
		free(rf->rules[i].body);
	}
	free(rf->rules);
}

/*
 * Reads the rules from line I on: a header from a line that starts with
 * '@' to the next '@' (it may span lines), the declarations up to "@@",
 * the body up to the next line that starts with '@'.
 */
static bool split_rules(const struct line *lines, size_t n, size_t i,
			struct rule_file *rf, char **why)
{
	while (i < n && !(lines[i].len && lines[i].text[0] == '@'))
		i++;
	while (i < n) {
		struct buf header = { 0 };
		struct smpl_rule r;
		size_t j = i, from;
		const char *at;

		/* The header, after the '@' that opens it. */
		buf_append(&header, lines[i].text + 1, lines[i].len - 1);
		while (!(at = memchr(header.data, '@', header.len)) && ++j < n) {
			buf_puts(&header, "\n");
			buf_append(&header, lines[j].text, lines[j].len);
		}
		if (!at || strspn(at + 1, " \t\r") != strlen(at + 1)) {
			*why = xasprintf("line %zu: a rule header the combiner does not read",
					 i + 1);
			buf_free(&header);
			return false;
		}
		r.header = xstrndup(header.data, (size_t)(at - header.data));
		buf_free(&header);
		from = ++j;
		while (j < n && !line_is(&lines[j], "@@"))
			j++;
		if (j == n) {
			*why = xasprintf("line %zu: a rule without @@", i + 1);
			free(r.header);
			return false;
		}
		r.decls = join_lines(lines, from, j);
		from = ++j;
		while (j < n && !(lines[j].len && lines[j].text[0] == '@'))
			j++;
		r.body = join_lines(lines, from, j);
		rf->rules = xrealloc(rf->rules, (rf->nrules + 1) * sizeof(*rf->rules));
		rf->rules[rf->nrules++] = r;
		i = j;
	}
	return true;
}

/* Splits TEXT into virtual lines, the model block and the rules. */
static bool split_rule_file(const char *text, struct rule_file *rf, char **why)
{
	size_t n, begin = (size_t)-1, end = (size_t)-1, rules_from;
	struct line *lines = split_lines(text, &n);
	bool ok;

	for (size_t i = 0; i < n; i++) {
		if (begin == (size_t)-1 && starts_with(&lines[i], MODEL_BEGIN))
			begin = i;
		else if (begin != (size_t)-1 && starts_with(&lines[i], MODEL_END)) {
			end = i;
			break;
		}
	}
	if (begin != (size_t)-1 && end == (size_t)-1) {
		*why = xstrdup("the model block has no end line");
		free(lines);
		return false;
	}
	if (begin != (size_t)-1) {
		rf->model = join_lines(lines, begin, end + 1);
		rules_from = end + 1;
	} else {
		rules_from = 0;
		while (rules_from < n && !(lines[rules_from].len &&
					   lines[rules_from].text[0] == '@'))
			rules_from++;
		begin = rules_from;
	}
	for (size_t i = 0; i < begin; i++) {
		char *line = xstrndup(lines[i].text, lines[i].len);

		if (starts_with(&lines[i], "virtual "))
			strvec_push_owned(&rf->virtuals, line);
		else if (starts_with(&lines[i], "// Options:") && !rf->options)
			rf->options = line;
		else if (starts_with(&lines[i], "// Requires:") && !rf->requires)
			rf->requires = line;
		else
			free(line);
	}
	ok = split_rules(lines, n, rules_from, rf, why);
	free(lines);
	return ok;
}

/* The first word of the header H, and where the rest starts. */
static char *first_word(const char *h, const char **rest)
{
	size_t len;

	h += strspn(h, " \t\r\n");
	len = strcspn(h, " \t\r\n");
	*rest = h + len;
	return xstrndup(h, len);
}

static bool is_identifier(const char *s)
{
	if (!is_ident_start((unsigned char)*s))
		return false;
	while (*++s)
		if (!is_ident_char((unsigned char)*s))
			return false;
	return true;
}

/* Words of a header that are not rule names. */
static bool header_keyword(const char *w)
{
	static const char *const keywords[] = {
		"depends", "disable", "using", "exists", "forall", "extends",
		"strict", "on", NULL,
	};

	for (size_t i = 0; keywords[i]; i++)
		if (strcmp(w, keywords[i]) == 0)
			return true;
	return false;
}

enum rule_kind { SMPL_RULE, SCRIPT_RULE, INITIALIZE_SCRIPT, FINALIZE_SCRIPT };

/*
 * What the header H declares: its kind and rule name (NULL if anonymous).
 * False for a script in another language than OCaml.
 */
static bool read_header(const char *h, enum rule_kind *kind, char **name)
{
	const char *rest;
	char *w = first_word(h, &rest);
	bool ok = true;

	*name = NULL;
	if (strncmp(w, "script:", 7) == 0 || strncmp(w, "initialize:", 11) == 0 ||
	    strncmp(w, "finalize:", 9) == 0) {
		const char *language = strchr(w, ':') + 1;

		ok = strcmp(language, "ocaml") == 0;
		*kind = w[0] == 's' ? SCRIPT_RULE :
			w[0] == 'i' ? INITIALIZE_SCRIPT : FINALIZE_SCRIPT;
		free(w);
		if (*kind == SCRIPT_RULE) {
			w = first_word(rest, &rest);
			if (is_identifier(w) && !header_keyword(w))
				*name = w;
			else
				free(w);
		}
		return ok;
	}
	*kind = SMPL_RULE;
	if (is_identifier(w) && !header_keyword(w))
		*name = w;
	else
		free(w);
	return true;
}

static bool declared(const struct part *part, const char *s, size_t len)
{
	for (size_t i = 0; i < part->names.n; i++)
		if (strlen(part->names.v[i]) == len &&
		    strncmp(part->names.v[i], s, len) == 0)
			return true;
	return false;
}

/*
 * TEXT with the part's rule names prefixed: every one, or (INHERITED)
 * those before a '.' (pte_local.p).  Strings and what follows a '.'
 * (virtual.kernel_version, a model rule's names) are left alone.
 */
static void rename_rules(struct buf *out, const struct part *part,
			 const char *text, size_t len, bool inherited)
{
	size_t i = 0;

	while (i < len) {
		if (text[i] == '"') {
			size_t j = i + 1;

			while (j < len && text[j] != '"')
				j += text[j] == '\\' ? 2 : 1;
			j = j < len ? j + 1 : len;
			buf_append(out, text + i, j - i);
			i = j;
		} else if (is_ident_start((unsigned char)text[i]) &&
			   (i == 0 || (!is_ident_char((unsigned char)text[i - 1]) &&
				       text[i - 1] != '.'))) {
			size_t j = i;

			while (j < len && is_ident_char((unsigned char)text[j]))
				j++;
			if (declared(part, text + i, j - i) &&
			    (!inherited || (j < len && text[j] == '.')))
				buf_puts(out, part->prefix);
			buf_append(out, text + i, j - i);
			i = j;
		} else {
			buf_append(out, text + i, 1);
			i++;
		}
	}
}

/* Adds a function of the part's module; returns its qualified name. */
static char *add_function(struct part *part, const char *kind,
			  const char *params, const char *body)
{
	char *name = xasprintf("%s_%zu", kind, ++part->nfunctions);

	buf_printf(&part->functions, "let %s %s =\nbegin\n%s%send\n\n", name,
		   params, body, *body && body[strlen(body) - 1] != '\n' ? "\n" : "");
	{
		char *qualified = xasprintf("%s.%s", part->module, name);

		free(name);
		return qualified;
	}
}

static size_t skip_blanks(const char *s, size_t i, size_t len)
{
	while (i < len && strchr(" \t\r\n", s[i]))
		i++;
	return i;
}

/*
 * The metavariables a script constraint takes, LEN bytes at ARGS
 * ("r.y, z"), by the names its expression knows them by (y, z).
 */
static void constraint_params(const char *args, size_t len,
			      struct strvec *params)
{
	for (size_t i = 0; i < len;) {
		size_t end = i, stop, word;

		while (end < len && args[end] != ',')
			end++;
		stop = end;
		while (stop > i && strchr(" \t\r\n", args[stop - 1]))
			stop--;
		word = stop;
		while (word > i && is_ident_char((unsigned char)args[word - 1]))
			word--;
		if (word < stop)
			strvec_push_owned(params, xstrndup(args + word, stop - word));
		i = end + 1;
	}
}

/* A script constraint of a declaration: where its parts are in it. */
struct constraint {
	size_t name, name_len;	/* the metavariable it constrains */
	size_t args, args_len;	/* what its ( ) holds */
	size_t expr, end;	/* its expression, after '{'; after '}' */
};

static size_t skip_back_blanks(const char *s, size_t i, size_t from)
{
	while (i > from && strchr(" \t\r\n", s[i - 1]))
		i--;
	return i;
}

/* The index after the '}' that closes the '{' at OPEN, or 0. */
static size_t closing_brace(const char *s, size_t open, size_t len)
{
	size_t depth = 0, i = open;

	do {
		if (s[i] == '{')
			depth++;
		else if (s[i] == '}')
			depth--;
		else if (s[i] == '"')
			while (++i < len && s[i] != '"')
				i += s[i] == '\\';
		i++;
	} while (i < len && depth);
	return depth ? 0 : i;
}

/*
 * Reads `x : script:ocaml (ARGS) { EXPR }` around the "script:ocaml" at
 * AT of DECLS (LEN bytes), not looking before FROM.
 */
static bool read_constraint(const char *decls, size_t len, size_t from,
			    size_t at, struct constraint *c)
{
	size_t colon = skip_back_blanks(decls, at, from), name_end, open, close;

	if (colon == from || decls[colon - 1] != ':')
		return false;
	name_end = skip_back_blanks(decls, colon - 1, from);
	c->name = name_end;
	while (c->name > from && is_ident_char((unsigned char)decls[c->name - 1]))
		c->name--;
	c->name_len = name_end - c->name;
	open = skip_blanks(decls, at + strlen("script:ocaml"), len);
	if (!c->name_len || open >= len || decls[open] != '(')
		return false;
	close = open;
	while (close < len && decls[close] != ')')
		close++;
	c->args = open + 1;
	c->args_len = close - c->args;
	c->expr = skip_blanks(decls, close + 1, len);
	if (close >= len || c->expr >= len || decls[c->expr] != '{')
		return false;
	c->end = closing_brace(decls, c->expr, len);
	c->expr++;
	return c->end != 0;
}

/*
 * The declarations DECLS of a SmPL rule, with each script constraint
 * (`identifier x : script:ocaml (r.y) { EXPR }`) turned into a call of
 * a module function holding EXPR, and the rule names renamed.
 */
static bool rewrite_constraints(struct buf *out, struct part *part,
				const char *decls, char **why)
{
	size_t len = strlen(decls), done = 0;
	const char *hit;

	while ((hit = strstr(decls + done, "script:"))) {
		struct constraint c;
		struct strvec params = { 0 };
		struct buf param_text = { 0 };
		char *call, *expr;

		if (strncmp(hit, "script:ocaml", 12) != 0) {
			*why = xstrdup("a script constraint not in OCaml");
			return false;
		}
		if (!read_constraint(decls, len, done, (size_t)(hit - decls), &c)) {
			*why = xstrdup("a script constraint the combiner does not read");
			return false;
		}
		strvec_push_owned(&params, xstrndup(decls + c.name, c.name_len));
		constraint_params(decls + c.args, c.args_len, &params);
		for (size_t i = 0; i < params.n; i++)
			buf_printf(&param_text, "%s%s", i ? " " : "", params.v[i]);
		expr = xstrndup(decls + c.expr, c.end - 1 - c.expr);
		call = add_function(part, "constraint", param_text.data, expr);
		rename_rules(out, part, decls + done, c.expr - 1 - done, true);
		buf_printf(out, "{ %s %s }", call, param_text.data);
		free(expr);
		free(call);
		buf_free(&param_text);
		strvec_free(&params);
		done = c.end;
	}
	rename_rules(out, part, decls + done, len - done, true);
	return true;
}

/*
 * The variables a script rule declares ("p << r.p;", or "kept;" for one
 * it sets), in order, as the parameters of its module function.
 */
static bool script_parameters(const char *decls, struct buf *params,
			      char **why)
{
	struct buf clean = { 0 };
	char *save = NULL, *copy;
	size_t count = 0;

	/* Comments first: they may hold ';'. */
	for (const char *p = decls; *p;) {
		size_t len = strcspn(p, "\n");
		const char *comment = strstr(p, "//");

		if (comment && comment < p + len)
			buf_append(&clean, p, (size_t)(comment - p));
		else
			buf_append(&clean, p, len);
		buf_puts(&clean, " ");
		p += len + (p[len] == '\n');
	}
	buf_append(&clean, "", 0);
	copy = clean.data;
	for (char *decl = strtok_r(copy, ";", &save); decl;
	     decl = strtok_r(NULL, ";", &save)) {
		char *arrow = strstr(decl, "<<"), *name;
		size_t start, end;

		if (arrow)
			*arrow = '\0';
		start = strspn(decl, " \t\r\n");
		end = strlen(decl);
		while (end > start && strchr(" \t\r\n", decl[end - 1]))
			end--;
		if (start == end && !arrow)
			continue;
		name = xstrndup(decl + start, end - start);
		if (!is_identifier(name)) {
			*why = xasprintf("a script variable the combiner does not read: %s",
					 name);
			free(name);
			buf_free(&clean);
			return false;
		}
		buf_printf(params, "%s%s", count++ ? " " : "", name);
		free(name);
	}
	if (!count)
		buf_puts(params, "()");
	buf_free(&clean);
	return true;
}

/*
 * The length of a script body without the blank and // comment lines
 * that end it: those belong to the next rule, and stay in the SmPL.
 */
static size_t code_length(const char *body)
{
	size_t code = 0;

	for (const char *line = body; *line;) {
		size_t len = strcspn(line, "\n");
		size_t indent = strspn(line, " \t\r");

		if (indent < len && strncmp(line + indent, "//", 2) != 0)
			code = (size_t)(line - body) + len + (line[len] == '\n');
		line += len + (line[len] == '\n');
	}
	return code;
}

/* Appends the rules of RF, as part PART, to OUT (its module goes to
 * MODULE_INIT). */
static bool compose_part(struct buf *out, struct buf *module_init,
			 struct part *part, const struct rule_file *rf,
			 char **why)
{
	struct buf inits = { 0 };

	for (size_t i = 0; i < rf->nrules; i++) {
		enum rule_kind kind;
		char *name;

		if (!read_header(rf->rules[i].header, &kind, &name)) {
			*why = xstrdup("a script not in OCaml");
			buf_free(&inits);
			return false;
		}
		if (name)
			strvec_push_owned(&part->names, name);
	}
	for (size_t i = 0; i < rf->nrules; i++) {
		const struct smpl_rule *r = &rf->rules[i];
		enum rule_kind kind;
		char *name;

		read_header(r->header, &kind, &name);
		free(name);
		if (kind == INITIALIZE_SCRIPT) {
			buf_puts(&inits, r->body);
			continue;
		}
		buf_puts(out, "@");
		rename_rules(out, part, r->header, strlen(r->header), false);
		buf_puts(out, "@\n");
		if (kind == SMPL_RULE) {
			if (!rewrite_constraints(out, part, r->decls, why)) {
				buf_free(&inits);
				return false;
			}
			buf_puts(out, "@@\n");
			buf_puts(out, r->body);
		} else {
			struct buf params = { 0 };
			char *call;

			rename_rules(out, part, r->decls, strlen(r->decls), true);
			buf_puts(out, "@@\n");
			if (!script_parameters(r->decls, &params, why)) {
				buf_free(&params);
				buf_free(&inits);
				return false;
			}
			{
				size_t code = code_length(r->body);
				char *body = xstrndup(r->body, code);

				call = add_function(part, kind == SCRIPT_RULE ?
						    "script" : "finalize",
						    params.data, body);
				buf_printf(out, "%s %s\n", call, params.data);
				buf_puts(out, r->body + code);
				free(body);
			}
			free(call);
			buf_free(&params);
		}
	}
	buf_printf(module_init, "@initialize:ocaml@\n@@\nmodule %s = struct\n",
		   part->module);
	if (inits.len)
		buf_puts(module_init, inits.data);
	if (part->functions.len)
		buf_puts(module_init, part->functions.data);
	buf_puts(module_init, "end\n\n");
	buf_free(&inits);
	return true;
}

static char *id_with_underscores(const char *id)
{
	char *s = xstrdup(id);

	for (char *p = s; *p; p++)
		if (!is_ident_char((unsigned char)*p))
			*p = '_';
	return s;
}

static bool same_line(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

static void add_virtuals(struct strvec *all, const struct strvec *more)
{
	for (size_t i = 0; i < more->n; i++) {
		bool seen = false;

		for (size_t j = 0; j < all->n && !seen; j++)
			seen = strcmp(all->v[j], more->v[i]) == 0;
		if (!seen)
			strvec_push(all, more->v[i]);
	}
}

char *cocci_combine(const struct cocci_rule *const *rules, size_t n,
		    char **why)
{
	struct rule_file *files = xmalloc((n + 1) * sizeof(*files));
	struct strvec virtuals = { 0 };
	struct buf head = { 0 }, body = { 0 };
	const char *model = NULL;
	bool ok = true;

	*why = NULL;
	memset(files, 0, (n + 1) * sizeof(*files));
	for (size_t i = 0; i < n && ok; i++) {
		struct buf text = { 0 };
		char *reason = NULL;

		ok = read_whole_file(rules[i]->path, &text) == 0 &&
		     split_rule_file(text.data, &files[i], &reason);
		if (!ok)
			*why = xasprintf("%s: %s", rules[i]->path,
					 reason ? reason : "cannot be read");
		free(reason);
		buf_free(&text);
		if (ok && files[i].model) {
			if (!model)
				model = files[i].model;
			else if (strcmp(model, files[i].model) != 0) {
				*why = xasprintf("%s: its copy of the walker model differs from %s's",
						 rules[i]->path, rules[0]->path);
				ok = false;
			}
		}
		if (ok && !same_line(files[i].options, files[0].options)) {
			*why = xasprintf("%s: it asks spatch for other options than %s",
					 rules[i]->path, rules[0]->path);
			ok = false;
		}
		if (ok)
			add_virtuals(&virtuals, &files[i].virtuals);
	}
	buf_puts(&head, "/// The rules");
	for (size_t i = 0; i < n; i++)
		buf_printf(&head, " %s", rules[i]->rule->name);
	buf_puts(&head, " in one spatch run, composed by ptwalk\n"
		 "/// (driver/cocci_combine.c) from their files.\n");
	/* make coccicheck reads these. */
	if (ok && files[0].options)
		buf_printf(&head, "%s\n", files[0].options);
	if (ok && files[0].requires)
		buf_printf(&head, "%s\n", files[0].requires);
	for (size_t i = 0; i < virtuals.n; i++)
		buf_printf(&head, "%s\n", virtuals.v[i]);
	if (model)
		buf_puts(&head, model);
	for (size_t i = 0; i < n && ok; i++) {
		char *id = id_with_underscores(rules[i]->rule->name);
		struct part part = {
			.id = rules[i]->rule->name,
			.prefix = xasprintf("%s__", id),
			.module = xasprintf("Rule_%s", id),
		};
		char *reason = NULL;

		ok = compose_part(&body, &head, &part, &files[i], &reason);
		if (!ok)
			*why = xasprintf("%s: %s", rules[i]->path, reason);
		free(reason);
		free(id);
		free(part.prefix);
		free(part.module);
		strvec_free(&part.names);
		buf_free(&part.functions);
	}
	for (size_t i = 0; i < n; i++)
		rule_file_free(&files[i]);
	free(files);
	strvec_free(&virtuals);
	if (!ok) {
		buf_free(&head);
		buf_free(&body);
		return NULL;
	}
	buf_append(&head, body.data ? body.data : "", body.len);
	buf_free(&body);
	return head.data;
}
