// Stages 4–5 — grammar application and value normalization: runs every
// field's rules over one logical document and parses what they find with
// the field's value type, keeping provenance (page, line, text, rule id).
// Tested by record_builder_test.cc and the corpus tests.
#pragma once

#include "extractors/organisations.h"
#include "grammar/grammar.h"
#include "model/document.h"
#include "record/record.h"
#include "segment/segmenter.h"

namespace finsam {

Record BuildRecord(const Document& doc, const Segment& segment, const Grammar& grammar,
                   const OrgRegistry& registry);

}  // namespace finsam
