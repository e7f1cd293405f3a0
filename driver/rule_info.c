#include "rule_info.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "options.h"
#include "paths.h"
#include "util.h"

static char *read_file(const char *path)
{
	FILE *in = fopen(path, "r");
	char *text = NULL;
	size_t len = 0, n;
	char buf[8192];

	if (!in)
		return NULL;
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0) {
		text = xrealloc(text, len + n + 1);
		memcpy(text + len, buf, n);
		len += n;
	}
	fclose(in);
	if (!text)
		text = xstrdup("");
	text[len] = '\0';
	return text;
}

static char *first_paragraph_under(const char *doc, const char *heading)
{
	const char *p = strstr(doc, heading), *end;
	char *out, *o;

	if (!p)
		return NULL;
	p += strlen(heading);
	while (*p == '\n')
		p++;
	end = strstr(p, "\n\n");
	if (!end)
		end = p + strlen(p);
	out = o = xmalloc((size_t)(end - p) + 1);
	for (; p < end; p++)
		*o++ = *p == '\n' ? ' ' : *p;
	*o = '\0';
	return out;
}

/* The kernel's coccicheck Confidence: High, Moderate or Low. */
static const char *cocci_precision(const char *cocci_dir, const char *rule)
{
	char *path = xasprintf("%s/%s.cocci", cocci_dir, rule);
	FILE *in = fopen(path, "r");
	const char *precision = NULL;
	char line[512];

	free(path);
	if (!in)
		return NULL;
	while (!precision && fgets(line, sizeof(line), in)) {
		const char *v;

		if (strncmp(line, "// Confidence:", 14) != 0)
			continue;
		for (v = line + 14; *v == ' ' || *v == '\t'; v++)
			;
		if (strncasecmp(v, "High", 4) == 0)
			precision = "high";
		else if (strncasecmp(v, "Moderate", 8) == 0)
			precision = "medium";
		else if (strncasecmp(v, "Low", 3) == 0)
			precision = "low";
	}
	fclose(in);
	return precision;
}

void rule_info_load(const struct options *opts, const struct ptwalk_rule *rule,
		    struct rule_info *info)
{
	char *path = xasprintf("%s/%s.md", opts->doc_dir, rule->name);
	char *cwd = current_dir();

	memset(info, 0, sizeof(*info));
	info->doc_markdown = read_file(path);
	if (info->doc_markdown) {
		info->doc_path = path_canonical(cwd, path);
		info->description = first_paragraph_under(info->doc_markdown,
							  "## What it finds\n");
	}
	if (!info->description)
		info->description = xstrdup(rule->summary);
	info->precision = cocci_precision(opts->cocci_dir, rule->name);
	free(path);
	free(cwd);
}

void rule_info_free(struct rule_info *info)
{
	free(info->doc_path);
	free(info->doc_markdown);
	free(info->description);
}
