//===- WalkerFlow.cpp - Snapshots, pins and re-checks of walkers ----------===//

#include "WalkerFlow.h"
#include "LockFreePaths.h"
#include "SnapshotWalkers.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/Builtins.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang;

namespace ptwalk {

llvm::StringRef calleeName(const CallExpr *Call) {
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  return Callee && Callee->getIdentifier() ? Callee->getName() : "";
}

const VarDecl *varOf(const Expr *E) {
  const auto *Ref = E ? dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts())
                      : nullptr;
  return Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
}

const Expr *conditionCore(const Expr *E, bool &Negated) {
  Negated = false;
  while (E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *Op = dyn_cast<UnaryOperator>(E);
        Op && Op->getOpcode() == UO_LNot) {
      Negated = !Negated;
      E = Op->getSubExpr();
      continue;
    }
    if (const auto *Call = dyn_cast<CallExpr>(E);
        Call && Call->getBuiltinCallee() == Builtin::BI__builtin_expect) {
      E = Call->getArg(0);
      continue;
    }
    break;
  }
  return E;
}

static bool isPrimitive(llvm::StringRef Name) {
  return findApi(Name, ApiRole::SPEC_GET) || findApi(Name, ApiRole::RELEASE) ||
         findApi(Name, ApiRole::UNCOND_GET);
}

/// The outermost macro E is the whole expansion of, or "".
static llvm::StringRef wholeMacroName(const Expr *E, ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  if (!E->getBeginLoc().isMacroID())
    return "";
  SourceLocation Site = SM.getExpansionLoc(E->getBeginLoc());
  if (SM.getExpansionLoc(E->getEndLoc()) != SM.getExpansionLoc(Site) &&
      SM.getExpansionRange(E->getEndLoc()).getBegin() != Site)
    return "";
  return Lexer::getSourceText(CharSourceRange::getTokenRange(Site), SM,
                              Ctx.getLangOpts());
}

/// A read of a whole entry through a pointer: a single-access read, or a
/// safe reader (ptep_get_lockless(), gup_get_pte(), ...).
static bool isEntryRead(const Expr *E, ASTContext &Ctx,
                        const EntryTypes &Types) {
  // `*(pte_t *)&pmd` copies a local's bits: no read of a table.
  if (!E || copiedVar(E))
    return false;
  if (recogniseSingleRead(E, Ctx, Types))
    return true;
  if (findApi(wholeMacroName(E, Ctx), ApiRole::SAFE_READ))
    return true;
  const auto *Call = dyn_cast<CallExpr>(E->IgnoreParenImpCasts());
  return Call && findApi(calleeName(Call), ApiRole::SAFE_READ);
}

/// The first variable E reads that points to an entry of level L.
static const VarDecl *entryPointerIn(const Expr *E, const EntryTypes &Types,
                                     Level L) {
  struct Finder : RecursiveASTVisitor<Finder> {
    const EntryTypes &Types;
    Level L;
    const VarDecl *Found = nullptr;
    Finder(const EntryTypes &Types, Level L) : Types(Types), L(L) {}
    bool VisitDeclRefExpr(DeclRefExpr *Ref) {
      const auto *VD = dyn_cast<VarDecl>(Ref->getDecl());
      if (!Found && VD && VD->getType()->isPointerType() &&
          Types.levelOf(VD->getType()->getPointeeType()) == L)
        Found = VD;
      return !Found;
    }
  } F(Types, L);
  F.TraverseStmt(const_cast<Expr *>(E));
  return F.Found;
}

const FlowSnapshot *WalkerFunction::snapshot(const VarDecl *V) const {
  for (const FlowSnapshot &S : Snapshots)
    if (S.Var == V)
      return &S;
  return nullptr;
}

llvm::SmallSetVector<const VarDecl *, 4>
WalkerFunction::dependencies(const PinSite &Pin) const {
  llvm::SmallSetVector<const VarDecl *, 4> Deps;
  for (const VarDecl *V : Pin.Snapshots) {
    Deps.insert(V);
    if (const FlowSnapshot *S = snapshot(V); S && S->Table)
      Deps.insert(S->Table);
  }
  return Deps;
}

bool WalkerFunction::compares(const Stmt *S, const VarDecl *V) const {
  auto It = ComparedIn.find(S);
  return It != ComparedIn.end() && llvm::is_contained(It->second, V);
}

bool WalkerFunction::redefines(const Stmt *S,
                               llvm::ArrayRef<const VarDecl *> Vars) const {
  for (const VarDecl *V : Vars)
    if (const FlowSnapshot *Snap = snapshot(V))
      for (const Stmt *A : Snap->Anchors)
        if (FunctionFlow::isAnchor(S, A))
          return true;
  return false;
}

llvm::SmallSetVector<const VarDecl *, 2>
WalkerFunction::snapshotsOf(const Expr *E) const {
  llvm::SmallSetVector<const VarDecl *, 2> Found;
  for (const VarDecl *V : Flow->roots(E, [&](const VarDecl *V) {
         return snapshot(V) || isa<ParmVarDecl>(V);
       }))
    if (snapshot(V))
      Found.insert(V);
  return Found;
}

int WalkerFunction::paramIndex(const VarDecl *V) const {
  for (unsigned I = 0, E = Fn->getNumParams(); I != E; ++I)
    if (Fn->getParamDecl(I) == V)
      return I;
  return -1;
}

bool WalkerFunction::copies(const VarDecl *C, const VarDecl *V) const {
  if (!C || C == V || !C->hasLocalStorage() || isa<ParmVarDecl>(C))
    return false;
  llvm::ArrayRef<Definition> Defs = Flow->definitions(C);
  return !Defs.empty() && llvm::all_of(Defs, [&](const Definition &D) {
    return copiedVar(D.Value) == V;
  });
}

bool WalkerFunction::readsSnapshot(const Stmt *S, const VarDecl *V) const {
  if (!S)
    return false;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(S)) {
    const auto *Read = dyn_cast<VarDecl>(Ref->getDecl());
    return Read == V || copies(Read, V);
  }
  return llvm::any_of(S->children(),
                      [&](const Stmt *Child) { return readsSnapshot(Child, V); });
}

namespace {

/// The calls and entry comparisons of a body.
struct BodyScan : RecursiveASTVisitor<BodyScan> {
  SmallVector<const CallExpr *, 8> Calls;
  SmallVector<std::pair<const Expr *, std::pair<const Expr *, const Expr *>>,
              4>
      Compared;
  bool VisitCallExpr(CallExpr *Call) {
    Calls.push_back(Call);
    if (Call->getNumArgs() == 2 &&
        findApi(calleeName(Call), ApiRole::ENTRY_SAME))
      Compared.push_back({Call, {Call->getArg(0), Call->getArg(1)}});
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator *BO) {
    if (BO->isEqualityOp())
      Compared.push_back({BO, {BO->getLHS(), BO->getRHS()}});
    return true;
  }
};

} // namespace

WalkerFlow::WalkerFlow(ASTContext &Ctx, const EntryTypes &Types,
                       const WalkerModel &Model)
    : Ctx(Ctx), Types(Types), Model(Model) {}

const WalkerFunction *WalkerFlow::function(const FunctionDecl *FD) const {
  auto It = Functions.find(FD);
  return It == Functions.end() ? nullptr : It->second.get();
}

bool WalkerFlow::hasCaller(const FunctionDecl *FD) const {
  return CallCount.lookup(FD) != 0;
}

SmallVector<std::pair<const WalkerFunction *, const CallExpr *>, 2>
WalkerFlow::callersOf(const FunctionDecl *FD) const {
  SmallVector<std::pair<const WalkerFunction *, const CallExpr *>, 2> Found;
  for (const auto &Entry : Functions)
    for (const auto &Call : Entry.second->LocalCalls)
      if (Call.first == FD)
        Found.emplace_back(Entry.second.get(), Call.second);
  return Found;
}

void WalkerFlow::build() {
  // IRQ-off snapshot walkers that pin with unconditional gets.
  llvm::DenseMap<const FunctionDecl *, SmallVector<const CallExpr *, 2>>
      IrqOffGets;
  CountHelpers = countHelpers(Model);
  for (const auto &Entry : Model.functions()) {
    // Most functions read no entry: not worth a walk of their bodies.
    const FunctionFacts &F = Entry.second;
    if (F.EntryReads.empty() &&
        llvm::none_of(F.Fn->parameters(), [&](const ParmVarDecl *P) {
          return Types.levelOf(P->getType()).has_value();
        }))
      continue;
    auto Gets = unconditionalGets(F, Model.roles());
    for (const auto &Call : F.LocalCalls)
      if (CountHelpers.count(Call.first))
        Gets.push_back(Call.second);
    if (Gets.empty() || !isSnapshotWalker(Model, Types, F))
      continue;
    // A get under the lock, or of a page a speculative get holds already,
    // pins nothing new (unsafe-get asks the same).
    llvm::erase_if(Gets, [&](const CallExpr *Get) {
      return !reachableUnpinnedUnlocked(F.Fn, Get, Model.roles(), Ctx);
    });
    if (!Gets.empty())
      IrqOffGets[Entry.first] = std::move(Gets);
  }
  // The functions from which a pin can be reached, through calls of the
  // unit; all others cost nothing more.
  llvm::SmallPtrSet<const FunctionDecl *, 16> Reach;
  bool Changed = true;
  while (Changed) {
    Changed = false;
    for (const auto &Entry : Model.functions()) {
      const FunctionFacts &F = Entry.second;
      if (Reach.count(F.Fn) || isPrimitive(F.Fn->getName()))
        continue;
      bool Pins = !F.Pins.empty() ||
                  llvm::any_of(F.LocalCalls, [&](const auto &Call) {
                    return Reach.count(Call.first);
                  });
      // Code under the page-table lock reads stable entries.
      if (Pins && !Model.runsLocked(F.Fn))
        Changed = Reach.insert(F.Fn).second;
    }
  }
  // The callers of IRQ-off walkers that pin unconditionally, up the
  // calls: a snapshot they pass may need a test before the call.
  llvm::SmallPtrSet<const FunctionDecl *, 16> ReachUnconditional;
  for (const auto &Entry : IrqOffGets)
    ReachUnconditional.insert(Entry.first);
  for (Changed = true; Changed;) {
    Changed = false;
    for (const auto &Entry : Model.functions()) {
      const FunctionFacts &F = Entry.second;
      if (ReachUnconditional.count(F.Fn) || Model.runsLocked(F.Fn) ||
          llvm::none_of(F.LocalCalls, [&](const auto &Call) {
            return ReachUnconditional.count(Call.first);
          }))
        continue;
      Changed = ReachUnconditional.insert(F.Fn).second || Changed;
    }
  }
  for (const auto &Entry : Model.functions())
    for (const auto &Call : Entry.second.LocalCalls)
      ++CallCount[Call.first];
  for (const auto &Entry : Model.functions()) {
    auto Gets = IrqOffGets.find(Entry.first);
    if (!Reach.count(Entry.first) && !ReachUnconditional.count(Entry.first))
      continue;
    auto W = std::make_unique<WalkerFunction>();
    W->Fn = Entry.first;
    W->Speculative = Reach.count(Entry.first);
    W->LocalCalls = Entry.second.LocalCalls;
    W->Flow = std::make_unique<FunctionFlow>(W->Fn, Ctx);
    if (!W->Flow->valid())
      continue;
    analyse(*W);
    if (Gets != IrqOffGets.end()) {
      W->UnconditionalPins = Gets->second;
      for (const CallExpr *Get : Gets->second)
        if (!llvm::is_contained(W->PinCandidates, Get))
          W->PinCandidates.push_back(Get);
    }
    Functions[W->Fn] = std::move(W);
  }
  for (auto &Entry : Functions)
    for (FlowSnapshot &S : Entry.second->Snapshots)
      if (S.Pointer && !S.Hugetlb && S.Lvl == Level::pte)
        S.Hugetlb = hugetlbPointer(*Entry.second, S.Pointer);
  // Pins through parameters travel up the calls of the unit.
  for (unsigned Round = 0, Changes = 1; Changes && Round < 16; ++Round) {
    Changes = 0;
    for (auto &Entry : Functions) {
      WalkerFunction &W = *Entry.second;
      findPins(W);
      SmallVector<unsigned, 2> Through;
      for (const PinSite &Pin : W.Pins) {
        // A helper that pins unconditionally is no speculative pin of
        // its callers.
        if (Pin.Unconditional)
          continue;
        for (const VarDecl *P : Pin.OpaqueParams)
          if (int I = W.paramIndex(P); I >= 0 && !llvm::is_contained(Through, I))
            Through.push_back(I);
      }
      llvm::sort(Through);
      if (PinsThrough[W.Fn] != Through) {
        PinsThrough[W.Fn] = Through;
        ++Changes;
      }
    }
  }
}

/// Whether E computes a hugetlb entry pointer: hugepte_offset(),
/// huge_pte_offset() and the like, by the kernel's naming.
static bool callsHugePteOffset(const Stmt *E) {
  if (!E)
    return false;
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    llvm::StringRef Name = calleeName(Call);
    if (Name.startswith("huge") && Name.endswith("_offset"))
      return true;
  }
  return llvm::any_of(E->children(), callsHugePteOffset);
}

/// Whether the pointer P, as FLOW's function sees it, points into a
/// hugetlb table: set from a hugetlb offset, or a parameter every caller
/// of the unit passes one to.
bool WalkerFlow::hugetlbPointer(const WalkerFunction &W,
                                const VarDecl *P) const {
  auto FromHugeOffset = [](const WalkerFunction &F, const Expr *E) {
    if (callsHugePteOffset(E))
      return true;
    // `ptep++` walks the same table: only stored values count.
    const VarDecl *V = varOf(E);
    bool Stored = false;
    for (const Definition &D : V ? F.Flow->definitions(V)
                                 : llvm::ArrayRef<Definition>()) {
      if (!D.Value)
        continue;
      if (!callsHugePteOffset(D.Value))
        return false;
      Stored = true;
    }
    return Stored;
  };
  if (!isa<ParmVarDecl>(P))
    return llvm::any_of(W.Flow->definitions(P), [](const Definition &D) {
      return callsHugePteOffset(D.Value);
    });
  int I = W.paramIndex(P);
  auto Callers = callersOf(W.Fn);
  return I >= 0 && !Callers.empty() &&
         llvm::all_of(Callers, [&](const auto &Caller) {
           return unsigned(I) < Caller.second->getNumArgs() &&
                  FromHugeOffset(*Caller.first, Caller.second->getArg(I));
         });
}

void WalkerFlow::analyse(WalkerFunction &W) {
  const FunctionFacts &Facts = Model.functions().lookup(W.Fn);
  std::optional<LockFreePaths> Paths;
  auto lockless = [&](const Stmt *Anchor) {
    if (!Facts.TakesPageTableLock)
      return true;
    if (!Paths)
      Paths.emplace(W.Fn, Ctx);
    return Paths->reachableUnlocked(Anchor);
  };
  for (const ParmVarDecl *P : W.Fn->parameters()) {
    std::optional<Level> L = Types.levelOf(P->getType());
    if (!L || Facts.TakesPageTableLock)
      continue;
    FlowSnapshot S;
    S.Var = P;
    S.Lvl = *L;
    S.IsParam = true;
    for (const ParmVarDecl *Q : W.Fn->parameters())
      if (Q->getType()->isPointerType() &&
          Types.levelOf(Q->getType()->getPointeeType()) == *L)
        S.Pointer = S.Pointer ? nullptr : Q; // ambiguous when two
    W.Snapshots.push_back(std::move(S));
  }
  // Locals: every definition whose value is an entry read.
  llvm::MapVector<const VarDecl *, FlowSnapshot> Locals;
  struct LocalScan : RecursiveASTVisitor<LocalScan> {
    SmallVector<const VarDecl *, 8> Vars;
    bool VisitVarDecl(VarDecl *VD) {
      if (VD->hasLocalStorage() && !isa<ParmVarDecl>(VD))
        Vars.push_back(VD);
      return true;
    }
  } Scan;
  Scan.TraverseStmt(W.Fn->getBody());
  for (const VarDecl *V : Scan.Vars) {
    std::optional<Level> L = Types.levelOf(V->getType());
    if (!L)
      continue;
    FlowSnapshot S;
    S.Var = V;
    S.Lvl = *L;
    S.IsParam = false;
    for (const Definition &D : W.Flow->definitions(V)) {
      if (!isEntryRead(D.Value, Ctx, Types) || !lockless(D.Anchor))
        continue;
      S.Anchors.push_back(D.Anchor);
      if (!S.Pointer)
        S.Pointer = entryPointerIn(D.Value, Types, *L);
      if (std::optional<SingleRead> R = recogniseSingleRead(D.Value, Ctx, Types))
        S.Hugetlb |= R->Reader == "huge_ptep_get";
    }
    if (!S.Anchors.empty())
      W.Snapshots.push_back(std::move(S));
  }
  // The pmd a pte table was mapped from: pte_offset_map(&pmd, addr).
  for (FlowSnapshot &S : W.Snapshots) {
    if (S.Lvl != Level::pte || !S.Pointer || S.Hugetlb)
      continue;
    for (const Definition &D : W.Flow->definitions(S.Pointer))
      for (const VarDecl *V : W.Flow->reads(D.Value))
        if (const FlowSnapshot *Table = W.snapshot(V);
            Table && Table->Lvl == Level::pmd)
          S.Table = V;
  }
  BodyScan Body;
  Body.TraverseStmt(W.Fn->getBody());
  for (const auto &C : Body.Compared) {
    const Expr *Sides[2] = {Types.comparedEntry(C.second.first),
                            Types.comparedEntry(C.second.second)};
    if (!Types.levelOf(Sides[0]->getType()) ||
        !Types.levelOf(Sides[1]->getType()))
      continue;
    bool Differ = true;
    if (const auto *BO = dyn_cast<BinaryOperator>(C.first))
      Differ = BO->getOpcode() == BO_NE;
    else
      Differ = false; // pte_same()
    for (unsigned I = 0; I != 2; ++I) {
      const VarDecl *V = varOf(Sides[I]);
      if (!V || !W.snapshot(V))
        continue;
      const Expr *Other = Sides[1 - I];
      EntryComparison Cmp{C.first, V, EntryComparison::Unknown, Other,
                          nullptr, Differ};
      const VarDecl *OtherVar = varOf(Other);
      if (OtherVar == V) {
        Cmp.Other = EntryComparison::Itself;
      } else if (isEntryRead(Other, Ctx, Types)) {
        Cmp.Other = EntryComparison::FreshRead;
        Cmp.OtherVar = entryPointerIn(Other, Types, W.snapshot(V)->Lvl);
      } else if (OtherVar && OtherVar->hasLocalStorage()) {
        Cmp.Other = EntryComparison::Local;
        Cmp.OtherVar = OtherVar;
      }
      W.Comparisons.push_back(Cmp);
      for (const Stmt *E = C.first; E && isa<Expr>(E);
           E = W.Flow->parents().getParent(E)) {
        auto &Vars = W.ComparedIn[E];
        if (!llvm::is_contained(Vars, V))
          Vars.push_back(V);
      }
    }
  }
  // Calls are kept for findPins: BodyScan runs once per function.
  for (const CallExpr *Call : Body.Calls)
    if (Model.roles().isSpeculativeGet(Call) ||
        (Call->getDirectCallee() && Call->getDirectCallee()->getDefinition()))
      W.PinCandidates.push_back(Call);
}

void WalkerFlow::findPins(WalkerFunction &W) {
  W.Pins.clear();
  auto IsRoot = [&](const VarDecl *V) {
    if (isa<ParmVarDecl>(V) || W.snapshot(V))
      return true;
    // A locked read, or an entry pointer: the page does not come from a
    // lockless snapshot through it.
    QualType T = V->getType();
    if (Types.levelOf(T))
      return llvm::any_of(W.Flow->definitions(V), [&](const Definition &D) {
        return isEntryRead(D.Value, Ctx, Types);
      });
    return T->isPointerType() && Types.levelOf(T->getPointeeType());
  };
  // The page or folio is the first argument of every speculative get; a
  // count or FOLL_ flags do not make a pin come from a snapshot.
  for (const CallExpr *Call : W.PinCandidates) {
    PinSite Pin{Call, nullptr, {}, {}};
    SmallVector<const Expr *, 4> Pinned;
    Pin.Unconditional = llvm::is_contained(W.UnconditionalPins, Call);
    if (Pin.Unconditional || Model.roles().isSpeculativeGet(Call)) {
      // A count helper's page is its own parameter; a get's, the first.
      unsigned I = 0;
      if (const FunctionDecl *Callee = Call->getDirectCallee())
        if (const FunctionDecl *Def = Callee->getDefinition())
          I = CountHelpers.lookup(Def);
      if (Call->getNumArgs() <= I)
        continue;
      Pinned.push_back(Call->getArg(I));
    } else {
      const FunctionDecl *Callee = Call->getDirectCallee()->getDefinition();
      auto It = PinsThrough.find(Callee);
      if (It == PinsThrough.end() || It->second.empty())
        continue;
      Pin.Helper = Callee;
      for (unsigned I : It->second)
        if (I < Call->getNumArgs())
          Pinned.push_back(Call->getArg(I));
    }
    for (const Expr *Arg : Pinned)
      for (const VarDecl *V : W.Flow->roots(Arg, IsRoot)) {
        const FlowSnapshot *S = W.snapshot(V);
        if (S)
          Pin.Snapshots.insert(V);
        else if (isa<ParmVarDecl>(V) && !Types.levelOf(V->getType()) &&
                 !(V->getType()->isPointerType() &&
                   Types.levelOf(V->getType()->getPointeeType())))
          Pin.OpaqueParams.insert(V);
      }
    if (!Pin.Snapshots.empty() || !Pin.OpaqueParams.empty())
      W.Pins.push_back(std::move(Pin));
  }
}

const CFGBlock *CFGEdge::target() const {
  if (!Block || Index >= Block->succ_size())
    return nullptr;
  return *(Block->succ_begin() + Index);
}

/// The edge of BLOCK's two-way terminator taken when TESTED is true, when
/// the terminator's condition is TESTED up to `!`, `unlikely()` and the
/// like; ISTESTED decides.
static CFGEdge edgeWhen(const CFGBlock *B,
                        llvm::function_ref<bool(const Expr *)> IsTested,
                        bool WhenTrue) {
  if (!B || B->succ_size() != 2)
    return {};
  // The value branched on, which for `a || b` is a or b alone.
  const Expr *Cond = B->getLastCondition();
  if (!Cond)
    return {};
  bool Negated;
  const Expr *Core = conditionCore(Cond, Negated);
  if (!IsTested(Core))
    return {};
  return CFGEdge{B, (WhenTrue != Negated) ? 0u : 1u};
}

const VarDecl *pinResult(const WalkerFunction &W, const PinSite &Pin) {
  const Stmt *Parent = W.Flow->parents().getParentIgnoreParenImpCasts(
      const_cast<CallExpr *>(Pin.Call));
  if (const auto *BO = dyn_cast_or_null<BinaryOperator>(Parent);
      BO && BO->getOpcode() == BO_Assign)
    return varOf(BO->getLHS());
  if (const auto *DS = dyn_cast_or_null<DeclStmt>(Parent))
    for (const Decl *D : DS->decls())
      if (const auto *VD = dyn_cast<VarDecl>(D);
          VD && VD->getInit() &&
          VD->getInit()->IgnoreParenImpCasts() == Pin.Call)
        return VD;
  return nullptr;
}

CFGEdge pinSuccessEdge(const WalkerFunction &W, const PinSite &Pin) {
  CFGPoint At = W.Flow->pointOf(Pin.Call);
  const VarDecl *Result = pinResult(W, Pin);
  return edgeWhen(
      At.Block,
      [&](const Expr *Core) {
        return Core == Pin.Call || (Result && varOf(Core) == Result);
      },
      /*WhenTrue=*/true);
}

/// Whether a short-circuit operator branches straight to the arms of
/// its `if` or loop, rather than into a value used by an enclosing
/// expression (`unlikely(a || b)`).
static bool branchesToArms(const Stmt *Logical, const ParentMap &Parents) {
  const Stmt *Child = Logical;
  for (const Stmt *P = Parents.getParentIgnoreParens(Child); P;
       Child = P, P = Parents.getParentIgnoreParens(P)) {
    if (const auto *BO = dyn_cast<BinaryOperator>(P); BO && BO->isLogicalOp())
      continue;
    if (const auto *If = dyn_cast<IfStmt>(P))
      return If->getCond()->IgnoreParens() == Child;
    return isa<WhileStmt, DoStmt, ForStmt, ConditionalOperator>(P);
  }
  return false;
}

/// Whether CORE is TARGET, or a disjunction with TARGET among its
/// disjuncts; NEGATED tells whether an odd number of `!` lies between.
static bool disjunctIs(const Expr *Core, const Expr *Target, bool &Negated) {
  Negated = false;
  if (Core == Target)
    return true;
  const auto *BO = dyn_cast<BinaryOperator>(Core);
  if (!BO || BO->getOpcode() != BO_LOr)
    return false;
  for (const Expr *Side : {BO->getLHS(), BO->getRHS()}) {
    bool Outer, Inner;
    const Expr *SideCore = conditionCore(Side, Outer);
    if (disjunctIs(SideCore, Target, Inner)) {
      Negated = Outer != Inner;
      return true;
    }
  }
  return false;
}

CFGEdge mismatchEdge(const WalkerFunction &W, const EntryComparison &Cmp) {
  for (const CFGBlock *B : W.Flow->cfg()) {
    // The left of `unlikely(a || b)` branches into the value of the ||,
    // not to the arms of the `if`.
    const Stmt *T = B->getTerminatorStmt();
    if (const auto *BO = dyn_cast_or_null<BinaryOperator>(T);
        BO && BO->isLogicalOp() && !branchesToArms(BO, W.Flow->parents()))
      continue;
    CFGEdge E = edgeWhen(
        B, [&](const Expr *Core) { return Core == Cmp.Cmp; },
        Cmp.TrueWhenDiffer);
    if (E)
      return E;
    // A disjunct that is true when the entries differ makes the whole
    // condition true.
    E = edgeWhen(
        B,
        [&](const Expr *Core) {
          bool Negated;
          return disjunctIs(Core, Cmp.Cmp, Negated) &&
                 Cmp.TrueWhenDiffer != Negated;
        },
        /*WhenTrue=*/true);
    if (E)
      return E;
  }
  return {};
}

/// `*p` as an lvalue: the variable p, or null.
static const VarDecl *derefTarget(const Expr *E) {
  const auto *Op = dyn_cast<UnaryOperator>(E->IgnoreParenImpCasts());
  if (!Op || Op->getOpcode() != UO_Deref)
    return nullptr;
  return varOf(Op->getSubExpr());
}

bool isPublish(const Stmt *S, ASTContext &Ctx, const VarDecl **NR) {
  const VarDecl *Count = nullptr;
  if (const auto *UO = dyn_cast<UnaryOperator>(S);
      UO && UO->isIncrementOp())
    Count = derefTarget(UO->getSubExpr());
  else if (const auto *CA = dyn_cast<CompoundAssignOperator>(S);
           CA && CA->getOpcode() == BO_AddAssign)
    Count = derefTarget(CA->getLHS());
  if (Count) {
    if (NR)
      *NR = Count;
    return true;
  }
  const auto *Ret = dyn_cast<ReturnStmt>(S);
  const Expr *Value = Ret ? Ret->getRetValue() : nullptr;
  if (!Value || !Value->getType()->isIntegerType())
    return false;
  Expr::EvalResult R;
  return Value->EvaluateAsInt(R, Ctx) && R.Val.getInt() != 0;
}

} // namespace ptwalk
