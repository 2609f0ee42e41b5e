// Words with boxes into lines and cells: the one layout step PDF text layers
// and OCR share, so a scanned page is grouped exactly like a born-digital
// one. Tested by word_rows_test.cc.
#pragma once

#include <vector>

#include "model/document.h"

namespace finsam {

// Words whose vertical centres lie within half a line height of each other
// share a row; rows top to bottom, words left to right.
std::vector<std::vector<Word>> GroupIntoRows(std::vector<Word> words);

// One row into a line of cells: a gap clearly wider than a space of the
// word's font starts a new cell.
Line RowToLine(std::vector<Word> row, int page, int number);

// GroupIntoRows, two-column bands put in reading order (column_layout.h),
// RowToLine; appended to `lines` and numbered from 1.
void AppendPageLines(std::vector<Word> words, int page, std::vector<Line>& lines);

}  // namespace finsam
