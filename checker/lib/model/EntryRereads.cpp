//===- EntryRereads.cpp - Reads of one entry pointer, one after another ---===//

#include "EntryRereads.h"
#include "EntryReads.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/DenseSet.h"

using namespace clang;

namespace ptwalk {

namespace {

/// The outermost reads of a whole entry in a body: single-access reads
/// (EntryReads) and calls of a safe reader (api.def's SAFE_READ).  Their
/// insides (the `*p` of READ_ONCE(*p)) are part of them.
class ReadFinder : public RecursiveASTVisitor<ReadFinder> {
public:
  ReadFinder(ASTContext &Ctx, const EntryTypes &Types,
             SmallVectorImpl<EntryRead> &Out)
      : Ctx(Ctx), Types(Types), Out(Out) {}

  bool TraverseStmt(Stmt *S) {
    if (const auto *E = dyn_cast_or_null<Expr>(S); E && record(E))
      return true;
    return RecursiveASTVisitor::TraverseStmt(S);
  }

private:
  /// The local or parameter pointer to an entry named exactly TEXT in E.
  const VarDecl *pointerNamed(const Expr *E, StringRef Text) const {
    struct Finder : RecursiveASTVisitor<Finder> {
      const EntryTypes &Types;
      StringRef Text;
      const VarDecl *Found = nullptr;
      Finder(const EntryTypes &Types, StringRef Text)
          : Types(Types), Text(Text) {}
      bool VisitDeclRefExpr(DeclRefExpr *Ref) {
        const auto *VD = dyn_cast<VarDecl>(Ref->getDecl());
        if (VD && VD->hasLocalStorage() && VD->getIdentifier() &&
            VD->getName() == Text && VD->getType()->isPointerType() &&
            Types.isEntryLike(VD->getType()->getPointeeType()))
          Found = VD;
        return !Found;
      }
    } F(Types, Text.trim());
    F.TraverseStmt(const_cast<Expr *>(E));
    return F.Found;
  }

  bool record(const Expr *E) {
    if (std::optional<SingleRead> R = recogniseSingleRead(E, Ctx, Types)) {
      // `*p = x` stores; only reads are of interest.
      if (const VarDecl *P = pointerNamed(E, R->Pointer)) {
        Out.push_back(EntryRead{E, P, R->Lvl, EntryRead::Decision, R->Loc,
                                R->Reader});
        return true;
      }
      return false;
    }
    const auto *Call = dyn_cast<CallExpr>(E->IgnoreParenImpCasts());
    if (!Call || Call->getNumArgs() != 1 || E != Call)
      return false;
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee || !Callee->getIdentifier() ||
        !findApi(Callee->getName(), ApiRole::SAFE_READ))
      return false;
    std::optional<Level> L = Types.levelOf(Call->getType());
    const auto *Ref =
        dyn_cast<DeclRefExpr>(Call->getArg(0)->IgnoreParenImpCasts());
    const auto *P = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    if (!L || !P || !P->hasLocalStorage())
      return false;
    Out.push_back(EntryRead{E, P, *L, EntryRead::Decision,
                            Call->getCallee()->getExprLoc(),
                            Callee->getName().str()});
    return true;
  }

  ASTContext &Ctx;
  const EntryTypes &Types;
  SmallVectorImpl<EntryRead> &Out;
};

/// Whether E compares two entries: `pte_val(a) != pte_val(b)`,
/// pte_same(a, b) (api.def's ENTRY_SAME).
bool comparesEntries(const Expr *E, const EntryTypes &Types) {
  const Expr *Sides[2] = {nullptr, nullptr};
  if (const auto *BO = dyn_cast<BinaryOperator>(E); BO && BO->isEqualityOp()) {
    Sides[0] = BO->getLHS();
    Sides[1] = BO->getRHS();
  } else if (const auto *Call = dyn_cast<CallExpr>(E);
             Call && Call->getNumArgs() == 2 &&
             findApi(calleeName(Call), ApiRole::ENTRY_SAME)) {
    Sides[0] = Call->getArg(0);
    Sides[1] = Call->getArg(1);
  } else {
    return false;
  }
  return Types.isEntryLike(Types.comparedEntry(Sides[0])->getType()) &&
         Types.isEntryLike(Types.comparedEntry(Sides[1])->getType());
}

/// The role of READ, from the expressions around it.
EntryRead::Kind roleOf(const Expr *Read, const ParentMap &PM,
                       const EntryTypes &Types) {
  const Stmt *Child = Read;
  const Stmt *Parent = PM.getParent(Read);
  while (Parent && (isa<ParenExpr>(Parent) || isa<ImplicitCastExpr>(Parent))) {
    Child = Parent;
    Parent = PM.getParent(Parent);
  }
  if (const auto *DS = dyn_cast_or_null<DeclStmt>(Parent))
    for (const Decl *D : DS->decls())
      if (const auto *VD = dyn_cast<VarDecl>(D);
          VD && VD->getInit() && VD->getInit()->IgnoreParenImpCasts() ==
                                     cast<Expr>(Child)->IgnoreParenImpCasts())
        return Types.isEntryLike(VD->getType()) ? EntryRead::Snapshot
                                                : EntryRead::Decision;
  if (const auto *BO = dyn_cast_or_null<BinaryOperator>(Parent);
      BO && BO->getOpcode() == BO_Assign && BO->getRHS() == Child) {
    const VarDecl *V = varOf(BO->getLHS());
    if (V && V->hasLocalStorage() && Types.isEntryLike(V->getType()))
      return EntryRead::Snapshot;
  }
  for (const Stmt *S = Read; S && isa<Expr>(S); S = PM.getParent(S))
    if (comparesEntries(cast<Expr>(S), Types))
      return EntryRead::Comparison;
  return EntryRead::Decision;
}

/// Whether FD walks the kernel's own tables (the gate area of
/// get_gate_page(), init_mm), whose entries no user-space operation
/// changes: its body names pgd_offset_k(), pgd_offset_gate() or init_mm.
bool walksKernelTables(const FunctionDecl *FD, ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  CharSourceRange Body = CharSourceRange::getTokenRange(
      SM.getFileLoc(FD->getBody()->getBeginLoc()),
      SM.getFileLoc(FD->getBody()->getEndLoc()));
  StringRef Text = Lexer::getSourceText(Body, SM, Ctx.getLangOpts());
  auto IsIdent = [](char C) { return isalnum((unsigned char)C) || C == '_'; };
  for (StringRef Word : {"pgd_offset_k", "pgd_offset_gate", "init_mm"})
    for (size_t At = Text.find(Word); At != StringRef::npos;
         At = Text.find(Word, At + 1))
      if ((At == 0 || !IsIdent(Text[At - 1])) &&
          (At + Word.size() == Text.size() || !IsIdent(Text[At + Word.size()])))
        return true;
  return false;
}

/// A call that takes a page-table lock: api.def's PT_LOCK, or a call that
/// hands the lock back through `&ptl` and returns with it held, as
/// pte_offset_map_lock() does (follow_pte(), get_locked_pte());
/// pte_offset_map_nolock() only looks the lock up.
bool isLockCall(const Stmt *S) {
  const auto *Call = dyn_cast_or_null<CallExpr>(S);
  if (!Call)
    return false;
  if (WalkerModel::isPageTableLockCall(Call))
    return true;
  if (calleeName(Call).empty() || calleeName(Call).endswith("nolock"))
    return false;
  return llvm::any_of(Call->arguments(), [](const Expr *Arg) {
    const auto *AddrOf = dyn_cast<UnaryOperator>(Arg->IgnoreParenImpCasts());
    return AddrOf && AddrOf->getOpcode() == UO_AddrOf &&
           WalkerModel::isPageTableLockExpr(AddrOf->getSubExpr());
  });
}

bool isUnlockCall(const Stmt *S) {
  const auto *Call = dyn_cast_or_null<CallExpr>(S);
  StringRef Name = calleeName(Call);
  return Name == "spin_unlock" || Name == "pte_unmap_unlock";
}

} // namespace

EntryRereads::EntryRereads(const WalkerFunction &W, const WalkerModel &Model,
                           const EntryTypes &Types, ASTContext &Ctx)
    : W(W), Model(Model), Ctx(Ctx) {
  if (walksKernelTables(W.Fn, Ctx))
    return;
  ReadFinder(Ctx, Types, Reads).TraverseStmt(W.Fn->getBody());
  llvm::DenseMap<const Expr *, unsigned> Index;
  for (unsigned I = 0; I != Reads.size(); ++I) {
    Reads[I].Role = roleOf(Reads[I].Read, W.Flow->parents(), Types);
    Index[Reads[I].Read] = I;
  }
  Points.resize(Reads.size());
  // A read is evaluated by the CFG elements inside it; reads in
  // unevaluated operands (sizeof, a VM_BUG_ON() compiled out) have none.
  const ParentMap &PM = W.Flow->parents();
  for (const CFGBlock *B : W.Flow->cfg()) {
    for (unsigned I = 0, E = B->size(); I != E; ++I) {
      const Stmt *S = stmtOf((*B)[I]);
      for (const Stmt *Up = S; Up; Up = PM.getParent(Up)) {
        const auto *UpExpr = dyn_cast<Expr>(Up);
        if (!UpExpr)
          break;
        auto It = Index.find(UpExpr);
        if (It == Index.end())
          continue;
        ElementRead[S] = It->second;
        CFGPoint &P = Points[It->second];
        if (!P || S == UpExpr)
          P = CFGPoint{B, I, false};
        break;
      }
    }
  }
}

SmallVector<Reread, 2> EntryRereads::rereads() const {
  SmallVector<Reread, 2> Found;
  const SourceManager &SM = Ctx.getSourceManager();
  auto Before = [&](const EntryRead &A, const EntryRead &B) {
    return SM.isBeforeInTranslationUnit(SM.getFileLoc(A.Loc),
                                        SM.getFileLoc(B.Loc));
  };
  // Page-table locks taken in the body: a read that some path reaches
  // after one, not released on that path, is taken as locked (hugetlb's
  // `if (pte) ptl = huge_pte_lock(h, mm, pte);` locks wherever *pte can
  // be read).
  SmallVector<CFGPoint, 2> Locks;
  for (const CFGBlock *B : W.Flow->cfg())
    for (unsigned I = 0, E = B->size(); I != E; ++I)
      if (isLockCall(stmtOf((*B)[I])))
        Locks.push_back(CFGPoint{B, I, false});
  for (unsigned R = 0; R != Reads.size(); ++R) {
    const EntryRead &Later = Reads[R];
    if (Later.Role != EntryRead::Decision || !Points[R])
      continue;
    auto IsR = [&](const Stmt *S) {
      auto It = ElementRead.find(S);
      return It != ElementRead.end() && It->second == R;
    };
    if (llvm::any_of(Locks, [&](CFGPoint L) {
          return W.Flow->search(L, IsR, isUnlockCall).Found;
        }))
      continue;
    auto Defs = W.Flow->definitions(Later.Pointer);
    for (unsigned Q = 0; Q != Reads.size(); ++Q) {
      const EntryRead &Earlier = Reads[Q];
      if (Q == R || Earlier.Pointer != Later.Pointer || !Points[Q] ||
          !Before(Earlier, Later))
        continue;
      const Stmt *From = stmtOf((*Points[Q].Block)[Points[Q].Index]);
      if (!W.Flow
               ->search(W.Flow->entryPoint(),
                        [&](const Stmt *S) { return S == From; }, isLockCall)
               .Found)
        continue;
      // The nearest read of the pointer on the path must be EARLIER, as a
      // new read would be the one the decision follows.
      auto ReadOf = [&](const Stmt *S) -> int {
        auto It = ElementRead.find(S);
        return It == ElementRead.end() ? -1 : int(It->second);
      };
      FunctionFlow::Reached Path = W.Flow->search(
          Points[Q], [&](const Stmt *S) { return ReadOf(S) == int(R); },
          [&](const Stmt *S) {
            int Other = ReadOf(S);
            if (Other >= 0 && Other != int(Q) &&
                Reads[Other].Pointer == Later.Pointer)
              return true;
            if (isLockCall(S))
              return true;
            return llvm::any_of(Defs, [&](const Definition &D) {
              return FunctionFlow::isAnchor(S, D.Anchor);
            });
          });
      if (Path.Found) {
        Found.push_back(Reread{&Earlier, &Later});
        break;
      }
    }
  }
  return Found;
}

} // namespace ptwalk
