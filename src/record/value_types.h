// Value types the grammars name (text, orgs, funder, period, amount, id):
// each parses a rule's raw text into a typed value, or refuses it.
// Tested by record_builder_test.cc.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "extractors/organisations.h"

namespace finsam {

// Cleans a text answer; nullopt when nothing real is left (empty, a prompt,
// a placeholder).
std::optional<std::string> ParseTextValue(std::string_view raw);

// Organisations in an answer: one body with its unit ("Vuxenpsykiatri Lund,
// Region Skåne"), or a list ("Landstinget, Försäkringskassan och
// Arbetsförmedlingen"). Unknown short names are kept as written.
std::vector<OrgRef> ParseOrgsValue(std::string_view raw, const OrgRegistry& registry);

// The first samordningsförbund named in the text.
std::optional<OrgRef> ParseFunderValue(std::string_view raw, const OrgRegistry& registry);

}  // namespace finsam
