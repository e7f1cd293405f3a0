//===- Rules.h - One entry point per rule -*- C++ -*-===//
//
// Each rule (DESIGN.md §4, rules/docs/<id>.md) lives in its own file in
// this directory: a predicate over the walker model (../model/), reporting
// through its RuleContext.  Analysis.cpp maps catalogue ids to these.
//
//===----------------------------------------------------------------------===//

#ifndef PTWALK_CHECKER_RULES_H
#define PTWALK_CHECKER_RULES_H

namespace ptwalk {

class RuleContext;

void checkNumaHint(RuleContext &RC);
void checkTornRead(RuleContext &RC);
void checkNoRecheck(RuleContext &RC);
void checkStaleRecheck(RuleContext &RC);
void checkRecheckLeak(RuleContext &RC);
void checkSpecial(RuleContext &RC);
void checkWritePerm(RuleContext &RC);
void checkIrqRegion(RuleContext &RC);
void checkVmBugOnPage(RuleContext &RC);
void checkSplitting(RuleContext &RC);
void checkOffsetOnCopy(RuleContext &RC);
void checkUnmapBalance(RuleContext &RC);
void checkDoubleRead(RuleContext &RC);
void checkUnsafeGet(RuleContext &RC);

} // namespace ptwalk

#endif
