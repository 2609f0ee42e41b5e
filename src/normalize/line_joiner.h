// Layout repair for PDFs: lines the layout wrapped are joined back into the
// logical line (paragraph) they were, so a label's value that wrapped stays
// with its label; words hyphenated across the break are mended. Also marks
// headings (markdown, larger font, short all-bold lines).
// Tested by normalize_test.cc.
#pragma once

#include <vector>

#include "model/document.h"

namespace finsam {

// Rebuilds cell text, line text and the bold prefix from the words.
void RebuildLineText(Line& line);

std::vector<Line> JoinWrappedLines(const Document& doc);

void MarkHeadings(Document& doc);

}  // namespace finsam
