//===- AtomicWidth.cpp - Widest single-copy-atomic plain load -------------===//
//
// In general the kernel's single-copy-atomic plain load is a machine word:
// sizeof(long), which is the pointer width on every Linux ABI.  A 64-bit
// entry on a 32-bit CPU is two loads (i386 PAE, MIPS32 with 64-bit
// physical addresses, ppc32 PTE_64BIT, sh X2TLB, ARC PAE40).
//
// 32-bit ARM with LPAE is the exception.  The ARMv7-A architecture makes
// LDRD/STRD of a 64-bit aligned doubleword single-copy atomic in an
// implementation that includes LPAE, and the kernel relies on it:
// CONFIG_ARM_LPAE builds atomic64_read() as one LDRD, set_pte_ext() writes
// with one STRD, and fast GUP reads ptes with a plain READ_ONCE().  Without
// LPAE the guarantee does not exist, so the target triple alone cannot
// decide: an armv7 CPU may lack LPAE.  We decide as the kernel does, from
// CONFIG_ARM_LPAE in the translation unit (Kconfig allows it only on
// ARMv7-A CPUs that implement LPAE), and check the facts it implies: an
// ARMv7 or later target and an 8-byte aligned entry.  The only 32-bit ARM
// configuration with 64-bit entries is LPAE, so no real configuration is
// lost by asking for the macro.
//
//===----------------------------------------------------------------------===//

#include "AtomicWidth.h"

#include "clang/AST/ASTContext.h"
#include "clang/Basic/TargetInfo.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/Triple.h"
#include "llvm/Support/ARMTargetParser.h"

using namespace clang;

namespace ptwalk {

static bool isArm32(const llvm::Triple &T) {
  switch (T.getArch()) {
  case llvm::Triple::arm:
  case llvm::Triple::armeb:
  case llvm::Triple::thumb:
  case llvm::Triple::thumbeb:
    return true;
  default:
    return false;
  }
}

static bool armLpaeLdrdIsAtomic(const ASTContext &Ctx, Preprocessor &PP,
                                QualType Entry) {
  const llvm::Triple &T = Ctx.getTargetInfo().getTriple();
  if (!isArm32(T) || !PP.isMacroDefined("CONFIG_ARM_LPAE"))
    return false;
  if (llvm::ARM::parseArchVersion(T.getArchName()) < 7)
    return false;
  return Ctx.getTypeAlignInChars(Entry).getQuantity() >= 8;
}

unsigned atomicLoadBytes(const ASTContext &Ctx, Preprocessor &PP,
                         QualType Entry) {
  unsigned Word = Ctx.getTypeSize(Ctx.VoidPtrTy) / 8;
  if (Word < 8 && armLpaeLdrdIsAtomic(Ctx, PP, Entry))
    return 8;
  return Word;
}

} // namespace ptwalk
