//===- SnapshotWalkers.cpp - Walkers that need not pin speculatively ------===//

#include "SnapshotWalkers.h"
#include "FunctionFlow.h"
#include "IrqRegions.h"
#include "WalkerModel.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallPtrSet.h"

#include <vector>

using namespace clang;

namespace ptwalk {

namespace {

/// The locals each local's value is computed from, and the entry-typed
/// locals stored from a read through an entry pointer.
class FlowVisitor : public RecursiveASTVisitor<FlowVisitor> {
public:
  FlowVisitor(const EntryTypes &Types,
              const llvm::SmallPtrSetImpl<const Expr *> &Reads)
      : Types(Types), Reads(Reads) {}

  bool VisitDeclStmt(DeclStmt *DS) {
    for (Decl *D : DS->decls())
      if (auto *VD = dyn_cast<VarDecl>(D))
        if (VD->hasLocalStorage() && VD->getInit())
          store(VD, VD->getInit());
    return true;
  }

  bool VisitBinaryOperator(BinaryOperator *BO) {
    if (!BO->isAssignmentOp())
      return true;
    const auto *Ref = dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParenImpCasts());
    if (const auto *VD = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr)
      if (VD->hasLocalStorage())
        store(VD, BO->getRHS());
    return true;
  }

  llvm::DenseMap<const VarDecl *, llvm::SmallVector<const VarDecl *, 2>> From;
  llvm::SmallVector<const VarDecl *, 4> Seeds;

private:
  void store(const VarDecl *To, const Stmt *Value) {
    bool Reads = false;
    walk(Value, To, Reads);
    if (Reads && Types.levelOf(To->getType()))
      Seeds.push_back(To);
  }

  void walk(const Stmt *S, const VarDecl *To, bool &ReadsEntry) {
    if (!S)
      return;
    if (const auto *E = dyn_cast<Expr>(S); E && this->Reads.count(E))
      ReadsEntry = true;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(S))
      if (const auto *VD = dyn_cast<VarDecl>(Ref->getDecl()); VD && VD != To)
        From[To].push_back(VD);
    for (const Stmt *Child : S->children())
      walk(Child, To, ReadsEntry);
  }

  const EntryTypes &Types;
  const llvm::SmallPtrSetImpl<const Expr *> &Reads;
};

/// Whether CALL is the expansion of a PT_LOCK macro: 6.5+'s
/// pte_offset_map_lock() calls __pte_offset_map_lock().
bool expandsLockMacro(const CallExpr *Call, ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation Loc = Call->getBeginLoc();
  if (!Loc.isMacroID() || SM.isMacroArgExpansion(Loc))
    return false;
  llvm::StringRef Macro = Lexer::getSourceText(
      CharSourceRange::getTokenRange(SM.getExpansionLoc(Loc)), SM,
      Ctx.getLangOpts());
  const ApiEntry *Lock = findApi(Macro, ApiRole::PT_LOCK);
  return Lock && Lock->Lvl != Level::any;
}

class GetCalls : public RecursiveASTVisitor<GetCalls> {
public:
  explicit GetCalls(const ApiRoles &Roles) : Roles(Roles) {}
  bool VisitCallExpr(CallExpr *Call) {
    if (Call->getNumArgs() >= 1 && Roles.roleOf(Call, ApiRole::UNCOND_GET))
      Found.push_back(Call);
    return true;
  }
  SmallVector<const CallExpr *, 2> Found;

private:
  const ApiRoles &Roles;
};

/// The parameter of FN that E designates, through `&`, casts and
/// members (`&page->_count`, `&folio->page`), or -1.
int designatedParam(const FunctionDecl *Fn, const Expr *E) {
  for (;;) {
    E = E->IgnoreParenCasts();
    if (const auto *UO = dyn_cast<UnaryOperator>(E);
        UO && UO->getOpcode() == UO_AddrOf) {
      E = UO->getSubExpr();
      continue;
    }
    if (const auto *ME = dyn_cast<MemberExpr>(E)) {
      E = ME->getBase();
      continue;
    }
    break;
  }
  const auto *Ref = dyn_cast<DeclRefExpr>(E);
  const auto *P = Ref ? dyn_cast<ParmVarDecl>(Ref->getDecl()) : nullptr;
  if (!P || !P->getType()->isPointerType())
    return -1;
  for (unsigned I = 0, N = Fn->getNumParams(); I != N; ++I)
    if (Fn->getParamDecl(I) == P)
      return I;
  return -1;
}

/// Whether E is the address of a page's reference count.
bool isCountField(const Expr *E) {
  const auto *UO = dyn_cast<UnaryOperator>(E->IgnoreParenCasts());
  if (!UO || UO->getOpcode() != UO_AddrOf)
    return false;
  const auto *ME = dyn_cast<MemberExpr>(UO->getSubExpr()->IgnoreParens());
  const auto *Field = ME ? ME->getMemberDecl() : nullptr;
  return Field && Field->getIdentifier() &&
         (Field->getName() == "_count" || Field->getName() == "_refcount");
}

/// What a function does to the count of the pages it is passed: the
/// parameter it adds to directly (an unconditional get of it, an atomic
/// add to its count), and the calls that pass a parameter on, by callee
/// and argument index.
class CountAdds : public RecursiveASTVisitor<CountAdds> {
public:
  CountAdds(const FunctionDecl *Fn, const ApiRoles &Roles)
      : Fn(Fn), Roles(Roles) {}

  bool VisitCallExpr(CallExpr *Call) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee || !Callee->getIdentifier())
      return true;
    llvm::StringRef Name = Callee->getName();
    const Expr *Page = nullptr;
    if (Roles.roleOf(Call, ApiRole::UNCOND_GET) && Call->getNumArgs() >= 1)
      Page = Call->getArg(0);
    else if (Name == "atomic_add" && Call->getNumArgs() == 2 &&
             isCountField(Call->getArg(1)))
      Page = Call->getArg(1);
    else if (Name == "atomic_inc" && Call->getNumArgs() == 1 &&
             isCountField(Call->getArg(0)))
      Page = Call->getArg(0);
    if (Page) {
      if (Direct < 0)
        Direct = designatedParam(Fn, Page);
      return true;
    }
    if (const FunctionDecl *Def = Callee->getDefinition())
      for (unsigned I = 0, N = Call->getNumArgs(); I != N; ++I)
        if (int P = designatedParam(Fn, Call->getArg(I)); P >= 0)
          PassedOn.push_back({Def, I, unsigned(P)});
    return true;
  }

  struct Passed {
    const FunctionDecl *Callee;
    unsigned Arg;
    unsigned Param;
  };
  int Direct = -1;
  SmallVector<Passed, 4> PassedOn;

private:
  const FunctionDecl *Fn;
  const ApiRoles &Roles;
};

} // namespace

const VarDecl *copiedVar(const Expr *E) {
  const auto *Deref = E ? dyn_cast<UnaryOperator>(E->IgnoreParenImpCasts())
                        : nullptr;
  if (!Deref || Deref->getOpcode() != UO_Deref)
    return nullptr;
  const auto *Addr =
      dyn_cast<UnaryOperator>(Deref->getSubExpr()->IgnoreParenCasts());
  if (!Addr || Addr->getOpcode() != UO_AddrOf)
    return nullptr;
  const auto *Ref = dyn_cast<DeclRefExpr>(Addr->getSubExpr()->IgnoreParens());
  const auto *V = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  return V && V->hasLocalStorage() ? V : nullptr;
}

llvm::DenseMap<const FunctionDecl *, unsigned>
countHelpers(const WalkerModel &M) {
  llvm::DenseMap<const FunctionDecl *, unsigned> Helpers;
  std::vector<std::pair<const FunctionDecl *, CountAdds>> Candidates;
  for (const auto &Entry : M.functions()) {
    const FunctionFacts &F = Entry.second;
    // A speculative get makes a pinning helper of another kind (the flow
    // rules' pins through parameters); api.def's gets are known by name.
    if (!F.Pins.empty() || !F.Fn->getIdentifier() ||
        findApi(F.Fn->getName(), ApiRole::UNCOND_GET) ||
        findApi(F.Fn->getName(), ApiRole::SPEC_GET) ||
        llvm::none_of(F.Fn->parameters(), [](const ParmVarDecl *P) {
          return P->getType()->isPointerType();
        }))
      continue;
    CountAdds Adds(F.Fn, M.roles());
    Adds.TraverseStmt(F.Fn->getBody());
    if (Adds.Direct >= 0)
      Helpers[F.Fn] = Adds.Direct;
    else if (!Adds.PassedOn.empty())
      Candidates.emplace_back(F.Fn, std::move(Adds));
  }
  // Helpers of helpers (folio_ref_add() of page_ref_add()).
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (const auto &[Fn, Adds] : Candidates) {
      if (Helpers.count(Fn))
        continue;
      for (const CountAdds::Passed &P : Adds.PassedOn) {
        auto It = Helpers.find(P.Callee);
        if (It == Helpers.end() || It->second != P.Arg)
          continue;
        Helpers[Fn] = P.Param;
        Changed = true;
        break;
      }
    }
  }
  return Helpers;
}

bool isSnapshotWalker(const WalkerModel &M, const EntryTypes &Types,
                      const FunctionFacts &F) {
  bool Snapshots = !snapshotDerived(F, Types).empty();
  if (!Snapshots || M.runsLocked(F.Fn))
    return false;
  if (!F.Pins.empty() || M.runsIrqOff(F.Fn))
    return true;
  ASTContext &Ctx = F.Fn->getASTContext();
  return llvm::any_of(F.IrqToggles, [&](const CallExpr *Call) {
    return IrqRegions::toggle(Call, Ctx) == ApiRole::IRQ_OFF;
  });
}

SmallVector<const CallExpr *, 2> unconditionalGets(const FunctionFacts &F,
                                                   const ApiRoles &Roles) {
  GetCalls Gets(Roles);
  Gets.TraverseStmt(F.Fn->getBody());
  return std::move(Gets.Found);
}

llvm::DenseMap<const VarDecl *, const VarDecl *>
snapshotDerived(const FunctionFacts &F, const EntryTypes &Types) {
  llvm::SmallPtrSet<const Expr *, 8> Reads(F.EntryReads.begin(),
                                           F.EntryReads.end());
  FlowVisitor V(Types, Reads);
  V.TraverseStmt(F.Fn->getBody());
  llvm::DenseMap<const VarDecl *, const VarDecl *> Derived;
  SmallVector<const VarDecl *, 8> Work;
  auto Seed = [&](const VarDecl *S) {
    if (Derived.try_emplace(S, S).second)
      Work.push_back(S);
  };
  // An entry taken by value is a snapshot its caller took.
  for (const ParmVarDecl *P : F.Fn->parameters())
    if (Types.levelOf(P->getType()))
      Seed(P);
  for (const VarDecl *S : V.Seeds)
    Seed(S);
  // Forward along the stores: a local is derived when its value reads a
  // derived local.  Few locals; a quadratic sweep is fine.
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (const auto &Entry : V.From) {
      if (Derived.count(Entry.first))
        continue;
      for (const VarDecl *Src : Entry.second) {
        auto It = Derived.find(Src);
        if (It == Derived.end())
          continue;
        Derived[Entry.first] = It->second;
        Changed = true;
        break;
      }
    }
  }
  return Derived;
}

bool reachableUnpinnedUnlocked(const FunctionDecl *FD, const Stmt *Anchor,
                               const ApiRoles &Roles, ASTContext &Ctx) {
  CFG::BuildOptions Options;
  Options.setAllAlwaysAdd();
  std::unique_ptr<CFG> Graph = CFG::buildCFG(FD, FD->getBody(), &Ctx, Options);
  if (!Graph)
    return true;
  auto Blocks = [&](const Stmt *S) {
    const auto *Call = dyn_cast_or_null<CallExpr>(S);
    return Call && (Roles.isSpeculativeGet(Call) ||
                    WalkerModel::isPageTableLockCall(Call) ||
                    expandsLockMacro(Call, Ctx));
  };
  auto BlockBlocks = [&](const CFGBlock &B) {
    return llvm::any_of(B, [&](const CFGElement &E) {
      return Blocks(stmtOf(E));
    });
  };
  llvm::BitVector Open(Graph->getNumBlockIDs());
  SmallVector<const CFGBlock *, 16> Work{&Graph->getEntry()};
  Open.set(Graph->getEntry().getBlockID());
  while (!Work.empty()) {
    const CFGBlock *B = Work.pop_back_val();
    if (BlockBlocks(*B))
      continue;
    for (const CFGBlock *Succ : B->succs())
      if (Succ && !Open.test(Succ->getBlockID())) {
        Open.set(Succ->getBlockID());
        Work.push_back(Succ);
      }
  }
  for (const CFGBlock *B : *Graph) {
    bool Reached = Open.test(B->getBlockID());
    for (const CFGElement &E : *B) {
      const Stmt *S = stmtOf(E);
      if (S && FunctionFlow::isAnchor(S, Anchor))
        return Reached;
      if (Blocks(S))
        Reached = false;
    }
  }
  return true;
}

} // namespace ptwalk
