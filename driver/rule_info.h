/* What machine formats say about a rule beyond the catalogue: its doc
 * (rules/docs/<id>.md) and the precision its Coccinelle header claims
 * ("// Confidence:"), read from the installed rule files. */
#ifndef PTWALK_RULE_INFO_H
#define PTWALK_RULE_INFO_H

#include "catalogue.h"

struct options;

struct rule_info {
	char *doc_path;		/* absolute, NULL when the doc is missing */
	char *doc_markdown;	/* the whole doc, NULL when missing */
	/* The doc's first paragraph under "## What it finds", joined into
	 * one line; the catalogue summary when the doc has none. */
	char *description;
	/* SARIF's precision names: "high", "medium" or "low"; NULL when
	 * the rule has no Coccinelle header saying. */
	const char *precision;
};

void rule_info_load(const struct options *opts, const struct ptwalk_rule *rule,
		    struct rule_info *info);
void rule_info_free(struct rule_info *info);

#endif
