// Strips conversion markup from a line's words and keeps its meaning (see
// markup.h). Tested by markup_test.cc.
#include "normalize/markup.h"

#include <cctype>
#include <string>

namespace finsam {
namespace {

struct MarkupState {
  bool bold = false;
  bool in_tag = false;   // inside "<tag ... >" spanning words
};

bool StartsTag(std::string_view s, size_t i) {
  if (s[i] != '<' || i + 1 >= s.size()) return false;
  unsigned char next = static_cast<unsigned char>(s[i + 1]);
  return std::isalpha(next) || next == '/' || next == '!';
}

// Applies a complete tag's meaning: only bold matters to the grammars.
void ApplyTag(std::string_view tag, MarkupState& state) {
  std::string name;
  for (char c : tag) {
    if (c == ' ' || c == '>') break;
    name.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  if (name == "<b" || name == "<strong") state.bold = true;
  if (name == "</b" || name == "</strong") state.bold = false;
}

// Returns the word without markup; sets `bold` if any visible character of
// it was inside a bold span.
std::string StripWord(std::string_view w, MarkupState& state, bool& bold) {
  std::string out;
  std::string tag;
  for (size_t i = 0; i < w.size(); ++i) {
    if (state.in_tag) {
      tag.push_back(w[i]);
      if (w[i] == '>') { state.in_tag = false; ApplyTag(tag, state); tag.clear(); }
      continue;
    }
    if (StartsTag(w, i)) { state.in_tag = true; tag.assign(1, '<'); continue; }
    if (w.compare(i, 2, "**") == 0) { state.bold = !state.bold; ++i; continue; }
    if (w[i] == '\\' && i + 1 < w.size() && std::ispunct(static_cast<unsigned char>(w[i + 1]))) {
      out.push_back(w[++i]);
      bold = bold || state.bold;
      continue;
    }
    out.push_back(w[i]);
    bold = bold || state.bold;
  }
  if (state.in_tag) tag.push_back(' ');
  return out;
}

// Italic "*…*" around words (but never the "(*)" required-field marker).
void StripItalicStars(std::string& word) {
  if (word == "(*)" || word == "*") return;
  if (word.size() > 1 && word.front() == '*' && word[1] != ')') word.erase(0, 1);
  if (word.size() > 1 && word.back() == '*' && word[word.size() - 2] != '(') word.pop_back();
}

// Characters a rule line ("-----", "|===|", "___ : ___") is made of.
bool AllRuleChars(std::string_view text) {
  for (char c : text) {
    if (c != '-' && c != '|' && c != '=' && c != ' ' && c != '\t' && c != ':' && c != '_') return false;
  }
  return true;
}

}  // namespace

void StripLineMarkup(Line& line) {
  MarkupState state;
  bool first_word = true;
  size_t rule_chars = 0;   // the kept words' text, each with a space after it
  bool rule = true;
  for (Cell& cell : line.cells) {
    size_t kept = 0;
    for (Word& word : cell.words) {
      if (first_word && word.text.find_first_not_of('#') == std::string::npos) {
        line.kind = LineKind::kHeading;  // markdown heading marker
        first_word = false;
        continue;
      }
      first_word = false;
      // Most words hold no markup character: StripWord would copy them as
      // they are, and only the bold state of a span around them counts.
      if (!state.in_tag && word.text.find_first_of("<*\\") == std::string::npos) {
        word.bold = word.bold || (state.bold && !word.text.empty());
        if (word.text.empty()) continue;
      } else {
        bool bold = false;
        std::string text = StripWord(word.text, state, bold);
        StripItalicStars(text);
        if (text.empty()) continue;
        word.text = std::move(text);
        word.bold = word.bold || bold;
      }
      rule_chars += word.text.size() + 1;
      rule = rule && AllRuleChars(word.text);
      if (&cell.words[kept] != &word) cell.words[kept] = std::move(word);
      ++kept;
    }
    cell.words.resize(kept);
  }
  if (rule && rule_chars >= 3) line.kind = LineKind::kRule;
}

}  // namespace finsam
