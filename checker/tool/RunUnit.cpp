//===- RunUnit.cpp - The analysis on one compile command ------------------===//

#include "RunUnit.h"
#include "Analysis.h"

#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/FileManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/VirtualFileSystem.h"

using namespace clang;

namespace ptwalk {

namespace {

/// Sits in front of the compiler's own diagnostic printer (so -fno-caret-
/// diagnostics and friends still apply) and tells ptwalk's findings, which
/// end in "[ptwalk-RULE]", from the compiler's errors.
class CountingConsumer : public DiagnosticConsumer {
public:
  CountingConsumer(DiagnosticConsumer &Printer,
                   std::unique_ptr<DiagnosticConsumer> Owned,
                   UnitResult &Result)
      : Printer(Printer), Owned(std::move(Owned)), Result(Result) {}

  void BeginSourceFile(const LangOptions &LO, const Preprocessor *PP) override {
    Printer.BeginSourceFile(LO, PP);
  }
  void EndSourceFile() override { Printer.EndSourceFile(); }
  void finish() override { Printer.finish(); }
  bool IncludeInDiagnosticCounts() const override {
    return Printer.IncludeInDiagnosticCounts();
  }

  void HandleDiagnostic(DiagnosticsEngine::Level Level,
                        const Diagnostic &Info) override {
    DiagnosticConsumer::HandleDiagnostic(Level, Info); // the counts
    if (Level >= DiagnosticsEngine::Warning) {
      SmallString<128> Message;
      Info.FormatDiagnostic(Message);
      StringRef M = Message;
      bool Finding = M.endswith("]") && M.contains(" [ptwalk-");
      if (Finding)
        ++Result.Findings;
      else if (Level >= DiagnosticsEngine::Error)
        Result.Trouble = true;
    }
    Printer.HandleDiagnostic(Level, Info);
  }

private:
  DiagnosticConsumer &Printer;
  std::unique_ptr<DiagnosticConsumer> Owned;
  UnitResult &Result;
};

class AnalysisAction : public ASTFrontendAction {
public:
  AnalysisAction(const Options &Opts, UnitResult &Result)
      : Opts(Opts), Result(Result) {}

protected:
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI,
                                                 StringRef) override {
    DiagnosticsEngine &Diags = CI.getDiagnostics();
    DiagnosticConsumer &Printer = *Diags.getClient();
    std::unique_ptr<DiagnosticConsumer> Owned =
        Diags.ownsClient() ? Diags.takeClient() : nullptr;
    Diags.setClient(new CountingConsumer(Printer, std::move(Owned), Result),
                    /*ShouldOwnClient=*/true);
    return createAnalysisConsumer(CI, Opts);
  }

private:
  const Options &Opts;
  UnitResult &Result;
};

} // namespace

UnitResult runUnit(const tooling::CompileCommand &Command,
                   const Options &Opts, std::unique_ptr<llvm::MemoryBuffer> Text) {
  UnitResult Result;
  // A file system of its own, so the unit's working directory is
  // Command.Directory without a chdir of the process (as ClangTool does).
  llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> FS(
      new llvm::vfs::OverlayFileSystem(llvm::vfs::createPhysicalFileSystem()));
  FS->setCurrentWorkingDirectory(Command.Directory);
  if (Text) {
    llvm::IntrusiveRefCntPtr<llvm::vfs::InMemoryFileSystem> Patched(
        new llvm::vfs::InMemoryFileSystem);
    llvm::SmallString<256> File(Command.Filename);
    if (llvm::sys::path::is_relative(File))
      llvm::sys::fs::make_absolute(Command.Directory, File);
    Patched->addFile(File, /*ModificationTime=*/0, std::move(Text));
    Patched->setCurrentWorkingDirectory(Command.Directory);
    FS->pushOverlay(Patched);
  }
  llvm::IntrusiveRefCntPtr<FileManager> Files(
      new FileManager(FileSystemOptions(), FS));
  tooling::ToolInvocation Invocation(
      Command.CommandLine, std::make_unique<AnalysisAction>(Opts, Result),
      Files.get());
  bool Compiled = Invocation.run();
  // With werror the findings are errors, and the run "fails" on them
  // alone; any other failure (the driver's, a compile error) is trouble.
  if (!Compiled && Result.Findings == 0)
    Result.Trouble = true;
  return Result;
}

} // namespace ptwalk
