//===- LockFreePaths.h - Is a point reached without a lock? -*- C++ -*-===//
//
// "Reads made after the function takes a page-table lock are not
// lockless": a statement is lockless when some path from the function's
// entry reaches it without calling a page-table lock.  This is a forward
// may-analysis over clang's CFG; only functions that do take a lock and
// have a snapshot to ask about pay for building it.
//
//===----------------------------------------------------------------------===//

#ifndef PTWALK_CHECKER_LOCKFREEPATHS_H
#define PTWALK_CHECKER_LOCKFREEPATHS_H

#include "clang/Analysis/CFG.h"
#include "llvm/ADT/BitVector.h"

#include <memory>

namespace clang {
class ASTContext;
class FunctionDecl;
class Stmt;
} // namespace clang

namespace ptwalk {

class LockFreePaths {
public:
  LockFreePaths(const clang::FunctionDecl *FD, clang::ASTContext &Ctx);

  /// Whether some path from the entry reaches ANCHOR (a statement of the
  /// function's body) without taking a page-table lock.  Conservatively
  /// true when the CFG could not be built or does not contain ANCHOR.
  bool reachableUnlocked(const clang::Stmt *Anchor) const;

private:
  std::unique_ptr<clang::CFG> Graph;
  /// Per block id: entered by some path that took no lock.
  llvm::BitVector UnlockedIn;
};

} // namespace ptwalk

#endif
