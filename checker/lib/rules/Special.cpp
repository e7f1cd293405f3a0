//===- Special.cpp - The special rule -------------------------------------===//
//
// rules/docs/special.md: a page pinned from a pte snapshot on a path that
// has not tested it with pte_special().  A special pte maps a pfn with no
// page to pin, or one the mapping owner refcounts its own way.  Where
// huge pfnmaps exist (the unit declares pmd_special()/pud_special(), or
// its kernel is 6.12 or later), pmd and pud leaves need the same test.
// The true branch of a p?d_devmap() test is the one exemption: device
// entries are special on x86 and are pinned through their pagemap.
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

static constexpr llvm::StringLiteral RuleName = "special";

/// `p?d_devmap(V)`: the entry is device memory, pinned by its pagemap.
static bool isDevmapTest(const Expr *E, const VarDecl *V) {
  const auto *Call = dyn_cast_or_null<CallExpr>(E);
  return Call && Call->getNumArgs() == 1 &&
         calleeName(Call).endswith("_devmap") &&
         varOf(Call->getArg(0)) == V;
}

void checkSpecial(RuleContext &RC) {
  std::optional<unsigned> Version = RC.Model.roles().kernelVersion();
  auto HugePfnmaps = [&](Level L) {
    return !RC.declared(ApiRole::SPECIAL_PRED, L).empty() ||
           (Version && *Version >= kernelVersion(6, 12));
  };
  SnapshotTestRule Rule;
  auto Needs = [&](const WalkerFunction &, const PinSite &,
                   const FlowSnapshot &S) {
    if (S.Hugetlb)
      return false; // hugetlb entries are never special
    return S.Lvl == Level::pte ||
           ((S.Lvl == Level::pmd || S.Lvl == Level::pud) &&
            HugePfnmaps(S.Lvl));
  };
  // A copy of the snapshot at another level (`*(pte_t *)&pmd`) is the
  // same value: a test of it counts.
  auto Tests = [&](const WalkerFunction &W, const Stmt *X, const VarDecl *V) {
    if (const auto *Call = dyn_cast<CallExpr>(X))
      return Call->getNumArgs() == 1 &&
             findApi(calleeName(Call), ApiRole::SPECIAL_PRED) &&
             (varOf(Call->getArg(0)) == V ||
              W.copies(varOf(Call->getArg(0)), V));
    // The old arch idiom, (pte_val(pte) & (mask | _PAGE_SPECIAL)) != mask.
    const auto *Cmp = dyn_cast<BinaryOperator>(X);
    return Cmp && Cmp->isEqualityOp() && W.readsSnapshot(Cmp, V) &&
           mentionsMacro(Cmp, "_PAGE_SPECIAL", RC.Ctx);
  };
  auto Follow = [&](const WalkerFunction &, const CFGBlock *B, unsigned Succ,
                    const VarDecl *V) {
    bool Negated = false;
    const auto *Cond = dyn_cast_or_null<Expr>(B->getTerminatorCondition());
    if (!Cond || !isDevmapTest(conditionCore(Cond, Negated), V))
      return true;
    return Succ != (Negated ? 1u : 0u);
  };
  auto Report = [&](const WalkerFunction &, const TestDemand &D,
                    const FlowSnapshot &S) {
    std::string Untested =
        ("which is not tested with " + levelName(S.Lvl) + "_special()").str();
    reportUntested(RC, RuleName, D, S,
                   {"", Untested, "a special entry has no page to pin"});
  };
  Rule.Needs = Needs;
  Rule.Tests = Tests;
  Rule.Follow = Follow;
  Rule.Report = Report;
  checkSnapshotTests(RC, Rule);
}

} // namespace ptwalk
