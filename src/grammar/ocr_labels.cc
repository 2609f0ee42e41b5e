// Fuzzy label repair on OCR pages (see ocr_labels.h). Tested by
// ocr_labels_test.cc.
#include "grammar/ocr_labels.h"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <string_view>

#include "normalize/fold.h"
#include "normalize/line_joiner.h"

namespace finsam {
namespace {

struct Variant {
  std::vector<std::string> words;   // as the grammar writes them
  std::string folded;
  int limit = 0;
};

size_t Letters(std::string_view folded) {
  size_t n = 0;
  for (unsigned char c : folded) n += (c & 0xC0) != 0x80 && c != ' ';
  return n;
}

std::vector<std::string> SplitWords(const std::string& text) {
  std::vector<std::string> words;
  size_t i = 0;
  while (i < text.size()) {
    size_t j = text.find(' ', i);
    if (j == std::string::npos) j = text.size();
    if (j > i) words.push_back(text.substr(i, j - i));
    i = j + 1;
  }
  return words;
}

// One variant per folded spelling; where label sets spell it differently
// ("insatsägare" as a column word, "Insatsägare" as a label) the one that
// opens with a capital is what a line starting with it reads as.
std::vector<Variant> LongVariants(const Grammar& grammar) {
  std::vector<Variant> out;
  std::map<std::string, size_t> seen;
  for (const auto& [name, set] : grammar.labels) {
    for (const std::string& v : set.variants) {
      std::string folded = FoldForMatch(v);
      int limit = OcrLabelEditLimit(Letters(folded));
      if (limit == 0) continue;
      auto [at, added] = seen.emplace(folded, out.size());
      if (added) {
        out.push_back(Variant{SplitWords(v), folded, limit});
      } else if (std::isupper(static_cast<unsigned char>(v[0])) &&
                 !std::isupper(static_cast<unsigned char>(out[at->second].words[0][0]))) {
        out[at->second].words = SplitWords(v);
      }
    }
  }
  return out;
}

// The trailing ":" or "(*)" OCR may have glued to a label's last word.
size_t TrailingMarks(const std::string& word) {
  size_t end = word.size();
  while (end > 0 && (word[end - 1] == ':' || word[end - 1] == '*' || word[end - 1] == ')' ||
                     word[end - 1] == '(')) {
    --end;
  }
  return end;
}

// Words that differ from a label only in their last two letters are the
// label inflected ("Samordningsförbundet", "Samverkansparten"): a misread
// letter is as likely anywhere in the word, an ending is not a misreading.
bool Inflection(const std::string& a, const std::string& b) {
  size_t shorter = std::min(a.size(), b.size());
  return shorter > 2 && a.compare(0, shorter - 2, b, 0, shorter - 2) == 0;
}

// Replaces the first words of `cell` by the closest label within its
// limit (the longer label on a tie: "Huvudinsatsägare" over "Insatsägare").
bool RepairCell(Cell& cell, const std::vector<Variant>& variants) {
  const Variant* best = nullptr;
  int best_distance = 0;
  for (const Variant& v : variants) {
    size_t k = v.words.size();
    if (cell.words.size() < k) continue;
    std::string text;
    for (size_t w = 0; w < k; ++w) text += (w ? " " : "") + cell.words[w].text;
    text.resize(text.size() - (cell.words[k - 1].text.size() - TrailingMarks(cell.words[k - 1].text)));
    std::string folded = FoldForMatch(text);
    if (Inflection(folded, v.folded)) continue;
    int distance = BoundedEditDistance(folded, v.folded, v.limit);
    if (distance == 0 || distance > v.limit) continue;
    if (!best || distance < best_distance ||
        (distance == best_distance && v.folded.size() > best->folded.size())) {
      best = &v;
      best_distance = distance;
    }
  }
  if (!best) return false;
  size_t k = best->words.size();
  std::string marks = cell.words[k - 1].text.substr(TrailingMarks(cell.words[k - 1].text));
  for (size_t w = 0; w < k; ++w) cell.words[w].text = best->words[w];
  cell.words[k - 1].text += marks;
  return true;
}

// Quote marks OCR reads from specks, underlines or emphasis around a word.
constexpr std::string_view kQuoteMarks[] = {"\"", "'", "\u201c", "\u201d", "\u201e", "\u00ab", "\u00bb", "\u2018", "\u2019"};

std::string TrimQuoteMarks(std::string word) {
  for (bool changed = true; changed;) {
    changed = false;
    for (std::string_view q : kQuoteMarks) {
      if (word.size() >= q.size() && word.compare(0, q.size(), q) == 0) word.erase(0, q.size()), changed = true;
      if (word.size() >= q.size() && word.compare(word.size() - q.size(), q.size(), q) == 0) {
        word.resize(word.size() - q.size());
        changed = true;
      }
    }
  }
  return word;
}

std::string JoinWords(const std::vector<Word>& words) {
  std::string text;
  for (const Word& w : words) text += (text.empty() ? "" : " ") + w.text;
  return text;
}

// A label with stray quote marks around its words ("1. ""Projektnamn"""):
// the fewest opening words are unquoted that let the cell open with a
// label; words after them, the value, keep theirs.
bool UnquoteLabel(Cell& cell, const RE2& any_label) {
  constexpr size_t kMaxLabelWords = 6;
  std::vector<Word> words = cell.words;
  for (size_t n = 0; n < std::min(words.size(), kMaxLabelWords); ++n) {
    std::string bare = TrimQuoteMarks(words[n].text);
    if (bare == words[n].text) continue;
    words[n].text = bare;
    std::vector<Word> kept;
    for (const Word& w : words) if (!w.text.empty()) kept.push_back(w);
    if (!RE2::PartialMatch(JoinWords(kept), any_label)) continue;
    cell.words = std::move(kept);
    cell.text = JoinWords(cell.words);
    return true;
  }
  return false;
}

}  // namespace

int OcrLabelEditLimit(size_t letters) {
  if (letters < 8) return 0;
  return letters < 14 ? 1 : 2;
}

void RepairOcrLabels(Document& doc, const Grammar& grammar) {
  std::set<int> ocr_pages;
  for (const Page& p : doc.pages) if (p.ocr) ocr_pages.insert(p.number);
  if (ocr_pages.empty()) return;
  std::vector<Variant> variants = LongVariants(grammar);
  for (Line& line : doc.lines) {
    if (!ocr_pages.count(line.page)) continue;
    bool changed = false;
    for (Cell& cell : line.cells) {
      if (cell.words.empty()) continue;
      // A cell that already opens with a label is left as it is.
      if (grammar.any_label && RE2::PartialMatch(cell.text, *grammar.any_label)) continue;
      if (grammar.any_label && UnquoteLabel(cell, *grammar.any_label)) { changed = true; continue; }
      changed = RepairCell(cell, variants) || changed;
    }
    if (changed) RebuildLineText(line);
  }
}

}  // namespace finsam
