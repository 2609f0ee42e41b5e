// Label matching at the start of a text (see label_match.h).
// Tested by field_matcher_test.cc.
#include "grammar/label_match.h"

namespace finsam {

std::optional<LabelMatch> MatchLabelAt(const LabelSet& set, std::string_view text) {
  if (!set.regex) return std::nullopt;
  re2::StringPiece input(text.data(), text.size());
  re2::StringPiece groups[4];
  // Asked for groups of an anchored match, RE2 goes straight to its
  // backtracker, which costs far more than its DFA's "no" on the many texts
  // that are not labels: ask the DFA first.
  if (!set.regex->Match(input, 0, input.size(), RE2::ANCHOR_START, nullptr, 0)) return std::nullopt;
  if (!set.regex->Match(input, 0, input.size(), RE2::ANCHOR_START, groups, 4)) return std::nullopt;
  LabelMatch m;
  // Group 3 is the boundary after the label; the value starts there.
  m.end = static_cast<size_t>(groups[3].data() - text.data());
  m.required = groups[2].data() != nullptr && !groups[2].empty();
  m.label = std::string(groups[1].data(), groups[1].size());
  return m;
}

std::optional<LabelMatch> MatchLabel(const Grammar& grammar, const std::string& set,
                                     std::string_view text) {
  const LabelSet* labels = grammar.Labels(set);
  return labels ? MatchLabelAt(*labels, text) : std::nullopt;
}

std::string_view TrimValue(std::string_view text) {
  auto strip = [](char c) { return c == ' ' || c == '\t' || c == ':' || c == '-' || c == ';'; };
  while (!text.empty() && strip(text.front())) text.remove_prefix(1);
  // A free-standing en dash between label and value ("Budget/tidsperiod – …").
  while (text.rfind("–", 0) == 0 || text.rfind(" ", 0) == 0) {
    text.remove_prefix(text.rfind("–", 0) == 0 ? 3 : 1);
  }
  // Prose instead of a form: "Projektägare är X", "Huvudman blir Y".
  for (std::string_view copula : {"är ", "blir "}) {
    if (text.substr(0, copula.size()) == copula) text.remove_prefix(copula.size());
  }
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace finsam
