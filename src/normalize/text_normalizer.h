// Character-level normalization of extracted text (ICU): NFC (PDFs often
// carry "a" + combining ring), ligatures (ﬁ ﬂ ﬀ ﬃ ﬄ → fi fl ff ffi ffl), soft
// hyphens removed, non-breaking/thin/figure/narrow spaces → space, typographic
// dashes (‐ ‑ ‒ – — −) → "–" kept as one en dash... see below, typographic
// quotes → plain " and ', zero-width characters removed, control characters
// (except tab/newline) removed, private-use code points and U+FFFD counted.
//
// Dashes: every dash variant becomes "-" EXCEPT that a free-standing dash
// between spaces stays "–" (U+2013), so "2015 – 2018" and "hälso- och" keep
// their meaning and the grammar can tell a range dash from a hyphen.
// Tested by text_normalizer_test.cc.
#pragma once

#include <string>
#include <string_view>

namespace finsam {

struct NormalizedText {
  std::string text;
  int replacement_chars = 0;   // U+FFFD and private-use code points seen (broken fonts)
};

NormalizedText NormalizeText(std::string_view utf8);

}  // namespace finsam
