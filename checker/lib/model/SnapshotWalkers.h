//===- SnapshotWalkers.h - Walkers that need not pin speculatively -*- C++ -*-===//
//
// WalkerModel's lockless walker is one that takes a speculative get.  Until
// 4.13 x86's own fast GUP pinned with get_page() alone, under IRQs off, so
// a walker in the wider sense is a function that takes entry snapshots (a
// local read through an entry pointer, or an entry taken by value), does
// not run under the page-table lock, and runs where the tables cannot be
// freed under it: it opens an IRQ-off region itself, or every call of it
// is inside one (runsIrqOff), or it pins speculatively (an RCU fast-GUP
// walker).  cocci/model/walker.smpl's snapshot_walker is the same.
//
// For such a walker: which locals carry a value computed from a snapshot,
// and whether a statement is reached on a path that has taken neither a
// speculative get nor a page-table lock.
//
//===----------------------------------------------------------------------===//

#ifndef PTWALK_CHECKER_SNAPSHOTWALKERS_H
#define PTWALK_CHECKER_SNAPSHOTWALKERS_H

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"

namespace clang {
class ASTContext;
class CallExpr;
class Expr;
class FunctionDecl;
class Stmt;
class VarDecl;
} // namespace clang

namespace ptwalk {

class ApiRoles;
class EntryTypes;
struct FunctionFacts;
class WalkerModel;

/// Whether F is a lockless walker in the wider sense above.
bool isSnapshotWalker(const WalkerModel &M, const EntryTypes &Types,
                      const FunctionFacts &F);

/// F's calls of an unconditional get (api.def's UNCOND_GET) with an
/// argument.
llvm::SmallVector<const clang::CallExpr *, 2>
unconditionalGets(const FunctionFacts &F, const ApiRoles &Roles);

/// Functions of the unit that add to the reference count of a page or
/// folio they are passed, with no speculative get, each with the index of
/// that parameter: an unconditional get of it (get_page()), an
/// atomic_add()/atomic_inc() of its count (_count until 4.7, _refcount
/// since), or a call of another such function on it.  x86's fast GUP
/// before 4.13 pins huge pages with one, get_head_page_multiple(); a call
/// of one is an unconditional get of its argument.
llvm::DenseMap<const clang::FunctionDecl *, unsigned>
countHelpers(const WalkerModel &M);

/// The variable whose bits E reads through its address at another type,
/// `*(pte_t *)&pmd`: a copy of that variable, not a read of an entry
/// through a pointer.  Null for any other E.
const clang::VarDecl *copiedVar(const clang::Expr *E);

/// F's snapshots and the locals computed from them (page = pte_page(pte);
/// head = compound_head(page)), each mapped to the snapshot it came from.
llvm::DenseMap<const clang::VarDecl *, const clang::VarDecl *>
snapshotDerived(const FunctionFacts &F, const EntryTypes &Types);

/// Whether some path from FD's entry reaches ANCHOR without a speculative
/// get or a page-table lock.  True when the CFG cannot be built.
bool reachableUnpinnedUnlocked(const clang::FunctionDecl *FD,
                               const clang::Stmt *Anchor,
                               const ApiRoles &Roles, clang::ASTContext &Ctx);

} // namespace ptwalk

#endif
