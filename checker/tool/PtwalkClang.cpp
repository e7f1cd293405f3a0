//===- PtwalkClang.cpp - ptwalk's Clang engine as a LibTooling tool -------===//
//
//   ptwalk-clang [OPTION...] -p BUILD_DIR [FILE...]
//       every FILE (default: every entry) of BUILD_DIR/compile_commands.json
//   ptwalk-clang [OPTION...] -p BUILD_DIR --text-from=COPY FILE
//       FILE's command on COPY's text: ptwalk's patch review, where COPY
//       is FILE after the patch
//   ptwalk-clang [OPTION...] COMPILER_FLAG... FILE
//       Kbuild's CHECK= mode: make C=1 CHECK=ptwalk-clang runs
//       $(CHECK) $(CHECKFLAGS) $(c_flags) file.c
//
// OPTIONs are the plugin's words with "--": --werror, --rules=ID,...,
// --disable=ID,..., --kernel-version=X.Y, --walkers (each walker the model
// recognises, on stdout, for ptwalk --audit) and --parseable-fixits, which
// prints each finding's fix-its as clang's "fix-it:" lines (for the
// ptwalk driver).  Exit status: 0 clean, 1 findings, 2 trouble (a unit
// that does not compile, a file with no compile command, bad usage).
//
//===----------------------------------------------------------------------===//

#include "CompileArgs.h"
#include "Options.h"
#include "RunUnit.h"

#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>

using namespace clang::tooling;
using llvm::StringRef;

namespace {

constexpr int ExitClean = 0, ExitFindings = 1, ExitTrouble = 2;

int usage(StringRef Why) {
  llvm::errs() << "ptwalk-clang: " << Why << "\n"
               << "usage: ptwalk-clang [--werror] [--rules=ID,...] "
                  "[--disable=ID,...] [--kernel-version=X.Y] [--walkers] "
                  "[--parseable-fixits] -p BUILD_DIR [--text-from=COPY] "
                  "[FILE...]\n"
                  "       ptwalk-clang [OPTION...] COMPILER_FLAG... FILE   "
                  "(make C=1 CHECK=ptwalk-clang)\n";
  return ExitTrouble;
}

std::string absolute(StringRef Path) {
  llvm::SmallString<256> P(Path);
  llvm::sys::fs::make_absolute(P);
  llvm::sys::path::remove_dots(P, /*remove_dot_dot=*/true);
  return std::string(P);
}

struct Totals {
  unsigned Findings = 0, Units = 0, Troubled = 0;
};

void run(CompileCommand Command, const ArgumentsAdjuster &Adjust,
         const ptwalk::Options &Opts, Totals &T,
         const llvm::MemoryBuffer *Text = nullptr) {
  Command.CommandLine = Adjust(Command.CommandLine, Command.Filename);
  ptwalk::UnitResult R = ptwalk::runUnit(
      Command, Opts,
      Text ? llvm::MemoryBuffer::getMemBufferCopy(Text->getBuffer(),
                                                  Text->getBufferIdentifier())
           : nullptr);
  ++T.Units;
  T.Findings += R.Findings;
  if (R.Trouble) {
    ++T.Troubled;
    // Databases may name the file relative to the entry's directory.
    llvm::SmallString<256> File(Command.Filename);
    if (llvm::sys::path::is_relative(File))
      llvm::sys::fs::make_absolute(Command.Directory, File);
    llvm::errs() << "ptwalk-clang: error: " << File
                 << ": does not compile, not analysed\n";
  }
}

} // namespace

int main(int argc, const char **argv) {
  llvm::InitLLVM X(argc, argv);

  llvm::Expected<ptwalk::ToolArgs> Args =
      ptwalk::splitToolArgs(llvm::ArrayRef<const char *>(argv + 1, argc - 1));
  if (!Args)
    return usage(llvm::toString(Args.takeError()));
  const std::vector<std::string> &Rest = Args->Rest;
  ptwalk::Options Opts;
  if (llvm::Error E = ptwalk::parseOptions(Args->Words, Opts))
    return usage(llvm::toString(std::move(E)));

  Totals T;
  if (Args->HaveBuildDir) {
    std::string Error;
    llvm::SmallString<256> Json(Args->BuildDir);
    llvm::sys::path::append(Json, "compile_commands.json");
    std::unique_ptr<JSONCompilationDatabase> DB =
        JSONCompilationDatabase::loadFromFile(Json, Error,
                                              JSONCommandLineSyntax::AutoDetect);
    if (!DB)
      return usage((Json + ": " + Error).str());
    std::vector<std::string> Files;
    std::unique_ptr<llvm::MemoryBuffer> Text;
    if (!Args->TextFrom.empty()) {
      if (Rest.size() != 1)
        return usage("--text-from needs exactly one FILE");
      llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Read =
          llvm::MemoryBuffer::getFile(Args->TextFrom);
      if (!Read) {
        llvm::errs() << "ptwalk-clang: error: " << Args->TextFrom << ": "
                     << Read.getError().message() << "\n";
        return ExitTrouble;
      }
      Text = std::move(*Read);
    }
    if (Rest.empty()) {
      Files = DB->getAllFiles();
      llvm::sort(Files); // the database's order is a hash table's
    } else {
      for (const std::string &F : Rest) {
        if (StringRef(F).startswith("-"))
          return usage("unknown option '" + F + "' with -p");
        Files.push_back(absolute(F));
      }
    }
    ArgumentsAdjuster Adjust = ptwalk::analysisAdjuster();
    if (Args->ParseableFixits)
      Adjust = combineAdjusters(Adjust, ptwalk::parseableFixitsAdjuster());
    for (const std::string &File : Files) {
      std::vector<CompileCommand> Commands = DB->getCompileCommands(File);
      if (Commands.empty()) {
        ++T.Troubled;
        llvm::errs() << "ptwalk-clang: error: " << File << ": not in " << Json
                     << "\n";
      }
      for (CompileCommand &C : Commands)
        run(std::move(C), Adjust, Opts, T, Text.get());
    }
  } else {
    if (!Args->TextFrom.empty())
      return usage("--text-from needs -p");
    // Kbuild's CHECK= mode: a compiler command line, the file last.
    std::string File;
    llvm::Expected<std::vector<std::string>> CommandLine =
        ptwalk::checkModeCommandLine(Rest, File);
    if (!CommandLine)
      return usage(llvm::toString(CommandLine.takeError()));
    llvm::SmallString<256> Cwd;
    llvm::sys::fs::current_path(Cwd);
    CompileCommand Command(Cwd, File, std::move(*CommandLine), "");
    ArgumentsAdjuster Adjust = combineAdjusters(ptwalk::sparseFlagsAdjuster(),
                                                ptwalk::analysisAdjuster());
    if (Args->ParseableFixits)
      Adjust = combineAdjusters(Adjust, ptwalk::parseableFixitsAdjuster());
    run(std::move(Command), Adjust, Opts, T);
  }

  if (T.Findings || T.Troubled)
    llvm::errs() << "ptwalk-clang: " << T.Findings << " finding"
                 << (T.Findings == 1 ? "" : "s") << " in " << T.Units
                 << " unit" << (T.Units == 1 ? "" : "s") << ", " << T.Troubled
                 << " not analysed\n";
  if (T.Troubled)
    return ExitTrouble;
  return T.Findings ? ExitFindings : ExitClean;
}
