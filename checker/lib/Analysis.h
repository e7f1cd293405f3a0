//===- Analysis.h - The Clang engine on one translation unit -*- C++ -*-===//
//
// The one entry point both front doors use: an ASTConsumer that builds the
// walker model of the translation unit and runs the enabled rules on it.
// It only reads the AST, so it can run after codegen without changing it.
//
//===----------------------------------------------------------------------===//

#ifndef PTWALK_CHECKER_ANALYSIS_H
#define PTWALK_CHECKER_ANALYSIS_H

#include "Options.h"

#include <memory>

namespace clang {
class ASTConsumer;
class CompilerInstance;
} // namespace clang

namespace ptwalk {

/// Also installs CI's preprocessor callbacks; call it before parsing.
std::unique_ptr<clang::ASTConsumer>
createAnalysisConsumer(clang::CompilerInstance &CI, Options Opts);

} // namespace ptwalk

#endif
