//===- Catalogue.cpp - Rule ids and kernel API names from rules/ ----------===//

#include "Catalogue.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"

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

namespace {

/// The table's entries by name.  Every macro expansion and call of a unit
/// is looked up (tens of thousands in mm/gup.c, most of them misses), so
/// a scan of the table per lookup was a third of the analysis's cost.
class ApiIndex {
public:
  ApiIndex() {
    for (const ApiEntry &E : ApiTable)
      ByName[E.Name].push_back(&E);
  }
  ArrayRef<const ApiEntry *> named(StringRef Name) const {
    auto It = ByName.find(Name);
    if (It == ByName.end())
      return {};
    return It->second;
  }

private:
  StringMap<SmallVector<const ApiEntry *, 2>> ByName;
};

const ApiIndex &apiIndex() {
  static const ApiIndex Index;
  return Index;
}

} // namespace

const ApiEntry *findApi(StringRef Name, ApiRole Role) {
  for (const ApiEntry *E : apiIndex().named(Name))
    if (E->Role == Role)
      return E;
  return nullptr;
}

SmallVector<const ApiEntry *, 2> apisNamed(StringRef Name) {
  ArrayRef<const ApiEntry *> Found = apiIndex().named(Name);
  return SmallVector<const ApiEntry *, 2>(Found.begin(), Found.end());
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
