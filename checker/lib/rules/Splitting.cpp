//===- Splitting.cpp - splitting: 3.x THP walk without splitting test -----===//
//
// rules/docs/splitting.md.  Until 4.5 a lockless walker must leave a pmd
// that pmd_trans_splitting() reports to the slow path.  Reported: a
// walker's lockless local pmd snapshot that is tested for a huge leaf
// (pmd_trans_huge, pmd_huge, pmd_large, pmd_leaf) and never with
// pmd_trans_splitting().  Only where the predicate exists: a kernel
// version before 4.5, or, without a version, a unit that declares it.
// The same predicate as cocci/splitting.cocci.
//
//===----------------------------------------------------------------------===//

#include "Rules.h"
#include "RuleContext.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringSwitch.h"

using namespace clang;

namespace ptwalk {

namespace {

constexpr llvm::StringLiteral RuleName = "splitting";

bool isLeafTest(llvm::StringRef Name) {
  return llvm::StringSwitch<bool>(Name)
      .Cases("pmd_trans_huge", "pmd_huge", "pmd_large", "pmd_leaf", true)
      .Default(false);
}

/// Whether the unit has the splitting predicate (api.def's SPLIT_PRED).
bool hasSplitPredicate(RuleContext &RC) {
  const ApiEntry *Split = nullptr;
  for (const ApiEntry *E : apisOfRole(ApiRole::SPLIT_PRED))
    Split = E;
  if (!Split)
    return false;
  if (std::optional<unsigned> V = RC.Model.roles().kernelVersion())
    return Split->inVersion(*V);
  if (RC.PP.isMacroDefined(Split->Name))
    return true;
  for (const Decl *D : RC.Ctx.getTranslationUnitDecl()->decls())
    if (const auto *FD = dyn_cast<FunctionDecl>(D);
        FD && FD->getIdentifier() && FD->getName() == Split->Name)
      return true;
  return false;
}

/// The local pmd snapshots a body tests for a leaf, and those it tests
/// for splitting.
struct Tests : RecursiveASTVisitor<Tests> {
  llvm::SmallPtrSet<const VarDecl *, 4> Leaf, Split;
  bool VisitCallExpr(CallExpr *Call) {
    llvm::StringRef Name = calleeName(Call);
    if (Call->getNumArgs() != 1)
      return true;
    const VarDecl *V = varOf(Call->getArg(0));
    if (!V)
      return true;
    if (isLeafTest(Name))
      Leaf.insert(V);
    else if (findApi(Name, ApiRole::SPLIT_PRED))
      Split.insert(V);
    return true;
  }
};

} // namespace

void checkSplitting(RuleContext &RC) {
  if (!hasSplitPredicate(RC))
    return;
  const SourceManager &SM = RC.Ctx.getSourceManager();
  for (const auto &Entry : RC.Flow.functions()) {
    const WalkerFunction &W = *Entry.second;
    if (!SM.isInMainFile(SM.getExpansionLoc(W.Fn->getLocation())))
      continue;
    auto Facts = RC.Model.functions().find(W.Fn);
    if (Facts == RC.Model.functions().end() ||
        !RC.Model.walkerEvidence(Facts->second))
      continue;
    Tests T;
    T.TraverseStmt(W.Fn->getBody());
    for (const FlowSnapshot &S : W.Snapshots) {
      if (S.IsParam || S.Lvl != Level::pmd || !T.Leaf.count(S.Var) ||
          T.Split.count(S.Var))
        continue;
      for (const Stmt *Read : S.Anchors)
        RC.Report.finding(RuleName, Read->getBeginLoc(),
                          "pmd snapshot '%0' is tested for a huge leaf but "
                          "never with pmd_trans_splitting(): a THP being "
                          "split can be pinned through it")
            << S.Var->getName();
    }
  }
}

} // namespace ptwalk
