// Label matching at the start of a text (see label_match.h).
// Tested by field_matcher_test.cc.
#include "grammar/label_match.h"

namespace finsam {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Where a label can begin in `text`, as the set's regex (LabelRegexSource)
// allows: after white space, and after white space, numbering ("2.1",
// "a)") or a bullet and more white space. Returns both candidates; npos
// when there is none.
std::pair<size_t, size_t> LabelStarts(std::string_view text) {
  size_t p = 0;
  while (p < text.size() && IsSpace(text[p])) ++p;
  size_t q = p;
  if (q < text.size() && IsDigit(text[q])) {
    while (q < text.size() && (IsDigit(text[q]) || text[q] == '.')) ++q;
  } else if (q + 1 < text.size() && IsAsciiLetter(text[q]) && text[q + 1] == ')') {
    q += 2;
  } else if (q < text.size() && (text[q] == '-' || text[q] == '*')) {
    q += 1;
  } else if (text.substr(q, 3) == "\u2022") {   // •
    q += 3;
  }
  size_t after = q;
  while (q < text.size() && IsSpace(text[q])) ++q;
  if (q == after || q == p) q = std::string_view::npos;   // numbering needs white space after it
  return {p, q};
}

}  // namespace

// RE2's case folding also lets "k" match the Kelvin sign and "s" the long
// s (ſ); no label is written with those, so they are not indexed.
void IndexFirstBytes(LabelSet& set) {
  set.first_bytes.fill(false);
  set.any_first_byte = false;
  auto add_letter = [&](char c) {
    set.first_bytes[static_cast<unsigned char>(c | 0x20)] = true;
    set.first_bytes[static_cast<unsigned char>(c & ~0x20)] = true;
  };
  for (const std::string& v : set.variants) {
    if (v.empty()) continue;
    unsigned char c = static_cast<unsigned char>(v[0]);
    if (c == ' ' || c == '-' || c == '/') {
      set.any_first_byte = true;   // white space or an optional character: anything may follow
    } else if (c < 0x80 && IsAsciiLetter(static_cast<char>(c))) {
      add_letter(static_cast<char>(c));
      set.first_bytes[0xC3] = true;   // a, e, i, o, u also match å, é, ï, ö, ü... (LetterClass)
    } else if (c < 0x80) {
      set.first_bytes[c] = true;
    } else {
      // Å, Ä, Ö, É... fold to their base letters and to each other.
      set.first_bytes[c] = true;
      set.first_bytes[0xC3] = true;
      for (char base : {'a', 'e', 'i', 'o', 'u'}) add_letter(base);
    }
  }
}

std::optional<LabelMatch> MatchLabelAt(const LabelSet& set, std::string_view text) {
  if (!set.regex) return std::nullopt;
  if (!set.any_first_byte) {
    auto [p, q] = LabelStarts(text);
    auto may_start = [&](size_t at) {
      return at < text.size() && set.first_bytes[static_cast<unsigned char>(text[at])];
    };
    if (!may_start(p) && !may_start(q)) return std::nullopt;
  }
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

std::optional<LabelMatch> MatchLabel(const Grammar& grammar, std::string_view set,
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
