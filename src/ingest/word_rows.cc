// Row and cell grouping of positioned words (see word_rows.h), used by the
// PDF text layer and by OCR. Tested by word_rows_test.cc.
#include "ingest/word_rows.h"

#include <algorithm>

#include "ingest/column_layout.h"

namespace finsam {
namespace {

// The width of a space in the word's font: 0.6 em in a monospace font,
// about 0.3 em in a proportional one.
double SpaceWidth(const Word& word) {
  double em = word.font_size > 0 ? word.font_size : word.box.y1 - word.box.y0;
  return word.monospace ? 0.6 * em : 0.3 * em;
}

}  // namespace

// Sorting by centre first keeps this linear after the sort.
std::vector<std::vector<Word>> GroupIntoRows(std::vector<Word> words) {
  std::sort(words.begin(), words.end(), [](const Word& a, const Word& b) {
    return a.box.y0 + a.box.y1 < b.box.y0 + b.box.y1;
  });
  std::vector<std::vector<Word>> rows;
  double row_centre = -1e9;
  for (Word& word : words) {
    double centre = (word.box.y0 + word.box.y1) / 2;
    double height = std::max(1.0, word.box.y1 - word.box.y0);
    if (rows.empty() || centre - row_centre > height * 0.5) {
      rows.emplace_back();
      row_centre = centre;
    }
    rows.back().push_back(std::move(word));
  }
  for (auto& row : rows) {
    std::sort(row.begin(), row.end(), [](const Word& a, const Word& b) { return a.box.x0 < b.box.x0; });
  }
  return rows;
}

// A gap clearly wider than a space separates cells: the padding of a table
// cell or an expanded tab does, one space never does.
Line RowToLine(std::vector<Word> row, int page, int number) {
  Line line;
  line.page = page;
  line.number = number;
  for (Word& word : row) {
    // Poppler splits a word at a combining mark drawn as its own glyph
    // ("fo" + U+0308 + "r"): boxes that touch with no space are one word.
    if (!line.cells.empty()) {
      Word& prev = line.cells.back().words.back();
      if (!prev.space_after && word.box.x0 - prev.box.x1 < 0.1 * SpaceWidth(prev)) {
        prev.text += word.text;
        prev.box.x1 = std::max(prev.box.x1, word.box.x1);
        prev.space_after = word.space_after;
        line.cells.back().box.x1 = std::max(line.cells.back().box.x1, word.box.x1);
        continue;
      }
    }
    bool new_cell = line.cells.empty();
    if (!new_cell) {
      const Word& prev = line.cells.back().words.back();
      double gap = word.box.x0 - prev.box.x1;
      new_cell = gap > (prev.monospace ? 1.3 : 1.7) * SpaceWidth(prev);
    }
    if (new_cell) {
      line.cells.emplace_back();
      line.cells.back().box = word.box;
    }
    Cell& cell = line.cells.back();
    cell.box.x1 = std::max(cell.box.x1, word.box.x1);
    cell.box.y0 = std::min(cell.box.y0, word.box.y0);
    cell.box.y1 = std::max(cell.box.y1, word.box.y1);
    cell.words.push_back(std::move(word));
  }
  return line;
}

void AppendPageLines(std::vector<Word> words, int page, std::vector<Line>& lines) {
  int number = 0;
  for (auto& row : OrderColumns(GroupIntoRows(std::move(words)))) {
    lines.push_back(RowToLine(std::move(row), page, ++number));
  }
}

}  // namespace finsam
