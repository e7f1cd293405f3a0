//===- UnsafeGet.cpp - The unsafe-get rule --------------------------------===//
//
// rules/docs/unsafe-get.md: an unconditional get (api.def's UNCOND_GET:
// get_page(), folio_get(), ...) in a lockless walker, of a page computed
// from an entry snapshot, on a path that has taken neither a speculative
// get nor a page-table lock.  Without the lock the page may be freed
// under the walker, and the get cannot refuse a count about to overflow
// (CVE-2019-11487).  The walker may pin with such gets alone (x86 before
// 4.13): SnapshotWalkers says which functions are walkers then.
//
//===----------------------------------------------------------------------===//

#include "Rules.h"
#include "RuleContext.h"
#include "SnapshotWalkers.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/RecursiveASTVisitor.h"

using namespace clang;

namespace ptwalk {

static constexpr llvm::StringLiteral RuleName = "unsafe-get";

namespace {

/// The snapshot a derived local that E reads comes from, or null.
const VarDecl *
snapshotRead(const Stmt *E,
             const llvm::DenseMap<const VarDecl *, const VarDecl *> &Derived) {
  if (!E)
    return nullptr;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    if (const auto *VD = dyn_cast<VarDecl>(Ref->getDecl()))
      if (auto It = Derived.find(VD); It != Derived.end())
        return It->second;
  for (const Stmt *Child : E->children())
    if (const VarDecl *S = snapshotRead(Child, Derived))
      return S;
  return nullptr;
}

} // namespace

void checkUnsafeGet(RuleContext &RC) {
  for (const auto &Entry : RC.Model.functions()) {
    const FunctionFacts &F = Entry.second;
    if (!isSnapshotWalker(RC.Model, RC.Types, F))
      continue;
    auto Gets = unconditionalGets(F, RC.Model.roles());
    if (Gets.empty())
      continue;
    auto Derived = snapshotDerived(F, RC.Types);
    for (const CallExpr *Get : Gets) {
      const VarDecl *Snap = snapshotRead(Get->getArg(0), Derived);
      if (!Snap || !reachableUnpinnedUnlocked(F.Fn, Get, RC.Model.roles(),
                                              RC.Ctx))
        continue;
      RC.Report.finding(RuleName, Get->getCallee()->getExprLoc(),
                        "%0() takes an unconditional reference on a page "
                        "from the lockless snapshot '%1': the page may be "
                        "freed under the walker and its count can "
                        "overflow; use a get that can fail")
          << Get->getDirectCallee()->getName() << Snap->getName();
      RC.Report.note(Snap->getLocation(), "'%0' is the snapshot")
          << Snap->getName();
    }
  }
}

} // namespace ptwalk
