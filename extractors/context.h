// What a section-level extractor reads: the lines of one logical document,
// the grammar (for its vocabulary label sets) and the organisation registry.
// Borrowed references; valid for the duration of one extraction call.
#pragma once

#include <string>
#include <vector>

#include "extractors/organisations.h"
#include "grammar/grammar.h"
#include "grammar/label_match.h"
#include "model/document.h"

namespace finsam {

struct ExtractContext {
  const std::vector<Line>& lines;
  size_t begin, end;                 // this document's lines: [begin, end)
  const Grammar& grammar;
  const OrgRegistry& registry;
  std::string family = "";           // the document's family (document_type)

  std::optional<LabelMatch> Label(std::string_view set, std::string_view text) const {
    return MatchLabel(grammar, set, text);
  }
};

}  // namespace finsam
