//===- RuleContext.cpp - What every rule is given -------------------------===//

#include "RuleContext.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/Lex/Preprocessor.h"

using namespace clang;

namespace ptwalk {

llvm::StringRef RuleContext::declared(ApiRole Role, Level L) const {
  for (const ApiEntry *Api : apisOfRole(Role)) {
    if (Api->Lvl != L)
      continue;
    if (PP.isMacroDefined(Api->Name))
      return Api->Name;
    for (const NamedDecl *D :
         Ctx.getTranslationUnitDecl()->lookup(&Ctx.Idents.get(Api->Name)))
      if (isa<FunctionDecl>(D))
        return Api->Name;
  }
  return "";
}

} // namespace ptwalk
