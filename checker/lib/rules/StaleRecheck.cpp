//===- StaleRecheck.cpp - The stale-recheck rule --------------------------===//
//
// rules/docs/stale-recheck.md: a comparison after a pin that cannot see
// the entry change: the snapshot against itself, against a local read
// before the pin, or against a read through another pointer than the one
// the snapshot was read through.
//
//===----------------------------------------------------------------------===//

#include "Rules.h"
#include "RuleContext.h"
#include "WalkerFlow.h"

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang;

namespace ptwalk {

static constexpr llvm::StringLiteral RuleName = "stale-recheck";

/// Whether CMP can be reached from a pin of a page that depends on its
/// snapshot, before the snapshot is read again.
static const PinSite *pinBefore(const WalkerFunction &W,
                                const EntryComparison &Cmp) {
  for (const PinSite &Pin : W.Pins) {
    if (Pin.Unconditional)
      continue;
    auto Deps = W.dependencies(Pin);
    if (!Deps.count(Cmp.Snapshot))
      continue;
    llvm::SmallVector<const VarDecl *, 4> Vars(Deps.begin(), Deps.end());
    FunctionFlow::Reached R = W.Flow->search(
        W.Flow->pointOf(Pin.Call), [&](const Stmt *S) { return S == Cmp.Cmp; },
        [&](const Stmt *S) { return S == Pin.Call || W.redefines(S, Vars); });
    if (R.Found)
      return &Pin;
  }
  return nullptr;
}

/// Whether some path from PIN reaches CMP without storing a new value in
/// the local it compares with.
static bool readBeforePin(const WalkerFunction &W, const PinSite &Pin,
                          const EntryComparison &Cmp) {
  llvm::ArrayRef<Definition> Defs = W.Flow->definitions(Cmp.OtherVar);
  FunctionFlow::Reached R = W.Flow->search(
      W.Flow->pointOf(Pin.Call), [&](const Stmt *S) { return S == Cmp.Cmp; },
      [&](const Stmt *S) {
        return S == Pin.Call || llvm::any_of(Defs, [&](const Definition &D) {
                 return FunctionFlow::isAnchor(S, D.Anchor);
               });
      });
  return R.Found;
}

void checkStaleRecheck(RuleContext &RC) {
  for (const auto &Entry : RC.Flow.functions()) {
    const WalkerFunction &W = *Entry.second;
    llvm::SmallPtrSet<const Expr *, 4> Reported;
    for (const EntryComparison &Cmp : W.Comparisons) {
      if (Cmp.Other == EntryComparison::Unknown || Reported.count(Cmp.Cmp))
        continue;
      const FlowSnapshot &S = *W.snapshot(Cmp.Snapshot);
      bool OtherPointer = Cmp.Other == EntryComparison::FreshRead &&
                          S.Pointer && Cmp.OtherVar &&
                          Cmp.OtherVar != S.Pointer;
      if (Cmp.Other == EntryComparison::FreshRead && !OtherPointer)
        continue;
      const PinSite *Pin = pinBefore(W, Cmp);
      if (!Pin)
        continue;
      SourceLocation At = Cmp.OtherExpr->getBeginLoc();
      if (Cmp.Other == EntryComparison::Itself) {
        RC.Report.finding(RuleName, At,
                          "the re-check compares the snapshot '%0' with "
                          "itself; compare it with a fresh read of the entry")
            << Cmp.Snapshot->getName();
      } else if (OtherPointer) {
        RC.Report.finding(RuleName, At,
                          "the re-check of '%0' reads the entry through '%1', "
                          "but '%0' was read through '%2'")
            << Cmp.Snapshot->getName() << Cmp.OtherVar->getName()
            << S.Pointer->getName();
      } else if (!readBeforePin(W, *Pin, Cmp)) {
        continue; // a local read after the pin is a fresh read
      } else {
        RC.Report.finding(RuleName, At,
                          "the re-check compares '%0' with '%1', which holds "
                          "a value read before the pin on some path; compare "
                          "with a read made after the pin")
            << Cmp.Snapshot->getName() << Cmp.OtherVar->getName();
      }
      Reported.insert(Cmp.Cmp);
      RC.Report.note(Pin->Call->getCallee()->getExprLoc(),
                     "the page is pinned here");
    }
  }
}

} // namespace ptwalk
