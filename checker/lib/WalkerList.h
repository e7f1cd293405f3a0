//===- WalkerList.h - The walkers the model recognises ----------*- C++ -*-===//
//
// For ptwalk --audit: each function of the unit that the walker model
// takes for a lockless walker, one line on OS,
//
//   FILE:LINE:COL: walker: NAME (KIND)
//
// at the function's name, KIND being "pins" (a speculative get of its
// own), "walks" (a function of the unit it calls pins) or "irq-off" (a
// snapshot walker, SnapshotWalkers.h).  cocci/model/walkers.cocci prints
// the same lines for the Coccinelle engine, by the same definition: the
// function reads an entry into a snapshot on a path without the
// page-table lock (or takes one by value) and does not run under it.
//
//===----------------------------------------------------------------------===//

#ifndef PTWALK_CHECKER_WALKERLIST_H
#define PTWALK_CHECKER_WALKERLIST_H

namespace clang {
class ASTContext;
} // namespace clang

namespace llvm {
class raw_ostream;
} // namespace llvm

namespace ptwalk {

class EntryTypes;
class WalkerModel;

void listWalkers(clang::ASTContext &Ctx, const EntryTypes &Types,
                 const WalkerModel &Model, llvm::raw_ostream &OS);

} // namespace ptwalk

#endif
