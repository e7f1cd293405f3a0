//===- Reporter.cpp - ptwalk findings as clang diagnostics ----------------===//

#include "Reporter.h"

#include "llvm/ADT/Twine.h"

using namespace clang;

namespace ptwalk {

DiagnosticBuilder Reporter::finding(llvm::StringRef Rule, SourceLocation Loc,
                                    llvm::StringRef Format) {
  // DiagnosticIDs keeps one custom id per (level, format) pair, so asking
  // again for the same finding is a lookup.  (DiagnosticsEngine's own
  // getCustomDiagID only takes string literals.)
  unsigned Id = Diags.getDiagnosticIDs()->getCustomDiagID(
      FindingsAreErrors ? DiagnosticIDs::Error : DiagnosticIDs::Warning,
      (Format + " [ptwalk-" + Rule + "]").str());
  return Diags.Report(Loc, Id);
}

DiagnosticBuilder Reporter::note(SourceLocation Loc, llvm::StringRef Format) {
  return Diags.Report(
      Loc, Diags.getDiagnosticIDs()->getCustomDiagID(DiagnosticIDs::Note, Format));
}

} // namespace ptwalk
