//===- FunctionFlow.cpp - One function's CFG and value flow ---------------===//

#include "FunctionFlow.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallPtrSet.h"

#include <algorithm>
#include <deque>

using namespace clang;

namespace ptwalk {

const Stmt *stmtOf(const CFGElement &E) {
  if (auto S = E.getAs<CFGStmt>())
    return S->getStmt();
  return nullptr;
}

bool FunctionFlow::isAnchor(const Stmt *S, const Stmt *Anchor) {
  if (S == Anchor)
    return true;
  const auto *A = dyn_cast_or_null<DeclStmt>(Anchor);
  const auto *D = dyn_cast_or_null<DeclStmt>(S);
  if (!A || !D || !D->isSingleDecl())
    return false;
  return llvm::is_contained(A->decls(), D->getSingleDecl());
}

static const VarDecl *localOf(const Expr *E) {
  const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
  const auto *VD = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  return VD && VD->hasLocalStorage() ? VD : nullptr;
}

namespace {

/// Records every definition of a local: declarations with an initialiser,
/// assignments, compound assignments, and increments.
class DefinitionCollector : public RecursiveASTVisitor<DefinitionCollector> {
public:
  explicit DefinitionCollector(
      llvm::DenseMap<const VarDecl *, SmallVector<Definition, 2>> &Defs)
      : Defs(Defs) {}

  bool VisitDeclStmt(DeclStmt *DS) {
    for (Decl *D : DS->decls())
      if (auto *VD = dyn_cast<VarDecl>(D))
        if (VD->hasLocalStorage() && VD->getInit())
          Defs[VD].push_back({DS, VD->getInit()});
    return true;
  }

  bool VisitBinaryOperator(BinaryOperator *BO) {
    if (BO->isAssignmentOp())
      if (const VarDecl *VD = localOf(BO->getLHS()))
        Defs[VD].push_back({BO, BO->getRHS()});
    return true;
  }

  bool VisitUnaryOperator(UnaryOperator *UO) {
    if (UO->isIncrementDecrementOp())
      if (const VarDecl *VD = localOf(UO->getSubExpr()))
        Defs[VD].push_back({UO, nullptr});
    return true;
  }

private:
  llvm::DenseMap<const VarDecl *, SmallVector<Definition, 2>> &Defs;
};

class ReadCollector : public RecursiveASTVisitor<ReadCollector> {
public:
  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    if (const auto *VD = dyn_cast<VarDecl>(Ref->getDecl()))
      if (VD->hasLocalStorage() && !llvm::is_contained(Vars, VD))
        Vars.push_back(VD);
    return true;
  }
  SmallVector<const VarDecl *, 4> Vars;
};

} // namespace

FunctionFlow::FunctionFlow(const FunctionDecl *FD, ASTContext &Ctx) : Fn(FD) {
  Stmt *Body = FD->getBody();
  DefinitionCollector(Defs).TraverseStmt(Body);
  Parents = std::make_unique<ParentMap>(Body);
  CFG::BuildOptions Options;
  Options.setAllAlwaysAdd();
  Graph = CFG::buildCFG(FD, Body, &Ctx, Options);
  if (!Graph)
    return;
  for (const CFGBlock *B : *Graph)
    for (unsigned I = 0, E = B->size(); I != E; ++I)
      if (const Stmt *S = stmtOf((*B)[I]))
        Points.try_emplace(S, CFGPoint{B, I, false});
}

CFGPoint FunctionFlow::pointOf(const Stmt *S) const {
  auto It = Points.find(S);
  if (It != Points.end())
    return It->second;
  // A multi-declarator DeclStmt is split by the CFG; look for its parts.
  if (const auto *DS = dyn_cast_or_null<DeclStmt>(S))
    for (const auto &P : Points)
      if (isAnchor(P.first, DS))
        return P.second;
  return CFGPoint{};
}

CFGPoint FunctionFlow::entryPoint() const {
  return Graph ? CFGPoint::startOf(&Graph->getEntry()) : CFGPoint{};
}

FunctionFlow::Reached
FunctionFlow::search(CFGPoint From, StmtPredicate Target, StmtPredicate Stop,
                     bool ExitIsTarget,
                     std::optional<EdgePredicate> Follow) const {
  Reached Result;
  if (!Graph || !From)
    return Result;
  const CFGBlock *Exit = &Graph->getExit();
  llvm::DenseMap<const CFGBlock *, const CFGBlock *> CameFrom;
  llvm::BitVector Entered(Graph->getNumBlockIDs());
  // (block, first element to look at); the first block is entered part
  // way, so it may be entered again from its start through a loop.
  std::deque<std::pair<const CFGBlock *, unsigned>> Work;
  Work.emplace_back(From.Block, From.AtStart ? 0 : From.Index + 1);
  auto finish = [&](const CFGBlock *Last, const Stmt *S) {
    Result.Found = true;
    Result.Target = S;
    for (const CFGBlock *B = Last; B; B = CameFrom.lookup(B))
      Result.Path.push_back(B);
    std::reverse(Result.Path.begin(), Result.Path.end());
    return Result;
  };
  while (!Work.empty()) {
    auto [B, Start] = Work.front();
    Work.pop_front();
    if (B == Exit && ExitIsTarget)
      return finish(B, nullptr);
    bool Stopped = false;
    for (unsigned I = Start, E = B->size(); I < E && !Stopped; ++I) {
      const Stmt *S = stmtOf((*B)[I]);
      if (!S)
        continue;
      if (Target(S))
        return finish(B, S);
      Stopped = Stop(S);
    }
    if (Stopped)
      continue;
    unsigned Index = 0;
    for (const CFGBlock *Succ : B->succs()) {
      unsigned SuccIndex = Index++;
      if (!Succ || Entered.test(Succ->getBlockID()))
        continue;
      if (Follow && !(*Follow)(B, SuccIndex))
        continue;
      Entered.set(Succ->getBlockID());
      if (Succ != From.Block)
        CameFrom[Succ] = B;
      Work.emplace_back(Succ, 0);
    }
  }
  return Result;
}

SmallVector<const VarDecl *, 4> FunctionFlow::reads(const Expr *Value) const {
  ReadCollector C;
  if (Value)
    C.TraverseStmt(const_cast<Expr *>(Value));
  return C.Vars;
}

llvm::ArrayRef<Definition> FunctionFlow::definitions(const VarDecl *V) const {
  auto It = Defs.find(V);
  if (It == Defs.end())
    return {};
  return It->second;
}

llvm::SmallSetVector<const VarDecl *, 4> FunctionFlow::roots(
    const Expr *Value,
    llvm::function_ref<bool(const VarDecl *)> IsRoot) const {
  llvm::SmallSetVector<const VarDecl *, 4> Found;
  llvm::SmallPtrSet<const VarDecl *, 8> Seen;
  SmallVector<const VarDecl *, 8> Work(reads(Value));
  while (!Work.empty()) {
    const VarDecl *V = Work.pop_back_val();
    if (!Seen.insert(V).second)
      continue;
    if (IsRoot(V)) {
      Found.insert(V);
      continue;
    }
    for (const Definition &D : definitions(V))
      llvm::append_range(Work, reads(D.Value));
  }
  return Found;
}

} // namespace ptwalk
