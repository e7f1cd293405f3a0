//===- RuleContext.h - What every rule is given -*- C++ -*-===//

#ifndef PTWALK_CHECKER_RULECONTEXT_H
#define PTWALK_CHECKER_RULECONTEXT_H

#include "BuildGuards.h"
#include "EntryReads.h"
#include "Reporter.h"
#include "WalkerFlow.h"
#include "WalkerModel.h"

namespace clang {
class ASTContext;
class Preprocessor;
} // namespace clang

namespace ptwalk {

class RuleContext {
public:
  clang::ASTContext &Ctx;
  clang::Preprocessor &PP;
  const EntryTypes &Types;
  const WalkerModel &Model;
  const WalkerFlow &Flow;
  const BuildGuards &Guards;
  Reporter &Report;

  /// The API of ROLE at level L that the translation unit declares, as a
  /// function or a macro, the first in api.def's order; "" if none.  Advice names what the code at hand can call.
  llvm::StringRef declared(ApiRole Role, Level L) const;
};

} // namespace ptwalk

#endif
