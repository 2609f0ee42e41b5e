// Stage 3 — segmentation: splits a normalized file into its logical
// documents and classifies each by the families' rules in grammars/.
// A new document starts at a family's `starts` line once the current one
// has substantial content; the letterhead lines just above it (short,
// no digits) go with it. E-signature certificate pages and detailed budgets
// carry no start line, so they stay with the document they follow.
// Tested by segmenter_test.cc.
#pragma once

#include <string>
#include <vector>

#include "grammar/grammar.h"
#include "model/document.h"

namespace finsam {

struct Segment {
  size_t begin = 0, end = 0;     // line indexes into Document::lines, [begin, end)
  std::string family;            // document_type; "okand" when nothing fits
  std::string template_name;     // selected per-template grammar, or empty
  int part = 1, parts = 1;
};

std::vector<Segment> SegmentDocument(const Document& doc, const Grammar& grammar);

// Scores the lines [begin, end) against every family; returns the best
// family name, or "okand" when no family scores at least `kMinScore`.
std::string ClassifyLines(const std::vector<Line>& lines, size_t begin, size_t end,
                          const Grammar& grammar);

}  // namespace finsam
