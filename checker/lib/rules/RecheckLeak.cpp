//===- RecheckLeak.cpp - The recheck-leak rule ----------------------------===//
//
// rules/docs/recheck-leak.md: after a speculative pin, a way out that
// leaves something undone.  On the mismatch branch of a re-check: the
// reference is not dropped, or dropped on another page or with another
// count than it was taken with; a count published before the pin (3.x
// huge pages) is not rolled back; the function still returns success.
// On any other way out after the pin: the reference is neither dropped
// nor published.
//
//===----------------------------------------------------------------------===//

#include "Rules.h"
#include "RuleContext.h"
#include "WalkerFlow.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringSwitch.h"

using namespace clang;

namespace ptwalk {

static constexpr llvm::StringLiteral RuleName = "recheck-leak";

/// Which argument of a get or a release is the reference count; the
/// others take one reference.  api.def has no column for it.
static int countArgument(llvm::StringRef Name) {
  return llvm::StringSwitch<int>(Name)
      .Cases("page_cache_add_speculative", "try_grab_folio",
             "try_grab_compound_head", "try_get_compound_head", 1)
      .Cases("try_grab_folio_fast", "try_get_folio", 1)
      .Cases("gup_put_folio", "folio_put_refs", "put_compound_head", 1)
      .Default(-1);
}

namespace {

/// What a pin left to undo, and how it is undone.
struct Obligation {
  const WalkerFunction &W;
  ASTContext &Ctx;
  const PinSite &Pin;
  /// The page or folio the reference was taken on, and the pin's result.
  llvm::SmallVector<const VarDecl *, 2> Holders;
  const Expr *Count = nullptr; ///< null: one reference
  /// The count pointer of an increment made before the pin, if any.
  const VarDecl *PublishedBefore = nullptr;

  std::string text(const Expr *E) const {
    if (!E)
      return "1";
    return Lexer::getSourceText(
               CharSourceRange::getTokenRange(E->getSourceRange()),
               Ctx.getSourceManager(), Ctx.getLangOpts())
        .str();
  }

  bool isRelease(const Stmt *S) const {
    const auto *Call = dyn_cast<CallExpr>(S);
    return Call && Call->getNumArgs() &&
           findApi(calleeName(Call), ApiRole::RELEASE);
  }

  bool holds(const Expr *E) const {
    for (const VarDecl *V : W.Flow->reads(E))
      if (llvm::is_contained(Holders, V))
        return true;
    return false;
  }

  bool releasesHolder(const Stmt *S) const {
    return (isRelease(S) && holds(cast<CallExpr>(S)->getArg(0))) ||
           isReleaseLoopCondition(S) || isReleasingHelperCall(S);
  }

  /// A call of a function of the unit that is given a holder and calls a
  /// release itself (an undo helper): trusted to drop the reference.
  bool isReleasingHelperCall(const Stmt *S) const {
    const auto *Call = dyn_cast<CallExpr>(S);
    const FunctionDecl *Callee =
        Call && Call->getDirectCallee() ? Call->getDirectCallee()->getDefinition()
                                        : nullptr;
    if (!Callee || !llvm::any_of(Call->arguments(),
                                 [&](const Expr *A) { return holds(A); }))
      return false;
    return callsRelease(Callee->getBody());
  }

  bool callsRelease(const Stmt *S) const {
    if (!S)
      return false;
    if (isRelease(S))
      return true;
    return llvm::any_of(S->children(),
                        [&](const Stmt *Child) { return callsRelease(Child); });
  }

  bool containsHolderRelease(const Stmt *S) const {
    if (!S)
      return false;
    if (isRelease(S) && holds(cast<CallExpr>(S)->getArg(0)))
      return true;
    return llvm::any_of(S->children(), [&](const Stmt *Child) {
      return containsHolderRelease(Child);
    });
  }

  /// `while (refs--) put_page(head);` drops every reference, though a
  /// path that skips the body exists as far as the CFG knows.
  bool isReleaseLoopCondition(const Stmt *S) const {
    const auto *E = dyn_cast<Expr>(S);
    if (!E)
      return false;
    const Stmt *Loop = W.Flow->parents().getParentIgnoreParenImpCasts(
        const_cast<Expr *>(E));
    const Expr *Cond = nullptr;
    const Stmt *Body = nullptr;
    if (const auto *While = dyn_cast_or_null<WhileStmt>(Loop))
      Cond = While->getCond(), Body = While->getBody();
    else if (const auto *For = dyn_cast_or_null<ForStmt>(Loop))
      Cond = For->getCond(), Body = For->getBody();
    return Cond && Cond->IgnoreParenImpCasts() == E->IgnoreParenImpCasts() &&
           containsHolderRelease(Body);
  }

  /// The number of references RELEASE drops, as written: its count
  /// argument, or the count a loop around it runs down.
  std::string releasedCount(const CallExpr *Release) const {
    int I = countArgument(calleeName(Release));
    if (I >= 0 && unsigned(I) < Release->getNumArgs())
      return text(Release->getArg(I));
    const VarDecl *CountVar = Count ? varOf(Count) : nullptr;
    for (const Stmt *P = W.Flow->parents().getParent(Release); P;
         P = W.Flow->parents().getParent(P)) {
      const Expr *Cond = nullptr;
      if (const auto *While = dyn_cast<WhileStmt>(P))
        Cond = While->getCond();
      else if (const auto *For = dyn_cast<ForStmt>(P))
        Cond = For->getCond();
      else if (const auto *Do = dyn_cast<DoStmt>(P))
        Cond = Do->getCond();
      if (Cond && CountVar &&
          llvm::is_contained(W.Flow->reads(Cond), CountVar))
        return text(Count);
    }
    return "1";
  }

  bool isTransfer(const Stmt *S) const {
    if (isPublish(S, Ctx))
      return true;
    if (const auto *Ret = dyn_cast<ReturnStmt>(S))
      return Ret->getRetValue() && holds(Ret->getRetValue());
    // Stored where the caller sees it.
    if (const auto *BO = dyn_cast<BinaryOperator>(S);
        BO && BO->getOpcode() == BO_Assign && !varOf(BO->getLHS()))
      return holds(BO->getRHS());
    return false;
  }

  bool rollsBackCount(const Stmt *S) const {
    if (const auto *CA = dyn_cast<CompoundAssignOperator>(S);
        CA && CA->getOpcode() == BO_SubAssign)
      return llvm::is_contained(W.Flow->reads(CA->getLHS()), PublishedBefore);
    if (const auto *UO = dyn_cast<UnaryOperator>(S);
        UO && UO->isDecrementOp())
      return llvm::is_contained(W.Flow->reads(UO->getSubExpr()),
                                PublishedBefore);
    // A helper given the count pointer, such as undo_dev_pagemap().
    if (const auto *Call = dyn_cast<CallExpr>(S))
      for (const Expr *Arg : Call->arguments())
        if (varOf(Arg) == PublishedBefore)
          return true;
    return false;
  }
};

} // namespace

static const VarDecl *countIncrementedBefore(const WalkerFunction &W,
                                             const PinSite &Pin,
                                             ASTContext &Ctx) {
  const FunctionFlow &F = *W.Flow;
  // An increment for an earlier page of a loop is that page's publish.
  auto Deps = W.dependencies(Pin);
  llvm::SmallVector<const VarDecl *, 4> Vars(Deps.begin(), Deps.end());
  for (const CFGBlock *B : F.cfg())
    for (unsigned I = 0, E = B->size(); I != E; ++I) {
      const Stmt *S = stmtOf((*B)[I]);
      const VarDecl *NR = nullptr;
      if (!S || !isPublish(S, Ctx, &NR) || !NR)
        continue;
      FunctionFlow::Reached R = F.search(
          CFGPoint{B, I, false}, [&](const Stmt *X) { return X == Pin.Call; },
          [&](const Stmt *X) { return W.redefines(X, Vars); });
      if (R.Found)
        return NR;
    }
  return nullptr;
}

/// The `if` of a re-check, where a leak on its mismatch branch is
/// reported.
static SourceLocation ifOf(const WalkerFunction &W, const Expr *Cmp) {
  for (const Stmt *P = Cmp; P; P = W.Flow->parents().getParent(P))
    if (const auto *If = dyn_cast<IfStmt>(P))
      return If->getIfLoc();
  return Cmp->getBeginLoc();
}

/// What is left undone on the mismatch branch of CMP, or "".
static std::string mismatchLeak(const Obligation &O,
                                const EntryComparison &Cmp, CFGEdge Mismatch) {
  const WalkerFunction &W = O.W;
  CFGPoint From = CFGPoint::startOf(Mismatch.target());
  auto Stop = [&](const Stmt *S) { return S == O.Pin.Call; };
  // Every release on the branch: the right page, the right count.
  FunctionFlow::Reached Wrong = W.Flow->search(
      From,
      [&](const Stmt *S) {
        if (!O.isRelease(S))
          return false;
        const auto *Call = cast<CallExpr>(S);
        return !O.holds(Call->getArg(0)) ||
               O.releasedCount(Call) != O.text(O.Count);
      },
      Stop);
  if (Wrong.Found) {
    const auto *Call = cast<CallExpr>(Wrong.Target);
    if (!O.holds(Call->getArg(0)))
      return "drops a reference on '" + O.text(Call->getArg(0)) +
             "', but the pin took it on '" + O.text(O.Pin.Call->getArg(0)) +
             "'";
    return "drops " + O.releasedCount(Call) + " reference(s), but the pin "
           "took " + O.text(O.Count);
  }
  FunctionFlow::Reached Kept = W.Flow->search(
      From, [](const Stmt *) { return false; },
      [&](const Stmt *S) { return Stop(S) || O.releasesHolder(S); },
      /*ExitIsTarget=*/true);
  if (Kept.Found)
    return "keeps the reference taken on '" + O.text(O.Pin.Call->getArg(0)) +
           "'";
  if (O.PublishedBefore) {
    FunctionFlow::Reached Counted = W.Flow->search(
        From, [](const Stmt *) { return false; },
        [&](const Stmt *S) { return Stop(S) || O.rollsBackCount(S); },
        /*ExitIsTarget=*/true);
    if (Counted.Found)
      return "leaves the pages counted in '*" +
             O.PublishedBefore->getName().str() + "'";
  }
  FunctionFlow::Reached Success = W.Flow->search(
      From,
      [&](const Stmt *S) { return isa<ReturnStmt>(S) && isPublish(S, O.Ctx); },
      Stop);
  if (Success.Found)
    return "returns success";
  return "";
}

/// The first `return` or `goto` on PATH after the pin.
static const Stmt *wayOut(const WalkerFunction &W, const PinSite &Pin,
                          llvm::ArrayRef<const CFGBlock *> Path) {
  CFGPoint At = W.Flow->pointOf(Pin.Call);
  for (const CFGBlock *B : Path) {
    for (unsigned I = B == At.Block ? At.Index + 1 : 0; I < B->size(); ++I)
      if (const auto *Ret = dyn_cast_or_null<ReturnStmt>(stmtOf((*B)[I])))
        return Ret;
    if (const Stmt *T = B->getTerminatorStmt();
        T && isa<GotoStmt, BreakStmt, ContinueStmt>(T))
      return T;
  }
  return nullptr;
}

void checkRecheckLeak(RuleContext &RC) {
  for (const auto &Entry : RC.Flow.functions()) {
    const WalkerFunction &W = *Entry.second;
    for (const PinSite &Pin : W.Pins) {
      if (Pin.Helper || Pin.Snapshots.empty() || Pin.Unconditional)
        continue;
      Obligation O{W, RC.Ctx, Pin, {}};
      if (const VarDecl *V = varOf(Pin.Call->getArg(0)))
        O.Holders.push_back(V);
      if (const VarDecl *V = pinResult(W, Pin))
        O.Holders.push_back(V);
      int CountArg = countArgument(calleeName(Pin.Call));
      if (CountArg >= 0 && unsigned(CountArg) < Pin.Call->getNumArgs())
        O.Count = Pin.Call->getArg(CountArg);
      O.PublishedBefore = countIncrementedBefore(W, Pin, RC.Ctx);

      auto Deps = W.dependencies(Pin);
      CFGEdge Success = pinSuccessEdge(W, Pin);
      llvm::SmallVector<CFGEdge, 2> Mismatches;
      llvm::SmallVector<SourceLocation, 2> Reported;
      for (const EntryComparison &Cmp : W.Comparisons) {
        if (!Deps.count(Cmp.Snapshot))
          continue;
        CFGEdge Mismatch = mismatchEdge(W, Cmp);
        if (!Mismatch || !Mismatch.target())
          continue;
        Mismatches.push_back(Mismatch);
        // One finding per `if`: its branch is the same for each snapshot.
        SourceLocation If = ifOf(W, Cmp.Cmp);
        if (llvm::is_contained(Reported, If))
          continue;
        std::string Leak = mismatchLeak(O, Cmp, Mismatch);
        if (Leak.empty())
          continue;
        Reported.push_back(If);
        RC.Report.finding(RuleName, If,
                          "the mismatch branch of the re-check of '%0' %1")
            << Cmp.Snapshot->getName() << Leak;
      }
      // Any other way out after the pin.
      auto Follow = [&](const CFGBlock *B, unsigned I) {
        if (Success && B == Success.Block && I != Success.Index)
          return false;
        return llvm::none_of(Mismatches, [&](const CFGEdge &E) {
          return E.Block == B && E.Index == I;
        });
      };
      llvm::SmallVector<const VarDecl *, 4> Vars(Deps.begin(), Deps.end());
      FunctionFlow::Reached Out = W.Flow->search(
          W.Flow->pointOf(Pin.Call), [](const Stmt *) { return false; },
          [&](const Stmt *S) {
            return S == Pin.Call || O.releasesHolder(S) || O.isTransfer(S) ||
                   W.redefines(S, Vars);
          },
          /*ExitIsTarget=*/true, FunctionFlow::EdgePredicate(Follow));
      if (!Out.Found)
        continue;
      if (const Stmt *Exit = wayOut(W, Pin, Out.Path))
        RC.Report.finding(RuleName, Exit->getBeginLoc(),
                          "this way out after the pin keeps the reference "
                          "taken on '%0' without publishing it")
            << O.text(Pin.Call->getArg(0));
    }
  }
}

} // namespace ptwalk
