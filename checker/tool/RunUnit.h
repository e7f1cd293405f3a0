//===- RunUnit.h - The analysis on one compile command -*- C++ -*-===//

#ifndef PTWALK_TOOL_RUNUNIT_H
#define PTWALK_TOOL_RUNUNIT_H

#include "Options.h"

#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Support/MemoryBuffer.h"

#include <memory>

namespace ptwalk {

struct UnitResult {
  unsigned Findings = 0;
  /// The unit did not compile (or the driver refused the command): it was
  /// not analysed, which is never the same as clean.
  bool Trouble = false;
};

/// Runs clang -fsyntax-only with the analysis on COMMAND (already
/// adjusted), in COMMAND.Directory.  Diagnostics go to standard error.
/// With TEXT, the compiler reads it in place of COMMAND's file, which
/// keeps its name, so that its "..." includes and the findings' names
/// are the tree's.
UnitResult runUnit(const clang::tooling::CompileCommand &Command,
                   const Options &Opts,
                   std::unique_ptr<llvm::MemoryBuffer> Text = nullptr);

} // namespace ptwalk

#endif
