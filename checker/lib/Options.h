//===- Options.h - Engine options shared by the front doors -*- C++ -*-===//
//
// The plugin takes these as -fplugin-arg-ptwalk-<opt>; a LibTooling tool
// will take the same words as its own options.
//
//   werror          findings are errors, not warnings
//   rules=ID,...    run only these rules
//   disable=ID,...  do not run these rules
//   kernel-version=X.Y
//                   read the unit as code of that kernel version, whatever
//                   its LINUX_VERSION_CODE says
//   walkers         also print each function the walker model recognises
//                   on stdout (WalkerList.h), for ptwalk --audit
//
// Rule ids are those of rules/rules.def.
//
//===----------------------------------------------------------------------===//

#ifndef PTWALK_CHECKER_OPTIONS_H
#define PTWALK_CHECKER_OPTIONS_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Error.h"

#include <string>

namespace ptwalk {

struct Options {
  bool FindingsAreErrors = false;
  /// Empty: every rule the engine implements.
  llvm::StringSet<> Only;
  llvm::StringSet<> Disabled;
  /// kernel-version=, as LINUX_VERSION_CODE spells it; 0 when not given.
  unsigned KernelVersion = 0;
  bool ListWalkers = false;

  bool enabled(llvm::StringRef Rule) const {
    return (Only.empty() || Only.count(Rule)) && !Disabled.count(Rule);
  }
};

/// Parses ARGS into OPTS; an unknown option or rule id is an error.
llvm::Error parseOptions(llvm::ArrayRef<std::string> Args, Options &Opts);

} // namespace ptwalk

#endif
