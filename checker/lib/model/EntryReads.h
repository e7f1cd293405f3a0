//===- EntryReads.h - Page-table entry types and their reads -*- C++ -*-===//
//
// Recognises the single-access reads of a page-table entry that a
// lockless snapshot may be taken with: `*p`, the era's READ_ONCE /
// ACCESS_ONCE, and the reader functions of api.def's READ_ONCE_ACCESS
// role (ptep_get, pmdp_get, huge_ptep_get).  Safe readers (SAFE_READ) are
// never single-access reads.
//
//===----------------------------------------------------------------------===//

#ifndef PTWALK_CHECKER_ENTRYREADS_H
#define PTWALK_CHECKER_ENTRYREADS_H

#include "Catalogue.h"

#include "clang/AST/Type.h"
#include "clang/Basic/SourceLocation.h"
#include <optional>
#include "llvm/ADT/StringRef.h"

#include <string>

namespace clang {
class ASTContext;
class Expr;
} // namespace clang

namespace ptwalk {

/// The entry types the translation unit declares (pte_t, pmd_t, pud_t).
/// pud snapshots matter to the re-check rules (a pud leaf is pinned like
/// a pmd leaf); torn-read stops at pmd: see rules/docs/torn-read.md.
/// p4d and pgd leaves are left out: no walker of today pins from one it
/// read itself without a pud (gup_fast_pgd_leaf is for hugepd-era
/// powerpc).
class EntryTypes {
public:
  explicit EntryTypes(clang::ASTContext &Ctx);

  /// Whether the translation unit declares any entry type at all; a TU
  /// without one has no page-table walker and is skipped.
  bool empty() const { return Pte.isNull() && Pmd.isNull() && Pud.isNull(); }

  /// The level of an entry of type T (qualifiers ignored), or none.
  std::optional<Level> levelOf(clang::QualType T) const;

  /// Whether T is an entry type of any level, p4d_t and pgd_t included:
  /// folded levels wrap one another (i386 PAE's pud_val(x) is
  /// p4d_val((x).p4d), which is pgd_val(...)), and a value seen through
  /// such wrappers is still the entry.
  bool isEntryLike(clang::QualType T) const;

  clang::QualType typeOf(Level L) const {
    return L == Level::pud ? Pud : L == Level::pmd ? Pmd : Pte;
  }

  /// The entry a comparison operand stands for: `pte_val(x)`, `x.pte`
  /// and the like give x; anything else is itself.
  const clang::Expr *comparedEntry(const clang::Expr *E) const;

private:
  clang::QualType Pte, Pmd, Pud; ///< canonical, unqualified
  clang::QualType P4d, Pgd;
};

/// One single-access read of a whole entry.
struct SingleRead {
  Level Lvl;
  /// How the entry is read: a macro or function name of api.def, or "*".
  std::string Reader;
  /// The reader's first token in the file: the macro's expansion site, the
  /// callee's name, or the `*`.  Findings are reported here.
  clang::SourceLocation Loc;
  /// The whole read in the file, for a fix-it.
  clang::CharSourceRange Range;
  /// The read as written, e.g. "READ_ONCE(*pmdp)".
  std::string Text;
  /// The entry pointer as written ("pmdp"), when the read spells it out.
  std::string Pointer;
};

/// Whether E (the initialiser or right-hand side of a snapshot) is a
/// single-access read of a pte or pmd.
std::optional<SingleRead> recogniseSingleRead(const clang::Expr *E,
                                               clang::ASTContext &Ctx,
                                               const EntryTypes &Types);

} // namespace ptwalk

#endif
