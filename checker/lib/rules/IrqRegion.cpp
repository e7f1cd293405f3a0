//===- IrqRegion.cpp - irq-region: the walk's IRQ-off region --------------===//
//
// rules/docs/irq-region.md.  A walker reads an entry through a pointer
// outside the page-table lock and pins a page with a speculative get, or
// calls such a walker.  The walk must run inside an IRQ-off region
// (IrqRegions, WalkerModel::runsIrqOff()), and nothing inside the region
// may sleep.  The same predicate as cocci/irq-region.cocci.
//
//===----------------------------------------------------------------------===//

#include "Rules.h"
#include "IrqRegions.h"
#include "RuleContext.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang;

namespace ptwalk {

namespace {

constexpr llvm::StringLiteral RuleName = "irq-region";

using FnSet = llvm::SmallPtrSet<const FunctionDecl *, 16>;

/// Whether a body walks kernel page tables, which are never freed: it
/// names init_mm, or calls pgd_offset_k() or pgd_offset_gate() (the
/// gate area's tables, get_gate_page()), as functions or macros.
class KernelTables : public RecursiveASTVisitor<KernelTables> {
public:
  explicit KernelTables(ASTContext &Ctx) : Ctx(Ctx) {}
  bool Found = false;

  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    if (const NamedDecl *D = Ref->getDecl();
        D->getIdentifier() && D->getName() == "init_mm")
      Found = true;
    return !Found;
  }
  bool VisitStmt(Stmt *S) {
    const SourceManager &SM = Ctx.getSourceManager();
    SourceLocation Loc = S->getBeginLoc();
    llvm::StringRef Name;
    if (const auto *Call = dyn_cast<CallExpr>(S))
      Name = calleeName(Call);
    if (isKernelTableWalk(Name)) {
      Found = true;
    } else if (Loc.isMacroID()) {
      // Every statement of an expansion has its location: read the
      // macro's name once per expansion, not once per statement.
      SourceLocation Expansion = SM.getExpansionLoc(Loc);
      if (ExpansionsSeen.insert(Expansion.getRawEncoding()).second)
        Found = isKernelTableWalk(Lexer::getSourceText(
            CharSourceRange::getTokenRange(Expansion), SM, Ctx.getLangOpts()));
    }
    return !Found;
  }

private:
  static bool isKernelTableWalk(llvm::StringRef Name) {
    return Name == "pgd_offset_k" || Name == "pgd_offset_gate";
  }
  ASTContext &Ctx;
  llvm::DenseSet<unsigned> ExpansionsSeen;
};

struct Walk {
  const WalkerModel &Model;
  /// Entry reads and speculative gets outside the page-table lock.
  llvm::DenseMap<const FunctionDecl *, SmallVector<const Stmt *, 4>> Reads;
  llvm::DenseMap<const FunctionDecl *, SmallVector<const CallExpr *, 2>> Pins;
  FnSet Walkers, Needing, Sleepers;

  Walk(const WalkerModel &Model, ASTContext &Ctx) : Model(Model), Ctx(Ctx) {}
  ASTContext &Ctx;

  bool open(const FunctionDecl *FD, const Stmt *S) const {
    return !Model.irqRegions(FD).inside(S);
  }

  static bool togglesIrqs(const FunctionFacts &F) {
    return !F.IrqToggles.empty();
  }

  void build() {
    for (const auto &Entry : Model.functions()) {
      const FunctionFacts &F = Entry.second;
      // Nothing to add for a function that reads no entry and pins none;
      // most of a unit's functions come from headers.
      if ((F.EntryReads.empty() && F.Pins.empty()) || Model.runsLocked(F.Fn))
        continue;
      KernelTables K(Ctx);
      K.TraverseStmt(F.Fn->getBody());
      if (K.Found)
        continue; // not a walk of user page tables
      for (const Expr *R : F.EntryReads)
        if (Model.reachableUnlocked(F.Fn, R))
          Reads[F.Fn].push_back(R);
      for (const CallExpr *P : F.Pins)
        if (Model.reachableUnlocked(F.Fn, P))
          Pins[F.Fn].push_back(P);
    }
    // Walkers: a read, and a pin or a call of a walker.
    for (bool Changed = true; Changed;) {
      Changed = false;
      for (const auto &Entry : Model.functions()) {
        const FunctionFacts &F = Entry.second;
        if (Walkers.count(F.Fn) || !Reads.count(F.Fn))
          continue;
        if (Pins.count(F.Fn) ||
            llvm::any_of(F.LocalCalls, [&](const auto &Call) {
              return Walkers.count(Call.first);
            }))
          Changed = Walkers.insert(F.Fn).second;
      }
    }
    // Walkers that need their callers' region: a read, a pin or a call of
    // such a walker outside their own, and no region of their own.
    for (bool Changed = true; Changed;) {
      Changed = false;
      for (const auto &Entry : Model.functions()) {
        const FunctionFacts &F = Entry.second;
        if (!Walkers.count(F.Fn) || Needing.count(F.Fn) || togglesIrqs(F))
          continue;
        bool Open =
            llvm::any_of(Reads.lookup(F.Fn),
                         [&](const Stmt *S) { return open(F.Fn, S); }) ||
            llvm::any_of(Pins.lookup(F.Fn),
                         [&](const Stmt *S) { return open(F.Fn, S); }) ||
            llvm::any_of(F.LocalCalls, [&](const auto &Call) {
              return Needing.count(Call.first) && open(F.Fn, Call.second);
            });
        if (Open)
          Changed = Needing.insert(F.Fn).second;
      }
    }
    for (const auto &Entry : Model.functions())
      if (!Entry.second.Sleeps.empty())
        Sleepers.insert(Entry.first);
    for (bool Changed = true; Changed;) {
      Changed = false;
      for (const auto &Entry : Model.functions())
        if (!Sleepers.count(Entry.first) &&
            llvm::any_of(Entry.second.LocalCalls, [&](const auto &Call) {
              return Sleepers.count(Call.first);
            }))
          Changed = Sleepers.insert(Entry.first).second;
    }
  }
};

} // namespace

void checkIrqRegion(RuleContext &RC) {
  const WalkerModel &Model = RC.Model;
  const SourceManager &SM = RC.Ctx.getSourceManager();
  Walk W(Model, RC.Ctx);
  W.build();
  if (W.Walkers.empty())
    return;
  auto InMainFile = [&](const FunctionDecl *FD) {
    return SM.isInMainFile(SM.getExpansionLoc(FD->getLocation()));
  };
  for (const auto &Entry : Model.functions()) {
    const FunctionFacts &F = Entry.second;
    if (!InMainFile(F.Fn) || !F.Fn->getBody())
      continue;
    // Who answers for the region: a function that opens or closes one
    // itself, or one that is no walker and is called in the unit, but not
    // by a walker (the caller entering the walk, not a helper in its
    // middle).  Any other function is called from another unit, inside a
    // region or not, which is not seen.
    bool IsWalker = W.Walkers.count(F.Fn);
    auto Callers = Model.callersOf(F.Fn);
    bool CalledByWalker = llvm::any_of(Callers, [&](const auto &Call) {
      return W.Walkers.count(Call.first);
    });
    bool Answers = Walk::togglesIrqs(F) ||
                   (!IsWalker && !Callers.empty() && !CalledByWalker);
    if (Answers && !Model.runsIrqOff(F.Fn)) {
      for (const auto &Call : F.LocalCalls)
        if (W.Needing.count(Call.first) && W.open(F.Fn, Call.second))
          RC.Report.finding(RuleName, Call.second->getBeginLoc(),
                            "lockless page-table walk %0() entered outside "
                            "an IRQ-off region")
              << Call.first->getName();
      if (IsWalker)
        for (const CallExpr *Pin : W.Pins.lookup(F.Fn))
          if (W.open(F.Fn, Pin))
            RC.Report.finding(RuleName, Pin->getBeginLoc(),
                              "%0() pins a page from a lockless walk outside "
                              "the IRQ-off region of %1()")
                << calleeName(Pin) << F.Fn->getName();
    }
    // Nothing inside a region may sleep, nor call what sleeps.
    const IrqRegions &Regions = Model.irqRegions(F.Fn);
    if (F.IrqToggles.empty())
      continue;
    for (const CallExpr *Sleep : F.Sleeps)
      if (Regions.mayBeInside(Sleep))
        RC.Report.finding(RuleName, Sleep->getBeginLoc(),
                          "%0() may sleep inside an IRQ-off region")
            << calleeName(Sleep);
    for (const auto &Call : F.LocalCalls)
      if (W.Sleepers.count(Call.first) &&
          !IrqRegions::sleeps(Call.second, RC.Ctx) &&
          Regions.mayBeInside(Call.second))
        RC.Report.finding(RuleName, Call.second->getBeginLoc(),
                          "%0() may sleep and is called inside an IRQ-off "
                          "region")
            << Call.first->getName();
  }
}

} // namespace ptwalk
