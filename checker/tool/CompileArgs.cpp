//===- CompileArgs.cpp - Compiler command lines fit for analysis ----------===//

#include "CompileArgs.h"

#include "clang/Basic/DiagnosticIDs.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

using namespace clang;
using namespace clang::tooling;
using llvm::StringRef;

namespace ptwalk {

namespace {

/// -D__CHECKER__ in any spelling: -D__CHECKER__, -D__CHECKER__=1, or -D
/// followed by __CHECKER__[=...].
bool definesChecker(StringRef Macro) {
  return Macro == "__CHECKER__" || Macro.startswith("__CHECKER__=");
}

/// -Wp,-MD,file and kin: a dependency file written behind Kbuild's back.
bool writesDepfile(StringRef Arg) {
  if (!Arg.consume_front("-Wp,"))
    return false;
  return Arg.startswith("-MD") || Arg.startswith("-MMD");
}

/// Whether clang knows -W<Name>.  Sparse has warnings of its own
/// (-Wbitwise, -Wcast-to-as, -Wcontext, ...); clang warns about each one
/// it does not know, and under the -Werror of CONFIG_WERROR that warning
/// fails the unit.
bool clangKnowsWarning(StringRef Name) {
  Name.consume_front("no-");
  if (Name.consume_front("error=") || Name.consume_front("no-error="))
    ; // -Werror=<group>: judge the group
  else if (Name.empty() || Name == "error" || Name == "everything" ||
           Name == "system-headers" || Name == "fatal-errors")
    return true;
  // Driver options with a value (-Wframe-larger-than=N) and the
  // pass-through ones (-Wa,.. -Wl,.. -Wp,..) are the driver's business.
  if (Name.contains('=') || Name.contains(','))
    return true;
  static const llvm::IntrusiveRefCntPtr<DiagnosticIDs> IDs(new DiagnosticIDs);
  llvm::SmallVector<diag::kind, 16> Diags;
  // getDiagnosticsInGroup returns true when there is no such group.
  return !IDs->getDiagnosticsInGroup(diag::Flavor::WarningOrError, Name, Diags);
}

} // namespace

ArgumentsAdjuster analysisAdjuster() {
  ArgumentsAdjuster Clean = [](const CommandLineArguments &Args,
                               StringRef) {
    CommandLineArguments Out;
    bool HasResourceDir = false;
    for (size_t I = 0; I < Args.size(); ++I) {
      StringRef A = Args[I];
      // Never define __CHECKER__.  Kbuild's CHECKFLAGS (Makefile, 6.1) do
      // not add it -- sparse predefines it itself -- but a CF= or a copied
      // sparse command line may.  Under __CHECKER__ the kernel's headers
      // turn __user, __rcu, __iomem into address spaces and __force into
      // casts, so clang would analyse code that no compiler builds and
      // fail on every pointer conversion across address spaces.
      if (A == "-D" && I + 1 < Args.size() && definesChecker(Args[I + 1])) {
        ++I;
        continue;
      }
      if (A.startswith("-D") && definesChecker(A.drop_front(2)))
        continue;
      if (writesDepfile(A) || A.startswith("-fplugin=") ||
          A.startswith("-fplugin-arg-"))
        continue;
      if (A == "-resource-dir" || A.startswith("-resource-dir="))
        HasResourceDir = true;
      Out.push_back(Args[I]);
    }
    // The builtin headers (stdarg.h, ...) live under the resource
    // directory, which clang finds next to its binary; ours is not there.
    if (!HasResourceDir && !Out.empty())
      Out.insert(Out.begin() + 1, "-resource-dir=" PTWALK_CLANG_RESOURCE_DIR);
    return Out;
  };
  ArgumentsAdjuster A = combineAdjusters(getClangStripOutputAdjuster(),
                                         getClangStripDependencyFileAdjuster());
  A = combineAdjusters(A, getClangSyntaxOnlyAdjuster());
  return combineAdjusters(A, Clean);
}

ArgumentsAdjuster parseableFixitsAdjuster() {
  // Clang prints fix-it lines only with a diagnostic's code context, so
  // a -fno-caret-diagnostics of the command line would drop them.
  return getInsertArgumentAdjuster(
      CommandLineArguments{"-fcaret-diagnostics",
                           "-fdiagnostics-parseable-fixits"},
      ArgumentInsertPosition::END);
}

ArgumentsAdjuster sparseFlagsAdjuster() {
  return [](const CommandLineArguments &Args, StringRef) {
    CommandLineArguments Out;
    for (const std::string &Arg : Args) {
      StringRef A = Arg;
      // --arch=ARCH (CHECKFLAGS) picks sparse's target; clang's target
      // comes from --target and -m in c_flags, which we keep.
      if (A.startswith("--arch="))
        continue;
      if (A.startswith("-W") && !A.startswith("-Wa,") &&
          !A.startswith("-Wl,") && !A.startswith("-Wp,") &&
          !clangKnowsWarning(A.drop_front(2)))
        continue;
      Out.push_back(Arg);
    }
    return Out;
  };
}

llvm::Expected<ToolArgs> splitToolArgs(llvm::ArrayRef<const char *> Args) {
  ToolArgs T;
  for (size_t I = 0; I < Args.size(); ++I) {
    llvm::StringRef A = Args[I];
    if (A == "--werror" || A == "--walkers" || A.startswith("--rules=") ||
        A.startswith("--disable=") || A.startswith("--kernel-version=")) {
      T.Words.push_back(A.drop_front(2).str());
    } else if (A == "--parseable-fixits") {
      T.ParseableFixits = true;
    } else if (A == "-p") {
      if (++I == Args.size())
        return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                       "-p needs a directory");
      T.BuildDir = Args[I];
      T.HaveBuildDir = true;
    } else if (A.consume_front("-p=")) {
      T.BuildDir = A.str();
      T.HaveBuildDir = true;
    } else if (A.consume_front("--text-from=")) {
      if (A.empty())
        return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                       "--text-from needs a file");
      T.TextFrom = A.str();
    } else {
      T.Rest.push_back(A.str());
    }
  }
  return T;
}

llvm::Expected<std::vector<std::string>>
checkModeCommandLine(llvm::ArrayRef<std::string> Rest, std::string &File) {
  if (Rest.empty() || llvm::StringRef(Rest.back()).startswith("-"))
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "no -p and no source file last");
  File = Rest.back();
  std::vector<std::string> CommandLine{"clang"};
  CommandLine.insert(CommandLine.end(), Rest.begin(), Rest.end() - 1);
  CommandLine.push_back(File);
  return CommandLine;
}

} // namespace ptwalk
