//===- ApiRoles.h - The role a call of a kernel API has -*- C++ -*-===//
//
// api.def gives each name its roles by kernel version.  Most names keep
// one role; a name that changed role (try_grab_folio(): GUP-fast's
// speculative get until 6.10, the slow path's grab under the page-table
// lock since) has the role its declaration shows, through api.def's
// result column: a pointer return is a `ptr` row, an integer one a
// `status` or `truth` row.  Only where that does not single out one row
// does the unit's kernel version decide, and without a version the
// newest row does (code written today is written against it).
//
//===----------------------------------------------------------------------===//

#ifndef PTWALK_CHECKER_APIROLES_H
#define PTWALK_CHECKER_APIROLES_H

#include "Catalogue.h"

#include <optional>

namespace clang {
class CallExpr;
class FunctionDecl;
} // namespace clang

namespace ptwalk {

class ApiRoles {
public:
  explicit ApiRoles(std::optional<unsigned> KernelVersion)
      : Version(KernelVersion) {}

  /// The api.def row that a call of FD has, when its role is ROLE; null
  /// when FD is not an API of ROLE in this code.
  const ApiEntry *roleOf(const clang::FunctionDecl *FD, ApiRole Role) const;
  const ApiEntry *roleOf(const clang::CallExpr *Call, ApiRole Role) const;

  /// A speculative get: the page may be freed under a lockless walker.
  bool isSpeculativeGet(const clang::CallExpr *Call) const {
    return roleOf(Call, ApiRole::SPEC_GET) != nullptr;
  }

  std::optional<unsigned> kernelVersion() const { return Version; }

private:
  std::optional<unsigned> Version;
};

} // namespace ptwalk

#endif
