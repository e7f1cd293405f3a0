//===- WalkerFlow.h - Snapshots, pins and re-checks of walkers -*- C++ -*-===//
//
// The walker model of DESIGN.md §3 as the flow rules (numa-hint,
// no-recheck, stale-recheck, recheck-leak) use it, for the functions of a
// translation unit from which a pin can be reached:
//
//  - flow snapshots: entry-typed locals read through an entry pointer on
//    a path without a page-table lock, and entry-typed parameters (a
//    caller read them);
//  - pin sites: speculative gets (api.def's SPEC_GET), and calls of
//    functions of the unit that pin a page computed from a parameter the
//    callee cannot re-check itself (6.1's pfn-based device helpers); in
//    an IRQ-off snapshot walker, unconditional gets and calls of
//    functions of the unit that add to the count of the page they are
//    passed (x86's get_head_page_multiple() before 4.13);
//  - comparisons of a snapshot with another entry value, the re-checks.
//
// Each rule adds its own summary of parameters on top (numa-hint: "must
// be tested by the caller"; no-recheck: "must be re-checked by the
// caller").
//
//===----------------------------------------------------------------------===//

#ifndef PTWALK_CHECKER_WALKERFLOW_H
#define PTWALK_CHECKER_WALKERFLOW_H

#include "Catalogue.h"
#include "EntryReads.h"
#include "FunctionFlow.h"
#include "WalkerModel.h"

#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/SetVector.h"

namespace clang {
class CallExpr;
class Expr;
} // namespace clang

namespace ptwalk {

struct FlowSnapshot {
  const clang::VarDecl *Var = nullptr;
  Level Lvl = Level::pte;
  bool IsParam = false;
  /// The entry pointer it was read through; for a parameter, the one
  /// parameter pointing to the same level.  Null when unknown.
  const clang::VarDecl *Pointer = nullptr;
  /// Read with huge_ptep_get(): a hugetlb entry.
  bool Hugetlb = false;
  /// For a pte: the pmd snapshot whose table the pte pointer points into
  /// (`pte_offset_map(&pmd, addr)`), which must be re-checked too.
  const clang::VarDecl *Table = nullptr;
  /// The statements that store a read in a local snapshot.
  llvm::SmallVector<const clang::Stmt *, 2> Anchors;
};

struct PinSite {
  const clang::CallExpr *Call;
  /// Null for a speculative get; else the pinning function of the unit.
  const clang::FunctionDecl *Helper = nullptr;
  /// The snapshots the pinned page was computed from.
  llvm::SmallSetVector<const clang::VarDecl *, 2> Snapshots;
  /// Parameters other than snapshots the page was computed from.
  llvm::SmallSetVector<const clang::VarDecl *, 2> OpaqueParams;
  /// An unconditional get (get_page(), or a call of a function of the
  /// unit that adds to the page's count) in an IRQ-off snapshot walker:
  /// x86's own fast GUP before 4.13.  It needs the same tests of the
  /// snapshot as a speculative get, but no re-check: IRQs off hold off
  /// the table's freeing and the THP split.
  bool Unconditional = false;
};

/// A comparison of a snapshot with another entry value: `pte_val(s) !=
/// pte_val(*p)`, `pte_same(s, x)` and the like.
struct EntryComparison {
  const clang::Expr *Cmp;
  const clang::VarDecl *Snapshot;
  enum OtherKind { FreshRead, Itself, Local, Unknown } Other;
  /// The other operand, as written.
  const clang::Expr *OtherExpr;
  /// FreshRead: the pointer read through (null when not a variable);
  /// Local: the local compared with.
  const clang::VarDecl *OtherVar;
  /// Whether the comparison is true when the values differ.
  bool TrueWhenDiffer;
};

struct WalkerFunction {
  const clang::FunctionDecl *Fn;
  /// Reaches a speculative get.  False for a function here only as an
  /// IRQ-off snapshot walker that pins with unconditional gets.
  bool Speculative = true;
  std::unique_ptr<FunctionFlow> Flow;
  llvm::SmallVector<FlowSnapshot, 4> Snapshots;
  llvm::SmallVector<PinSite, 2> Pins;
  llvm::SmallVector<EntryComparison, 4> Comparisons;
  /// Each comparison of a snapshot and every expression around it up to
  /// its statement, with the snapshots compared: `unlikely(a != x || b !=
  /// y)` merges both comparisons into one value, and paths through the
  /// merge have compared both.
  llvm::DenseMap<const clang::Stmt *,
                 llvm::SmallVector<const clang::VarDecl *, 2>>
      ComparedIn;
  /// Speculative gets, the unconditional gets of an IRQ-off snapshot
  /// walker, and calls of functions of the unit: the calls that may be
  /// pin sites once the unit's helpers are summarised.
  llvm::SmallVector<const clang::CallExpr *, 4> PinCandidates;
  /// The unconditional gets that pin, in an IRQ-off snapshot walker.
  llvm::SmallVector<const clang::CallExpr *, 2> UnconditionalPins;
  /// Calls of functions defined in the unit, with the callee.
  llvm::SmallVector<std::pair<const clang::FunctionDecl *,
                              const clang::CallExpr *>,
                    4>
      LocalCalls;

  const FlowSnapshot *snapshot(const clang::VarDecl *V) const;
  /// The snapshots a pin depends on: its own, plus the table pmd of each
  /// pte among them.
  llvm::SmallSetVector<const clang::VarDecl *, 4>
  dependencies(const PinSite &Pin) const;
  /// Whether evaluating S compares snapshot V with something.
  bool compares(const clang::Stmt *S, const clang::VarDecl *V) const;
  /// Whether S stores a new value in one of VARS (a loop's next read).
  bool redefines(const clang::Stmt *S,
                 llvm::ArrayRef<const clang::VarDecl *> Vars) const;
  /// The snapshots among VARS read by S's value (roots of S).
  llvm::SmallSetVector<const clang::VarDecl *, 2>
  snapshotsOf(const clang::Expr *E) const;
  /// Parameter index of V, or -1.
  int paramIndex(const clang::VarDecl *V) const;
  /// Whether C is a copy of snapshot V's bits at another level, every
  /// value stored in it read through V's address (`pte_t pte = *(pte_t
  /// *)&pmd`, x86's huge-pmd walker before 4.13): a test of C tests V.
  bool copies(const clang::VarDecl *C, const clang::VarDecl *V) const;
  /// Whether S reads V, or a copy of it.
  bool readsSnapshot(const clang::Stmt *S, const clang::VarDecl *V) const;
};

class WalkerFlow {
public:
  WalkerFlow(clang::ASTContext &Ctx, const EntryTypes &Types,
             const WalkerModel &Model);

  /// Builds the functions that can reach a pin and have a snapshot.
  void build();

  const llvm::MapVector<const clang::FunctionDecl *,
                        std::unique_ptr<WalkerFunction>> &
  functions() const {
    return Functions;
  }
  const WalkerFunction *function(const clang::FunctionDecl *FD) const;

  /// The calls of FD from analysed functions of the unit.
  llvm::SmallVector<std::pair<const WalkerFunction *, const clang::CallExpr *>,
                    2>
  callersOf(const clang::FunctionDecl *FD) const;

  /// Whether a function of the unit calls FD at all.
  bool hasCaller(const clang::FunctionDecl *FD) const;

  clang::ASTContext &context() const { return Ctx; }
  const EntryTypes &types() const { return Types; }

private:
  void analyse(WalkerFunction &W);
  void findPins(WalkerFunction &W);
  bool hugetlbPointer(const WalkerFunction &W, const clang::VarDecl *P) const;

  clang::ASTContext &Ctx;
  const EntryTypes &Types;
  const WalkerModel &Model;
  llvm::MapVector<const clang::FunctionDecl *, std::unique_ptr<WalkerFunction>>
      Functions;
  /// Parameter indices through which a function of the unit pins a page.
  llvm::DenseMap<const clang::FunctionDecl *, llvm::SmallVector<unsigned, 2>>
      PinsThrough;
  /// Functions of the unit that add to the count of the page they are
  /// passed, with its parameter index (countHelpers()).
  llvm::DenseMap<const clang::FunctionDecl *, unsigned> CountHelpers;
  llvm::DenseMap<const clang::FunctionDecl *, unsigned> CallCount;
};

/// A branch of the CFG: successor Index of Block.
struct CFGEdge {
  const clang::CFGBlock *Block = nullptr;
  unsigned Index = 0;
  explicit operator bool() const { return Block != nullptr; }
  const clang::CFGBlock *target() const;
};

/// The branch taken when PIN succeeded, when the pin's own block ends by
/// testing it (`if (!folio)`, `if (!try_grab_page(...))`).
CFGEdge pinSuccessEdge(const WalkerFunction &W, const PinSite &Pin);

/// The branch taken when the entries of CMP differ, when a block ends by
/// testing CMP.
CFGEdge mismatchEdge(const WalkerFunction &W, const EntryComparison &Cmp);

/// The variable that receives PIN's result (`folio = try_grab_folio()`).
const clang::VarDecl *pinResult(const WalkerFunction &W, const PinSite &Pin);

/// A publish: an increment of a count through a pointer (`(*nr)++`,
/// `*nr += refs`) or a `return` of a non-zero constant.  NR, when given,
/// receives the count pointer of an increment.
bool isPublish(const clang::Stmt *S, clang::ASTContext &Ctx,
               const clang::VarDecl **NR = nullptr);

/// Strips what does not change a condition's truth: parentheses, casts,
/// `__builtin_expect()` and `!!`; NEGATED says whether an odd number of
/// `!` was stripped.
const clang::Expr *conditionCore(const clang::Expr *E, bool &Negated);

/// The variable E names, after parentheses and casts, or null.
const clang::VarDecl *varOf(const clang::Expr *E);

/// The direct callee's name, or "".
llvm::StringRef calleeName(const clang::CallExpr *Call);

} // namespace ptwalk

#endif
