// Matching a grammar label set at the start of a text (a line or a cell).
// Tested by field_matcher_test.cc.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "grammar/grammar.h"

namespace finsam {

struct LabelMatch {
  size_t end = 0;            // byte offset just past the label, "(*)" and ":"
  bool required = false;     // the label carried "(*)"
  std::string label;         // the label as written
};

std::optional<LabelMatch> MatchLabelAt(const LabelSet& set, std::string_view text);

// Fills set.first_bytes from its variants (the grammar loader calls it).
void IndexFirstBytes(LabelSet& set);

// Convenience: by set name; nullopt when the set does not exist.
std::optional<LabelMatch> MatchLabel(const Grammar& grammar, std::string_view set,
                                     std::string_view text);

// Trims white space and the separators that sit between a label and its value.
std::string_view TrimValue(std::string_view text);

}  // namespace finsam
