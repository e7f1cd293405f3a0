//===- PteMappings.cpp - pte table mappings and their cursors -------------===//

#include "PteMappings.h"
#include "Catalogue.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/Stmt.h"
#include "clang/Basic/Builtins.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

using namespace clang;

namespace ptwalk {

static const VarDecl *localOf(const Expr *E) {
  if (!E)
    return nullptr;
  const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
  const auto *VD = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  return VD && VD->hasLocalStorage() && VD->getType()->isPointerType() ? VD
                                                                        : nullptr;
}

/// The maps: PTE_MAP, and pte_offset_map_lock(), whose row is PT_LOCK.
static bool isMapName(StringRef Name) {
  return !Name.empty() &&
         (findApi(Name, ApiRole::PTE_MAP) || Name == "pte_offset_map_lock");
}

static bool isUnmapName(StringRef Name) {
  return !Name.empty() && findApi(Name, ApiRole::PTE_UNMAP);
}

StringRef PteMappings::spelledName(SourceLocation Loc, const ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation At = SM.getExpansionLoc(Loc);
  Token Tok;
  if (At.isInvalid() ||
      Lexer::getRawToken(At, Tok, SM, Ctx.getLangOpts(), true) ||
      !Tok.is(tok::raw_identifier))
    return "";
  return Tok.getRawIdentifier();
}

StringRef PteMappings::nameAt(SourceLocation Loc) const {
  // The nodes of one macro expansion share its expansion location: lex
  // the name there once, not once per node.
  SourceLocation At = Ctx.getSourceManager().getExpansionLoc(Loc);
  auto Inserted = Names.try_emplace(At.getRawEncoding());
  if (Inserted.second)
    Inserted.first->second = spelledName(At, Ctx);
  return Inserted.first->second;
}

PteMappings::PteMappings(const FunctionDecl *FD, ASTContext &Ctx)
    : Ctx(Ctx) {
  if (const Stmt *Body = FD->getBody())
    collect(Body);
}

bool PteMappings::isMap(const Expr *E) const {
  if (!E)
    return false;
  E = E->IgnoreParenImpCasts();
  StringRef Name = nameAt(E->getBeginLoc());
  if (!isMapName(Name))
    return false;
  if (E->getBeginLoc().isMacroID())
    return true;
  const auto *Call = dyn_cast<CallExpr>(E);
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  return Callee && Callee->getIdentifier() && Callee->getName() == Name;
}

void PteMappings::addStore(const Stmt *Anchor, const Expr *LHS,
                           const VarDecl *LocalLHS, const Expr *RHS) {
  if (isMap(RHS)) {
    const VarDecl *Var = LocalLHS ? LocalLHS : localOf(LHS);
    Maps.push_back({RHS->IgnoreParenImpCasts(), Anchor, Var,
                    Ctx.getSourceManager().getExpansionLoc(
                        RHS->IgnoreParenImpCasts()->getBeginLoc())});
    return;
  }
  const VarDecl *From = localOf(RHS);
  // ptem = ptep = pte_offset_map(...): ptem holds what ptep does.
  if (const auto *Inner = dyn_cast<BinaryOperator>(RHS->IgnoreParenImpCasts());
      Inner && Inner->getOpcode() == BO_Assign)
    From = localOf(Inner->getLHS());
  if (!From)
    return;
  const VarDecl *To = LocalLHS ? LocalLHS : localOf(LHS);
  if (To)
    Aliases.emplace_back(To, From);
  else
    Stores.emplace_back(Anchor, From);
}

void PteMappings::addUnmap(const Stmt *S) {
  const SourceManager &SM = Ctx.getSourceManager();
  PteUnmap U{S, SM.getExpansionRange(S->getBeginLoc()).getBegin(),
             SM.getExpansionRange(S->getEndLoc()).getEnd(), nullptr, false};
  const Expr *Arg = nullptr;
  if (const auto *Call = dyn_cast<CallExpr>(S);
      Call && !S->getBeginLoc().isMacroID() && Call->getNumArgs()) {
    Arg = Call->getArg(0);
  } else {
    // The expression spelled first inside the macro's parentheses.
    FileID File = SM.getFileID(U.Begin);
    unsigned From = SM.getFileOffset(U.Begin), To = SM.getFileOffset(U.End);
    unsigned Best = ~0u;
    SmallVector<const Stmt *, 16> Work{S};
    while (!Work.empty()) {
      const Stmt *X = Work.pop_back_val();
      if (!X)
        continue;
      if (const auto *E = dyn_cast<Expr>(X);
          E && E->getBeginLoc().isMacroID() &&
          SM.isMacroArgExpansion(E->getBeginLoc()) &&
          SM.isMacroArgExpansion(E->getEndLoc())) {
        SourceLocation At = SM.getSpellingLoc(E->getBeginLoc());
        unsigned Off = SM.getFileOffset(At);
        if (SM.getFileID(At) == File && Off > From && Off <= To &&
            Off < Best) {
          Best = Off;
          Arg = E;
        }
      }
      // Pre-order, children left to right: an outer expression is seen
      // before the inner ones that start where it does.
      SmallVector<const Stmt *, 4> Kids(X->child_begin(), X->child_end());
      for (const Stmt *K : llvm::reverse(Kids))
        Work.push_back(K);
    }
  }
  if (Arg) {
    U.Arg = Arg;
    const Expr *Core = Arg->IgnoreParenImpCasts();
    if (const VarDecl *V = localOf(Core)) {
      U.Var = V;
    } else if (const auto *BO = dyn_cast<BinaryOperator>(Core);
               BO && BO->getOpcode() == BO_Sub) {
      U.Var = localOf(BO->getLHS());
      U.Minus = U.Var != nullptr;
    }
  }
  Unmaps.push_back(U);
}

void PteMappings::collect(const Stmt *S) {
  if (!S)
    return;
  // An unmap is a call, or a macro's expansion: lexing the name of every
  // other node of the body costs more than all the rest of the rule.
  if (isa<Expr, DoStmt>(S) &&
      (isa<CallExpr>(S) || S->getBeginLoc().isMacroID()) &&
      isUnmapName(nameAt(S->getBeginLoc()))) {
    addUnmap(S);
    return;
  }
  if (const auto *CS = dyn_cast<CompoundStmt>(S);
      CS && !CS->getLBracLoc().isMacroID()) {
    // A map whose value is dropped; the blocks of a macro (6.12's
    // statement-expression maps end in their own value) are not code the
    // user wrote.
    for (const Stmt *Child : CS->body())
      if (const auto *E = dyn_cast<Expr>(Child); E && isMap(E))
        Maps.push_back({E->IgnoreParenImpCasts(), nullptr, nullptr,
                        Ctx.getSourceManager().getExpansionLoc(
                            E->IgnoreParenImpCasts()->getBeginLoc())});
  } else if (const auto *DS = dyn_cast<DeclStmt>(S)) {
    for (const Decl *D : DS->decls())
      if (const auto *VD = dyn_cast<VarDecl>(D);
          VD && VD->hasLocalStorage() && VD->getInit() &&
          VD->getType()->isPointerType() && !VD->getLocation().isMacroID()) {
        ++StoreCounts[VD];
        addStore(DS, nullptr, VD, VD->getInit());
      }
  } else if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
    if (BO->getOpcode() == BO_Assign && !BO->getOperatorLoc().isMacroID()) {
      addStore(BO, BO->getLHS(), nullptr, BO->getRHS());
      const VarDecl *V = localOf(BO->getLHS());
      if (V)
        ++StoreCounts[V];
      // p = p + n
      if (const auto *Sum =
              dyn_cast<BinaryOperator>(BO->getRHS()->IgnoreParenImpCasts());
          V && Sum && Sum->isAdditiveOp() &&
          (localOf(Sum->getLHS()) == V || localOf(Sum->getRHS()) == V))
        Advances.emplace_back(BO, V);
    }
  } else if (const auto *CA = dyn_cast<CompoundAssignOperator>(S)) {
    if (const VarDecl *V = localOf(CA->getLHS());
        V && (CA->getOpcode() == BO_AddAssign ||
              CA->getOpcode() == BO_SubAssign))
      Advances.emplace_back(CA, V);
  } else if (const auto *UO = dyn_cast<UnaryOperator>(S)) {
    if (const VarDecl *V = localOf(UO->getSubExpr());
        V && UO->isIncrementDecrementOp())
      Advances.emplace_back(UO, V);
  } else if (const auto *Ret = dyn_cast<ReturnStmt>(S)) {
    Returns.push_back(Ret);
    if (const VarDecl *V = localOf(Ret->getRetValue()))
      LocalReturns.emplace_back(Ret, V);
  }
  for (const Stmt *Child : S->children())
    collect(Child);
}

llvm::SmallPtrSet<const VarDecl *, 4>
PteMappings::group(const VarDecl *V) const {
  llvm::SmallPtrSet<const VarDecl *, 4> Seen;
  SmallVector<const VarDecl *, 4> Work{V};
  while (!Work.empty()) {
    const VarDecl *X = Work.pop_back_val();
    if (!X || !Seen.insert(X).second)
      continue;
    for (const auto &[A, B] : Aliases) {
      if (A == X)
        Work.push_back(B);
      if (B == X)
        Work.push_back(A);
    }
  }
  return Seen;
}

const PteUnmap *PteMappings::unmapOf(const Stmt *S) const {
  if (Unmaps.empty() || !S)
    return nullptr;
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation At = SM.getExpansionLoc(S->getBeginLoc());
  for (const PteUnmap &U : Unmaps)
    if (SM.getFileID(At) == SM.getFileID(U.Begin) &&
        !SM.isBeforeInTranslationUnit(At, U.Begin) &&
        !SM.isBeforeInTranslationUnit(U.End, At))
      return &U;
  return nullptr;
}

bool PteMappings::storesAway(
    const Stmt *S, const llvm::SmallPtrSetImpl<const VarDecl *> &Group) const {
  for (const auto &[Anchor, V] : Stores)
    if (Anchor == S && Group.count(V))
      return true;
  return false;
}

bool PteMappings::takesParameter() const {
  for (const PteUnmap &U : Unmaps)
    if (U.Var && isa<ParmVarDecl>(U.Var))
      return true;
  // Only a pte pointer: storing the mm or a lock is no hand-over of the
  // mapping (powerpc's hpte_need_flush() keeps batch->mm).
  for (const auto &Store : Stores)
    if (isa<ParmVarDecl>(Store.second) &&
        Store.second->getType()->getPointeeType().getAsString() == "pte_t")
      return true;
  return false;
}

bool PteMappings::isConditional(const PteUnmap &U,
                                const ParentMap &Parents) const {
  const Stmt *S = U.Site;
  const Stmt *P = Parents.getParent(const_cast<Stmt *>(S));
  if (isa_and_nonnull<CompoundStmt>(P)) {
    S = P;
    P = Parents.getParent(const_cast<Stmt *>(S));
  }
  const auto *If = dyn_cast_or_null<IfStmt>(P);
  return If && (If->getThen() == S || If->getElse() == S);
}

bool PteMappings::isNullTest(
    const Expr *T, const llvm::SmallPtrSetImpl<const VarDecl *> &Group,
    unsigned &Branch) const {
  bool Negated = false;
  while (T) {
    T = T->IgnoreParenImpCasts();
    if (const auto *Op = dyn_cast<UnaryOperator>(T);
        Op && Op->getOpcode() == UO_LNot) {
      Negated = !Negated;
      T = Op->getSubExpr();
      continue;
    }
    if (const auto *Call = dyn_cast<CallExpr>(T);
        Call && Call->getBuiltinCallee() == Builtin::BI__builtin_expect) {
      T = Call->getArg(0);
      continue;
    }
    // WARN_ON(cond): ({ int __ret_warn_on = !!(cond); ...; __ret_warn_on; })
    if (const auto *SE = dyn_cast<StmtExpr>(T)) {
      const CompoundStmt *Body = SE->getSubStmt();
      const auto *DS =
          Body && !Body->body_empty() ? dyn_cast<DeclStmt>(Body->body_front())
                                      : nullptr;
      const auto *VD = DS && DS->isSingleDecl()
                           ? dyn_cast<VarDecl>(DS->getSingleDecl())
                           : nullptr;
      if (!VD || !VD->getInit())
        return false;
      T = VD->getInit();
      continue;
    }
    break;
  }
  if (!T)
    return false;
  bool NullWhenTrue;
  if (const VarDecl *V = localOf(T); V && Group.count(V)) {
    NullWhenTrue = false; // if (p): true means non-NULL
  } else if (const auto *Cmp = dyn_cast<BinaryOperator>(T);
             Cmp && Cmp->isEqualityOp()) {
    auto IsNull = [&](const Expr *E) {
      return E->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull) !=
             Expr::NPCK_NotNull;
    };
    const VarDecl *V = nullptr;
    if (IsNull(Cmp->getRHS()))
      V = localOf(Cmp->getLHS());
    else if (IsNull(Cmp->getLHS()))
      V = localOf(Cmp->getRHS());
    if (!V || !Group.count(V))
      return false;
    NullWhenTrue = Cmp->getOpcode() == BO_EQ;
  } else {
    return false;
  }
  Branch = (NullWhenTrue != Negated) ? 0u : 1u;
  return true;
}

} // namespace ptwalk
