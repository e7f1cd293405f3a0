//===- RunUnit.h - The analysis on one compile command -*- C++ -*-===//

#ifndef PTWALK_TOOL_RUNUNIT_H
#define PTWALK_TOOL_RUNUNIT_H

#include "Options.h"

#include "clang/Tooling/CompilationDatabase.h"

namespace ptwalk {

struct UnitResult {
  unsigned Findings = 0;
  /// The unit did not compile (or the driver refused the command): it was
  /// not analysed, which is never the same as clean.
  bool Trouble = false;
};

/// Runs clang -fsyntax-only with the analysis on COMMAND (already
/// adjusted), in COMMAND.Directory.  Diagnostics go to standard error.
UnitResult runUnit(const clang::tooling::CompileCommand &Command,
                   const Options &Opts);

} // namespace ptwalk

#endif
