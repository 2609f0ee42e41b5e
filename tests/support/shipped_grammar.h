// Test fixtures shared by stage tests: the shipped grammar and registry,
// loaded once, and a text document run through ingest and normalization.
#pragma once

#include <string>

#include "extractors/organisations.h"
#include "grammar/grammar.h"
#include "model/document.h"

namespace finsam {

const Grammar& ShippedGrammar();
const OrgRegistry& ShippedRegistry();

// `text` as a text file would be read: ingested and normalized.
Document NormalizedText(const std::string& text);

}  // namespace finsam
