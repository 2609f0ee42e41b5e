// Budget tables: rebuilt from cells (tab-separated text, or PDF cells aligned
// by position) into cost rows in whole SEK. Understands header rows (year
// columns "2022", "År 1 2025"; units "Kostnader i tkr"; total columns),
// section rows (LÖNEKOSTNAD…), sum rows (SUMMA…, Totalt: recognised as sums,
// checked against what they sum), financing sections (Kostnadsfördelning,
// egenfinansiering: not costs), per-row periods ("250101 250430" → year)
// and empty template rows ("3.", "0%", "0"). Several tables showing the same
// money (a detailed budget, a per-year sheet, a summary) are kept once: the
// finest. Vocabulary comes from the grammar's budget.* label sets.
// Tested by budget_table_test.cc.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "extractors/context.h"

namespace finsam {

struct BudgetRow {
  std::string label;
  std::optional<std::string> category;   // lonekostnad | lokalkostnad | ovrigt
  std::optional<int> year;
  std::optional<std::string> party;
  int64_t amount_sek = 0;
  int page = 0, line = 0;
};

// A printed sum that does not equal what it sums.
struct BudgetSum {
  std::string label;
  int64_t printed = 0, computed = 0;
  int page = 0, line = 0;
};

struct BudgetValue {
  std::vector<BudgetRow> rows;
  std::optional<int64_t> total;          // the grand sum row, if printed
  int total_page = 0, total_line = 0;
  std::string total_text;
  std::vector<BudgetSum> mismatches;
  int placeholder_cells = 0;             // "#" where a number belongs
};

BudgetValue ExtractBudget(const ExtractContext& context);

}  // namespace finsam
