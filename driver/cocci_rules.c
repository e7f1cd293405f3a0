#include <stdlib.h>
#include <string.h>

#include "cocci_rules.h"
#include "diag.h"
#include "prefilter.h"

static const char *header_value(const char *line, size_t len, const char *key)
{
	size_t klen = strlen(key);

	return len >= klen && strncmp(line, key, klen) == 0 ? line + klen : NULL;
}

bool cocci_rule_load(const char *dir, const struct ptwalk_rule *rule,
		     size_t index, struct prefilter *pf, struct cocci_rule *cr)
{
	char *path = xasprintf("%s/%s.cocci", dir, rule->name);
	bool ok = cocci_script_load(path, rule, index, pf, cr);

	free(path);
	return ok;
}

bool cocci_script_load(const char *path, const struct ptwalk_rule *rule,
		       size_t index, struct prefilter *pf,
		       struct cocci_rule *cr)
{
	struct buf text = { 0 };
	int err;

	memset(cr, 0, sizeof(*cr));
	cr->rule = rule;
	cr->path = xstrdup(path);
	err = read_whole_file(cr->path, &text);
	if (err) {
		trouble(cr->path, "%s", strerror(err));
		buf_free(&text);
		return false;
	}
	for (const char *line = text.data; line && *line;) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);
		const char *value;
		char *words = NULL, *save = NULL;

		if (len == 13 && strncmp(line, "virtual patch", 13) == 0)
			cr->patch_mode = true;
		if ((value = header_value(line, len, "// Options:"))) {
			words = xstrndup(value, len - (size_t)(value - line));
			for (char *arg = strtok_r(words, " \t\r", &save); arg;
			     arg = strtok_r(NULL, " \t\r", &save))
				strvec_push(&cr->options, arg);
		} else if ((value = header_value(line, len, "// Prefilter:"))) {
			words = xstrndup(value, len - (size_t)(value - line));
			if (pf)
				prefilter_add_line(pf, index, words);
		}
		free(words);
		line = end ? end + 1 : NULL;
	}
	buf_free(&text);
	return true;
}

void cocci_rule_free(struct cocci_rule *cr)
{
	free(cr->path);
	strvec_free(&cr->options);
}
