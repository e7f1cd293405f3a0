//===- EntryReads.cpp - Page-table entry types and their reads ------------===//

#include "EntryReads.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

using namespace clang;
using std::nullopt;
using llvm::StringRef;

namespace ptwalk {

static QualType lookupTypedef(ASTContext &Ctx, StringRef Name) {
  for (const NamedDecl *D :
       Ctx.getTranslationUnitDecl()->lookup(&Ctx.Idents.get(Name)))
    if (const auto *TD = dyn_cast<TypedefNameDecl>(D))
      return Ctx.getCanonicalType(TD->getUnderlyingType()).getUnqualifiedType();
  return QualType();
}

EntryTypes::EntryTypes(ASTContext &Ctx)
    : Pte(lookupTypedef(Ctx, "pte_t")), Pmd(lookupTypedef(Ctx, "pmd_t")),
      Pud(lookupTypedef(Ctx, "pud_t")), P4d(lookupTypedef(Ctx, "p4d_t")),
      Pgd(lookupTypedef(Ctx, "pgd_t")) {}

const Expr *EntryTypes::comparedEntry(const Expr *E) const {
  while (true) {
    E = E->IgnoreParenImpCasts();
    if (const auto *Call = dyn_cast<CallExpr>(E);
        Call && Call->getNumArgs() == 1 &&
        isEntryLike(Call->getArg(0)->getType()) &&
        Call->getType()->isIntegerType()) {
      E = Call->getArg(0);
      continue;
    }
    if (const auto *Member = dyn_cast<MemberExpr>(E);
        Member && isEntryLike(Member->getBase()->getType())) {
      E = Member->getBase();
      continue;
    }
    return E;
  }
}

bool EntryTypes::isEntryLike(QualType T) const {
  if (levelOf(T))
    return true;
  if (T.isNull())
    return false;
  QualType C = T.getCanonicalType().getUnqualifiedType();
  return (!P4d.isNull() && C == P4d) || (!Pgd.isNull() && C == Pgd);
}

std::optional<Level> EntryTypes::levelOf(QualType T) const {
  if (T.isNull())
    return std::nullopt;
  QualType C = T.getCanonicalType().getUnqualifiedType();
  if (!Pte.isNull() && C == Pte)
    return Level::pte;
  if (!Pmd.isNull() && C == Pmd)
    return Level::pmd;
  if (!Pud.isNull() && C == Pud)
    return Level::pud;
  return std::nullopt;
}

static std::string textOf(CharSourceRange R, const ASTContext &Ctx) {
  return Lexer::getSourceText(R, Ctx.getSourceManager(), Ctx.getLangOpts())
      .str();
}

/// For a read written as NAME(ARG): ARG, or ARG without its leading `*`
/// when DEREF.  Empty when the text has another shape.
static std::string pointerOfCallText(StringRef Text, bool Deref) {
  size_t Open = Text.find('(');
  if (Open == StringRef::npos || !Text.endswith(")"))
    return "";
  StringRef Arg = Text.slice(Open + 1, Text.size() - 1).trim();
  if (!Deref)
    return Arg.str();
  if (!Arg.consume_front("*"))
    return "";
  return Arg.trim().str();
}

// A macro read: the expression is one whole expansion of a macro that
// api.def lists as READ_ONCE_ACCESS.  The outermost macro the expression
// is the whole expansion of decides, so that a safe reader written as a
// macro around READ_ONCE() is not mistaken for READ_ONCE() itself; the
// walk stops at a macro argument, so that a read written inside
// `unlikely(...)` is still seen.
static std::optional<SingleRead> macroRead(const Expr *E, ASTContext &Ctx,
                                      Level Lvl) {
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation First = E->getBeginLoc(), Last = E->getEndLoc();
  StringRef Name;
  CharSourceRange Invocation;
  while (First.isMacroID() && Last.isMacroID() &&
         !SM.isMacroArgExpansion(First) && !SM.isMacroArgExpansion(Last)) {
    CharSourceRange Begin = SM.getImmediateExpansionRange(First);
    CharSourceRange End = SM.getImmediateExpansionRange(Last);
    if (Begin.getBegin() != End.getBegin() || Begin.getEnd() != End.getEnd())
      break;
    Name = Lexer::getImmediateMacroName(First, SM, Ctx.getLangOpts());
    Invocation = Begin;
    First = Begin.getBegin();
    Last = Begin.getEnd();
  }
  const ApiEntry *Api = findApi(Name, ApiRole::READ_ONCE_ACCESS);
  if (Name.empty() || !Api || (Api->Lvl != Level::any && Api->Lvl != Lvl))
    return std::nullopt;
  CharSourceRange Whole = CharSourceRange::getTokenRange(
      SM.getFileLoc(Invocation.getBegin()), SM.getFileLoc(Invocation.getEnd()));
  std::string Text = textOf(Whole, Ctx);
  bool Deref = Api->Lvl == Level::any; // READ_ONCE(*p) vs ptep_get(p)
  return SingleRead{Lvl, Name.str(), Whole.getBegin(), Whole, Text,
                    pointerOfCallText(Text, Deref)};
}

static std::optional<SingleRead> callRead(const CallExpr *Call, ASTContext &Ctx,
                                     Level Lvl) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee || !Callee->getIdentifier() || Call->getNumArgs() != 1)
    return std::nullopt;
  const ApiEntry *Api = findApi(Callee->getName(), ApiRole::READ_ONCE_ACCESS);
  if (!Api || (Api->Lvl != Level::any && Api->Lvl != Lvl))
    return std::nullopt;
  CharSourceRange Arg =
      CharSourceRange::getTokenRange(Call->getArg(0)->getSourceRange());
  CharSourceRange Whole = CharSourceRange::getTokenRange(Call->getSourceRange());
  return SingleRead{Lvl, Callee->getName().str(),
                    Call->getCallee()->getExprLoc(), Whole, textOf(Whole, Ctx),
                    textOf(Arg, Ctx)};
}

static std::optional<SingleRead> derefRead(const UnaryOperator *Deref,
                                      ASTContext &Ctx, Level Lvl) {
  CharSourceRange Ptr = CharSourceRange::getTokenRange(
      Deref->getSubExpr()->getSourceRange());
  CharSourceRange Whole =
      CharSourceRange::getTokenRange(Deref->getSourceRange());
  return SingleRead{Lvl, "*", Deref->getOperatorLoc(), Whole,
                    textOf(Whole, Ctx), textOf(Ptr, Ctx)};
}

std::optional<SingleRead> recogniseSingleRead(const Expr *E, ASTContext &Ctx,
                                         const EntryTypes &Types) {
  if (!E)
    return std::nullopt;
  E = E->IgnoreImplicit();
  std::optional<Level> Lvl = Types.levelOf(E->getType());
  if (!Lvl)
    return std::nullopt;
  // Written in another macro's argument: the expression as spelled.
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation Begin = E->getBeginLoc();
  while (Begin.isMacroID() && SM.isMacroArgExpansion(Begin))
    Begin = SM.getImmediateSpellingLoc(Begin);
  if (Begin.isMacroID())
    return macroRead(E, Ctx, *Lvl);
  const Expr *Bare = E->IgnoreParenImpCasts();
  if (const auto *Call = dyn_cast<CallExpr>(Bare))
    return callRead(Call, Ctx, *Lvl);
  if (const auto *Op = dyn_cast<UnaryOperator>(Bare))
    if (Op->getOpcode() == UO_Deref)
      return derefRead(Op, Ctx, *Lvl);
  return std::nullopt;
}

} // namespace ptwalk
