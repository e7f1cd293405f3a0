//===- CopyOffsets.h - Entry pointers taken from a stack copy -*- C++ -*-===//
//
// `pmd_offset(&pud, addr)`: a lower-level entry pointer derived (api.def's
// OFFSET role) from the address of a local copy of the upper entry
// instead of from the table.  On a folded level *_offset() returns its
// argument cast to the lower type, so the "table" is the copy on the
// stack.  Since d3f7b1bb2040 (5.9) the kernel has the lockless forms
// p4d/pud/pmd_offset_lockless(upperp, upper, addr), which take both and
// let the architecture choose; the generic ones are macros that expand
// to exactly `pmd_offset(&(pud), address)`, so an `&` that a macro body
// spells, rather than the walker, is not the walker's doing.
//
//===----------------------------------------------------------------------===//

#ifndef PTWALK_CHECKER_COPYOFFSETS_H
#define PTWALK_CHECKER_COPYOFFSETS_H

#include "Catalogue.h"

#include "llvm/ADT/SmallVector.h"

#include <optional>

namespace clang {
class ASTContext;
class CallExpr;
class Preprocessor;
class Stmt;
class VarDecl;
} // namespace clang

namespace ptwalk {

class EntryTypes;
class FunctionFlow;

/// One `*_offset(&copy, addr)` the function's own code writes.
struct CopyOffset {
  const clang::CallExpr *Call;
  /// The OFFSET row of the callee: the level of the pointer derived.
  const ApiEntry *Api;
  /// The local or parameter of entry type whose address is taken.
  const clang::VarDecl *Copy;
  /// The local the pointer is stored in (`pmdp = pmd_offset(...)`; of a
  /// chain `a = b = ...`, the one stepped), null when the value is used
  /// in place (`READ_ONCE(*pmd_offset(...))`).
  const clang::VarDecl *Cursor;
  /// Where the cursor is stepped (`p++`, `++p`, `p += n`), walking on
  /// from the copy: past it, on a level folded at run time.  Null when
  /// it is not.
  const clang::Stmt *Step;
};

/// The p4d/pud/pmd_offset() calls of FLOW's function whose first argument
/// is the address of a local entry copy, written as such in the function
/// and not spelled by the body of a macro that is itself an OFFSET API.
llvm::SmallVector<CopyOffset, 2> copyOffsets(const FunctionFlow &Flow,
                                             clang::ASTContext &Ctx,
                                             const EntryTypes &Types);

/// The kernel version of d3f7b1bb2040, which added the lockless forms:
/// api.def's OFFSET rows since then are those forms.
constexpr unsigned LocklessOffsetsSince = kernelVersion(5, 9);

/// Whether the unit has the lockless forms: its kernel version is 5.9 or
/// later, or it declares one of them (a macro or a function).
bool hasLocklessOffsets(clang::ASTContext &Ctx, clang::Preprocessor &PP,
                        std::optional<unsigned> KernelVersion);

} // namespace ptwalk

#endif
