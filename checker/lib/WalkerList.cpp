//===- WalkerList.cpp - The walkers the model recognises ------------------===//

#include "WalkerList.h"

#include "EntryReads.h"
#include "SnapshotWalkers.h"
#include "WalkerModel.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang;

namespace ptwalk {

namespace {

/// Whether F reads an entry into a snapshot on some path without the
/// page-table lock: follow_page_pte() reads its pte only after
/// pte_offset_map_lock().
bool readsUnlocked(const WalkerModel &Model, const FunctionFacts &F) {
  return llvm::any_of(F.Snapshots, [&](const Snapshot &S) {
    return Model.reachableUnlocked(F.Fn, S.Anchor);
  });
}

/// Whether F takes an entry by value: its caller's snapshot, as lockless
/// as the caller, which runsLocked() asks.
bool takesEntry(const EntryTypes &Types, const FunctionFacts &F) {
  return llvm::any_of(F.Fn->parameters(), [&](const ParmVarDecl *P) {
    return Types.isEntryLike(P->getType());
  });
}

/// A pinning walk may get its entry from its caller (gup_huge_pmd()); an
/// IRQ-off one must read one itself, or every predicate on an entry that
/// such a walker calls (pte_special(), pmd_flags()) would be one too.
const char *walkerKind(const WalkerModel &Model, const EntryTypes &Types,
                       const FunctionFacts &F) {
  if (snapshotDerived(F, Types).empty() || Model.runsLocked(F.Fn))
    return nullptr;
  bool Reads = readsUnlocked(Model, F);
  if (auto Evidence = Model.walkerEvidence(F))
    return Reads || takesEntry(Types, F)
               ? (Evidence->PinningCallee ? "walks" : "pins")
               : nullptr;
  if (Reads && isSnapshotWalker(Model, Types, F))
    return "irq-off";
  return nullptr;
}

} // namespace

void listWalkers(ASTContext &Ctx, const EntryTypes &Types,
                 const WalkerModel &Model, llvm::raw_ostream &OS) {
  const SourceManager &SM = Ctx.getSourceManager();
  for (const auto &Entry : Model.functions()) {
    const FunctionFacts &F = Entry.second;
    const char *Kind = walkerKind(Model, Types, F);
    if (!Kind)
      continue;
    PresumedLoc Loc = SM.getPresumedLoc(SM.getExpansionLoc(F.Fn->getLocation()));
    if (Loc.isInvalid())
      continue;
    OS << Loc.getFilename() << ':' << Loc.getLine() << ':' << Loc.getColumn()
       << ": walker: " << F.Fn->getName() << " (" << Kind << ")\n";
  }
  OS.flush();
}

} // namespace ptwalk
