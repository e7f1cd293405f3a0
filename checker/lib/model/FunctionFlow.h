//===- FunctionFlow.h - One function's CFG and value flow -*- C++ -*-===//
//
// What the flow rules ask of one function body: where a statement sits
// in clang's CFG, whether some path leads from one point to another
// without passing a given kind of statement, and which snapshots or
// parameters a value was computed from.
//
// Value flow is by variable and ignores order: a local depends on every
// variable any of its definitions reads.  Walkers compute a page from a
// snapshot through a handful of locals (pte -> page -> folio), so this is
// enough to tell which snapshot a pin came from, at a fraction of the
// cost of a reaching-definitions analysis.
//
//===----------------------------------------------------------------------===//

#ifndef PTWALK_CHECKER_FUNCTIONFLOW_H
#define PTWALK_CHECKER_FUNCTIONFLOW_H

#include "clang/AST/ParentMap.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/SmallVector.h"

#include <memory>
#include <optional>

namespace clang {
class ASTContext;
class Expr;
class FunctionDecl;
class Stmt;
class VarDecl;
} // namespace clang

namespace ptwalk {

/// A point of the CFG: element Index of block Block, or the start of
/// Block, before its first element.
struct CFGPoint {
  const clang::CFGBlock *Block = nullptr;
  unsigned Index = 0;
  bool AtStart = false;
  explicit operator bool() const { return Block != nullptr; }
  static CFGPoint startOf(const clang::CFGBlock *B) { return {B, 0, true}; }
};

/// A definition of a local: its declaration or an assignment.
struct Definition {
  const clang::Stmt *Anchor;
  const clang::Expr *Value; ///< null for `x++` and the like
};

class FunctionFlow {
public:
  FunctionFlow(const clang::FunctionDecl *FD, clang::ASTContext &Ctx);

  bool valid() const { return Graph != nullptr; }
  const clang::CFG &cfg() const { return *Graph; }
  const clang::FunctionDecl *function() const { return Fn; }
  const clang::ParentMap &parents() const { return *Parents; }

  /// Where S is evaluated, or an empty point when the CFG lacks it.
  CFGPoint pointOf(const clang::Stmt *S) const;

  /// The point after the function's entry, where parameters are set.
  CFGPoint entryPoint() const;

  using StmtPredicate = llvm::function_ref<bool(const clang::Stmt *)>;
  /// Whether to follow successor SuccIndex of block B.
  using EdgePredicate =
      llvm::function_ref<bool(const clang::CFGBlock *B, unsigned SuccIndex)>;

  /// The first statement satisfying TARGET on some path that starts just
  /// after FROM, where a path ends at a statement satisfying STOP; null
  /// when there is none.  The function's exit counts as a target when
  /// EXITISTARGET, reported as the returned point's null statement.  When
  /// PATH is given it receives the blocks of the path found, FROM's first.
  struct Reached {
    bool Found = false;
    const clang::Stmt *Target = nullptr; ///< null for the exit
    llvm::SmallVector<const clang::CFGBlock *, 8> Path;
  };
  Reached search(CFGPoint From, StmtPredicate Target, StmtPredicate Stop,
                 bool ExitIsTarget = false,
                 std::optional<EdgePredicate> Follow = std::nullopt) const;

  /// The variables (locals and parameters) whose value VALUE reads.
  llvm::SmallVector<const clang::VarDecl *, 4>
  reads(const clang::Expr *Value) const;

  /// Every definition of the local V in the body.
  llvm::ArrayRef<Definition> definitions(const clang::VarDecl *V) const;

  /// The variables VALUE is computed from, following locals back through
  /// their definitions and stopping at variables for which ISROOT holds.
  llvm::SmallSetVector<const clang::VarDecl *, 4>
  roots(const clang::Expr *Value,
        llvm::function_ref<bool(const clang::VarDecl *)> IsRoot) const;

  /// Whether S is one of the CFG's statements standing for ANCHOR (the CFG
  /// splits a multi-declarator DeclStmt into one per variable).
  static bool isAnchor(const clang::Stmt *S, const clang::Stmt *Anchor);

private:
  const clang::FunctionDecl *Fn;
  std::unique_ptr<clang::CFG> Graph;
  std::unique_ptr<clang::ParentMap> Parents;
  llvm::DenseMap<const clang::Stmt *, CFGPoint> Points;
  llvm::DenseMap<const clang::VarDecl *, llvm::SmallVector<Definition, 2>>
      Defs;
};

/// S's statement when the CFG element E is one.
const clang::Stmt *stmtOf(const clang::CFGElement &E);

} // namespace ptwalk

#endif
