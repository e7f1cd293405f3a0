//===- OffsetOnCopy.cpp - The offset-on-copy rule -------------------------===//
//
// rules/docs/offset-on-copy.md: in a lockless walk, a lower-level entry
// pointer taken from the address of a stack copy of the upper entry,
// `pmd_offset(&pud, addr)` (CopyOffsets).  Where the unit has the lockless
// forms (5.9 on) every such call is one; before, the generic walker had
// this shape and was right wherever levels fold at build time, so only a
// stepped cursor where they fold at run time is: s390, as the target of
// the unit or as the directory of the code.
//
//===----------------------------------------------------------------------===//

#include "Rules.h"
#include "CopyOffsets.h"
#include "RuleContext.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Basic/TargetInfo.h"

using namespace clang;

namespace ptwalk {

static constexpr llvm::StringLiteral RuleName = "offset-on-copy";

/// Whether the code at LOC is s390's own (arch/s390/).
static bool inS390(const SourceManager &SM, SourceLocation Loc) {
  llvm::StringRef Path = SM.getFilename(SM.getFileLoc(Loc));
  return Path.startswith("arch/s390/") || Path.contains("/arch/s390/");
}

/// The level an OFFSET API of level L derives its pointer from.
static llvm::StringRef upperLevel(Level L) {
  switch (L) {
  case Level::pmd:
    return "pud";
  case Level::pud:
    return "p4d";
  default:
    return "pgd";
  }
}

void checkOffsetOnCopy(RuleContext &RC) {
  bool Lockless = hasLocklessOffsets(RC.Ctx, RC.PP,
                                     RC.Model.roles().kernelVersion());
  bool DynamicFolding =
      RC.Ctx.getTargetInfo().getTriple().getArch() == llvm::Triple::systemz;
  const SourceManager &SM = RC.Ctx.getSourceManager();
  for (const auto &Entry : RC.Flow.functions()) {
    const WalkerFunction &W = *Entry.second;
    if (!W.Speculative)
      continue;
    for (const CopyOffset &O : copyOffsets(*W.Flow, RC.Ctx, RC.Types)) {
      SourceLocation At = O.Call->getCallee()->getExprLoc();
      bool Stepped =
          O.Step && (DynamicFolding || inS390(SM, O.Call->getBeginLoc()));
      if (!Lockless && !Stepped)
        continue;
      llvm::StringRef Lower = levelName(O.Api->Lvl);
      llvm::StringRef Upper = upperLevel(O.Api->Lvl);
      RC.Report.finding(RuleName, At,
                        "%0(&%1, ...) derives a %2 pointer from the stack "
                        "snapshot '%1'%3; on a folded level it points into "
                        "the copy, %4")
          << O.Api->Name << O.Copy->getName() << Lower
          << (O.Step ? " and steps it" : "")
          << (Lockless ? ("use " + Lower + "_offset_lockless(" + Upper +
                          "p, " + O.Copy->getName() + ", addr)")
                             .str()
                       : ("derive it from the " + Upper + " table pointer")
                             .str());
      if (O.Step)
        RC.Report.note(O.Step->getBeginLoc(), "'%0' is stepped here")
            << O.Cursor->getName();
    }
  }
}

} // namespace ptwalk
