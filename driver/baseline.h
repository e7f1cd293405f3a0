/*
 * Baselines: a CI stage adopts ptwalk on a tree with known findings by
 * recording them once (--write-baseline FILE) and reporting only what is
 * new after that (--baseline FILE).  Entries match by file and
 * fingerprint (fingerprint.h), so they survive lines moving; not-analysed
 * findings can be baselined like any other.
 */
#ifndef PTWALK_BASELINE_H
#define PTWALK_BASELINE_H

#include <stdbool.h>
#include <stddef.h>

#include "findings.h"

struct baseline;

/* Writes LIST to PATH (schema "ptwalk-baseline" 1); false after trouble
 * naming PATH. */
bool baseline_write(const char *path, const struct finding_list *list);

/* Reads PATH; NULL after trouble naming it. */
struct baseline *baseline_read(const char *path);

/*
 * Drops from LIST the findings BASE records, each entry matching at most
 * one finding.  Says how many were dropped and how many entries matched
 * nothing (stale: fixed, or the line was edited).
 */
void baseline_filter(struct baseline *base, struct finding_list *list,
		     size_t *suppressed, size_t *stale);
void baseline_free(struct baseline *base);

#endif
