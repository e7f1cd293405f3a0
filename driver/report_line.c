#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "report_line.h"
#include "util.h"

/* The " [ptwalk-RULE]" tag ending TEXT, or NULL. */
static const char *rule_tag(const char *text)
{
	const char *tag = NULL;

	for (const char *p = strstr(text, " [ptwalk-"); p;
	     p = strstr(p + 1, " [ptwalk-"))
		tag = p;
	if (!tag || text[strlen(text) - 1] != ']')
		return NULL;
	return tag;
}

/*
 * The location is the first ":N:N: severity: " in the line (FILE may hold
 * colons) before MESSAGE_END, where the message ends.
 */
static bool parse_located(const char *text, const char *message_end,
			  bool spaced_severity, struct report_line *out)
{
	for (const char *p = strchr(text, ':'); p && p < message_end;
	     p = strchr(p + 1, ':')) {
		char *end;
		unsigned long line, col;
		const char *sev, *sev_end;

		if (p == text || !isdigit((unsigned char)p[1]))
			continue;
		line = strtoul(p + 1, &end, 10);
		if (*end != ':' || !isdigit((unsigned char)end[1]))
			continue;
		col = strtoul(end + 1, &end, 10);
		if (strncmp(end, ": ", 2) != 0)
			continue;
		sev = end + 2;
		sev_end = strstr(sev, ": ");
		if (!sev_end || sev_end > message_end || sev_end == sev)
			continue;
		for (const char *s = sev; s < sev_end; s++)
			if (!islower((unsigned char)*s) &&
			    !(spaced_severity && *s == ' ' && s > sev &&
			      s[-1] != ' ' && s + 1 < sev_end))
				goto next;
		out->file = xstrndup(text, (size_t)(p - text));
		out->line = (unsigned int)line;
		out->col = (unsigned int)col;
		out->severity = xstrndup(sev, (size_t)(sev_end - sev));
		out->message = xstrndup(sev_end + 2,
					(size_t)(message_end - sev_end - 2));
		out->rule = NULL;
		return true;
next:
		;
	}
	return false;
}

bool parse_report_line(const char *text, struct report_line *out)
{
	const char *tag;

	if (!*text)
		return false;
	tag = rule_tag(text);
	if (!tag || !parse_located(text, tag, false, out))
		return false;
	out->rule = xstrndup(tag + 9, strlen(tag + 9) - 1);
	return true;
}

bool parse_diagnostic_line(const char *text, struct report_line *out)
{
	const char *tag;

	if (!*text)
		return false;
	tag = rule_tag(text);
	if (tag && parse_located(text, tag, true, out)) {
		out->rule = xstrndup(tag + 9, strlen(tag + 9) - 1);
		return true;
	}
	return parse_located(text, text + strlen(text), true, out);
}

void free_report_line(struct report_line *r)
{
	free(r->file);
	free(r->severity);
	free(r->message);
	free(r->rule);
}
