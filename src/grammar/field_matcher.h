// Stage 4 — applying grammar rules: finds the raw text a label or pattern
// rule points at in one document's lines. Value types parse it afterwards
// (record_builder.cc). Tested by field_matcher_test.cc.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "grammar/grammar.h"
#include "model/document.h"

namespace finsam {

struct Candidate {
  std::string text;          // the raw value text; empty when a label had no answer
  size_t line_index = 0;     // index into Document::lines of the label/match line
  bool from_label = false;
  bool required_marker = false;   // the label carried "(*)"
};

// Candidates of a label or pattern rule, in document order.
std::vector<Candidate> FindCandidates(const Rule& rule, const std::vector<Line>& lines,
                                      size_t begin, size_t end, const Grammar& grammar);

// The same candidates handed to `take` one at a time, until it returns
// false: a field that needs one value stops the search (and the pattern
// matching on the lines after it) at the first it accepts.
void VisitCandidates(const Rule& rule, const std::vector<Line>& lines, size_t begin, size_t end,
                     const Grammar& grammar, const std::function<bool(const Candidate&)>& take);

// Does the rule apply to this family / template?
bool RuleApplies(const Rule& rule, const std::string& family, const std::string& template_name);

}  // namespace finsam
