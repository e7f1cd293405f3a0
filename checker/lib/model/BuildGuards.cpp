//===- BuildGuards.cpp - BUILD_BUG_ON(sizeof(pte_t) ...) guards -----------===//

#include "BuildGuards.h"

#include "clang/Lex/MacroArgs.h"
#include "clang/Lex/PPCallbacks.h"
#include "clang/Lex/Preprocessor.h"

using namespace clang;

namespace ptwalk {

namespace {

class GuardCallbacks : public PPCallbacks {
public:
  GuardCallbacks(Preprocessor &PP, std::shared_ptr<BuildGuards> Out)
      : BuildBugOn(PP.getIdentifierInfo("BUILD_BUG_ON")),
        SizeOf(PP.getIdentifierInfo("sizeof")),
        PteT(PP.getIdentifierInfo("pte_t")),
        PmdT(PP.getIdentifierInfo("pmd_t")), Out(std::move(Out)) {}

  void MacroExpands(const Token &Name, const MacroDefinition &,
                    SourceRange Range, const MacroArgs *Args) override {
    if (Name.getIdentifierInfo() != BuildBugOn || !Args ||
        Args->getNumMacroArguments() < 1)
      return;
    // The unexpanded condition: sizeof followed, later in the condition,
    // by the entry type's name.
    bool SawSizeOf = false;
    for (const Token *T = Args->getUnexpArgument(0); T->isNot(tok::eof); ++T) {
      const IdentifierInfo *II = T->getIdentifierInfo();
      if (T->is(tok::kw_sizeof) || II == SizeOf)
        SawSizeOf = true;
      else if (SawSizeOf && II == PteT && Out->Pte.isInvalid())
        Out->Pte = Range.getBegin();
      else if (SawSizeOf && II == PmdT && Out->Pmd.isInvalid())
        Out->Pmd = Range.getBegin();
    }
  }

private:
  const IdentifierInfo *BuildBugOn, *SizeOf, *PteT, *PmdT;
  std::shared_ptr<BuildGuards> Out;
};

} // namespace

std::unique_ptr<PPCallbacks>
makeBuildGuardCallbacks(Preprocessor &PP, std::shared_ptr<BuildGuards> Out) {
  return std::make_unique<GuardCallbacks>(PP, std::move(Out));
}

} // namespace ptwalk
