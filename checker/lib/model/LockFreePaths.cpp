//===- LockFreePaths.cpp - Is a point reached without a lock? -------------===//

#include "LockFreePaths.h"
#include "FunctionFlow.h"
#include "WalkerModel.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"

using namespace clang;

namespace ptwalk {

static bool isLockCall(const Stmt *S) {
  const auto *Call = dyn_cast_or_null<CallExpr>(S);
  return Call && WalkerModel::isPageTableLockCall(Call);
}

static bool blockTakesLock(const CFGBlock &B) {
  return llvm::any_of(B, [](const CFGElement &E) {
    return isLockCall(stmtOf(E));
  });
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
      if (S && FunctionFlow::isAnchor(S, Anchor))
        return Unlocked;
      if (isLockCall(S))
        Unlocked = false;
    }
  }
  return true;
}

} // namespace ptwalk
