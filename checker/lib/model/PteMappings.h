//===- PteMappings.h - pte table mappings and their cursors -*- C++ -*-===//
//
// One function's pte table mappings: where pte_offset_map() and its kin
// (api.def's PTE_MAP, and pte_offset_map_lock()) map a table, the locals
// that hold the mapping (ptem = ptep = pte_offset_map(...), orig = pte),
// the cursors derived from it by ++ or +=, the unmaps (PTE_UNMAP) and the
// ways a mapping leaves the function for someone else to unmap.
//
// The maps and unmaps are macros in some kernels (6.1's pte_offset_map()
// is kmap_atomic() or pte_offset_kernel(), its pte_unmap() a cast to
// void) and functions in others, so they are recognised by the name
// written in the source at the expansion point, and the argument of an
// unmap by the expression spelled inside its parentheses.
//
//===----------------------------------------------------------------------===//

#ifndef PTWALK_CHECKER_PTEMAPPINGS_H
#define PTWALK_CHECKER_PTEMAPPINGS_H

#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

namespace clang {
class ASTContext;
class Expr;
class FunctionDecl;
class ParentMap;
class Stmt;
class VarDecl;
} // namespace clang

namespace ptwalk {

/// A map of a pte table.
struct PteMap {
  /// The map call or macro expansion.
  const clang::Expr *Site;
  /// The statement storing it (DeclStmt or assignment); null when the
  /// value is discarded.
  const clang::Stmt *Anchor;
  /// The local it is stored in; null when stored elsewhere or discarded.
  const clang::VarDecl *Var;
  /// Where the map is written.
  clang::SourceLocation Loc;
};

/// An unmap, pte_unmap(X) or pte_unmap_unlock(X, ptl).
struct PteUnmap {
  /// The outermost statement of the call or macro expansion.
  const clang::Stmt *Site;
  /// The call as written: its expansion range in the file.
  clang::SourceLocation Begin, End;
  /// The local X names, or that of X - n; null for anything else.
  const clang::VarDecl *Var;
  bool Minus;
  /// X, the argument as written; null when it was not found.
  const clang::Expr *Arg = nullptr;
};

class PteMappings {
public:
  PteMappings(const clang::FunctionDecl *FD, clang::ASTContext &Ctx);

  llvm::ArrayRef<PteMap> maps() const { return Maps; }
  llvm::ArrayRef<PteUnmap> unmaps() const { return Unmaps; }
  /// Advances of a local pointer: ++, += and p = p + n.
  llvm::ArrayRef<std::pair<const clang::Stmt *, const clang::VarDecl *>>
  advances() const {
    return Advances;
  }
  /// Returns of a local, with that local.
  llvm::ArrayRef<std::pair<const clang::Stmt *, const clang::VarDecl *>>
  returnsOfLocals() const {
    return LocalReturns;
  }
  /// How many times V is stored to: assignments and an initialiser, not
  /// counting ++ and +=.
  unsigned stores(const clang::VarDecl *V) const {
    auto It = StoreCounts.find(V);
    return It == StoreCounts.end() ? 0 : It->second;
  }
  /// Whether V is advanced anywhere in the function.
  bool advanced(const clang::VarDecl *V) const {
    return llvm::any_of(Advances, [&](const auto &A) { return A.second == V; });
  }
  /// Every return statement.
  llvm::ArrayRef<const clang::Stmt *> returns() const { return Returns; }

  /// The locals that hold V's mapping: V and the locals copied to or
  /// from it, transitively.
  llvm::SmallPtrSet<const clang::VarDecl *, 4>
  group(const clang::VarDecl *V) const;

  /// Whether S is a statement of an unmap's expansion, and of which.
  const PteUnmap *unmapOf(const clang::Stmt *S) const;

  /// Whether S stores one of GROUP into a structure, through a pointer
  /// or into a global: the mapping escapes.
  bool storesAway(const clang::Stmt *S,
                  const llvm::SmallPtrSetImpl<const clang::VarDecl *> &Group)
      const;

  /// Whether a pointer parameter of the function is unmapped in it, or
  /// stored into a structure for a later unmap (6.12's
  /// pfnmap_args_setup()): callers that pass it a mapping hand it over.
  bool takesParameter() const;

  /// Whether U is a branch of an if: if (ptep) pte_unmap(ptep), or an
  /// unmap under a condition the code ties to how it mapped
  /// (mm/pagewalk.c).  Paths that skip it are not taken for leaks.
  bool isConditional(const PteUnmap &U, const clang::ParentMap &Parents) const;

  /// Whether T, after parentheses, casts and __builtin_expect(), tests
  /// whether one of GROUP is NULL; BRANCH receives the successor index of
  /// the NULL branch.
  bool isNullTest(const clang::Expr *T,
                  const llvm::SmallPtrSetImpl<const clang::VarDecl *> &Group,
                  unsigned &Branch) const;

  /// The macro or function name written at the expansion point of LOC.
  static llvm::StringRef spelledName(clang::SourceLocation Loc,
                                     const clang::ASTContext &Ctx);

private:
  llvm::StringRef nameAt(clang::SourceLocation Loc) const;
  void collect(const clang::Stmt *S);
  bool isMap(const clang::Expr *E) const;
  void addUnmap(const clang::Stmt *S);
  void addStore(const clang::Stmt *Anchor, const clang::Expr *LHS,
                const clang::VarDecl *LocalLHS, const clang::Expr *RHS);

  clang::ASTContext &Ctx;
  /// spelledName() by raw expansion location.
  mutable llvm::DenseMap<unsigned, llvm::StringRef> Names;
  llvm::SmallVector<PteMap, 2> Maps;
  llvm::SmallVector<PteUnmap, 2> Unmaps;
  llvm::SmallVector<std::pair<const clang::Stmt *, const clang::VarDecl *>, 2>
      Advances;
  llvm::SmallVector<std::pair<const clang::Stmt *, const clang::VarDecl *>, 2>
      LocalReturns;
  llvm::SmallVector<const clang::Stmt *, 4> Returns;
  llvm::SmallVector<std::pair<const clang::VarDecl *, const clang::VarDecl *>,
                    4>
      Aliases;
  llvm::DenseMap<const clang::VarDecl *, unsigned> StoreCounts;
  /// Stores of a local pointer into something that is not a local.
  llvm::SmallVector<std::pair<const clang::Stmt *, const clang::VarDecl *>, 2>
      Stores;
};

} // namespace ptwalk

#endif
