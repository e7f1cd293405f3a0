//===- AtomicWidth.h - Widest single-copy-atomic plain load -*- C++ -*-===//
//
// torn-read is exact per configuration: an entry tears when the target
// cannot load it with one single-copy-atomic plain access.  This is the
// one place that decides how wide such an access is.
//
//===----------------------------------------------------------------------===//

#ifndef PTWALK_CHECKER_ATOMICWIDTH_H
#define PTWALK_CHECKER_ATOMICWIDTH_H

namespace clang {
class ASTContext;
class Preprocessor;
class QualType;
} // namespace clang

namespace ptwalk {

/// The size in bytes of the widest object of type ENTRY that a plain
/// (volatile) load reads single-copy atomically on the target of CTX, for
/// the kernel configuration the preprocessor PP saw.
unsigned atomicLoadBytes(const clang::ASTContext &Ctx,
                         clang::Preprocessor &PP, clang::QualType Entry);

} // namespace ptwalk

#endif
