//===- WritePerm.cpp - The write-perm rule --------------------------------===//
//
// rules/docs/write-perm.md: a page pinned, possibly for write, from a
// pte, pmd or pud snapshot on a path that has not tested the snapshot's
// write permission: pte_write()/pmd_write()/pud_write(), the
// p?d_access_permitted() helpers, x86's pte_allows_gup(), or the old
// arch idiom `(pte_val(pte) & mask) != mask` where the mask takes the
// write bit.  A path on which the write flag is known clear (the false
// branch of `write` or of `flags & FOLL_WRITE`) pins for read and needs
// no test.  An earlier
// branch that skips the test (x86's pte_devmap() branch before
// ef947b2529f9) leaves a path without it, and is found as such.
//
//===----------------------------------------------------------------------===//

#include "Rules.h"
#include "RuleContext.h"
#include "SnapshotTests.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/Analysis/CFG.h"

using namespace clang;

namespace ptwalk {

static constexpr llvm::StringLiteral RuleName = "write-perm";

/// A function that can be asked to pin for write: GUP-fast passes a
/// `write` flag (to 5.1) or FOLL_ flags.
static bool takesWriteRequest(const FunctionDecl *Fn) {
  for (const ParmVarDecl *P : Fn->parameters()) {
    llvm::StringRef Name = P->getName();
    if (Name == "write" || Name == "flags" || Name == "gup_flags")
      return true;
  }
  return false;
}

/// `write`, or `flags & FOLL_WRITE`: true when the pin is for write.
static bool isWriteRequest(const Expr *E, ASTContext &Ctx) {
  if (const VarDecl *V = varOf(E))
    return V->getName() == "write";
  const auto *And = dyn_cast<BinaryOperator>(E);
  return And && And->getOpcode() == BO_And &&
         mentionsMacro(And, "FOLL_WRITE", Ctx);
}

static bool mentionsWriteBit(const Stmt *S, ASTContext &Ctx) {
  return mentionsMacro(S, "_PAGE_RW", Ctx) ||
         mentionsMacro(S, "_PAGE_WRITE", Ctx);
}

void checkWritePerm(RuleContext &RC) {
  SnapshotTestRule Rule;
  auto Needs = [&](const WalkerFunction &W, const PinSite &Pin,
                   const FlowSnapshot &S) {
    if (S.Lvl != Level::pte && S.Lvl != Level::pmd && S.Lvl != Level::pud)
      return false;
    // A demand passed up from a callee (a site with no snapshot of its
    // own) was asked for by a pin for write already.
    bool FromCallee = Pin.Snapshots.empty() && !Pin.Helper;
    return FromCallee || takesWriteRequest(W.Fn);
  };
  auto Tests = [&](const WalkerFunction &W, const Stmt *X, const VarDecl *V) {
    // x86's pte_allows_gup() takes the entry's value: pte_val(pte).  A
    // copy at another level (`*(pte_t *)&pmd`) is the same value.
    if (const auto *Call = dyn_cast<CallExpr>(X))
      return Call->getNumArgs() >= 1 &&
             findApi(calleeName(Call), ApiRole::WRITE_PRED) &&
             W.readsSnapshot(Call->getArg(0), V);
    // The old arch idiom, (pte_val(pte) & mask) != mask, with the write
    // bit in the mask when write is asked for.
    const auto *Cmp = dyn_cast<BinaryOperator>(X);
    if (!Cmp || !Cmp->isEqualityOp() || !W.readsSnapshot(Cmp, V))
      return false;
    if (mentionsWriteBit(Cmp, RC.Ctx))
      return true;
    for (const VarDecl *Mask : W.Flow->reads(Cmp))
      for (const Definition &D : W.Flow->definitions(Mask))
        if (mentionsWriteBit(D.Anchor, RC.Ctx))
          return true;
    return false;
  };
  auto Follow = [&](const WalkerFunction &, const CFGBlock *B, unsigned Succ,
                    const VarDecl *) {
    bool Negated = false;
    const auto *Cond = dyn_cast_or_null<Expr>(B->getTerminatorCondition());
    if (!Cond || !isWriteRequest(conditionCore(Cond, Negated), RC.Ctx))
      return true;
    // The branch on which write is not asked for pins for read.
    return Succ != (Negated ? 0u : 1u);
  };
  auto Report = [&](const WalkerFunction &, const TestDemand &D,
                    const FlowSnapshot &S) {
    llvm::StringRef Pred = RC.declared(ApiRole::WRITE_PRED, S.Lvl);
    std::string Advice =
        "test it with " + (Pred.empty() ? (levelName(S.Lvl) + "_write()").str()
                                        : (Pred + "()").str());
    reportUntested(RC, RuleName, D, S,
                   {" for write", "whose write permission is not tested",
                    Advice});
  };
  Rule.Needs = Needs;
  Rule.Tests = Tests;
  Rule.Follow = Follow;
  Rule.Report = Report;
  checkSnapshotTests(RC, Rule);
}

} // namespace ptwalk
