//===- NumaHint.cpp - The numa-hint rule ----------------------------------===//
//
// rules/docs/numa-hint.md: a page pinned from a pte or pmd snapshot on a
// path from the snapshot that has not tested it with the era's NUMA
// hinting predicate.  A snapshot that is a parameter may be tested by the
// callers before the call; the summary "parameter I must be tested by
// the caller" travels up the calls of the unit, and the finding lands in
// the caller that read the snapshot, at the call.  Code under arch/<dir>/
// of an architecture without NUMA balancing in the unit's era needs no
// test (rules/arch.def); generic code always does, since it is built for
// architectures that have it.
//
//===----------------------------------------------------------------------===//

#include "Rules.h"
#include "RuleContext.h"
#include "SnapshotTests.h"
#include "WalkerFlow.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang;

namespace ptwalk {

static constexpr llvm::StringLiteral RuleName = "numa-hint";

namespace {

/// A point that needs snapshot Var tested before it: a pin, or a call
/// whose callee needs the argument tested.
using Summaries =
    llvm::DenseMap<const FunctionDecl *, llvm::SmallVector<unsigned, 2>>;

} // namespace

static bool testsWithNumaPredicate(const WalkerFunction &W, const Stmt *S,
                                   const VarDecl *V) {
  const auto *Call = dyn_cast<CallExpr>(S);
  if (!Call || Call->getNumArgs() != 1 ||
      !findApi(calleeName(Call), ApiRole::NUMA_PRED))
    return false;
  const VarDecl *Tested = varOf(Call->getArg(0));
  return Tested == V || W.copies(Tested, V);
}

/// NUMA balancing leaves hugetlb VMAs alone; pud entries are never
/// NUMA-hinting.
static bool needsTest(const FlowSnapshot &S) {
  return !S.Hugetlb && (S.Lvl == Level::pte || S.Lvl == Level::pmd);
}

static llvm::SmallVector<TestDemand, 4> demands(const WalkerFunction &W,
                                            const Summaries &Needs) {
  llvm::SmallVector<TestDemand, 4> Found;
  for (const PinSite &Pin : W.Pins)
    for (const VarDecl *V : Pin.Snapshots)
      if (needsTest(*W.snapshot(V)))
        Found.push_back({Pin.Call, V, nullptr});
  for (const auto &[Callee, Call] : W.LocalCalls) {
    auto It = Needs.find(Callee);
    if (It == Needs.end())
      continue;
    for (unsigned I : It->second)
      if (I < Call->getNumArgs())
        for (const VarDecl *V : W.snapshotsOf(Call->getArg(I)))
          if (needsTest(*W.snapshot(V)))
            Found.push_back({Call, V, Callee});
  }
  return Found;
}

/// Whether some path from where V is read (or the function's entry, for
/// a parameter) reaches D's site without testing V.
static bool untested(const WalkerFunction &W, const TestDemand &D) {
  const FlowSnapshot &S = *W.snapshot(D.Var);
  llvm::SmallVector<CFGPoint, 2> Starts;
  if (S.IsParam)
    Starts.push_back(W.Flow->entryPoint());
  for (const Stmt *A : S.Anchors)
    Starts.push_back(W.Flow->pointOf(A));
  for (CFGPoint From : Starts) {
    FunctionFlow::Reached R = W.Flow->search(
        From, [&](const Stmt *X) { return X == D.Site; },
        [&](const Stmt *X) {
          return testsWithNumaPredicate(W, X, D.Var) || W.redefines(X, D.Var);
        });
    if (R.Found)
      return true;
  }
  return false;
}

/// The directory D of an arch/D/ path, or "".
static llvm::StringRef archDirOf(llvm::StringRef Path) {
  size_t At = Path.startswith("arch/") ? 0 : Path.rfind("/arch/");
  if (At == llvm::StringRef::npos)
    return "";
  llvm::StringRef Rest = Path.substr(At).ltrim('/').drop_front(5);
  return Rest.take_until([](char C) { return C == '/'; });
}

static bool archNeedsTest(RuleContext &RC, SourceLocation Site) {
  const SourceManager &SM = RC.Ctx.getSourceManager();
  llvm::StringRef Dir = archDirOf(SM.getFilename(SM.getFileLoc(Site)));
  if (Dir.empty())
    return true;
  // The era the unit declares a predicate of, else its kernel version's.
  llvm::StringRef Declared = RC.declared(ApiRole::NUMA_PRED, Level::pte);
  std::optional<unsigned> Version = RC.Model.roles().kernelVersion();
  int Era = 6;
  if (Declared == "pte_numa" ||
      (Declared.empty() && Version && *Version < kernelVersion(4, 0)))
    Era = 3;
  return archHasNumaBalancing(Dir, Era);
}

void checkNumaHint(RuleContext &RC) {
  const WalkerFlow &Flow = RC.Flow;
  // Parameters each function needs its callers to test; grows until no
  // function adds one.
  Summaries Needs;
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (const auto &Entry : Flow.functions()) {
      const WalkerFunction &W = *Entry.second;
      for (const TestDemand &D : demands(W, Needs)) {
        const FlowSnapshot &S = *W.snapshot(D.Var);
        if (!S.IsParam || !untested(W, D))
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
    for (const TestDemand &D : demands(W, Needs)) {
      const FlowSnapshot &S = *W.snapshot(D.Var);
      // A parameter is the callers' to test, unless nobody calls.
      if ((S.IsParam && Flow.hasCaller(W.Fn)) || Reported.count(D.Site) ||
          !archNeedsTest(RC, D.Site->getBeginLoc()) || !untested(W, D))
        continue;
      Reported.insert(D.Site);
      llvm::StringRef Predicate = RC.declared(ApiRole::NUMA_PRED, S.Lvl);
      std::string Advice =
          Predicate.empty()
              ? ("test it with " + levelName(S.Lvl) + "_protnone() (" +
                 levelName(S.Lvl) + "_numa() before 4.0)")
                    .str()
              : ("test it with " + Predicate + "()").str();
      reportUntested(RC, RuleName, D, S,
                     {"", "which is not tested for NUMA hinting",
                      Advice + " and leave without pinning"});
    }
  }
}

} // namespace ptwalk
