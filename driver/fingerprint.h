/* Fingerprints that survive unrelated edits, for SARIF's
 * partialFingerprints and for baselines: no line numbers, but the rule,
 * the enclosing function and the finding line's text. */
#ifndef PTWALK_FINGERPRINT_H
#define PTWALK_FINGERPRINT_H

#include "findings.h"

/*
 * Fills each finding's function and fingerprint from its source file.
 * LIST must be sorted (findings_sort_unique): two findings with the same
 * rule, function and text in one file are told apart by their order,
 * which line shifts do not change.
 */
void findings_fingerprint(struct finding_list *list);

#endif
