//===- WalkerModel.h - Lockless walkers of a translation unit -*- C++ -*-===//
//
// The facts the rules share, gathered in one pass over the function
// bodies of a translation unit: which functions pin a page with a
// speculative get (api.def's SPEC_GET, in the role ApiRoles gives the
// call), which call a function of the unit that does, which take or
// assert a page-table lock, and the entry snapshots each function takes
// with a single-access read.
//
// IRQ-off regions cross calls the same way: a function runs inside one
// when every call of it in the unit does (IrqRegions, runsIrqOff()).
//
// A lockless walker, as in cocci/model/walker.smpl, is a function that
// pins or that calls a function of the translation unit that pins, and
// that does not run under the page-table lock: it asserts the lock, or
// every call of it in the unit holds it (DESIGN.md section 3).
//
//===----------------------------------------------------------------------===//

#ifndef PTWALK_CHECKER_WALKERMODEL_H
#define PTWALK_CHECKER_WALKERMODEL_H

#include "ApiRoles.h"
#include "EntryReads.h"
#include "LockAssertions.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/SmallVector.h"

#include <memory>
#include <optional>

namespace clang {
class ASTContext;
class CallExpr;
class Expr;
class FunctionDecl;
class Stmt;
class VarDecl;
} // namespace clang

namespace ptwalk {

class IrqRegions;
class LockFreePaths;

/// A local of entry type initialised or assigned from a single-access
/// read of an entry pointer.
struct Snapshot {
  const clang::VarDecl *Var;
  /// The statement that stores the read in Var: its DeclStmt or the
  /// assignment.  Flow questions are asked about this point.
  const clang::Stmt *Anchor;
  SingleRead Read;
};

struct FunctionFacts {
  const clang::FunctionDecl *Fn = nullptr;
  /// Calls of a SPEC_GET function, in source order.
  llvm::SmallVector<const clang::CallExpr *, 2> Pins;
  /// Calls of functions defined in the translation unit, with the callee.
  llvm::SmallVector<std::pair<const clang::FunctionDecl *,
                              const clang::CallExpr *>,
                    4>
      LocalCalls;
  bool TakesPageTableLock = false;
  /// assert_spin_locked()/lockdep_assert_held() of a page-table lock, as
  /// a function call or a macro (LockAssertions).
  bool AssertsPageTableLock = false;
  llvm::SmallVector<Snapshot, 2> Snapshots;
  /// Reads of an entry of any level through a pointer: `*p` of an entry
  /// pointer (READ_ONCE(*p) included), READ_ONCE_ACCESS or SAFE_READ
  /// calls, and calls that take an entry pointer and return an entry.
  llvm::SmallVector<const clang::Expr *, 4> EntryReads;
  /// Calls that open or close an IRQ-off region (api.def's IRQ_OFF and
  /// IRQ_ON), and calls that may sleep (SLEEPS).
  llvm::SmallVector<const clang::CallExpr *, 2> IrqToggles;
  llvm::SmallVector<const clang::CallExpr *, 2> Sleeps;
};

/// Why a function is a lockless walker: the pin in its body, or the call
/// of a pinning function of the translation unit.
struct WalkerEvidence {
  const clang::CallExpr *Call;
  /// Null when Call is the pin itself; else the pinning callee.
  const clang::FunctionDecl *PinningCallee;
};

class WalkerModel {
public:
  WalkerModel(clang::ASTContext &Ctx, const EntryTypes &Types,
              const ApiRoles &Roles, const LockAssertions &Asserts);
  ~WalkerModel();

  /// Analyses every function definition of the translation unit.
  void build();

  /// Functions with a body, in the order they are defined.
  const llvm::MapVector<const clang::FunctionDecl *, FunctionFacts> &
  functions() const {
    return Facts;
  }

  /// Why F is a lockless walker, or nothing when it is not one.
  std::optional<WalkerEvidence> walkerEvidence(const FunctionFacts &F) const;

  /// Whether FD runs under the page-table lock: it asserts the lock, or
  /// every call of it in the unit holds it (in a caller that took it on
  /// every path to the call, or that runs under it), and it has one.
  bool runsLocked(const clang::FunctionDecl *FD) const;

  /// Whether some path from FD's entry reaches S (a statement of its
  /// body) without taking a page-table lock.
  bool reachableUnlocked(const clang::FunctionDecl *FD,
                         const clang::Stmt *S) const;

  /// FD's own IRQ-off regions (IrqRegions), built on first use.
  const IrqRegions &irqRegions(const clang::FunctionDecl *FD) const;

  /// Whether FD runs inside an IRQ-off region: every call of it in the
  /// unit is inside one on every path to the call, or is made by a
  /// function that runs inside one, and it has a call.
  bool runsIrqOff(const clang::FunctionDecl *FD) const;

  /// The calls of FD in the unit, with their caller.
  llvm::ArrayRef<std::pair<const clang::FunctionDecl *, const clang::CallExpr *>>
  callersOf(const clang::FunctionDecl *FD) const;

  const ApiRoles &roles() const { return Roles; }

  /// Whether CALL takes a page-table lock (api.def's PT_LOCK; spin_lock()
  /// only of a page-table lock).
  static bool isPageTableLockCall(const clang::CallExpr *Call);
  /// Whether E names a page-table lock: a *_lockptr() call (PT_LOCKPTR)
  /// or a variable or member named ptl or page_table_lock.
  static bool isPageTableLockExpr(const clang::Expr *E);

private:
  void addFunction(const clang::FunctionDecl *FD);
  bool callHoldsLock(const clang::FunctionDecl *Caller,
                     const clang::CallExpr *Call) const;

  clang::ASTContext &Ctx;
  const EntryTypes &Types;
  const ApiRoles &Roles;
  const LockAssertions &Asserts;
  llvm::MapVector<const clang::FunctionDecl *, FunctionFacts> Facts;
  /// The calls of each function of the unit, by its definition.
  llvm::DenseMap<const clang::FunctionDecl *,
                 llvm::SmallVector<std::pair<const clang::FunctionDecl *,
                                             const clang::CallExpr *>,
                                   2>>
      Callers;
  enum class LockState { Unknown, Visiting, Locked, Unlocked };
  mutable llvm::DenseMap<const clang::FunctionDecl *, LockState> Locked;
  mutable llvm::DenseMap<const clang::FunctionDecl *, LockState> IrqOff;
  mutable llvm::DenseMap<const clang::FunctionDecl *,
                         std::unique_ptr<IrqRegions>>
      Regions;
  /// Built once per caller that takes a lock, for all its calls.
  mutable llvm::DenseMap<const clang::FunctionDecl *,
                         std::unique_ptr<LockFreePaths>>
      CallerPaths;
};

} // namespace ptwalk

#endif
