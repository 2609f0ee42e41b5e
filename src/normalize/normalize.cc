// Stage 2 — normalization (see normalize.h). Tested by normalize_test.cc.
#include "normalize/normalize.h"

#include <algorithm>
#include <string>
#include <vector>

#include "normalize/line_joiner.h"
#include "normalize/markup.h"
#include "normalize/text_normalizer.h"

namespace finsam {
namespace {

void NormalizeWords(Line& line) {
  for (Cell& cell : line.cells) {
    std::vector<Word> kept;
    for (Word& word : cell.words) {
      word.text = NormalizeText(word.text).text;
      // Normalization may expose inner spaces (a no-break space inside one
      // PDF text box): split so every word is one token.
      size_t start = 0;
      while (start < word.text.size()) {
        size_t end = word.text.find(' ', start);
        if (end == std::string::npos) end = word.text.size();
        if (end > start) {
          Word part = word;
          part.text = word.text.substr(start, end - start);
          kept.push_back(std::move(part));
        }
        start = end + 1;
      }
    }
    cell.words = std::move(kept);
  }
}

}  // namespace

void RebuildLineText(Line& line) {
  line.text.clear();
  line.bold_start = false;
  line.bold_prefix = 0;
  bool in_bold_prefix = true;
  for (size_t c = 0; c < line.cells.size(); ++c) {
    Cell& cell = line.cells[c];
    cell.text.clear();
    cell.bold = !cell.words.empty();
    for (const Word& word : cell.words) {
      if (!cell.text.empty()) cell.text += ' ';
      cell.text += word.text;
      cell.bold = cell.bold && word.bold;
    }
    if (c > 0) line.text += '\t';
    for (size_t w = 0; w < cell.words.size(); ++w) {
      const Word& word = cell.words[w];
      if (w > 0) line.text += ' ';
      line.text += word.text;
      if (in_bold_prefix && word.bold) {
        line.bold_start = true;
        line.bold_prefix = line.text.size();
      } else {
        in_bold_prefix = false;
      }
    }
  }
}

Document NormalizeDocument(const Document& raw) {
  Document doc;
  doc.path = raw.path;
  doc.format = raw.format;
  doc.sha256 = raw.sha256;
  doc.pages = raw.pages;
  doc.notes = raw.notes;
  doc.lines.reserve(raw.lines.size());
  for (const Line& raw_line : raw.lines) {
    Line line = raw_line;
    StripLineMarkup(line);
    NormalizeWords(line);
    RebuildLineText(line);
    doc.lines.push_back(std::move(line));
  }
  if (doc.format == SourceFormat::kPdf) doc.lines = JoinWrappedLines(doc);
  MarkHeadings(doc);
  return doc;
}

}  // namespace finsam
