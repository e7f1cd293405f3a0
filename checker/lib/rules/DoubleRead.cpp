//===- DoubleRead.cpp - The double-read rule ------------------------------===//
//
// rules/docs/double-read.md: a lockless walker reads an entry through a
// pointer and then reads it again through the same pointer to decide
// something (a predicate, a branch, a value the walk goes on with) on a
// path that took no page-table lock and did not move the pointer.  The
// entry may change between the reads, so the walk acts on an entry other
// than the one it tested: 688272809fcc.  New snapshots and the re-check
// comparisons are reads walkers are meant to make (EntryRereads).
//
//===----------------------------------------------------------------------===//

#include "Rules.h"
#include "EntryRereads.h"
#include "RuleContext.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace ptwalk {

static constexpr llvm::StringLiteral RuleName = "double-read";

void checkDoubleRead(RuleContext &RC) {
  const SourceManager &SM = RC.Ctx.getSourceManager();
  for (const auto &Entry : RC.Flow.functions()) {
    const WalkerFunction &W = *Entry.second;
    if (!W.Speculative)
      continue;
    EntryRereads Reads(W, RC.Model, RC.Types, RC.Ctx);
    for (const Reread &R : Reads.rereads()) {
      RC.Report.finding(RuleName, R.Later->Loc,
                        "the %0 entry is read again through '%1' after it "
                        "was read on line %2, without the page-table lock; "
                        "it may have changed in between: decide on one "
                        "snapshot of it")
          << levelName(R.Later->Lvl) << R.Later->Pointer->getName()
          << SM.getPresumedLineNumber(SM.getFileLoc(R.Earlier->Loc));
      RC.Report.note(R.Earlier->Loc, "'%0' is read here first")
          << R.Earlier->Pointer->getName();
    }
  }
}

} // namespace ptwalk
