//===- IrqRegions.cpp - Where a function runs with IRQs off ---------------===//

#include "IrqRegions.h"
#include "FunctionFlow.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/SmallVector.h"

using namespace clang;

namespace ptwalk {

/// The macro CALL is the expansion of, as written in the file; "" for a
/// call written out, or written as a macro's argument (the argument's
/// call is not the macro's).
static llvm::StringRef expandedMacro(const CallExpr *Call, ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation Loc = Call->getBeginLoc();
  if (!Loc.isMacroID() || SM.isMacroArgExpansion(Loc))
    return "";
  SourceLocation Site = SM.getExpansionLoc(Loc);
  return Lexer::getSourceText(CharSourceRange::getTokenRange(Site), SM,
                              Ctx.getLangOpts());
}

static bool hasRole(const CallExpr *Call, ASTContext &Ctx, ApiRole Role) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (Callee && Callee->getIdentifier() && findApi(Callee->getName(), Role))
    return true;
  llvm::StringRef Macro = expandedMacro(Call, Ctx);
  return !Macro.empty() && findApi(Macro, Role);
}

std::optional<ApiRole> IrqRegions::toggle(const CallExpr *Call,
                                          ASTContext &Ctx) {
  if (hasRole(Call, Ctx, ApiRole::IRQ_OFF))
    return ApiRole::IRQ_OFF;
  if (hasRole(Call, Ctx, ApiRole::IRQ_ON))
    return ApiRole::IRQ_ON;
  return std::nullopt;
}

bool IrqRegions::sleeps(const CallExpr *Call, ASTContext &Ctx) {
  return hasRole(Call, Ctx, ApiRole::SLEEPS);
}

IrqRegions::IrqRegions(const FunctionDecl *FD, ASTContext &Ctx) : Ctx(Ctx) {
  CFG::BuildOptions Options;
  Options.setAllAlwaysAdd();
  Graph = CFG::buildCFG(FD, FD->getBody(), &Ctx, Options);
  if (!Graph)
    return;
  unsigned N = Graph->getNumBlockIDs();
  Reached.resize(N);
  MayIn.resize(N);
  MustIn.resize(N);
  auto Transfer = [&](const CFGBlock &B, State S) {
    for (const CFGElement &E : B)
      if (const auto *Call = dyn_cast_or_null<CallExpr>(stmtOf(E)))
        if (std::optional<ApiRole> T = toggle(Call, Ctx))
          S.May = S.Must = *T == ApiRole::IRQ_OFF;
    return S;
  };
  SmallVector<const CFGBlock *, 16> Work{&Graph->getEntry()};
  Reached.set(Graph->getEntry().getBlockID());
  while (!Work.empty()) {
    const CFGBlock *B = Work.pop_back_val();
    unsigned Id = B->getBlockID();
    State Out = Transfer(*B, {MayIn.test(Id), MustIn.test(Id)});
    for (const CFGBlock *Succ : B->succs()) {
      if (!Succ)
        continue;
      unsigned S = Succ->getBlockID();
      bool Changed = false;
      if (!Reached.test(S)) {
        Reached.set(S);
        MayIn[S] = Out.May;
        MustIn[S] = Out.Must;
        Changed = true;
      } else {
        if (Out.May && !MayIn.test(S)) {
          MayIn.set(S);
          Changed = true;
        }
        if (!Out.Must && MustIn.test(S)) {
          MustIn.reset(S);
          Changed = true;
        }
      }
      if (Changed)
        Work.push_back(Succ);
    }
  }
}

std::optional<IrqRegions::State> IrqRegions::stateAt(const Stmt *S) const {
  if (!Graph)
    return std::nullopt;
  for (const CFGBlock *B : *Graph) {
    unsigned Id = B->getBlockID();
    if (!Reached.test(Id))
      continue;
    State St{MayIn.test(Id), MustIn.test(Id)};
    for (const CFGElement &E : *B) {
      const Stmt *Here = stmtOf(E);
      if (Here == S)
        return St;
      if (const auto *Call = dyn_cast_or_null<CallExpr>(Here))
        if (std::optional<ApiRole> T = toggle(Call, Ctx))
          St.May = St.Must = *T == ApiRole::IRQ_OFF;
    }
  }
  return std::nullopt;
}

bool IrqRegions::inside(const Stmt *S) const {
  std::optional<State> St = stateAt(S);
  return St && St->Must;
}

bool IrqRegions::mayBeInside(const Stmt *S) const {
  std::optional<State> St = stateAt(S);
  return St && St->May;
}

} // namespace ptwalk
