//===- LockFreePaths.cpp - Is a point reached without a lock? -------------===//

#include "LockFreePaths.h"
#include "WalkerModel.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"

using namespace clang;

namespace ptwalk {

static const Stmt *stmtOf(const CFGElement &E) {
  if (Optional<CFGStmt> S = E.getAs<CFGStmt>())
    return S->getStmt();
  return nullptr;
}

static bool isLockCall(const Stmt *S) {
  const auto *Call = dyn_cast_or_null<CallExpr>(S);
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  return Callee && Callee->getIdentifier() &&
         WalkerModel::isPageTableLock(Callee->getName());
}

static bool blockTakesLock(const CFGBlock &B) {
  return llvm::any_of(B, [](const CFGElement &E) {
    return isLockCall(stmtOf(E));
  });
}

/// Whether S is ANCHOR as the CFG shows it.  The CFG splits a DeclStmt of
/// several declarators into synthetic single-declarator ones, so a
/// DeclStmt matches when it declares the same first variable.
static bool sameAnchor(const Stmt *S, const Stmt *Anchor) {
  if (S == Anchor)
    return true;
  const auto *A = dyn_cast<DeclStmt>(Anchor);
  const auto *D = dyn_cast_or_null<DeclStmt>(S);
  if (!A || !D || !D->isSingleDecl())
    return false;
  return llvm::is_contained(A->decls(), D->getSingleDecl());
}

LockFreePaths::LockFreePaths(const FunctionDecl *FD, ASTContext &Ctx) {
  CFG::BuildOptions Options;
  Options.setAllAlwaysAdd();
  Graph = CFG::buildCFG(FD, FD->getBody(), &Ctx, Options);
  if (!Graph)
    return;
  UnlockedIn.resize(Graph->getNumBlockIDs());
  SmallVector<const CFGBlock *, 16> Work{&Graph->getEntry()};
  UnlockedIn.set(Graph->getEntry().getBlockID());
  while (!Work.empty()) {
    const CFGBlock *B = Work.pop_back_val();
    if (blockTakesLock(*B))
      continue;
    for (const CFGBlock *Succ : B->succs()) {
      if (!Succ || UnlockedIn.test(Succ->getBlockID()))
        continue;
      UnlockedIn.set(Succ->getBlockID());
      Work.push_back(Succ);
    }
  }
}

bool LockFreePaths::reachableUnlocked(const Stmt *Anchor) const {
  if (!Graph)
    return true;
  for (const CFGBlock *B : *Graph) {
    bool Unlocked = UnlockedIn.test(B->getBlockID());
    for (const CFGElement &E : *B) {
      const Stmt *S = stmtOf(E);
      if (S && sameAnchor(S, Anchor))
        return Unlocked;
      if (isLockCall(S))
        Unlocked = false;
    }
  }
  return true;
}

} // namespace ptwalk
