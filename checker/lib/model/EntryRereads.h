//===- EntryRereads.h - Reads of one entry pointer, one after another -*- C++ -*-===//
//
// The double-read rule's view of a lockless walker: every read of a whole
// entry through a pointer variable (`*p`, READ_ONCE(*p), ptep_get(p),
// pmdp_get_lockless(p), ...), in what role the walk reads it, and the
// read of the same pointer that comes before it on a path that takes no
// page-table lock and does not move the pointer.
//
//  - a snapshot read stores the entry in a local of entry type (`pmd =
//    READ_ONCE(*pmdp)`); a new snapshot per loop iteration or after a
//    wait is how walkers are meant to read;
//  - a comparison read is an operand of a comparison of two entries
//    (`pte_val(pte) != pte_val(*ptep)`, pte_same()): the re-checks, which
//    no-recheck and stale-recheck judge;
//  - every other read is a decision read: a predicate, a branch, a value
//    the walk goes on with.  When a read of the same entry came first, the
//    walk decides on an entry other than the one it tested (688272809fcc).
//
//===----------------------------------------------------------------------===//

#ifndef PTWALK_CHECKER_ENTRYREREADS_H
#define PTWALK_CHECKER_ENTRYREREADS_H

#include "Catalogue.h"
#include "WalkerFlow.h"

#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/SmallVector.h"

namespace clang {
class Expr;
class VarDecl;
} // namespace clang

namespace ptwalk {

struct EntryRead {
  const clang::Expr *Read;
  /// The pointer variable read through.
  const clang::VarDecl *Pointer;
  Level Lvl;
  enum Kind { Snapshot, Comparison, Decision } Role;
  /// The reader's first token in the file (the macro, the callee or `*`).
  clang::SourceLocation Loc;
  /// The reader as written: "READ_ONCE", "pmdp_get_lockless", "*".
  std::string Reader;
};

/// A decision read and the read of the same entry it follows.
struct Reread {
  const EntryRead *Earlier;
  const EntryRead *Later;
};

class EntryRereads {
public:
  EntryRereads(const WalkerFunction &W, const WalkerModel &Model,
               const EntryTypes &Types, clang::ASTContext &Ctx);

  llvm::ArrayRef<EntryRead> reads() const { return Reads; }

  /// Each decision read that some lock-free path from the function's
  /// entry reaches after an earlier read (in the source) of the same
  /// pointer, the pointer unchanged in between; with the nearest such
  /// read.
  llvm::SmallVector<Reread, 2> rereads() const;

private:
  const WalkerFunction &W;
  const WalkerModel &Model;
  clang::ASTContext &Ctx;
  llvm::SmallVector<EntryRead, 8> Reads;
  /// Per read, the last CFG element that evaluates part of it.
  llvm::SmallVector<CFGPoint, 8> Points;
  /// CFG element statement -> index of the read it is part of.
  llvm::DenseMap<const clang::Stmt *, unsigned> ElementRead;
};

} // namespace ptwalk

#endif
