//===- TornRead.cpp - The torn-read rule ----------------------------------===//
//
// rules/docs/torn-read.md: a lockless pte or pmd snapshot taken with one
// access where the entry is wider than the target's single-copy-atomic
// load.  Exact per configuration: the entry's size on this target against
// atomicLoadBytes().
//
//===----------------------------------------------------------------------===//

#include "Rules.h"
#include "AtomicWidth.h"
#include "LockFreePaths.h"
#include "RuleContext.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/Lex/Preprocessor.h"

using namespace clang;

namespace ptwalk {

static constexpr llvm::StringLiteral RuleName = "torn-read";

static void report(RuleContext &RC, const FunctionFacts &F,
                   const WalkerEvidence &Why, const Snapshot &S,
                   unsigned EntryBytes, unsigned AtomicBytes) {
  Level L = S.Read.Lvl;
  std::string Entry = (levelName(L) + "_t").str();
  llvm::StringRef Safe = RC.declared(ApiRole::SAFE_READ, L);
  std::string Advice =
      Safe.empty()
          ? ("read it low/high/low like x86's gup_get_pte() or add "
             "BUILD_BUG_ON(sizeof(" + Entry + ") > sizeof(long))")
          : ("use " + Safe + "()").str();
  {
    DiagnosticBuilder DB = RC.Report.finding(
        RuleName, S.Read.Loc,
        "lockless %0 snapshot '%1' is read with %2, which can tear: %3 is %4 "
        "bytes and a plain load on this target is single-copy atomic up to "
        "%5 bytes; %6");
    DB << levelName(L) << S.Var->getName() << S.Read.Text << Entry
       << EntryBytes << AtomicBytes << Advice;
    // Mechanical when the read names its pointer, the safe reader exists
    // and the read is written in the file, not inside another macro.
    if (!Safe.empty() && !S.Read.Pointer.empty() &&
        S.Read.Range.getBegin().isFileID() && S.Read.Range.getEnd().isFileID())
      DB << FixItHint::CreateReplacement(
          S.Read.Range, (Safe + "(" + S.Read.Pointer + ")").str());
  }
  SourceLocation At = Why.Call->getCallee()->getExprLoc();
  if (Why.PinningCallee)
    RC.Report.note(At, "'%0' is a lockless walker: it calls %1(), which pins "
                       "a page")
        << F.Fn->getName() << Why.PinningCallee->getName();
  else
    RC.Report.note(At, "'%0' is a lockless walker: it pins a page here")
        << F.Fn->getName();
}

void checkTornRead(RuleContext &RC) {
  for (const auto &Entry : RC.Model.functions()) {
    const FunctionFacts &F = Entry.second;
    if (F.Snapshots.empty())
      continue;
    std::optional<WalkerEvidence> Why = RC.Model.walkerEvidence(F);
    if (!Why)
      continue;
    // Built only for a walker that both snapshots and locks.
    std::optional<LockFreePaths> Paths;
    for (const Snapshot &S : F.Snapshots) {
      Level L = S.Read.Lvl;
      // Upper levels only go none -> table -> none on 32-bit targets.
      if ((L != Level::pte && L != Level::pmd) || RC.Guards.guards(L))
        continue;
      QualType T = RC.Types.typeOf(L);
      unsigned EntryBytes = RC.Ctx.getTypeSizeInChars(T).getQuantity();
      unsigned AtomicBytes = atomicLoadBytes(RC.Ctx, RC.PP, T);
      if (EntryBytes <= AtomicBytes)
        continue;
      if (F.TakesPageTableLock) {
        if (!Paths)
          Paths.emplace(F.Fn, RC.Ctx);
        if (!Paths->reachableUnlocked(S.Anchor))
          continue;
      }
      report(RC, F, *Why, S, EntryBytes, AtomicBytes);
    }
  }
}

} // namespace ptwalk
