//===- SnapshotTests.cpp - "Test the snapshot before the pin" rules -------===//

#include "SnapshotTests.h"
#include "RuleContext.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang;

namespace ptwalk {

using Summaries =
    llvm::DenseMap<const FunctionDecl *, llvm::SmallVector<unsigned, 2>>;

static llvm::SmallVector<TestDemand, 4>
demands(const SnapshotTestRule &R, const WalkerFunction &W,
        const Summaries &Needs) {
  llvm::SmallVector<TestDemand, 4> Found;
  for (const PinSite &Pin : W.Pins)
    for (const VarDecl *V : Pin.Snapshots)
      if (R.Needs(W, Pin, *W.snapshot(V)))
        Found.push_back({Pin.Call, V, nullptr});
  for (const auto &[Callee, Call] : W.LocalCalls) {
    auto It = Needs.find(Callee);
    if (It == Needs.end())
      continue;
    PinSite AtCall;
    AtCall.Call = Call;
    for (unsigned I : It->second)
      if (I < Call->getNumArgs())
        for (const VarDecl *V : W.snapshotsOf(Call->getArg(I)))
          // The callee asked for the test; only the snapshot's own kind
          // (hugetlb, level) can still excuse it.
          if (R.Needs(W, AtCall, *W.snapshot(V)))
            Found.push_back({Call, V, Callee});
  }
  return Found;
}

/// Whether some path from where V is read (or the function's entry, for
/// a parameter) reaches D's site without testing V.
static bool untested(const SnapshotTestRule &R, const WalkerFunction &W,
                     const TestDemand &D) {
  const FlowSnapshot &S = *W.snapshot(D.Var);
  llvm::SmallVector<CFGPoint, 2> Starts;
  if (S.IsParam)
    Starts.push_back(W.Flow->entryPoint());
  for (const Stmt *A : S.Anchors)
    Starts.push_back(W.Flow->pointOf(A));
  auto Follow = [&](const CFGBlock *B, unsigned Succ) {
    return !R.Follow || R.Follow(W, B, Succ, D.Var);
  };
  for (CFGPoint From : Starts) {
    FunctionFlow::Reached Reach = W.Flow->search(
        From, [&](const Stmt *X) { return X == D.Site; },
        [&](const Stmt *X) {
          return R.Tests(W, X, D.Var) || W.redefines(X, D.Var);
        },
        false, FunctionFlow::EdgePredicate(Follow));
    if (Reach.Found)
      return true;
  }
  return false;
}

void checkSnapshotTests(RuleContext &RC, const SnapshotTestRule &R) {
  const WalkerFlow &Flow = RC.Flow;
  // Parameters each function needs its callers to test; grows until no
  // function adds one.
  Summaries Needs;
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (const auto &Entry : Flow.functions()) {
      const WalkerFunction &W = *Entry.second;
      for (const TestDemand &D : demands(R, W, Needs)) {
        const FlowSnapshot &S = *W.snapshot(D.Var);
        if (!S.IsParam || !untested(R, W, D))
          continue;
        auto &List = Needs[W.Fn];
        unsigned I = W.paramIndex(D.Var);
        if (!llvm::is_contained(List, I)) {
          List.push_back(I);
          Changed = true;
        }
      }
    }
  }
  for (const auto &Entry : Flow.functions()) {
    const WalkerFunction &W = *Entry.second;
    llvm::SmallPtrSet<const CallExpr *, 4> Reported;
    for (const TestDemand &D : demands(R, W, Needs)) {
      const FlowSnapshot &S = *W.snapshot(D.Var);
      // A parameter is the callers' to test, unless nobody calls.
      if ((S.IsParam && Flow.hasCaller(W.Fn)) || Reported.count(D.Site) ||
          !untested(R, W, D))
        continue;
      Reported.insert(D.Site);
      R.Report(W, D, S);
    }
  }
}

bool mentionsMacro(const Stmt *E, llvm::StringRef Name, ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  CharSourceRange Range = SM.getExpansionRange(E->getSourceRange());
  llvm::StringRef Text =
      Lexer::getSourceText(Range, SM, Ctx.getLangOpts());
  for (size_t At = Text.find(Name); At != llvm::StringRef::npos;
       At = Text.find(Name, At + 1)) {
    auto IsIdent = [](char C) { return isalnum((unsigned char)C) || C == '_'; };
    size_t End = At + Name.size();
    if ((At == 0 || !IsIdent(Text[At - 1])) &&
        (End == Text.size() || !IsIdent(Text[End])))
      return true;
  }
  return false;
}

bool readsVar(const Stmt *E, const VarDecl *V) {
  if (!E)
    return false;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    return Ref->getDecl() == V;
  for (const Stmt *Child : E->children())
    if (readsVar(Child, V))
      return true;
  return false;
}

void reportUntested(RuleContext &RC, llvm::StringRef Rule,
                    const TestDemand &D, const FlowSnapshot &S,
                    const UntestedWording &Words) {
  SourceLocation At = D.Site->getCallee()->getExprLoc();
  if (D.Callee)
    RC.Report.finding(Rule, At,
                      "%0() pins a page%1 from the %2 snapshot '%3', %4 on "
                      "some path to this call; %5")
        << D.Callee->getName() << Words.Pins << levelName(S.Lvl)
        << D.Var->getName() << Words.Untested << Words.Advice;
  else
    RC.Report.finding(Rule, At,
                      "page pinned%0 from the %1 snapshot '%2', %3 on some "
                      "path to the pin; %4")
        << Words.Pins << levelName(S.Lvl) << D.Var->getName()
        << Words.Untested << Words.Advice;
  if (!S.IsParam)
    RC.Report.note(S.Anchors.front()->getBeginLoc(), "'%0' is read here")
        << D.Var->getName();
}

} // namespace ptwalk
