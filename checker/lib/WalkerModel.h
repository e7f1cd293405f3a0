//===- WalkerModel.h - Lockless walkers of a translation unit -*- C++ -*-===//
//
// The facts the rules share, gathered in one pass over the function
// bodies of a translation unit: which functions pin a page with a
// speculative get (api.def's SPEC_GET), which call a function of the
// unit that does, which take a page-table lock, and the entry snapshots
// each function takes with a single-access read.
//
// A lockless walker, as in cocci/torn-read.cocci, is a function that pins
// or that calls a function of the translation unit that pins.
//
//===----------------------------------------------------------------------===//

#ifndef PTWALK_CHECKER_WALKERMODEL_H
#define PTWALK_CHECKER_WALKERMODEL_H

#include "EntryReads.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>

namespace clang {
class ASTContext;
class CallExpr;
class FunctionDecl;
class Stmt;
class VarDecl;
} // namespace clang

namespace ptwalk {

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
  llvm::SmallVector<Snapshot, 2> Snapshots;
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
  WalkerModel(clang::ASTContext &Ctx, const EntryTypes &Types);

  /// Analyses every function definition of the translation unit.
  void build();

  /// Functions with a body, in the order they are defined.
  const llvm::MapVector<const clang::FunctionDecl *, FunctionFacts> &
  functions() const {
    return Facts;
  }

  /// Why F is a lockless walker, or nothing when it is not one.
  std::optional<WalkerEvidence> walkerEvidence(const FunctionFacts &F) const;

  /// Whether NAME takes a page-table lock (spin_lock and the page-table
  /// lock helpers).  api.def has no lock role yet; this list is the one in
  /// cocci/torn-read.cocci and rules/docs/torn-read.md.
  static bool isPageTableLock(llvm::StringRef Name);

private:
  void addFunction(const clang::FunctionDecl *FD);

  clang::ASTContext &Ctx;
  const EntryTypes &Types;
  llvm::MapVector<const clang::FunctionDecl *, FunctionFacts> Facts;
};

} // namespace ptwalk

#endif
