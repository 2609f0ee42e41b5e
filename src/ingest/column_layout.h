// Reading order of a page set in two columns of prose: the rows of a band
// of the page that a vertical gutter splits are read left column first,
// then right, instead of line by line across both columns. Tables (cells
// in a grid) and signature blocks side by side are not columns of prose and
// keep their row order. Tested by column_layout_test.cc and corpus/46_*.
#pragma once

#include <vector>

#include "model/document.h"

namespace finsam {

// Rows (from GroupIntoRows: top to bottom, words left to right) into rows in
// reading order. Rows inside a two-column band are split at the gutter:
// the band's left halves come first, then its right halves.
std::vector<std::vector<Word>> OrderColumns(std::vector<std::vector<Word>> rows);

// The same, trying every gutter position instead of only those where
// enough rows could hold prose on both sides: what OrderColumns must give
// (column_layout_test.cc compares them).
std::vector<std::vector<Word>> OrderColumnsTryingEveryGutter(std::vector<std::vector<Word>> rows);

}  // namespace finsam
