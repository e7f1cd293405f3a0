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

Error parseOptions(ArrayRef<std::string> Args, Options &Opts) {
  for (StringRef Arg : Args) {
    StringRef Value;
    if (Arg == "werror")
      Opts.FindingsAreErrors = true;
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
    else
      return createStringError(inconvertibleErrorCode(),
                               "unknown option '%s' (werror, rules=ID,..., "
                               "disable=ID,...)",
                               Arg.str().c_str());
  }
  return Error::success();
}

} // namespace ptwalk
