//===- TornRead.h - The torn-read rule -*- C++ -*-===//
//
// rules/docs/torn-read.md: a lockless pte or pmd snapshot taken with one
// access where the entry is wider than the target's single-copy-atomic
// load.  Exact per configuration: the entry's size on this target against
// atomicLoadBytes().
//
//===----------------------------------------------------------------------===//

#ifndef PTWALK_CHECKER_TORNREAD_H
#define PTWALK_CHECKER_TORNREAD_H

namespace ptwalk {

class RuleContext;

void checkTornRead(RuleContext &RC);

} // namespace ptwalk

#endif
