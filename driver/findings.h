/* The finding record every engine produces, and the list the driver
 * sorts, de-duplicates and hands to an output format. */
#ifndef PTWALK_FINDINGS_H
#define PTWALK_FINDINGS_H

#include <stdbool.h>
#include <stddef.h>

#include "catalogue.h"

struct ptwalk_location {
	char *file;
	unsigned int line;
	unsigned int col;	/* 1-based */
};

/* A secondary location: the snapshot read, the pin, ... */
struct ptwalk_related {
	struct ptwalk_location loc;
	char *message;
};

/*
 * A replacement of the text between two locations (end exclusive): one
 * edit of a fix.  A fix may need several edits (unmap-balance declares
 * the mapping it unmaps), which stand or fall together.
 */
struct ptwalk_fix {
	struct ptwalk_location begin;
	struct ptwalk_location end;
	char *replacement;
};

struct ptwalk_finding {
	struct ptwalk_location loc;
	const struct ptwalk_rule *rule;
	enum ptwalk_severity severity;
	char *message;
	const char *engine;	/* engine name, or "driver" */
	/* The other engine when both reported this file, line and rule
	 * (merge.h); the record is then ENGINE's. */
	const char *also_engine;
	struct ptwalk_related *related;
	size_t nrelated;
	/* The edits of the engine's fix, all to be applied; none when the
	 * engine offers no fix. */
	struct ptwalk_fix *fix;
	size_t nfix;
	/* Filled by findings_fingerprint() (fingerprint.h); NULL before. */
	char *function;		/* the enclosing function, "" if none found */
	char *fingerprint;	/* stable across unrelated edits */
	struct ptwalk_patch_ref *patch;	/* NULL outside patch mode */
};

/* Where a finding of patch mode stands in its patch (patch_inputs.h). */
struct ptwalk_patch_ref {
	char *patch;		/* the patch, as named on the command line */
	unsigned int patch_line;	/* 0 when the patch does not show the line */
	bool changed;		/* the patch adds the line */
	char *source;		/* the post-patch line, to quote */
};

struct finding_list {
	struct ptwalk_finding *v;
	size_t n;
	size_t cap;
};

/* Appends a finding; FILE and MESSAGE are copied. */
struct ptwalk_finding *finding_add(struct finding_list *list,
				   const char *file, unsigned int line,
				   unsigned int col,
				   const struct ptwalk_rule *rule,
				   enum ptwalk_severity severity,
				   const char *message, const char *engine);

/*
 * Sorts by file, line, column, rule, message and drops exact duplicates,
 * so output does not depend on the order engines or jobs finished in.
 */
void findings_sort_unique(struct finding_list *list);

/* How many distinct files the findings fall in (list must be sorted). */
size_t findings_file_count(const struct finding_list *list);
size_t findings_count_rule(const struct finding_list *list,
			   const struct ptwalk_rule *rule);

/* Appends an edit to F's fix; FILE and REPLACEMENT are copied. */
void finding_add_fix(struct ptwalk_finding *f, const char *file,
		     unsigned int begin_line, unsigned int begin_col,
		     unsigned int end_line, unsigned int end_col,
		     const char *replacement);

/* Frees what one finding owns (the list's array is the caller's). */
void finding_free(struct ptwalk_finding *f);
void findings_free(struct finding_list *list);

#endif
