//===- Catalogue.cpp - Rule ids and kernel API names from rules/ ----------===//

#include "Catalogue.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"

using namespace llvm;

namespace ptwalk {

#define KV(Major, Minor) kernelVersion(Major, Minor)
#define KV_OPEN KernelVersionOpen
static const ApiEntry ApiTable[] = {
#define PTWALK_API(role, level, since, until, result, name)                    \
  {ApiRole::role, Level::level, since, until, ApiResult::result, #name},
#include "api.def"
#undef PTWALK_API
};
#undef KV_OPEN
#undef KV

static const RuleInfo RuleTable[] = {
#define PTWALK_RULE(id, name, severity, priority, engines, summary)            \
  {name, engines},
#include "rules.def"
#undef PTWALK_RULE
};

StringRef levelName(Level L) {
  switch (L) {
  case Level::pte:
    return "pte";
  case Level::pmd:
    return "pmd";
  case Level::pud:
    return "pud";
  case Level::p4d:
    return "p4d";
  case Level::pgd:
    return "pgd";
  case Level::any:
    return "any";
  }
  llvm_unreachable("unknown level");
}

// The table has some sixty entries: a linear scan per lookup is cheaper
// than building a map, and lookups only happen on calls and reads that
// already passed a cheaper filter.
const ApiEntry *findApi(StringRef Name, ApiRole Role) {
  for (const ApiEntry &E : ApiTable)
    if (E.Role == Role && E.Name == Name)
      return &E;
  return nullptr;
}

SmallVector<const ApiEntry *, 2> apisNamed(StringRef Name) {
  SmallVector<const ApiEntry *, 2> Found;
  for (const ApiEntry &E : ApiTable)
    if (E.Name == Name)
      Found.push_back(&E);
  return Found;
}

SmallVector<const ApiEntry *, 8> apisOfRole(ApiRole Role) {
  SmallVector<const ApiEntry *, 8> Found;
  for (const ApiEntry &E : ApiTable)
    if (E.Role == Role)
      Found.push_back(&E);
  return Found;
}

ArrayRef<RuleInfo> catalogueRules() { return RuleTable; }

const RuleInfo *findRule(StringRef Name) {
  const RuleInfo *It =
      find_if(RuleTable, [&](const RuleInfo &R) { return R.Name == Name; });
  return It == std::end(RuleTable) ? nullptr : It;
}

namespace {
struct ArchEntry {
  llvm::StringLiteral Dir;
  bool Numa3, Numa6;
};
} // namespace

// The word-size and tearing columns are the Coccinelle engine's proxy;
// the Clang engine knows the sizes of the configuration it compiles.
static const ArchEntry Arches[] = {
#define PTWALK_ARCH(dir, bits, numa3, numa6, pte_tears, pmd_tears)             \
  {dir, numa3 != 0, numa6 != 0},
#include "arch.def"
#undef PTWALK_ARCH
};

bool archHasNumaBalancing(llvm::StringRef Dir, int Era) {
  for (const ArchEntry &A : Arches)
    if (A.Dir == Dir)
      return Era == 3 ? A.Numa3 : A.Numa6;
  return true;
}

} // namespace ptwalk
