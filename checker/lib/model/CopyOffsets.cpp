//===- CopyOffsets.cpp - Entry pointers taken from a stack copy -----------===//

#include "CopyOffsets.h"
#include "EntryReads.h"
#include "FunctionFlow.h"
#include "WalkerFlow.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "clang/Lex/Preprocessor.h"

using namespace clang;

namespace ptwalk {

/// Whether the token at LOC is spelled by the body of an OFFSET API that
/// is a macro, or of a macro such a macro expands to: not written by the
/// function, directly or as the argument of a macro.
static bool spelledByOffsetMacro(SourceLocation Loc, const SourceManager &SM,
                                 const LangOptions &LO) {
  while (Loc.isMacroID()) {
    if (SM.isMacroArgExpansion(Loc)) {
      Loc = SM.getImmediateSpellingLoc(Loc);
      continue;
    }
    if (findApi(Lexer::getImmediateMacroName(Loc, SM, LO), ApiRole::OFFSET))
      return true;
    Loc = SM.getImmediateExpansionRange(Loc).getBegin();
  }
  return false;
}

/// The local entry copy whose address ARG is, `&pud` or `&(pud)`.
static const VarDecl *addressedCopy(const Expr *Arg, const EntryTypes &Types,
                                    const UnaryOperator **AddrOf) {
  const auto *UO = dyn_cast<UnaryOperator>(Arg->IgnoreParenImpCasts());
  if (!UO || UO->getOpcode() != UO_AddrOf)
    return nullptr;
  const auto *Ref = dyn_cast<DeclRefExpr>(UO->getSubExpr()->IgnoreParens());
  const auto *V = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!V || !V->hasLocalStorage() || !Types.isEntryLike(V->getType()))
    return nullptr;
  *AddrOf = UO;
  return V;
}

/// The locals E's value is stored in: `p = E`, `T *p = E`, and each of a
/// chain `ptem = ptep = E`, through parentheses, casts and commas.
static llvm::SmallVector<const VarDecl *, 2>
storedIn(const Expr *E, const ParentMap &PM) {
  llvm::SmallVector<const VarDecl *, 2> Found;
  const Stmt *Cur = E;
  for (const Stmt *P = PM.getParent(Cur); P; Cur = P, P = PM.getParent(P)) {
    if (isa<ParenExpr, ImplicitCastExpr, CStyleCastExpr>(P))
      continue;
    if (const auto *BO = dyn_cast<BinaryOperator>(P)) {
      if (BO->getRHS() != Cur)
        break;
      if (BO->getOpcode() == BO_Comma)
        continue;
      const VarDecl *V = BO->getOpcode() == BO_Assign ? varOf(BO->getLHS())
                                                      : nullptr;
      if (!V || !V->hasLocalStorage())
        break;
      Found.push_back(V);
      continue;
    }
    if (const auto *DS = dyn_cast<DeclStmt>(P))
      for (const Decl *D : DS->decls())
        if (const auto *V = dyn_cast<VarDecl>(D); V && V->getInit() == Cur)
          Found.push_back(V);
    break;
  }
  return Found;
}

/// Where V is stepped in the function: `V++`, `++V`, `V--`, `V += n`.
static const Stmt *stepOf(const FunctionFlow &Flow, const VarDecl *V) {
  for (const Definition &D : Flow.definitions(V)) {
    if (!D.Value)
      return D.Anchor; // an increment or decrement
    if (const auto *BO = dyn_cast<BinaryOperator>(D.Anchor);
        BO && (BO->getOpcode() == BO_AddAssign ||
               BO->getOpcode() == BO_SubAssign))
      return D.Anchor;
  }
  return nullptr;
}

llvm::SmallVector<CopyOffset, 2> copyOffsets(const FunctionFlow &Flow,
                                             ASTContext &Ctx,
                                             const EntryTypes &Types) {
  struct Calls : RecursiveASTVisitor<Calls> {
    llvm::SmallVector<const CallExpr *, 8> Found;
    bool VisitCallExpr(CallExpr *Call) {
      if (Call->getNumArgs() && findApi(calleeName(Call), ApiRole::OFFSET))
        Found.push_back(Call);
      return true;
    }
  } Scan;
  Scan.TraverseStmt(Flow.function()->getBody());
  const SourceManager &SM = Ctx.getSourceManager();
  llvm::SmallVector<CopyOffset, 2> Found;
  for (const CallExpr *Call : Scan.Found) {
    const UnaryOperator *AddrOf = nullptr;
    const VarDecl *Copy = addressedCopy(Call->getArg(0), Types, &AddrOf);
    if (!Copy)
      continue;
    // The generic *_offset_lockless() macros spell `&(pud)` themselves.
    if (spelledByOffsetMacro(AddrOf->getOperatorLoc(), SM, Ctx.getLangOpts()))
      continue;
    CopyOffset O{Call, findApi(calleeName(Call), ApiRole::OFFSET), Copy,
                 nullptr, nullptr};
    for (const VarDecl *V : storedIn(Call, Flow.parents())) {
      const Stmt *Step = stepOf(Flow, V);
      if (!O.Cursor || (Step && !O.Step)) {
        O.Cursor = V;
        O.Step = Step;
      }
    }
    Found.push_back(O);
  }
  return Found;
}

bool hasLocklessOffsets(ASTContext &Ctx, Preprocessor &PP,
                        std::optional<unsigned> KernelVersion) {
  if (KernelVersion && *KernelVersion >= LocklessOffsetsSince)
    return true;
  for (const ApiEntry *Api : apisOfRole(ApiRole::OFFSET)) {
    if (Api->Since < LocklessOffsetsSince)
      continue;
    if (PP.isMacroDefined(Api->Name))
      return true;
    for (const NamedDecl *D :
         Ctx.getTranslationUnitDecl()->lookup(&Ctx.Idents.get(Api->Name)))
      if (isa<FunctionDecl>(D))
        return true;
  }
  return false;
}

} // namespace ptwalk
