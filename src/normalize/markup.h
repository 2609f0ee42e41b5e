// Conversion markup left in text renditions of PDFs (and printed into PDFs
// made from them): HTML tags (<b>, </b>, <li>, tags spanning several words),
// markdown bold "**", headings "#", escapes "\*", italics "*…*", table
// rules "---|---". Stripped from the words while what it tells is kept:
// bold words are marked bold, a "#" line becomes a heading, a rule line is
// marked as such. Tested by markup_test.cc.
#pragma once

#include "model/document.h"

namespace finsam {

// Strips markup from one line's words (in place on a copy the caller owns).
// Bold state carries across words and cells of the line.
void StripLineMarkup(Line& line);

}  // namespace finsam
