//===- VmBugOnPage.cpp - vm-bug-on-page: VM_BUG_ON() of a page ------------===//
//
// rules/docs/vm-bug-on-page.md.  In a lockless walker, outside the
// page-table lock, VM_BUG_ON(cond)
// whose condition names a `struct page *` variable, where
// VM_BUG_ON_PAGE() exists (3.14 on), or else a `struct folio *` variable,
// where VM_BUG_ON_FOLIO() exists (5.16 on).  A macro exists when the unit's
// kernel version is at least its first release, or, without a version,
// when the file expands it somewhere.  The same predicate as
// cocci/vm-bug-on-page.cocci.
//
//===----------------------------------------------------------------------===//

#include "Rules.h"
#include "KernelVersion.h"
#include "RuleContext.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/StringSet.h"

#include <array>
#include <iterator>

using namespace clang;

namespace ptwalk {

namespace {

constexpr llvm::StringLiteral RuleName = "vm-bug-on-page";

struct Macro {
  llvm::StringLiteral Name;
  llvm::StringLiteral Record; ///< the struct its second argument points to
  unsigned Since;
};
const Macro Macros[] = {
    {"VM_BUG_ON_PAGE", "page", kernelVersion(3, 14)},
    {"VM_BUG_ON_FOLIO", "folio", kernelVersion(5, 16)},
};

/// The macro, as written in the file, that S is the expansion of or an
/// argument of; "" when S is written out.
llvm::StringRef outermostMacro(const Stmt *S, ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation Loc = S->getBeginLoc();
  if (!Loc.isMacroID())
    return "";
  SourceLocation Site = SM.getExpansionLoc(Loc);
  return Lexer::getSourceText(CharSourceRange::getTokenRange(Site), SM,
                              Ctx.getLangOpts());
}

/// The record a variable of type `struct X *` points to, or "".
llvm::StringRef pointee(const VarDecl *V) {
  QualType T = V->getType();
  if (!T->isPointerType())
    return "";
  const auto *RD = T->getPointeeType()->getAsRecordDecl();
  return RD && RD->getIdentifier() ? RD->getName() : "";
}

struct Candidate {
  const VarDecl *Var = nullptr;
  const Macro *Fix = nullptr;
  SourceLocation At; ///< the variable's spelling, to take the first
};

class Scan : public RecursiveASTVisitor<Scan> {
public:
  Scan(ASTContext &Ctx, const WalkerModel &Model) : Ctx(Ctx), Model(Model) {}
  /// The function being scanned, and whether it is a lockless walker
  /// (the only functions whose VM_BUG_ON()s are candidates).
  const FunctionDecl *Fn = nullptr;
  bool InWalker = false;

  bool VisitStmt(Stmt *S) {
    llvm::StringRef M = macroAt(S);
    if (!M.empty())
      Used.insert(M);
    return true;
  }

  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    const auto *V = dyn_cast<VarDecl>(Ref->getDecl());
    const SourceManager &SM = Ctx.getSourceManager();
    if (!InWalker || !V || macroAt(Ref) != "VM_BUG_ON" ||
        !SM.isMacroArgExpansion(Ref->getBeginLoc()) ||
        !Model.reachableUnlocked(Fn, statementOf(Ref)))
      return true;

    SourceLocation Site = SM.getExpansionLoc(Ref->getBeginLoc());
    SourceLocation At = SM.getFileLoc(Ref->getBeginLoc());
    // The closing parenthesis of the VM_BUG_ON() the file writes.
    Close.try_emplace(Site.getRawEncoding(),
                      SM.getExpansionRange(Ref->getBeginLoc()).getEnd());
    llvm::StringRef Record = pointee(V);
    for (unsigned I = 0; I != std::size(Macros); ++I) {
      if (Record != Macros[I].Record)
        continue;
      // Of one kind, the variable written first.
      Candidate &C = Sites[Site.getRawEncoding()][I];
      if (!C.Var || SM.isBeforeInTranslationUnit(At, C.At))
        C = Candidate{V, &Macros[I], At};
    }
    return true;
  }

  /// The statement of the body that S is part of: a condition inside
  /// sizeof() (VM_BUG_ON() without CONFIG_DEBUG_VM) is not evaluated and
  /// has no place in the CFG, its statement does.
  const Stmt *statementOf(const Stmt *S) const {
    for (;;) {
      const Stmt *P = Parents->getParent(S);
      if (!P || isa<CompoundStmt>(P)) {
        // The CFG has no element for parentheses.
        if (const auto *E = dyn_cast<Expr>(S))
          return E->IgnoreParens();
        return S;
      }
      S = P;
    }
  }

  /// The parents within the function being scanned: the context's
  /// parent map would be built for the whole unit, headers and all.
  std::unique_ptr<ParentMap> Parents;

  /// outermostMacro(), lexed once per expansion site: a kernel macro
  /// expands to many statements.
  llvm::StringRef macroAt(const Stmt *S) {
    SourceLocation Loc = S->getBeginLoc();
    if (!Loc.isMacroID())
      return "";
    unsigned Site =
        Ctx.getSourceManager().getExpansionLoc(Loc).getRawEncoding();
    auto [It, New] = MacroAt.try_emplace(Site);
    if (New)
      It->second = outermostMacro(S, Ctx);
    return It->second;
  }

  ASTContext &Ctx;
  const WalkerModel &Model;
  llvm::DenseMap<unsigned, llvm::StringRef> MacroAt;
  llvm::StringSet<> Used;
  /// Per VM_BUG_ON site, where its argument list closes.
  llvm::DenseMap<unsigned, SourceLocation> Close;
  /// Per VM_BUG_ON site, the candidate of each macro of Macros.
  llvm::MapVector<unsigned, std::array<Candidate, std::size(Macros)>> Sites;
};

} // namespace

void checkVmBugOnPage(RuleContext &RC) {
  const SourceManager &SM = RC.Ctx.getSourceManager();
  std::optional<unsigned> Version = RC.Model.roles().kernelVersion();
  Scan S(RC.Ctx, RC.Model);
  for (const auto &Entry : RC.Model.functions()) {
    const FunctionDecl *FD = Entry.first;
    bool Walker = RC.Model.walkerEvidence(Entry.second).has_value();
    // Without a version every function of the file is read for the
    // macros it uses; with one (a kernel build), only the walkers.
    if (!SM.isInMainFile(SM.getExpansionLoc(FD->getLocation())) ||
        (Version && !Walker))
      continue;
    S.Fn = FD;
    S.InWalker = Walker;
    S.Parents = std::make_unique<ParentMap>(FD->getBody());
    S.TraverseStmt(FD->getBody());
  }
  auto Exists = [&](const Macro &M) {
    return Version ? *Version >= M.Since : S.Used.count(M.Name) != 0;
  };
  for (const auto &Site : S.Sites) {
    // A page's macro first; where it does not exist, a folio's.
    const Candidate *C = nullptr;
    for (const Candidate &Each : Site.second)
      if (!C && Each.Var && Exists(*Each.Fix))
        C = &Each;
    if (!C)
      continue;
    SourceLocation At = SourceLocation::getFromRawEncoding(Site.first);
    DiagnosticBuilder DB = RC.Report.finding(
        RuleName, At,
        "VM_BUG_ON() of a condition on '%0': use %1(cond, %0), which dumps "
        "it");
    DB << C->Var->getName() << C->Fix->Name;
    // VM_BUG_ON(cond) -> VM_BUG_ON_PAGE(cond, page), as the Coccinelle
    // rule's patch mode rewrites it, where the call is written in the file.
    SourceLocation Paren = S.Close.lookup(Site.first);
    if (At.isFileID() && Paren.isValid() && Paren.isFileID()) {
      DB << FixItHint::CreateReplacement(CharSourceRange::getTokenRange(At, At),
                                         C->Fix->Name);
      DB << FixItHint::CreateInsertion(Paren, (", " + C->Var->getName()).str());
    }
  }
}

} // namespace ptwalk
