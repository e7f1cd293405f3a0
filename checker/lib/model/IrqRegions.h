//===- IrqRegions.h - Where a function runs with IRQs off -*- C++ -*-===//
//
// The region a lockless walker must run in: from api.def's IRQ_OFF
// (local_irq_save(), local_irq_disable(), rcu_read_lock()) to IRQ_ON.  A
// forward analysis over clang's CFG gives, for each statement, whether
// every path from the entry has opened a region that is still open (the
// walk is protected there) and whether some path has (a sleeping call is
// not allowed there).  Whether the function's callers hold a region is
// WalkerModel's question.
//
//===----------------------------------------------------------------------===//

#ifndef PTWALK_CHECKER_IRQREGIONS_H
#define PTWALK_CHECKER_IRQREGIONS_H

#include "Catalogue.h"

#include "clang/Analysis/CFG.h"
#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/DenseMap.h"

#include <memory>
#include <optional>

namespace clang {
class ASTContext;
class CallExpr;
class FunctionDecl;
class Stmt;
} // namespace clang

namespace ptwalk {

class IrqRegions {
public:
  IrqRegions(const clang::FunctionDecl *FD, clang::ASTContext &Ctx);

  /// Whether every path from the entry reaches S inside a region.  False
  /// when the CFG could not be built or lacks S.
  bool inside(const clang::Stmt *S) const;
  /// Whether some path from the entry reaches S inside a region.
  bool mayBeInside(const clang::Stmt *S) const;

  /// IRQ_OFF or IRQ_ON when CALL opens or closes a region: its callee, or
  /// the macro the call is the expansion of (local_irq_save(flags) expands
  /// to arch_local_irq_save()), has that role.
  static std::optional<ApiRole> toggle(const clang::CallExpr *Call,
                                       clang::ASTContext &Ctx);
  /// Whether CALL may sleep (api.def's SLEEPS), by callee or macro.
  static bool sleeps(const clang::CallExpr *Call, clang::ASTContext &Ctx);

private:
  struct State {
    bool May = false;
    bool Must = false;
  };
  std::optional<State> stateAt(const clang::Stmt *S) const;

  clang::ASTContext &Ctx;
  std::unique_ptr<clang::CFG> Graph;
  /// Per block id: the state on entry; Reached says a path gets there.
  llvm::BitVector Reached, MayIn, MustIn;
};

} // namespace ptwalk

#endif
