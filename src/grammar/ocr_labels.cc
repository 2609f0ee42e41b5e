// Fuzzy label repair on OCR pages (see ocr_labels.h). Tested by
// ocr_labels_test.cc.
#include "grammar/ocr_labels.h"

#include <re2/re2.h>

#include <algorithm>
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

std::vector<Variant> LongVariants(const Grammar& grammar) {
  std::vector<Variant> out;
  std::set<std::string> seen;
  for (const auto& [name, set] : grammar.labels) {
    for (const std::string& v : set.variants) {
      std::string folded = FoldForMatch(v);
      int limit = OcrLabelEditLimit(Letters(folded));
      if (limit == 0 || !seen.insert(folded).second) continue;
      out.push_back(Variant{SplitWords(v), folded, limit});
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
      changed = RepairCell(cell, variants) || changed;
    }
    if (changed) RebuildLineText(line);
  }
}

}  // namespace finsam
