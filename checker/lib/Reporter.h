//===- Reporter.h - ptwalk findings as clang diagnostics -*- C++ -*-===//
//
// Findings are clang diagnostics with custom ids, printed as
//   FILE:LINE:COL: warning: MESSAGE [ptwalk-RULE]
// Clang 14 does not promote custom warnings under -Werror, so the engine
// makes them errors itself when asked (kernel builds set CONFIG_WERROR).
//
//===----------------------------------------------------------------------===//

#ifndef PTWALK_CHECKER_REPORTER_H
#define PTWALK_CHECKER_REPORTER_H

#include "clang/Basic/Diagnostic.h"
#include "llvm/ADT/StringRef.h"

namespace ptwalk {

class Reporter {
public:
  Reporter(clang::DiagnosticsEngine &Diags, bool FindingsAreErrors)
      : Diags(Diags), FindingsAreErrors(FindingsAreErrors) {}

  /// A finding of RULE at LOC.  FORMAT is a clang diagnostic format
  /// (%0, %1, ...); the rule tag is appended.
  clang::DiagnosticBuilder finding(llvm::StringRef Rule,
                                   clang::SourceLocation Loc,
                                   llvm::StringRef Format);

  /// A note that explains the finding just reported.
  clang::DiagnosticBuilder note(clang::SourceLocation Loc,
                                llvm::StringRef Format);

private:
  clang::DiagnosticsEngine &Diags;
  bool FindingsAreErrors;
};

} // namespace ptwalk

#endif
