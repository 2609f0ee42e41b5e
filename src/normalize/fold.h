// Folding for tolerant matching: case-folded, diacritics removed, runs of
// white space and punctuation-free hyphens collapsed to one space.
// "Försäkringskassan" and "FORSAKRINGSKASSAN" fold alike. Used by label and
// registry matching, never for values that reach the record.
// Tested by fold_test.cc.
#pragma once

#include <string>
#include <string_view>

namespace finsam {

// Case fold + strip combining marks (NFD, drop Mn, NFC) + collapse white space.
std::string FoldForMatch(std::string_view utf8);

// Levenshtein distance over code points, capped at `limit`+1 (so callers can
// ask "within 2 edits?" cheaply).
int BoundedEditDistance(std::string_view a, std::string_view b, int limit);

}  // namespace finsam
