//===- BuildGuards.h - BUILD_BUG_ON(sizeof(pte_t) ...) guards -*- C++ -*-===//
//
// A translation unit may state that it is not built where an entry is
// wider than a word: BUILD_BUG_ON(sizeof(pte_t) > sizeof(long)).  As in
// cocci/torn-read.cocci, a BUILD_BUG_ON that names sizeof of a level's
// entry type anywhere in the unit silences torn-read for that level.  The
// guard is a macro, so it is seen in the preprocessor, where it is cheap:
// one pointer comparison per macro expansion.
//
//===----------------------------------------------------------------------===//

#ifndef PTWALK_CHECKER_BUILDGUARDS_H
#define PTWALK_CHECKER_BUILDGUARDS_H

#include "Catalogue.h"

#include "clang/Basic/SourceLocation.h"

#include <memory>

namespace clang {
class PPCallbacks;
class Preprocessor;
} // namespace clang

namespace ptwalk {

struct BuildGuards {
  clang::SourceLocation Pte, Pmd; ///< the first guard of each level

  bool guards(Level L) const {
    return (L == Level::pte ? Pte : L == Level::pmd ? Pmd : clang::SourceLocation())
        .isValid();
  }
};

/// Preprocessor callbacks that record the guards of PP's unit in OUT.
std::unique_ptr<clang::PPCallbacks>
makeBuildGuardCallbacks(clang::Preprocessor &PP,
                        std::shared_ptr<BuildGuards> Out);

} // namespace ptwalk

#endif
