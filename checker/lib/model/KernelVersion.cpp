//===- KernelVersion.cpp - The kernel version of a unit -------------------===//

#include "KernelVersion.h"
#include "Catalogue.h"

#include "clang/Basic/FileManager.h"
#include "clang/Lex/HeaderSearch.h"
#include "clang/Lex/MacroInfo.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

using namespace clang;

namespace ptwalk {

/// The number a macro of the unit expands to, when it is one literal.
static std::optional<unsigned> macroNumber(Preprocessor &PP,
                                           llvm::StringRef Name) {
  const MacroInfo *MI = PP.getMacroInfo(PP.getIdentifierInfo(Name));
  if (!MI || MI->getNumTokens() != 1 ||
      !MI->getReplacementToken(0).is(tok::numeric_constant))
    return std::nullopt;
  const Token &T = MI->getReplacementToken(0);
  unsigned Value;
  if (llvm::StringRef(T.getLiteralData(), T.getLength())
          .getAsInteger(0, Value))
    return std::nullopt;
  return Value;
}

/// `#define NAME VALUE` in TEXT.
static std::optional<unsigned> definedNumber(llvm::StringRef Text,
                                             llvm::StringRef Name) {
  llvm::SmallVector<llvm::StringRef, 16> Lines;
  Text.split(Lines, '\n');
  for (llvm::StringRef Line : Lines) {
    Line = Line.trim();
    if (!Line.consume_front("#define") || !Line.startswith(" "))
      continue;
    Line = Line.trim();
    if (!Line.consume_front(Name) || !Line.startswith(" "))
      continue;
    unsigned Value;
    if (!Line.trim().getAsInteger(0, Value))
      return Value;
  }
  return std::nullopt;
}

/// LINUX_VERSION_CODE of the first linux/version.h on the unit's quoted
/// and angled include paths, read without including it.
static std::optional<unsigned> versionHeader(Preprocessor &PP) {
  HeaderSearch &HS = PP.getHeaderSearchInfo();
  FileManager &FM = PP.getFileManager();
  for (auto It = HS.search_dir_begin(), End = HS.search_dir_end(); It != End;
       ++It) {
    const DirectoryEntry *Dir = It->getDir();
    if (!Dir)
      continue;
    llvm::SmallString<256> Path(Dir->getName());
    llvm::sys::path::append(Path, "linux", "version.h");
    auto File = FM.getFile(Path);
    if (!File)
      continue;
    auto Buffer = FM.getBufferForFile(*File);
    if (!Buffer)
      continue;
    if (auto Code = definedNumber((*Buffer)->getBuffer(), "LINUX_VERSION_CODE"))
      return *Code;
  }
  return std::nullopt;
}

std::optional<unsigned> unitKernelVersion(Preprocessor &PP,
                                          unsigned Override) {
  if (Override)
    return Override;
  if (auto Code = macroNumber(PP, "LINUX_VERSION_CODE"))
    return *Code & ~0xffu; // the sublevel does not move the API
  if (auto Code = versionHeader(PP))
    return *Code & ~0xffu;
  return std::nullopt;
}

} // namespace ptwalk
