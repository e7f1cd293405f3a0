//===- NoRecheck.cpp - The no-recheck rule --------------------------------===//
//
// rules/docs/no-recheck.md: a publish reached from a pin on some path
// that does not compare every snapshot the page depends on (the pte, and
// the pmd its table was mapped from) with a fresh read.  A stale
// comparison still counts as the attempt: stale-recheck reports it.
//
// A function that pins from a parameter snapshot may leave the re-check
// to its callers, after the call; the summary "parameter I is published
// unchecked" turns those calls into pin sites of the callers.  A finding
// is still reported at the pin, where testsuite/README.md puts it, with a
// note at the call that did not re-check either.
//
//===----------------------------------------------------------------------===//

#include "Rules.h"
#include "RuleContext.h"
#include "WalkerFlow.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang;

namespace ptwalk {

static constexpr llvm::StringLiteral RuleName = "no-recheck";

namespace {

/// Per function: the parameters it publishes unchecked, each with the pin
/// (in it or further down the calls) that took the reference.
using Summaries =
    llvm::DenseMap<const FunctionDecl *,
                   llvm::SmallVector<std::pair<unsigned, const CallExpr *>, 2>>;

/// A pin, or a call of a function that leaves re-checks to its callers,
/// with the snapshots the page depends on.
struct Pinning {
  const CallExpr *Site;
  llvm::SmallSetVector<const VarDecl *, 4> Deps;
  CFGEdge Success;
  /// The pin a call site stands for; Site itself for a pin.
  const CallExpr *Origin;
};

/// Snapshot V unchecked on a path from the pin to a publish.
struct Miss {
  const VarDecl *Var;
  const Stmt *Publish;
};

} // namespace

static llvm::SmallVector<Pinning, 4> pinnings(const WalkerFunction &W,
                                              const Summaries &Unchecked) {
  llvm::SmallVector<Pinning, 4> Found;
  for (const PinSite &Pin : W.Pins)
    if (!Pin.Snapshots.empty() && !Pin.Unconditional)
      Found.push_back(
          {Pin.Call, W.dependencies(Pin), pinSuccessEdge(W, Pin), Pin.Call});
  for (const auto &[Callee, Call] : W.LocalCalls) {
    auto It = Unchecked.find(Callee);
    if (It == Unchecked.end())
      continue;
    for (const auto &[I, Origin] : It->second) {
      if (I >= Call->getNumArgs())
        continue;
      // The snapshots passed, and the table pmd of each pte among them.
      llvm::SmallSetVector<const VarDecl *, 4> Deps;
      for (const VarDecl *V : W.snapshotsOf(Call->getArg(I))) {
        Deps.insert(V);
        if (const VarDecl *Table = W.snapshot(V)->Table)
          Deps.insert(Table);
      }
      if (!Deps.empty())
        Found.push_back({Call, std::move(Deps), CFGEdge{}, Origin});
    }
  }
  return Found;
}

static llvm::SmallVector<Miss, 2> misses(const WalkerFunction &W,
                                         const Pinning &P, ASTContext &Ctx) {
  llvm::SmallVector<Miss, 2> Found;
  CFGPoint From = W.Flow->pointOf(P.Site);
  auto Follow = [&](const CFGBlock *B, unsigned I) {
    return !P.Success || B != P.Success.Block || I == P.Success.Index;
  };
  llvm::SmallVector<const VarDecl *, 4> Deps(P.Deps.begin(), P.Deps.end());
  for (const VarDecl *V : Deps) {
    FunctionFlow::Reached R = W.Flow->search(
        From, [&](const Stmt *S) { return isPublish(S, Ctx); },
        [&](const Stmt *S) {
          return S == P.Site || W.compares(S, V) ||
                 W.redefines(S, Deps);
        },
        /*ExitIsTarget=*/false, FunctionFlow::EdgePredicate(Follow));
    if (R.Found)
      Found.push_back({V, R.Target});
  }
  return Found;
}

void checkNoRecheck(RuleContext &RC) {
  const WalkerFlow &Flow = RC.Flow;
  Summaries Unchecked;
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (const auto &Entry : Flow.functions()) {
      const WalkerFunction &W = *Entry.second;
      if (!Flow.hasCaller(W.Fn))
        continue;
      for (const Pinning &P : pinnings(W, Unchecked))
        for (const Miss &M : misses(W, P, RC.Ctx)) {
          if (!W.snapshot(M.Var)->IsParam)
            continue;
          auto &List = Unchecked[W.Fn];
          unsigned I = W.paramIndex(M.Var);
          if (llvm::none_of(List, [&](const auto &E) { return E.first == I; })) {
            List.emplace_back(I, P.Origin);
            Changed = true;
          }
        }
    }
  }
  llvm::SmallPtrSet<const CallExpr *, 4> Reported;
  for (const auto &Entry : Flow.functions()) {
    const WalkerFunction &W = *Entry.second;
    bool CallersCheck = Flow.hasCaller(W.Fn);
    for (const Pinning &P : pinnings(W, Unchecked)) {
      llvm::SmallVector<Miss, 2> Ms = misses(W, P, RC.Ctx);
      // Parameters are re-checked by the callers, unless nobody calls.
      llvm::erase_if(Ms, [&](const Miss &M) {
        return CallersCheck && W.snapshot(M.Var)->IsParam;
      });
      if (Ms.empty() || !Reported.insert(P.Origin).second)
        continue;
      const Miss &First = Ms.front();
      std::string Names;
      for (const Miss &M : Ms)
        Names += (Names.empty() ? "'" : " or '") + M.Var->getName().str() + "'";
      RC.Report.finding(RuleName, P.Origin->getCallee()->getExprLoc(),
                        "page pinned from a lockless snapshot is published on "
                        "some path without comparing %0 with a fresh read of "
                        "its entry after the pin")
          << Names;
      if (P.Origin != P.Site)
        RC.Report.note(P.Site->getCallee()->getExprLoc(),
                       "the reference reaches %0() through this call, which "
                       "does not re-check either")
            << W.Fn->getName();
      RC.Report.note(First.Publish->getBeginLoc(), "published here");
    }
  }
}

} // namespace ptwalk
