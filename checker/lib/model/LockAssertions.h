//===- LockAssertions.h - assert_spin_locked(pmd_lockptr(...)) -*- C++ -*-===//
//
// A function that asserts the page-table lock runs under it: 6.12's
// follow_huge_pmd() reads `*pmd` and then asserts
// assert_spin_locked(pmd_lockptr(mm, pmd)).  In a kernel build the
// assertions are macros (assert_spin_locked() expands to a BUG_ON of
// raw_spin_is_locked(), lockdep_assert_held() to nothing without
// lockdep), so they are seen in the preprocessor: an expansion of an
// api.def PT_LOCK_ASSERT macro whose argument names a page-table lock (a
// PT_LOCKPTR call, ptl or page_table_lock; not mmap_lock).
//
//===----------------------------------------------------------------------===//

#ifndef PTWALK_CHECKER_LOCKASSERTIONS_H
#define PTWALK_CHECKER_LOCKASSERTIONS_H

#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/SmallVector.h"

#include <memory>

namespace clang {
class PPCallbacks;
class Preprocessor;
class SourceManager;
class Stmt;
} // namespace clang

namespace ptwalk {

struct LockAssertions {
  /// Where each assertion of a page-table lock was expanded.
  llvm::SmallVector<clang::SourceLocation, 4> Sites;

  /// Whether one of them lies within BODY.
  bool within(const clang::Stmt *Body, const clang::SourceManager &SM) const;
};

/// Preprocessor callbacks that record the assertions of PP's unit in OUT.
std::unique_ptr<clang::PPCallbacks>
makeLockAssertionCallbacks(clang::Preprocessor &PP,
                           std::shared_ptr<LockAssertions> Out);

} // namespace ptwalk

#endif
