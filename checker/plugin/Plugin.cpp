//===- Plugin.cpp - ptwalk as a clang plugin ------------------------------===//
//
//   clang -fplugin=build/lib/ptwalk.so [-fplugin-arg-ptwalk-werror] ...
//
// Runs after the main action (codegen or -fsyntax-only), which it leaves
// undisturbed: the object file is the same with and without the plugin.
//
//===----------------------------------------------------------------------===//

#include "Analysis.h"
#include "Options.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Frontend/FrontendPluginRegistry.h"

using namespace clang;

namespace {

class PtwalkAction : public PluginASTAction {
protected:
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI,
                                                 llvm::StringRef) override {
    return ptwalk::createAnalysisConsumer(CI, Opts);
  }

  bool ParseArgs(const CompilerInstance &CI,
                 const std::vector<std::string> &Args) override {
    if (llvm::Error E = ptwalk::parseOptions(Args, Opts)) {
      DiagnosticsEngine &Diags = CI.getDiagnostics();
      Diags.Report(Diags.getCustomDiagID(DiagnosticsEngine::Error,
                                         "ptwalk plugin: %0"))
          << llvm::toString(std::move(E));
      return false;
    }
    return true;
  }

  ActionType getActionType() override { return AddAfterMainAction; }

private:
  ptwalk::Options Opts;
};

} // namespace

static FrontendPluginRegistry::Add<PtwalkAction>
    X("ptwalk", "checks lockless page-table walkers (ptwalk)");
