// Money amounts as Swedish forms write them, normalized to whole SEK.
// "480 000 kr", "480\u00a0000 kronor", "1.380.000:-", "1 380 000 SEK",
// "350 tkr", "1,2 Mkr", "12 345,50 kr" (decimal comma, rounded to whole
// kronor), bare "170 000" when the context says it is money.
// A table header such as "Kostnader i tkr" sets the unit of its column:
// callers pass it as `default_unit` for unit-less numbers.
// Pure functions. Tested by amounts_test.cc.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace finsam {

enum class AmountUnit { kKronor, kTkr, kMkr };

struct AmountValue {
  int64_t sek = 0;               // whole SEK after applying the unit
  bool unit_written = false;     // "kr", "tkr", ":-", "SEK"... present in the text
  AmountUnit unit = AmountUnit::kKronor;
  size_t begin = 0, end = 0;     // byte span in the input
};

// The unit a header or label announces ("Kostnader i tkr", "(tkr)",
// "Belopp i kronor", "Mkr"), or nullopt when it announces none.
std::optional<AmountUnit> UnitFromHeader(std::string_view header);

// `cell` is exactly one amount (surrounding white space and a trailing
// "kr"/"kronor"/":-"/"SEK"/"tkr"/"Mkr" allowed). Percentages ("39%"),
// dates, yymmdd periods ("250101 250430"), years alone ("2024"), phone
// numbers and placeholders ("#", "x") are not amounts.
std::optional<AmountValue> ParseAmountCell(std::string_view cell, AmountUnit default_unit);

// Amounts inside running text that carry an explicit unit ("med maximalt
// 1 380 000 kronor", "350 tkr", "270 000:-"), in order. Numbers without a
// unit are not reported.
std::vector<AmountValue> FindAmounts(std::string_view text);

}  // namespace finsam
