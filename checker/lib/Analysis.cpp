//===- Analysis.cpp - The Clang engine on one translation unit ------------===//

#include "Analysis.h"
#include "BuildGuards.h"
#include "Rules.h"
#include "KernelVersion.h"
#include "LockAssertions.h"
#include "RuleContext.h"
#include "WalkerList.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang;

namespace ptwalk {

namespace {

struct RuleEntry {
  llvm::StringLiteral Name;
  void (*Check)(RuleContext &);
};

/// The rules this engine implements, by rules/rules.def id.
const RuleEntry Rules[] = {
    {"numa-hint", checkNumaHint},
    {"torn-read", checkTornRead},
    {"no-recheck", checkNoRecheck},
    {"stale-recheck", checkStaleRecheck},
    {"recheck-leak", checkRecheckLeak},
    {"special", checkSpecial},
    {"write-perm", checkWritePerm},
    {"irq-region", checkIrqRegion},
    {"vm-bug-on-page", checkVmBugOnPage},
    {"splitting", checkSplitting},
    {"offset-on-copy", checkOffsetOnCopy},
    {"unmap-balance", checkUnmapBalance},
    {"double-read", checkDoubleRead},
    {"unsafe-get", checkUnsafeGet},
};

class AnalysisConsumer : public ASTConsumer {
public:
  AnalysisConsumer(CompilerInstance &CI, Options Opts,
                   std::shared_ptr<BuildGuards> Guards,
                   std::shared_ptr<LockAssertions> Asserts)
      : CI(CI), Opts(std::move(Opts)), Guards(std::move(Guards)),
        Asserts(std::move(Asserts)) {}

  void HandleTranslationUnit(ASTContext &Ctx) override {
    // A unit that failed to compile is not analysed: its AST may be
    // partial, and the user has errors to fix first.
    if (CI.getDiagnostics().hasErrorOccurred())
      return;
    EntryTypes Types(Ctx);
    if (Types.empty())
      return; // no page tables here
    ApiRoles Roles(unitKernelVersion(CI.getPreprocessor(), Opts.KernelVersion));
    WalkerModel Model(Ctx, Types, Roles, *Asserts);
    Model.build();
    WalkerFlow Flow(Ctx, Types, Model);
    Flow.build();
    Reporter Report(CI.getDiagnostics(), Opts.FindingsAreErrors);
    RuleContext RC{Ctx,    CI.getPreprocessor(), Types, Model,
                   Flow,   *Guards,              Report};
    for (const RuleEntry &R : Rules)
      if (Opts.enabled(R.Name))
        R.Check(RC);
    if (Opts.ListWalkers)
      listWalkers(Ctx, Types, Model, llvm::outs());
  }

private:
  CompilerInstance &CI;
  Options Opts;
  std::shared_ptr<BuildGuards> Guards;
  std::shared_ptr<LockAssertions> Asserts;
};

} // namespace

std::unique_ptr<ASTConsumer> createAnalysisConsumer(CompilerInstance &CI,
                                                    Options Opts) {
  auto Guards = std::make_shared<BuildGuards>();
  auto Asserts = std::make_shared<LockAssertions>();
  Preprocessor &PP = CI.getPreprocessor();
  PP.addPPCallbacks(makeBuildGuardCallbacks(PP, Guards));
  PP.addPPCallbacks(makeLockAssertionCallbacks(PP, Asserts));
  return std::make_unique<AnalysisConsumer>(
      CI, std::move(Opts), std::move(Guards), std::move(Asserts));
}

} // namespace ptwalk
