//===- FlowRules.h - The rules over the walker flow model -*- C++ -*-===//
//
// numa-hint, no-recheck, stale-recheck and recheck-leak (DESIGN.md §4,
// rules/docs/<id>.md), each a predicate over WalkerFlow's snapshots, pin
// sites and comparisons, with CFG path questions from FunctionFlow.
//
//===----------------------------------------------------------------------===//

#ifndef PTWALK_CHECKER_FLOWRULES_H
#define PTWALK_CHECKER_FLOWRULES_H

namespace ptwalk {

class RuleContext;

void checkNumaHint(RuleContext &RC);
void checkNoRecheck(RuleContext &RC);
void checkStaleRecheck(RuleContext &RC);
void checkRecheckLeak(RuleContext &RC);
void checkSpecial(RuleContext &RC);
void checkWritePerm(RuleContext &RC);
void checkIrqRegion(RuleContext &RC);
void checkVmBugOnPage(RuleContext &RC);
void checkSplitting(RuleContext &RC);

} // namespace ptwalk

#endif
