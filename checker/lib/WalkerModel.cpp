//===- WalkerModel.cpp - Lockless walkers of a translation unit -----------===//

#include "WalkerModel.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/StringSwitch.h"

#include <algorithm>

using namespace clang;
using std::nullopt;

namespace ptwalk {

bool WalkerModel::isPageTableLock(llvm::StringRef Name) {
  return llvm::StringSwitch<bool>(Name)
      .Cases("spin_lock", "pte_offset_map_lock", "pmd_lock", "huge_pte_lock",
             "pmd_trans_huge_lock", true)
      .Default(false);
}

namespace {

/// Collects the facts of one function body.  Nested declarations other
/// than locals do not occur in kernel C, and are not looked into.
class BodyVisitor : public RecursiveASTVisitor<BodyVisitor> {
public:
  BodyVisitor(ASTContext &Ctx, const EntryTypes &Types, FunctionFacts &Out)
      : Ctx(Ctx), Types(Types), Out(Out) {}

  bool VisitCallExpr(CallExpr *Call) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee || !Callee->getIdentifier())
      return true;
    llvm::StringRef Name = Callee->getName();
    if (findApi(Name, ApiRole::SPEC_GET))
      Out.Pins.push_back(Call);
    else if (WalkerModel::isPageTableLock(Name))
      Out.TakesPageTableLock = true;
    if (const FunctionDecl *Def = Callee->getDefinition())
      Out.LocalCalls.emplace_back(Def, Call);
    return true;
  }

  bool VisitDeclStmt(DeclStmt *DS) {
    for (Decl *D : DS->decls())
      if (auto *VD = dyn_cast<VarDecl>(D))
        if (VD->hasLocalStorage() && Types.levelOf(VD->getType()))
          addSnapshot(VD, DS, VD->getInit());
    return true;
  }

  bool VisitBinaryOperator(BinaryOperator *BO) {
    if (BO->getOpcode() != BO_Assign)
      return true;
    const auto *Ref = dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParenImpCasts());
    const auto *VD = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    if (VD && VD->hasLocalStorage() && Types.levelOf(VD->getType()))
      addSnapshot(VD, BO, BO->getRHS());
    return true;
  }

private:
  void addSnapshot(const VarDecl *VD, const Stmt *Anchor, const Expr *Value) {
    if (std::optional<SingleRead> Read = recogniseSingleRead(Value, Ctx, Types))
      Out.Snapshots.push_back(Snapshot{VD, Anchor, std::move(*Read)});
  }

  ASTContext &Ctx;
  const EntryTypes &Types;
  FunctionFacts &Out;
};

} // namespace

WalkerModel::WalkerModel(ASTContext &Ctx, const EntryTypes &Types)
    : Ctx(Ctx), Types(Types) {}

void WalkerModel::addFunction(const FunctionDecl *FD) {
  FunctionFacts &F = Facts[FD];
  F.Fn = FD;
  BodyVisitor(Ctx, Types, F).TraverseStmt(FD->getBody());
}

void WalkerModel::build() {
  // Only function bodies matter: walk the top-level declarations (and
  // extern "C"-style contexts) instead of the whole AST, so records,
  // typedefs and prototypes of the headers cost nothing.  Of the bodies,
  // those of the main file are analysed, and the functions they call,
  // transitively: the thousands of static inline helpers a kernel unit
  // includes and never calls are skipped.
  const SourceManager &SM = Ctx.getSourceManager();
  SmallVector<const FunctionDecl *, 64> Work;
  SmallVector<const DeclContext *, 4> Contexts{Ctx.getTranslationUnitDecl()};
  while (!Contexts.empty()) {
    const DeclContext *DC = Contexts.pop_back_val();
    for (const Decl *D : DC->decls()) {
      if (const auto *FD = dyn_cast<FunctionDecl>(D)) {
        if (FD->doesThisDeclarationHaveABody() && !FD->isDependentContext() &&
            SM.isInMainFile(SM.getExpansionLoc(FD->getLocation())))
          Work.push_back(FD);
      } else if (const auto *LS = dyn_cast<LinkageSpecDecl>(D)) {
        Contexts.push_back(LS);
      }
    }
  }
  // Depth-first from the main file's functions, in their order.
  std::reverse(Work.begin(), Work.end());
  while (!Work.empty()) {
    const FunctionDecl *FD = Work.pop_back_val();
    if (Facts.count(FD))
      continue;
    addFunction(FD);
    for (const auto &Call : llvm::reverse(Facts[FD].LocalCalls))
      if (!Facts.count(Call.first) && !Call.first->isDependentContext())
        Work.push_back(Call.first);
  }
}

std::optional<WalkerEvidence>
WalkerModel::walkerEvidence(const FunctionFacts &F) const {
  if (!F.Pins.empty())
    return WalkerEvidence{F.Pins.front(), nullptr};
  for (const auto &Call : F.LocalCalls) {
    auto It = Facts.find(Call.first);
    if (It != Facts.end() && !It->second.Pins.empty())
      return WalkerEvidence{Call.second, Call.first};
  }
  return std::nullopt;
}

} // namespace ptwalk
