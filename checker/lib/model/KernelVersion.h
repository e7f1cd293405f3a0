//===- KernelVersion.h - The kernel version of a unit -*- C++ -*-===//
//
// Which kernel a translation unit belongs to, as LINUX_VERSION_CODE
// spells it.  The engine uses it only where the code does not show the
// role of an API (ApiRoles.h): stable series backport API changes, so the
// version alone is not evidence.
//
//===----------------------------------------------------------------------===//

#ifndef PTWALK_CHECKER_KERNELVERSION_H
#define PTWALK_CHECKER_KERNELVERSION_H

#include <optional>

namespace clang {
class Preprocessor;
} // namespace clang

namespace ptwalk {

/// The version the unit is read as: OVERRIDE when non-zero (the
/// kernel-version= option); else LINUX_VERSION_CODE when the unit defines
/// it; else that of the linux/version.h its include paths lead to (a
/// kernel build always generates one, include/generated/uapi, though most
/// units never include it); else none.
std::optional<unsigned> unitKernelVersion(clang::Preprocessor &PP,
                                          unsigned Override);

} // namespace ptwalk

#endif
