//===- LockAssertions.cpp - assert_spin_locked(pmd_lockptr(...)) ----------===//

#include "LockAssertions.h"
#include "Catalogue.h"

#include "clang/AST/Stmt.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/MacroArgs.h"
#include "clang/Lex/PPCallbacks.h"
#include "clang/Lex/Preprocessor.h"

using namespace clang;

namespace ptwalk {

bool LockAssertions::within(const Stmt *Body,
                            const SourceManager &SM) const {
  if (!Body || Sites.empty())
    return false;
  SourceRange R = Body->getSourceRange();
  SourceLocation Begin = SM.getExpansionLoc(R.getBegin());
  SourceLocation End = SM.getExpansionLoc(R.getEnd());
  for (SourceLocation Site : Sites)
    if (!SM.isBeforeInTranslationUnit(Site, Begin) &&
        !SM.isBeforeInTranslationUnit(End, Site))
      return true;
  return false;
}

namespace {

class AssertionCallbacks : public PPCallbacks {
public:
  explicit AssertionCallbacks(std::shared_ptr<LockAssertions> Out)
      : Out(std::move(Out)) {}

  void MacroExpands(const Token &Name, const MacroDefinition &,
                    SourceRange Range, const MacroArgs *Args) override {
    const IdentifierInfo *II = Name.getIdentifierInfo();
    if (!II || !Args || Args->getNumMacroArguments() < 1 ||
        !findApi(II->getName(), ApiRole::PT_LOCK_ASSERT))
      return;
    for (const Token *T = Args->getUnexpArgument(0); T->isNot(tok::eof); ++T) {
      const IdentifierInfo *Word = T->getIdentifierInfo();
      if (!Word)
        continue;
      llvm::StringRef W = Word->getName();
      if (W == "ptl" || W == "page_table_lock" ||
          findApi(W, ApiRole::PT_LOCKPTR)) {
        Out->Sites.push_back(Range.getBegin());
        return;
      }
    }
  }

private:
  std::shared_ptr<LockAssertions> Out;
};

} // namespace

std::unique_ptr<PPCallbacks>
makeLockAssertionCallbacks(Preprocessor &PP,
                           std::shared_ptr<LockAssertions> Out) {
  return std::make_unique<AssertionCallbacks>(std::move(Out));
}

} // namespace ptwalk
