// The literal every match of a grammar pattern contains, read from the
// pattern's source: the longest run of plain characters its top level
// spells out ("bevilja" in /bevilja[rs]?\b.{0,160}?(\d…)/, '"' in
// /(?:projektet|insatsen)\s+"([^"]{4,})"/). Grammar patterns are compiled
// case-insensitive (grammar_syntax.cc) and tried on every line of a
// document, one RE2 call each; a line without the literal cannot match,
// and looking for it costs a fraction of the call. The literal holds ASCII,
// the Latin-1 letters with a plain case pair (å, ä, ö, é…) and a few
// caseless punctuation marks; the three other characters RE2 folds onto
// one of those (the Kelvin sign, the long s, the Angstrom sign) make a text
// that holds them pass. A pattern with top-level alternatives has no
// literal. Tested by literal_gate_test.cc (against RE2's own folding of
// every code point of the BMP).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace finsam {

class LiteralGate {
 public:
  LiteralGate() = default;
  explicit LiteralGate(std::string_view pattern);

  // False only when `text` cannot match the pattern: it lacks the literal.
  bool MayMatch(std::string_view text) const;

  // Lower-case; empty when the pattern spells out none (every text may match).
  const std::string& literal() const { return literal_; }
  bool anchored() const { return anchored_; }

 private:
  std::string literal_;
  bool anchored_ = false;                 // the literal opens every match: only the text's start is looked at
  std::vector<const char*> wide_folds_;   // UTF-8 that folds onto a letter of the literal
};

}  // namespace finsam
