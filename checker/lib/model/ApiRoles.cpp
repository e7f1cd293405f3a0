//===- ApiRoles.cpp - The role a call of a kernel API has -----------------===//

#include "ApiRoles.h"

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;

namespace ptwalk {

/// Whether a function returning T can have RESULT's meaning.
static bool returnShows(ApiResult Result, QualType T) {
  T = T.getCanonicalType();
  switch (Result) {
  case ApiResult::ptr:
    return T->isPointerType();
  case ApiResult::truth:
    return T->isIntegerType();
  case ApiResult::status:
    return T->isIntegerType() && !T->isBooleanType();
  case ApiResult::none:
    return true;
  }
  return true;
}

const ApiEntry *ApiRoles::roleOf(const FunctionDecl *FD, ApiRole Role) const {
  if (!FD || !FD->getIdentifier())
    return nullptr;
  llvm::SmallVector<const ApiEntry *, 2> Rows = apisNamed(FD->getName());
  if (Rows.empty())
    return nullptr;
  // A name of one role has it in every version: a unit only declares the
  // names of its own kernel.
  const ApiEntry *Chosen = Rows.front();
  bool ChangesRole = llvm::any_of(
      Rows, [&](const ApiEntry *E) { return E->Role != Chosen->Role; });
  if (ChangesRole) {
    llvm::SmallVector<const ApiEntry *, 2> Shown;
    for (const ApiEntry *E : Rows)
      if (returnShows(E->Result, FD->getReturnType()))
        Shown.push_back(E);
    auto InVersion = [&](const ApiEntry *E) {
      return Version && E->inVersion(*Version);
    };
    auto Newest = [](const ApiEntry *E) {
      return E->Until == KernelVersionOpen;
    };
    if (Shown.size() == 1)
      Chosen = Shown.front();
    else if (auto It = llvm::find_if(Rows, InVersion); It != Rows.end())
      Chosen = *It;
    else if (auto It = llvm::find_if(Rows, Newest); It != Rows.end())
      Chosen = *It;
  }
  return Chosen && Chosen->Role == Role ? Chosen : nullptr;
}

const ApiEntry *ApiRoles::roleOf(const CallExpr *Call, ApiRole Role) const {
  return roleOf(Call->getDirectCallee(), Role);
}

} // namespace ptwalk
