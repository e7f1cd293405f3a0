//===- WalkerModel.cpp - Lockless walkers of a translation unit -----------===//

#include "WalkerModel.h"
#include "IrqRegions.h"
#include "LockFreePaths.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/StringSwitch.h"

#include <algorithm>

using namespace clang;
using std::nullopt;

namespace ptwalk {

bool WalkerModel::isPageTableLockExpr(const Expr *E) {
  for (;;) {
    E = E->IgnoreParenCasts();
    if (const auto *UO = dyn_cast<UnaryOperator>(E);
        UO && UO->getOpcode() == UO_AddrOf) {
      E = UO->getSubExpr();
      continue;
    }
    break;
  }
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    return Callee && Callee->getIdentifier() &&
           findApi(Callee->getName(), ApiRole::PT_LOCKPTR);
  }
  const NamedDecl *Named = nullptr;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    Named = Ref->getDecl();
  else if (const auto *Member = dyn_cast<MemberExpr>(E))
    Named = Member->getMemberDecl();
  if (!Named || !Named->getIdentifier())
    return false;
  // Macros name theirs __ptl (6.1's pte_offset_map_lock()).
  llvm::StringRef Name = Named->getName().ltrim('_');
  if (Name == "ptl" || Name == "page_table_lock")
    return true;
  // A local initialised from a *_lockptr() call.
  const auto *Var = dyn_cast<VarDecl>(Named);
  return Var && Var->hasLocalStorage() && Var->getInit() &&
         Var->getInit() != E && isPageTableLockExpr(Var->getInit());
}

bool WalkerModel::isPageTableLockCall(const CallExpr *Call) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee || !Callee->getIdentifier())
    return false;
  const ApiEntry *Lock = findApi(Callee->getName(), ApiRole::PT_LOCK);
  if (!Lock)
    return false;
  // spin_lock() takes any lock; the page-table helpers only theirs.
  return Lock->Lvl != Level::any ||
         (Call->getNumArgs() == 1 && isPageTableLockExpr(Call->getArg(0)));
}

namespace {

/// Collects the facts of one function body.  Nested declarations other
/// than locals do not occur in kernel C, and are not looked into.
class BodyVisitor : public RecursiveASTVisitor<BodyVisitor> {
public:
  BodyVisitor(ASTContext &Ctx, const EntryTypes &Types, const ApiRoles &Roles,
              FunctionFacts &Out)
      : Ctx(Ctx), Types(Types), Roles(Roles), Out(Out) {}

  bool VisitCallExpr(CallExpr *Call) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee || !Callee->getIdentifier())
      return true;
    llvm::StringRef Name = Callee->getName();
    if (std::optional<ApiRole> T = IrqRegions::toggle(Call, Ctx); T)
      Out.IrqToggles.push_back(Call);
    else if (IrqRegions::sleeps(Call, Ctx))
      Out.Sleeps.push_back(Call);
    if (findApi(Name, ApiRole::READ_ONCE_ACCESS) ||
        findApi(Name, ApiRole::SAFE_READ) || readsEntry(Call))
      Out.EntryReads.push_back(Call);
    if (Roles.isSpeculativeGet(Call))
      Out.Pins.push_back(Call);
    else if (WalkerModel::isPageTableLockCall(Call))
      Out.TakesPageTableLock = true;
    else if (findApi(Name, ApiRole::PT_LOCK_ASSERT) && Call->getNumArgs() &&
             WalkerModel::isPageTableLockExpr(Call->getArg(0)))
      Out.AssertsPageTableLock = true;
    if (const FunctionDecl *Def = Callee->getDefinition())
      Out.LocalCalls.emplace_back(Def, Call);
    return true;
  }

  bool VisitUnaryOperator(UnaryOperator *UO) {
    if (UO->getOpcode() != UO_Deref)
      return true;
    QualType T = UO->getSubExpr()->IgnoreParenImpCasts()->getType();
    if (T->isPointerType() && Types.isEntryLike(T->getPointeeType()))
      Out.EntryReads.push_back(UO);
    return true;
  }

  bool VisitDeclStmt(DeclStmt *DS) {
    for (Decl *D : DS->decls())
      if (auto *VD = dyn_cast<VarDecl>(D))
        if (VD->hasLocalStorage() && Types.levelOf(VD->getType()))
          addSnapshot(VD, DS, VD->getInit());
    return true;
  }

  bool VisitBinaryOperator(BinaryOperator *BO) {
    if (BO->getOpcode() != BO_Assign)
      return true;
    const auto *Ref = dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParenImpCasts());
    const auto *VD = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    if (VD && VD->hasLocalStorage() && Types.levelOf(VD->getType()))
      addSnapshot(VD, BO, BO->getRHS());
    return true;
  }

private:
  /// A reader api.def does not name (6.12's pgdp_get(), p4dp_get()): a
  /// call that takes an entry pointer and returns an entry.
  bool readsEntry(const CallExpr *Call) const {
    if (!Types.isEntryLike(Call->getType()))
      return false;
    return llvm::any_of(Call->arguments(), [&](const Expr *Arg) {
      QualType T = Arg->IgnoreParenImpCasts()->getType();
      return T->isPointerType() && Types.isEntryLike(T->getPointeeType());
    });
  }

  void addSnapshot(const VarDecl *VD, const Stmt *Anchor, const Expr *Value) {
    if (std::optional<SingleRead> Read = recogniseSingleRead(Value, Ctx, Types))
      Out.Snapshots.push_back(Snapshot{VD, Anchor, std::move(*Read)});
  }

  ASTContext &Ctx;
  const EntryTypes &Types;
  const ApiRoles &Roles;
  FunctionFacts &Out;
};

} // namespace

WalkerModel::WalkerModel(ASTContext &Ctx, const EntryTypes &Types,
                         const ApiRoles &Roles, const LockAssertions &Asserts)
    : Ctx(Ctx), Types(Types), Roles(Roles), Asserts(Asserts) {}

WalkerModel::~WalkerModel() = default;

void WalkerModel::addFunction(const FunctionDecl *FD) {
  FunctionFacts &F = Facts[FD];
  F.Fn = FD;
  BodyVisitor(Ctx, Types, Roles, F).TraverseStmt(FD->getBody());
  if (Asserts.within(FD->getBody(), Ctx.getSourceManager()))
    F.AssertsPageTableLock = true;
}

void WalkerModel::build() {
  // Only function bodies matter: walk the top-level declarations (and
  // extern "C"-style contexts) instead of the whole AST, so records,
  // typedefs and prototypes of the headers cost nothing.  Of the bodies,
  // those of the main file are analysed, and the functions they call,
  // transitively: the thousands of static inline helpers a kernel unit
  // includes and never calls are skipped.
  const SourceManager &SM = Ctx.getSourceManager();
  SmallVector<const FunctionDecl *, 64> Work;
  SmallVector<const DeclContext *, 4> Contexts{Ctx.getTranslationUnitDecl()};
  while (!Contexts.empty()) {
    const DeclContext *DC = Contexts.pop_back_val();
    for (const Decl *D : DC->decls()) {
      if (const auto *FD = dyn_cast<FunctionDecl>(D)) {
        if (FD->doesThisDeclarationHaveABody() && !FD->isDependentContext() &&
            SM.isInMainFile(SM.getExpansionLoc(FD->getLocation())))
          Work.push_back(FD);
      } else if (const auto *LS = dyn_cast<LinkageSpecDecl>(D)) {
        Contexts.push_back(LS);
      }
    }
  }
  // Depth-first from the main file's functions, in their order.
  std::reverse(Work.begin(), Work.end());
  while (!Work.empty()) {
    const FunctionDecl *FD = Work.pop_back_val();
    if (Facts.count(FD))
      continue;
    addFunction(FD);
    for (const auto &Call : llvm::reverse(Facts[FD].LocalCalls))
      if (!Facts.count(Call.first) && !Call.first->isDependentContext())
        Work.push_back(Call.first);
  }
  for (const auto &Entry : Facts)
    for (const auto &Call : Entry.second.LocalCalls)
      Callers[Call.first].emplace_back(Entry.first, Call.second);
}

bool WalkerModel::callHoldsLock(const FunctionDecl *Caller,
                                const CallExpr *Call) const {
  if (runsLocked(Caller))
    return true;
  auto It = Facts.find(Caller);
  if (It == Facts.end() || !It->second.TakesPageTableLock)
    return false;
  std::unique_ptr<LockFreePaths> &Paths = CallerPaths[Caller];
  if (!Paths)
    Paths = std::make_unique<LockFreePaths>(Caller, Ctx);
  return !Paths->reachableUnlocked(Call);
}

bool WalkerModel::runsLocked(const FunctionDecl *FD) const {
  LockState &State = Locked[FD];
  if (State == LockState::Locked || State == LockState::Unlocked)
    return State == LockState::Locked;
  if (State == LockState::Visiting)
    return false; // a cycle of calls holds no lock of its own
  State = LockState::Visiting;
  bool Result = false;
  auto F = Facts.find(FD);
  if (F != Facts.end() && F->second.AssertsPageTableLock) {
    Result = true;
  } else if (auto C = Callers.find(FD); C != Callers.end()) {
    Result = llvm::all_of(C->second, [&](const auto &Call) {
      return callHoldsLock(Call.first, Call.second);
    });
  }
  Locked[FD] = Result ? LockState::Locked : LockState::Unlocked;
  return Result;
}

bool WalkerModel::reachableUnlocked(const FunctionDecl *FD,
                                    const Stmt *S) const {
  auto It = Facts.find(FD);
  if (It == Facts.end() || !It->second.TakesPageTableLock)
    return true;
  std::unique_ptr<LockFreePaths> &Paths = CallerPaths[FD];
  if (!Paths)
    Paths = std::make_unique<LockFreePaths>(FD, Ctx);
  return Paths->reachableUnlocked(S);
}

const IrqRegions &WalkerModel::irqRegions(const FunctionDecl *FD) const {
  std::unique_ptr<IrqRegions> &R = Regions[FD];
  if (!R)
    R = std::make_unique<IrqRegions>(FD, Ctx);
  return *R;
}

llvm::ArrayRef<std::pair<const FunctionDecl *, const CallExpr *>>
WalkerModel::callersOf(const FunctionDecl *FD) const {
  auto C = Callers.find(FD);
  if (C == Callers.end())
    return {};
  return C->second;
}

bool WalkerModel::runsIrqOff(const FunctionDecl *FD) const {
  LockState &State = IrqOff[FD];
  if (State == LockState::Locked || State == LockState::Unlocked)
    return State == LockState::Locked;
  if (State == LockState::Visiting)
    return false; // a cycle of calls opens no region of its own
  State = LockState::Visiting;
  auto Calls = callersOf(FD);
  bool Result = !Calls.empty() && llvm::all_of(Calls, [&](const auto &Call) {
    return runsIrqOff(Call.first) ||
           irqRegions(Call.first).inside(Call.second);
  });
  IrqOff[FD] = Result ? LockState::Locked : LockState::Unlocked;
  return Result;
}

std::optional<WalkerEvidence>
WalkerModel::walkerEvidence(const FunctionFacts &F) const {
  if (runsLocked(F.Fn))
    return std::nullopt;
  if (!F.Pins.empty())
    return WalkerEvidence{F.Pins.front(), nullptr};
  for (const auto &Call : F.LocalCalls) {
    auto It = Facts.find(Call.first);
    if (It != Facts.end() && !It->second.Pins.empty())
      return WalkerEvidence{Call.second, Call.first};
  }
  return std::nullopt;
}

} // namespace ptwalk
