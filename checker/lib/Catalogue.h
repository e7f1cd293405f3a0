//===- Catalogue.h - Rule ids and kernel API names from rules/ -*- C++ -*-===//
//
// The Clang engine's view of rules/rules.def and rules/api.def: the one
// source of rule ids and of the kernel API names each role covers.  Both
// files are X-macro tables, compiled in here so that the engine and the
// Coccinelle rules cannot drift apart silently.
//
//===----------------------------------------------------------------------===//

#ifndef PTWALK_CHECKER_CATALOGUE_H
#define PTWALK_CHECKER_CATALOGUE_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

namespace ptwalk {

/// The roles of rules/api.def.  A role added there without an entry here
/// fails to compile, which is the point.
enum class ApiRole {
  READ_ONCE_ACCESS,
  SAFE_READ,
  SPEC_GET,
  LOCKED_GET,
  UNCOND_GET,
  RELEASE,
  NUMA_PRED,
  WRITE_PRED,
  SPECIAL_PRED,
  OFFSET,
  PTE_MAP,
  PTE_UNMAP,
  SPLIT_PRED,
  LEAF_PRED,
  ENTRY_VAL,
  ENTRY_SAME,
  PT_LOCK,
  PT_LOCK_ASSERT,
  PT_LOCKPTR,
  IRQ_OFF,
  IRQ_ON,
  SLEEPS,
};

/// What a get's value says: api.def's result column.
enum class ApiResult { none, ptr, truth, status };

/// Kernel versions as LINUX_VERSION_CODE spells them (KERNEL_VERSION(a, b,
/// 0)); api.def's KV(0, 0) is 0 and KV_OPEN is KernelVersionOpen.
constexpr unsigned kernelVersion(unsigned Major, unsigned Minor) {
  return Major << 16 | Minor << 8;
}
constexpr unsigned KernelVersionOpen = 0x7fffffff;

/// Page-table levels, as api.def spells them.  Names are lower case so
/// that the table's tokens can be used as they are.
enum class Level { pte, pmd, pud, p4d, pgd, any };

llvm::StringRef levelName(Level L);

struct ApiEntry {
  ApiRole Role;
  Level Lvl;
  unsigned Since, Until; ///< the versions [Since, Until) of the role
  ApiResult Result;
  llvm::StringRef Name;

  bool inVersion(unsigned Version) const {
    return Since <= Version && Version < Until;
  }
};

/// The entry of api.def for NAME in ROLE, or null.  Every version's names
/// are accepted: a translation unit only declares the names of its own
/// kernel.  A name that changes role (try_grab_folio) has an entry in each
/// of its roles; which one a call has is decided by ApiRoles (Roles.h).
const ApiEntry *findApi(llvm::StringRef Name, ApiRole Role);

/// Every entry for NAME, in table order.
llvm::SmallVector<const ApiEntry *, 2> apisNamed(llvm::StringRef Name);

/// Every entry of ROLE, in table order.
llvm::SmallVector<const ApiEntry *, 8> apisOfRole(ApiRole Role);

struct RuleInfo {
  llvm::StringRef Name; ///< printed as [ptwalk-<Name>]
  llvm::StringRef Engines;
};

/// The rules of rules/rules.def.
llvm::ArrayRef<RuleInfo> catalogueRules();
const RuleInfo *findRule(llvm::StringRef Name);

/// Whether the architecture of arch/DIR/ has NUMA balancing in ERA (3 or
/// 6), by rules/arch.def; true for a directory the table does not know.
bool archHasNumaBalancing(llvm::StringRef Dir, int Era);

} // namespace ptwalk

#endif
