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

} // namespace

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
