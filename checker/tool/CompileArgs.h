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

namespace ptwalk {

/// Both modes: syntax only, no output or dependency files (Kbuild's
/// c_flags carry -Wp,-MMD,<depfile>, which fixdep has already consumed),
/// no plugins (a -fplugin=ptwalk.so from KCFLAGS would report twice), no
/// __CHECKER__, and the resource directory of our clang.
clang::tooling::ArgumentsAdjuster analysisAdjuster();

/// CHECK= mode only: drops what sparse understands and clang rejects.
clang::tooling::ArgumentsAdjuster sparseFlagsAdjuster();

} // namespace ptwalk

#endif
