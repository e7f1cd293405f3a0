//===- SnapshotTests.h - "Test the snapshot before the pin" rules -*- C++ -*-===//
//
// numa-hint, special and write-perm share one question: does some path
// from a snapshot's read to a pin of a page derived from it pass no test
// of the snapshot?  A snapshot that is a parameter may be tested by the
// callers before the call; the summary "parameter I must be tested by
// the caller" travels up the calls of the unit, and the finding lands in
// the caller that read the snapshot, at the call (at the pin when no
// function of the unit calls the pinning one).  A rule gives the
// predicates; this file walks the model.
//
//===----------------------------------------------------------------------===//

#ifndef PTWALK_CHECKER_SNAPSHOTTESTS_H
#define PTWALK_CHECKER_SNAPSHOTTESTS_H

#include "WalkerFlow.h"

#include "llvm/ADT/STLFunctionalExtras.h"

namespace clang {
class CFGBlock;
class CallExpr;
class FunctionDecl;
class Stmt;
class VarDecl;
} // namespace clang

namespace ptwalk {

class RuleContext;

/// A point that needs snapshot Var tested before it: a pin, or a call
/// whose callee needs the argument tested.
struct TestDemand {
  const clang::CallExpr *Site;
  const clang::VarDecl *Var;
  const clang::FunctionDecl *Callee; ///< null at a pin
};

struct SnapshotTestRule {
  /// Whether the pin PIN of W needs its snapshot S tested at all.
  llvm::function_ref<bool(const WalkerFunction &W, const PinSite &Pin,
                          const FlowSnapshot &S)>
      Needs;
  /// Whether evaluating X tests snapshot V.
  llvm::function_ref<bool(const WalkerFunction &W, const clang::Stmt *X,
                          const clang::VarDecl *V)>
      Tests;
  /// Whether a path to the pin that must test V may take successor
  /// SUCC of B; null follows every edge.
  llvm::function_ref<bool(const WalkerFunction &W, const clang::CFGBlock *B,
                          unsigned Succ, const clang::VarDecl *V)>
      Follow = nullptr;
  /// Reports an untested demand D of W on snapshot S.
  llvm::function_ref<void(const WalkerFunction &W, const TestDemand &D,
                          const FlowSnapshot &S)>
      Report;
};

/// Reports, through R.Report, every demand some path reaches untested.
void checkSnapshotTests(RuleContext &RC, const SnapshotTestRule &R);

/// How a rule words an untested demand: "CALLEE() pins a page<Pins> from
/// the LEVEL snapshot 'VAR', <Untested> on some path to this call;
/// <Advice>", or "page pinned<Pins> ... to the pin; <Advice>" at a pin.
struct UntestedWording {
  llvm::StringRef Pins;     ///< "" or " for write"
  llvm::StringRef Untested; ///< "which is not tested with pte_special()"
  llvm::StringRef Advice;   ///< what to do
};

/// Reports D of rule RULE on snapshot S, with a note at the snapshot's
/// read when it is one of this function's.
void reportUntested(RuleContext &RC, llvm::StringRef Rule,
                    const TestDemand &D, const FlowSnapshot &S,
                    const UntestedWording &Words);

/// Whether E mentions the macro NAME, as written in the source.
bool mentionsMacro(const clang::Stmt *E, llvm::StringRef Name,
                   clang::ASTContext &Ctx);

/// Whether E reads variable V anywhere inside.
bool readsVar(const clang::Stmt *E, const clang::VarDecl *V);

} // namespace ptwalk

#endif
