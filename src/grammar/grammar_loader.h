// Loads grammar files (*.fg) into a Grammar. Files load in name order from
// each directory; later directories add to and override earlier ones
// (labels: variants appended; fields: rules appended, a rule with the same
// id replaced; families/templates: replaced by name). Errors are RE2-style:
// a code, file:line:column, the offending fragment and a one-line message.
// Tested by grammar_loader_test.cc.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "grammar/grammar.h"

namespace finsam {

// Error codes: grammar_io, grammar_syntax, grammar_regex, grammar_reference.
Result<Grammar> LoadGrammarDirs(const std::vector<std::string>& dirs);

// Parses one file's text into `grammar` (merging). `file` names it in errors.
Result<bool> ParseGrammarText(std::string_view text, const std::string& file, Grammar& grammar);

// Checks cross references (label sets, families, value types, derivations)
// and compiles the union label matcher. Call once after all files parsed.
Result<bool> FinishGrammar(Grammar& grammar);

// The built-in default grammar directory: $FINSAM_GRAMMARS, else the
// installed share/ directory, else the source tree's grammars/.
std::string DefaultGrammarDir();

// Builds the RE2 source for a label set (exposed for tests).
std::string LabelRegexSource(const std::vector<std::string>& variants);

}  // namespace finsam
