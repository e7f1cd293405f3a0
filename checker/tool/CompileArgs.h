//===- CompileArgs.h - Compiler command lines fit for analysis -*- C++ -*-===//
//
// ptwalk-clang gets compiler command lines from two places: a compilation
// database, and Kbuild's `make C=1 CHECK=ptwalk-clang`, which runs
//   $(CHECK) $(CHECKFLAGS) $(c_flags) file.c
// with flags meant for sparse mixed in.  These adjusters turn either into
// a -fsyntax-only run of the clang this tool is built against.
//
//===----------------------------------------------------------------------===//

#ifndef PTWALK_TOOL_COMPILEARGS_H
#define PTWALK_TOOL_COMPILEARGS_H

#include "clang/Tooling/ArgumentsAdjusters.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace ptwalk {

/// ptwalk-clang's command line split: its own words (the plugin's
/// options, "--" dropped), -p BUILD_DIR, --text-from=COPY, and the rest
/// (files with -p; compiler flags then the file in CHECK= mode).
struct ToolArgs {
  std::vector<std::string> Words;
  std::vector<std::string> Rest;
  std::string BuildDir;
  bool HaveBuildDir = false;
  /// Patch review: the one FILE is compiled with its own command, on the
  /// text of this file (a patched copy), so that its includes, flags and
  /// directory are the tree's.
  std::string TextFrom;
  /// --parseable-fixits: the fix-its of findings as machine-readable
  /// "fix-it:" lines (clang's -fdiagnostics-parseable-fixits), which the
  /// ptwalk driver reads for --fix and the fix of JSON and SARIF.
  bool ParseableFixits = false;
};

/// Splits ARGS (without the program name); an error says what is wrong.
llvm::Expected<ToolArgs> splitToolArgs(llvm::ArrayRef<const char *> Args);

/// CHECK= mode: the clang command line for REST (flags, the file last),
/// and the file; an error when no file comes last.
llvm::Expected<std::vector<std::string>>
checkModeCommandLine(llvm::ArrayRef<std::string> Rest, std::string &File);

/// Both modes: syntax only, no output or dependency files (Kbuild's
/// c_flags carry -Wp,-MMD,<depfile>, which fixdep has already consumed),
/// no plugins (a -fplugin=ptwalk.so from KCFLAGS would report twice), no
/// __CHECKER__, and the resource directory of our clang.
clang::tooling::ArgumentsAdjuster analysisAdjuster();

/// Appends -fdiagnostics-parseable-fixits, and -fcaret-diagnostics
/// without which clang prints no fix-it: whatever the command line says,
/// a fix must reach the driver.
clang::tooling::ArgumentsAdjuster parseableFixitsAdjuster();

/// CHECK= mode only: drops what sparse understands and clang rejects.
clang::tooling::ArgumentsAdjuster sparseFlagsAdjuster();

} // namespace ptwalk

#endif
