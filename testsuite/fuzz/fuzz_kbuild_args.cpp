//===- fuzz_kbuild_args.cpp - libFuzzer target: ptwalk-clang's arguments --===//
//
// The command line as Kbuild's `make C=1 CHECK=ptwalk-clang` gives it,
// $(CHECK) $(CHECKFLAGS) $(c_flags) file.c: split into ptwalk-clang's
// words and the compiler's, the words parsed as the plugin's options, and
// the compiler command line through both adjusters.  The input is the
// arguments separated by NUL bytes.
//
//===----------------------------------------------------------------------===//

#include "CompileArgs.h"
#include "Options.h"

#include <cstdint>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  std::vector<std::string> Strings;
  std::string Cur;
  for (size_t I = 0; I < Size; ++I) {
    if (Data[I] == '\0') {
      Strings.push_back(Cur);
      Cur.clear();
    } else {
      Cur.push_back(static_cast<char>(Data[I]));
    }
  }
  Strings.push_back(Cur);
  std::vector<const char *> Argv;
  for (const std::string &S : Strings)
    Argv.push_back(S.c_str());

  llvm::Expected<ptwalk::ToolArgs> Args = ptwalk::splitToolArgs(Argv);
  if (!Args) {
    llvm::consumeError(Args.takeError());
    return 0;
  }
  ptwalk::Options Opts;
  if (llvm::Error E = ptwalk::parseOptions(Args->Words, Opts))
    llvm::consumeError(std::move(E));
  if (Args->HaveBuildDir)
    return 0;
  std::string File;
  llvm::Expected<std::vector<std::string>> CommandLine =
      ptwalk::checkModeCommandLine(Args->Rest, File);
  if (!CommandLine) {
    llvm::consumeError(CommandLine.takeError());
    return 0;
  }
  clang::tooling::ArgumentsAdjuster Adjust = clang::tooling::combineAdjusters(
      ptwalk::sparseFlagsAdjuster(), ptwalk::analysisAdjuster());
  Adjust(*CommandLine, File);
  return 0;
}
