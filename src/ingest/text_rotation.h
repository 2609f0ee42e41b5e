// Text that runs sideways or upside down on the displayed page (a page with
// /Rotate, or text set with a turned text matrix) turned upright, so rows
// and cells group it like any other page. Only the word boxes are needed:
// the direction is read from the order Poppler emits a line's words in.
// Tested by text_rotation_test.cc and ingest_test.cc (rotated_pages.pdf).
#pragma once

#include <vector>

#include "model/document.h"

namespace finsam {

// The direction most of the page's text runs in, as quarter turns clockwise
// from left-to-right: 0, 1 (top to bottom), 2 (upside down), 3 (bottom to
// top). `words` in Poppler's reading order.
int TextQuarterTurns(const std::vector<Word>& words);

// Turns the page (words and size) by `turns` quarter turns counter-clockwise
// so that text of that direction reads left to right, top to bottom.
void TurnUpright(int turns, std::vector<Word>& words, double& width, double& height);

}  // namespace finsam
