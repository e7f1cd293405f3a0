//===- UnmapBalance.cpp - The unmap-balance rule --------------------------===//
//
// rules/docs/unmap-balance.md: a pte table mapped with pte_offset_map()
// or its kin must be unmapped, with the pointer the map returned, on every
// path.  Reported, for a mapping kept in a local (PteMappings):
//  - an unmap of a cursor on a path from its last advance with no use of
//    it in between: past the loop it may point beyond the table;
//  - a return that a path from the map reaches without any unmap, in a
//    function that unmaps the mapping elsewhere;
//  - the map, when nothing in the function unmaps it and it does not
//    escape (stored away, returned, passed to a function of the unit that
//    unmaps its parameter), and a map whose value is dropped.
// Unlike the lockless rules it looks at every function: the balance is
// the same under the page-table lock.
//
//===----------------------------------------------------------------------===//

#include "FunctionFlow.h"
#include "PteMappings.h"
#include "Rules.h"
#include "RuleContext.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ParentMap.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/DenseSet.h"

#include <cctype>
#include <memory>
#include <optional>
#include <vector>

using namespace clang;

namespace ptwalk {

static constexpr llvm::StringLiteral RuleName = "unmap-balance";

namespace {

class UnmapBalance {
public:
  explicit UnmapBalance(RuleContext &RC) : RC(RC) {}

  void run() {
    const SourceManager &SM = RC.Ctx.getSourceManager();
    // The file's functions that unmap a pointer they are passed.  The
    // headers' inline functions are many and none is such a helper.
    llvm::DenseMap<const FunctionDecl *, std::unique_ptr<PteMappings>> All;
    for (const auto &Entry : RC.Model.functions()) {
      if (!SM.isInMainFile(SM.getExpansionLoc(Entry.first->getLocation())))
        continue;
      auto M = std::make_unique<PteMappings>(Entry.first, RC.Ctx);
      if (M->takesParameter())
        Unmappers.insert(Entry.first->getCanonicalDecl());
      All[Entry.first] = std::move(M);
    }
    for (const auto &Entry : RC.Model.functions()) {
      const FunctionDecl *FD = Entry.first;
      if (!SM.isInMainFile(SM.getExpansionLoc(FD->getLocation())))
        continue;
      const PteMappings &M = *All[FD];
      if (M.maps().empty() && M.unmaps().empty())
        continue;
      FunctionFlow Flow(FD, RC.Ctx);
      if (!Flow.valid())
        continue;
      checkFunction(M, Flow);
    }
  }

private:
  /// A call of an unmapper of the unit that is passed one of GROUP.
  bool passesToUnmapper(const Stmt *S,
                        const llvm::SmallPtrSetImpl<const VarDecl *> &Group) {
    const auto *Call = dyn_cast<CallExpr>(S);
    const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
    if (!Callee || !Unmappers.count(Callee->getCanonicalDecl()))
      return false;
    for (const Expr *Arg : Call->arguments()) {
      const Expr *Core = Arg->IgnoreParenImpCasts();
      if (const auto *BO = dyn_cast<BinaryOperator>(Core);
          BO && BO->isAdditiveOp())
        Core = BO->getLHS()->IgnoreParenImpCasts();
      if (const VarDecl *V = varOf(Core); V && Group.count(V))
        return true;
    }
    return false;
  }

  bool isUnmapperCall(const Stmt *S) {
    const auto *Call = dyn_cast<CallExpr>(S);
    const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
    return Callee && Unmappers.count(Callee->getCanonicalDecl());
  }

  void checkFunction(const PteMappings &M, const FunctionFlow &Flow) {
    for (const PteMap &Map : M.maps())
      checkMap(M, Flow, Map);
    checkCursors(M, Flow);
  }

  void checkMap(const PteMappings &M, const FunctionFlow &Flow,
                const PteMap &Map) {
    if (!Map.Anchor) {
      RC.Report.finding(RuleName, Map.Loc,
                        "the pte table mapped here is never unmapped: the "
                        "pointer the map returned is dropped");
      return;
    }
    if (!Map.Var)
      return; // stored away: someone else unmaps it
    auto Group = M.group(Map.Var);
    bool Unmapped = llvm::any_of(M.unmaps(), [&](const PteUnmap &U) {
      return U.Var && Group.count(U.Var);
    });
    bool Escapes =
        llvm::any_of(M.returnsOfLocals(),
                     [&](const auto &R) { return Group.count(R.second); });
    if (!Unmapped && !Escapes) {
      for (const CFGBlock *B : Flow.cfg())
        for (const CFGElement &E : *B)
          if (const Stmt *S = stmtOf(E);
              S && (M.storesAway(S, Group) || passesToUnmapper(S, Group)))
            Escapes = true;
    }
    if (!Unmapped) {
      if (!Escapes)
        RC.Report.finding(RuleName, Map.Loc,
                          "the pte table mapped into '%0' is never "
                          "unmapped: pte_unmap() it on every path")
            << Map.Var->getName();
      return;
    }
    // An unmap under a condition: the paths around it are the code's to
    // know (if (ptep) pte_unmap(ptep)); as the Coccinelle rule, leave them.
    if (llvm::any_of(M.unmaps(), [&](const PteUnmap &U) {
          return U.Var && Group.count(U.Var) &&
                 M.isConditional(U, Flow.parents());
        }))
      return;
    CFGPoint From = Flow.pointOf(Map.Anchor);
    if (!From)
      return;
    // Paths end at any unmap, at a hand-over to an unmapper of the unit and
    // at a store of the mapping; the NULL branch of a test of it holds
    // nothing.
    auto Stop = [&](const Stmt *S) {
      return M.unmapOf(S) || isUnmapperCall(S) || M.storesAway(S, Group);
    };
    auto Follow = [&](const CFGBlock *B, unsigned Succ) {
      const auto *Cond = dyn_cast_or_null<Expr>(B->getTerminatorCondition());
      unsigned NullBranch;
      return !(Cond && M.isNullTest(Cond, Group, NullBranch) &&
               NullBranch == Succ);
    };
    for (const Stmt *Ret : M.returns()) {
      bool ReturnsMapping = llvm::any_of(M.returnsOfLocals(), [&](const auto &R) {
        return R.first == Ret && Group.count(R.second);
      });
      if (ReturnsMapping)
        continue;
      auto Reached = Flow.search(
          From, [&](const Stmt *S) { return S == Ret; }, Stop, false,
          FunctionFlow::EdgePredicate(Follow));
      if (Reached.Found) {
        RC.Report.finding(RuleName, Ret->getBeginLoc(),
                          "returns with the pte table mapped into '%0' "
                          "still mapped: pte_unmap() it on this path")
            << Map.Var->getName();
        RC.Report.note(Map.Loc, "mapped here");
      }
    }
  }

  /// pte_unmap(c) reached from an advance of c with no use of c between.
  void checkCursors(const PteMappings &M, const FunctionFlow &Flow) {
    const SourceManager &SM = RC.Ctx.getSourceManager();
    // Cursors of the function's own mappings.
    llvm::SmallPtrSet<const VarDecl *, 4> Held;
    for (const PteMap &Map : M.maps())
      if (Map.Var)
        for (const VarDecl *V : M.group(Map.Var))
          Held.insert(V);
    for (const PteUnmap &U : M.unmaps()) {
      if (!U.Var || U.Minus || !Held.count(U.Var))
        continue;
      const VarDecl *C = U.Var;
      auto Uses = [&](const Stmt *S) {
        const auto *Ref = dyn_cast<DeclRefExpr>(S);
        return Ref && Ref->getDecl() == C && !M.unmapOf(S);
      };
      for (const auto &[Advance, V] : M.advances()) {
        if (V != C)
          continue;
        CFGPoint From = Flow.pointOf(Advance);
        if (!From)
          continue;
        auto Reached = Flow.search(
            From, [&](const Stmt *S) { return M.unmapOf(S) == &U; }, Uses);
        if (Reached.Found) {
          {
            DiagnosticBuilder DB = RC.Report.finding(
                RuleName, SM.getExpansionLoc(U.Begin),
                "unmaps the cursor '%0', advanced since the map, which may "
                "point past the pte table: unmap the pointer the map "
                "returned");
            DB << C->getName();
            for (const FixItHint &H : cursorFix(M, Flow, U, C))
              DB << H;
          }
          RC.Report.note(Advance->getBeginLoc(), "'%0' advanced here")
              << C->getName();
          break;
        }
      }
    }
  }

  /// The name a fix gives the mapping it keeps, as mm/gup.c's
  /// gup_pte_range() named it.
  static constexpr llvm::StringLiteral KeptName = "ptem";

  /// The text of R, a range written in the file; "" when it is not.
  llvm::StringRef fileText(SourceRange R) const {
    CharSourceRange File = Lexer::makeFileCharRange(
        CharSourceRange::getTokenRange(R), RC.Ctx.getSourceManager(),
        RC.Ctx.getLangOpts());
    if (File.isInvalid())
      return "";
    return Lexer::getSourceText(File, RC.Ctx.getSourceManager(),
                                RC.Ctx.getLangOpts());
  }

  /// A local other than C that holds the mapping wherever it is unmapped:
  /// stored once, from the map's own statement (ptem = ptep =
  /// pte_offset_map(...), or the map stored in it and copied to the
  /// cursor), and never advanced.
  const VarDecl *keptMapping(const PteMappings &M, const FunctionFlow &Flow,
                             const PteMap &Map, const VarDecl *C) const {
    auto Kept = [&](const VarDecl *V) {
      return V && V != C && !isa<ParmVarDecl>(V) && !M.advanced(V) &&
             M.stores(V) == 1;
    };
    if (Map.Var != C)
      return Kept(Map.Var) ? Map.Var : nullptr;
    const Stmt *Parent = Flow.parents().getParentIgnoreParenImpCasts(
        const_cast<Stmt *>(Map.Anchor));
    if (const auto *BO = dyn_cast_or_null<BinaryOperator>(Parent);
        BO && BO->getOpcode() == BO_Assign &&
        BO->getRHS()->IgnoreParenImpCasts() == Map.Anchor)
      if (const auto *Ref =
              dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParenImpCasts()))
        if (const auto *V = dyn_cast<VarDecl>(Ref->getDecl()); Kept(V))
          return V;
    if (const auto *DS = dyn_cast_or_null<DeclStmt>(Parent))
      for (const Decl *D : DS->decls())
        if (const auto *V = dyn_cast<VarDecl>(D);
            V && V->getInit() &&
            V->getInit()->IgnoreParenImpCasts() == Map.Anchor && Kept(V))
          return V;
    return nullptr;
  }

  /// The start of the line after the one DS ends on, and DS's indent,
  /// when nothing but blanks follows DS on its line: where a declaration
  /// of its own line goes.
  std::optional<std::pair<SourceLocation, std::string>>
  lineAfter(const DeclStmt *DS) const {
    const SourceManager &SM = RC.Ctx.getSourceManager();
    SourceLocation Begin = DS->getBeginLoc(), End = DS->getEndLoc();
    if (Begin.isMacroID() || End.isMacroID())
      return std::nullopt;
    bool Invalid = false;
    llvm::StringRef Buffer = SM.getBufferData(SM.getFileID(End), &Invalid);
    if (Invalid)
      return std::nullopt;
    unsigned Semi = SM.getFileOffset(End);
    size_t NewLine = Buffer.find('\n', Semi);
    if (NewLine == llvm::StringRef::npos ||
        !Buffer.slice(Semi + 1, NewLine).trim().empty())
      return std::nullopt;
    unsigned First = SM.getFileOffset(Begin);
    size_t LineStart = Buffer.rfind('\n', First);
    LineStart = LineStart == llvm::StringRef::npos ? 0 : LineStart + 1;
    llvm::StringRef Indent = Buffer.slice(LineStart, First);
    if (!Indent.trim().empty())
      return std::nullopt;
    return std::make_pair(End.getLocWithOffset(NewLine + 1 - Semi),
                          Indent.str());
  }

  /// The declaration statement of local V in the function.
  const DeclStmt *declStmtOf(const FunctionFlow &Flow, const VarDecl *V) const {
    llvm::SmallVector<const Stmt *, 16> Work{Flow.function()->getBody()};
    while (!Work.empty()) {
      const Stmt *S = Work.pop_back_val();
      if (!S)
        continue;
      if (const auto *DS = dyn_cast<DeclStmt>(S))
        for (const Decl *D : DS->decls())
          if (D == V)
            return DS;
      for (const Stmt *Child : S->children())
        Work.push_back(Child);
    }
    return nullptr;
  }

  /// The fix of an unmap of cursor C: every unmap of C in the function
  /// takes the local that holds the mapping; where there is none, ptem is
  /// declared on the line after C's declaration and stored with C, as the
  /// Coccinelle rule's patch mode writes it.  No fix where the mapping is
  /// not one map stored in locals, or the code is not written in the file.
  std::vector<FixItHint> cursorFix(const PteMappings &M,
                                   const FunctionFlow &Flow, const PteUnmap &U,
                                   const VarDecl *C) const {
    const SourceManager &SM = RC.Ctx.getSourceManager();
    const LangOptions &LO = RC.Ctx.getLangOpts();
    auto Group = M.group(C);
    const PteMap *Map = nullptr;
    for (const PteMap &Each : M.maps()) {
      if (!Each.Var || !Group.count(Each.Var))
        continue;
      if (Map)
        return {}; // mapped twice: which one is unmapped is the code's
      Map = &Each;
    }
    if (!Map || !Map->Anchor || !U.Arg)
      return {};
    // The unmaps of C, each of which takes the kept local.
    std::vector<CharSourceRange> Args;
    for (const PteUnmap &Each : M.unmaps()) {
      if (Each.Var != C || Each.Minus || !Each.Arg)
        continue;
      CharSourceRange Arg = Lexer::makeFileCharRange(
          CharSourceRange::getTokenRange(Each.Arg->getSourceRange()), SM, LO);
      if (Arg.isInvalid())
        return {};
      Args.push_back(Arg);
    }
    auto Unmaps = [&](llvm::StringRef Kept) {
      std::vector<FixItHint> Hints;
      for (const CharSourceRange &Arg : Args)
        Hints.push_back(FixItHint::CreateReplacement(Arg, Kept));
      return Hints;
    };
    if (const VarDecl *Kept = keptMapping(M, Flow, *Map, C))
      return Unmaps(Kept->getName());

    // Declare ptem: C is a local stored once, by the map.
    if (Map->Var != C || isa<ParmVarDecl>(C) || M.stores(C) != 1 ||
        C->getLocation().isMacroID() || RC.PP.isMacroDefined(KeptName) ||
        !C->getType()->isPointerType() ||
        C->getType()->getPointeeType()->isPointerType())
      return {};
    // The name must be free in the function, as any word of its text.
    llvm::StringRef Body = fileText(Flow.function()->getSourceRange());
    if (Body.empty())
      return {};
    for (size_t At = Body.find(KeptName); At != llvm::StringRef::npos;
         At = Body.find(KeptName, At + 1)) {
      auto Ident = [](char Ch) { return isalnum((unsigned char)Ch) || Ch == '_'; };
      bool Before = At > 0 && Ident(Body[At - 1]);
      size_t After = At + KeptName.size();
      if (!Before && !(After < Body.size() && Ident(Body[After])))
        return {};
    }
    const DeclStmt *DS = declStmtOf(Flow, C);
    auto Line = DS ? lineAfter(DS) : std::nullopt;
    if (!Line)
      return {};
    std::string Type =
        C->getType()->getPointeeType().getAsString(RC.Ctx.getPrintingPolicy());
    std::vector<FixItHint> Hints;
    if (C->getInit()) {
      // pte_t *ptep = pte_offset_map(...);
      // pte_t *ptem = ptep;
      if (Map->Anchor != DS)
        return {};
      Hints.push_back(FixItHint::CreateInsertion(
          Line->first, (Line->second + Type + " *" + KeptName + " = " +
                        C->getName() + ";\n")
                           .str()));
    } else {
      // pte_t *ptep;
      // pte_t *ptem;
      // ... ptem = ptep = pte_offset_map(...);
      const auto *Store = dyn_cast<BinaryOperator>(Map->Anchor);
      if (!Store || Store->getBeginLoc().isMacroID())
        return {};
      Hints.push_back(FixItHint::CreateInsertion(
          Line->first, (Line->second + Type + " *" + KeptName + ";\n").str()));
      Hints.push_back(FixItHint::CreateInsertion(Store->getBeginLoc(),
                                                 (KeptName + " = ").str()));
    }
    std::vector<FixItHint> Rest = Unmaps(KeptName);
    Hints.insert(Hints.end(), Rest.begin(), Rest.end());
    return Hints;
  }

  RuleContext &RC;
  llvm::DenseSet<const FunctionDecl *> Unmappers;
};

} // namespace

void checkUnmapBalance(RuleContext &RC) { UnmapBalance(RC).run(); }

} // namespace ptwalk
