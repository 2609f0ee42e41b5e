// Decoding of text files to UTF-8: UTF-8 (with or without BOM), UTF-16 LE/BE
// with BOM, and legacy Windows-1252 / ISO-8859-1 detected with ICU's charset
// detector and converted. Tested by encoding_test.cc.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace finsam {

struct DecodedText {
  std::string utf8;
  std::string charset;   // "UTF-8", "UTF-16LE", "windows-1252", ...
};

// Error codes: "binary_input" (NUL bytes in what is not UTF-16, or other
// binary content: the file is neither text nor PDF), "invalid_encoding"
// (cannot be decoded at all). `where` is left empty; the caller adds the path.
Result<DecodedText> DecodeToUtf8(std::string_view bytes);

// True when the bytes are valid UTF-8.
bool IsValidUtf8(std::string_view bytes);

}  // namespace finsam
