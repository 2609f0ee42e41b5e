// Tokens of one grammar line: words, /regex/ literals and key=value options,
// each with its column for error messages. Tested by grammar_loader_test.cc.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace finsam {

struct GrammarToken {
  enum class Kind { kWord, kRegex, kOption } kind = Kind::kWord;
  std::string text;     // word, regex body (without slashes), or option key
  std::string value;    // option value
  int column = 1;       // 1-based
};

// Splits a line (comment already allowed: "#" after white space starts one).
// Returns false and sets `error_column`/`error` on an unterminated regex.
bool TokenizeGrammarLine(std::string_view line, std::vector<GrammarToken>& tokens,
                         int& error_column, std::string& error);

}  // namespace finsam
