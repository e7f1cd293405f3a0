//===- Options.cpp - Engine options shared by the front doors -------------===//

#include "Options.h"
#include "Catalogue.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"

using namespace llvm;

namespace ptwalk {

static Error addRules(StringRef List, StringSet<> &Into, StringRef Option) {
  SmallVector<StringRef, 4> Ids;
  List.split(Ids, ',', -1, /*KeepEmpty=*/false);
  if (Ids.empty())
    return createStringError(inconvertibleErrorCode(),
                             "option '%s' needs a rule id", Option.str().c_str());
  for (StringRef Id : Ids) {
    if (!findRule(Id))
      return createStringError(inconvertibleErrorCode(),
                               "unknown rule '%s' in option '%s'",
                               Id.str().c_str(), Option.str().c_str());
    Into.insert(Id);
  }
  return Error::success();
}

/// "6.12", "6.12.117" or "6.13-rc1" as KERNEL_VERSION(6, 12, 0).
static bool parseKernelVersion(StringRef Text, unsigned &Version) {
  unsigned Major, Minor;
  StringRef Rest = Text;
  if (Rest.consumeInteger(10, Major) || !Rest.consume_front(".") ||
      Rest.consumeInteger(10, Minor) || Major < 2 || Major > 99 ||
      Minor > 255)
    return false;
  if (!Rest.empty() && !Rest.startswith(".") && !Rest.startswith("-"))
    return false;
  Version = kernelVersion(Major, Minor);
  return true;
}

Error parseOptions(ArrayRef<std::string> Args, Options &Opts) {
  for (StringRef Arg : Args) {
    StringRef Value;
    if (Arg == "werror")
      Opts.FindingsAreErrors = true;
    else if (Arg == "walkers")
      Opts.ListWalkers = true;
    else if ((Value = Arg).consume_front("rules="))
      if (Error E = addRules(Value, Opts.Only, "rules"))
        return E;
      else
        continue;
    else if ((Value = Arg).consume_front("disable="))
      if (Error E = addRules(Value, Opts.Disabled, "disable"))
        return E;
      else
        continue;
    else if ((Value = Arg).consume_front("kernel-version=")) {
      if (!parseKernelVersion(Value, Opts.KernelVersion))
        return createStringError(inconvertibleErrorCode(),
                                 "option 'kernel-version' needs a kernel "
                                 "version such as 6.12, not '%s'",
                                 Value.str().c_str());
    }
    else
      return createStringError(inconvertibleErrorCode(),
                               "unknown option '%s' (werror, rules=ID,..., "
                               "disable=ID,..., kernel-version=X.Y, walkers)",
                               Arg.str().c_str());
  }
  return Error::success();
}

} // namespace ptwalk
