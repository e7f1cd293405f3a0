#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "report_line.h"
#include "util.h"

bool parse_report_line(const char *text, struct report_line *out)
{
	const char *rule_start, *rule_end;

	if (!*text)
		return false;
	rule_start = NULL;
	for (const char *p = strstr(text, " [ptwalk-"); p;
	     p = strstr(p + 1, " [ptwalk-"))
		rule_start = p;
	rule_end = text + strlen(text) - 1;
	if (!rule_start || *rule_end != ']')
		return false;

	for (const char *p = strchr(text, ':'); p && p < rule_start;
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
		if (!sev_end || sev_end > rule_start || sev_end == sev)
			continue;
		for (const char *s = sev; s < sev_end; s++)
			if (!islower((unsigned char)*s))
				goto next;
		out->file = xstrndup(text, (size_t)(p - text));
		out->line = (unsigned int)line;
		out->col = (unsigned int)col;
		out->severity = xstrndup(sev, (size_t)(sev_end - sev));
		out->message = xstrndup(sev_end + 2,
					(size_t)(rule_start - sev_end - 2));
		out->rule = xstrndup(rule_start + 9,
				     (size_t)(rule_end - rule_start - 9));
		return true;
next:
		;
	}
	return false;
}

void free_report_line(struct report_line *r)
{
	free(r->file);
	free(r->severity);
	free(r->message);
	free(r->rule);
}
