// Budget tables into cost rows (see budget_table.h): one pass over the
// document's lines with a small state (unit, year columns, financing
// section), tables split at header rows, then duplicate views dropped.
// Tested by budget_table_test.cc.
#include "extractors/budget_table.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <re2/re2.h>

#include "extractors/amounts.h"
#include "core/regex.h"
#include "extractors/dates.h"

namespace finsam {
namespace {

struct Column {
  Box box;
  std::optional<int> year;
};

struct AmountCell {
  int64_t sek;
  Box box;
};

struct ParsedRow {
  const Line* line;
  std::string label;
  std::vector<AmountCell> amounts;
  bool is_sum = false;
};

struct Table {
  std::vector<Box> columns;                    // amount columns seen, by position
  std::map<size_t, int64_t> section, whole, printed_sums;   // per column
  std::vector<BudgetRow> rows;
  std::vector<int64_t> row_totals;      // per cost line, for sum checks
  std::vector<BudgetSum> mismatches;
  std::optional<int64_t> grand_sum;
  const Line* grand_line = nullptr;
  int64_t RowSum() const { return std::accumulate(row_totals.begin(), row_totals.end(), int64_t{0}); }
};

struct State {
  AmountUnit unit = AmountUnit::kKronor;
  std::vector<Column> year_columns;
  std::vector<Box> total_columns, outcome_columns;
  bool financing = false;
  std::optional<std::string> category;
};

bool Overlaps(const Box& a, const Box& b) { return a.x0 < b.x1 && b.x0 < a.x1; }

size_t ColumnId(Table& table, const Box& box) {
  for (size_t c = 0; c < table.columns.size(); ++c) if (Overlaps(table.columns[c], box)) return c;
  table.columns.push_back(box);
  return table.columns.size() - 1;
}

std::optional<int> YearOfHeaderCell(const std::string& text, bool& is_year_column) {
  static const RE2 kYear("\\b((?:19|20)\\d\\d)\\b");
  static const RE2 kPlaceholderYear("(?i)\\b20xx\\b");
  int year = 0;
  if (RE2::PartialMatch(text, kYear, &year)) { is_year_column = true; return year; }
  is_year_column = RE2::PartialMatch(text, kPlaceholderYear);
  return std::nullopt;
}

bool IsPlaceholderCell(const std::string& text) { return text == "#" || text == "x" || text == "X"; }

// The year a row's own period gives ("250101 250430"), if it lies in one year.
std::optional<int> RowYear(const Line& line) {
  for (size_t c = 1; c < line.cells.size(); ++c) {
    std::optional<PeriodValue> p = FindPeriod(line.cells[c].text);
    if (p) {
      std::vector<int> years = YearsOf(*p);
      if (years.size() == 1) return years[0];
    }
  }
  return std::nullopt;
}

std::optional<std::string> CategoryOf(const ExtractContext& ctx, const std::string& text) {
  if (ctx.Label("budget.category.lonekostnad", text)) return "lonekostnad";
  if (ctx.Label("budget.category.lokalkostnad", text)) return "lokalkostnad";
  return std::nullopt;
}

bool IsForbundRow(const ExtractContext& ctx, const std::string& label) {
  for (const OrgRef& org : ctx.registry.FindMentions(label)) {
    if (org.kind == OrgKind::kForbund && org.known) return true;
  }
  return false;
}

// "Total summa 270 000" in one cell: a PDF can print a tab so narrow that
// the label and its amount share a cell. A trailing amount with thousands
// groups or a unit is split off.
std::optional<AmountCell> TrailingAmount(std::string& label, const Box& box, AmountUnit unit) {
  static const RE2 kTrailing("^(.*[^\\d\\s])\\s+(\\d{1,3}(?: \\d{3})+(?:\\s*(?:kr|kronor|sek|:-))?|\\d+\\s*(?:kr|kronor|tkr|sek|:-))$");
  std::string head, tail;
  if (!FullMatchDfaFirst(label, kTrailing, &head, &tail)) return std::nullopt;
  std::optional<AmountValue> a = ParseAmountCell(tail, unit);
  if (!a) return std::nullopt;
  label = head;
  return AmountCell{a->sek, Box{box.x1 - 1e-3, box.y0, box.x1, box.y1}};
}

ParsedRow ParseRow(const Line& line, const State& state, int& placeholders) {
  ParsedRow row{&line, "", {}, false};
  if (!line.cells.empty()) row.label = line.cells[0].text;
  if (!line.cells.empty()) {
    if (std::optional<AmountCell> a = TrailingAmount(row.label, line.cells[0].box, state.unit)) row.amounts.push_back(*a);
  }
  for (size_t c = 1; c < line.cells.size(); ++c) {
    const Cell& cell = line.cells[c];
    if (cell.text.empty()) continue;
    if (IsPlaceholderCell(cell.text)) { ++placeholders; continue; }
    std::optional<AmountValue> a = ParseAmountCell(cell.text, state.unit);
    if (a) row.amounts.push_back({a->sek, cell.box});
  }
  return row;
}

void ReadHeader(const Line& line, State& state) {
  if (std::optional<AmountUnit> unit = UnitFromHeader(line.text); unit && FindAmounts(line.text).empty()) state.unit = *unit;
  std::vector<Column> years;
  for (const Cell& cell : line.cells) {
    bool is_year = false;
    std::optional<int> year = YearOfHeaderCell(cell.text, is_year);
    if (is_year) years.push_back({cell.box, year});
  }
  if (years.size() >= 1 && (years.size() >= 2 || line.cells.size() >= 2)) {
    state.year_columns = years;
    state.financing = false;
  }
}

void ReadColumnKinds(const ExtractContext& ctx, const Line& line, State& state) {
  for (size_t c = 1; c < line.cells.size(); ++c) {
    const Cell& cell = line.cells[c];
    if (ctx.Label("budget.total_column", cell.text)) state.total_columns.push_back(cell.box);
    if (ctx.Label("budget.outcome_column", cell.text)) state.outcome_columns.push_back(cell.box);
  }
}

bool InAny(const std::vector<Box>& boxes, const Box& box) {
  for (const Box& b : boxes) if (Overlaps(b, box)) return true;
  return false;
}

void AddCostRow(const ParsedRow& row, State& state, Table& table) {
  for (const AmountCell& a : row.amounts) {
    size_t col = ColumnId(table, a.box);
    table.section[col] += a.sek;
    table.whole[col] += a.sek;
  }
  std::vector<AmountCell> amounts;
  for (const AmountCell& a : row.amounts) {
    if (!InAny(state.total_columns, a.box) && !InAny(state.outcome_columns, a.box)) amounts.push_back(a);
  }
  // An unlabelled total column (last, or first before per-year columns)
  // repeats the sum of the others: it is not a cost of its own. When the
  // header names the total column it is already left out, and a party's
  // share that happens to equal the others' sum is a cost.
  // With year columns, amounts that each sit under their own year are all
  // costs even when two are equal.
  bool under_years = !state.year_columns.empty();
  for (const AmountCell& a : amounts) {
    bool under = false;
    for (const Column& y : state.year_columns) under = under || Overlaps(y.box, a.box);
    under_years = under_years && under;
  }
  if (amounts.size() >= 2 && !under_years && state.total_columns.empty()) {
    int64_t all = 0;
    for (const AmountCell& a : amounts) all += a.sek;
    if (2 * amounts.back().sek == all) {
      amounts.pop_back();
    } else if (2 * amounts.front().sek == all) {
      amounts.erase(amounts.begin());
    }
  }
  std::optional<int> row_year = RowYear(*row.line);
  int64_t row_total = 0;
  for (size_t i = 0; i < amounts.size(); ++i) {
    const AmountCell& a = amounts[i];
    row_total += a.sek;
    if (a.sek == 0) continue;
    BudgetRow out;
    out.label = row.label;
    out.category = state.category;
    out.amount_sek = a.sek;
    out.page = row.line->page;
    out.line = row.line->number;
    out.year = row_year;
    for (size_t y = 0; y < state.year_columns.size(); ++y) {
      if (Overlaps(state.year_columns[y].box, a.box)) { out.year = state.year_columns[y].year; break; }
      if (y + 1 == state.year_columns.size() && i < state.year_columns.size()) out.year = state.year_columns[i].year;
    }
    table.rows.push_back(std::move(out));
  }
  table.row_totals.push_back(row_total);
}

// A sum row is checked column by column against the rows above it: the
// rows since the previous sum (a section), all rows of the table, or the
// section sums printed so far (a grand total).
void AddSumRow(const ParsedRow& row, const State& state, Table& table) {
  const std::vector<Box>& total_columns = state.total_columns;
  // The row's total: the cell that sums the others (a Totalt column), or
  // else the sum of its cells (per-year sums with no Totalt column).
  int64_t printed_max = 0, printed_all = 0;
  for (const AmountCell& a : row.amounts) printed_all += a.sek;
  for (const AmountCell& a : row.amounts) printed_max = std::max(printed_max, a.sek);
  int64_t row_total = 2 * printed_max == printed_all || row.amounts.size() == 1 ? printed_max : printed_all;
  // Sums that each sit under their own year add up, even when equal.
  bool per_year = !state.year_columns.empty() && row.amounts.size() >= 2;
  for (const AmountCell& a : row.amounts) {
    bool under = false;
    for (const Column& y : state.year_columns) under = under || Overlaps(y.box, a.box);
    per_year = per_year && under && !InAny(total_columns, a.box);
  }
  if (per_year) row_total = printed_all;
  for (const AmountCell& a : row.amounts) {
    if (InAny(total_columns, a.box)) row_total = a.sek;   // a Totalt column says it outright
  }
  // A lone sum ("Total summa 270 000") may sit in another column than the
  // amounts it sums (a PDF cell boundary): compare it with all columns too.
  auto total_of = [](const std::map<size_t, int64_t>& m) {
    int64_t t = 0;
    for (const auto& [col, v] : m) t += v;
    return t;
  };
  bool lone = row.amounts.size() == 1;
  int64_t all_section = total_of(table.section), all_whole = total_of(table.whole), all_sums = total_of(table.printed_sums);
  for (const AmountCell& a : row.amounts) {
    size_t col = ColumnId(table, a.box);
    int64_t section = table.section[col], whole = table.whole[col], sums = table.printed_sums[col];
    bool has_data = section != 0 || whole != 0 || (lone && all_whole != 0);
    bool lone_ok = lone && (a.sek == all_section || a.sek == all_whole || a.sek == all_sums ||
                            (table.grand_sum && a.sek == *table.grand_sum));
    if (has_data && !lone_ok && a.sek != section && a.sek != whole && a.sek != sums) {
      table.mismatches.push_back({row.label, a.sek, section ? section : whole, row.line->page, row.line->number});
    }
    table.printed_sums[col] += a.sek;
  }
  for (auto& [col, sum] : table.section) sum = 0;
  if (!table.grand_sum || row_total >= *table.grand_sum) {
    table.grand_sum = row_total;
    table.grand_line = row.line;
  }
}

// Small unit-less numbers are counts (participants, percentages of a
// template), not money; a budget row needs a unit or a plausible sum.
bool LooksLikeMoney(const ParsedRow& row, const State& state) {
  if (state.unit != AmountUnit::kKronor) return true;
  for (const AmountCell& a : row.amounts) if (a.sek >= 1000) return true;
  return false;
}

bool IsTextOnly(const Line& line) {
  int long_cells = 0;
  for (const Cell& c : line.cells) long_cells += std::count(c.text.begin(), c.text.end(), ' ') >= 12;
  return long_cells > 0;
}

// Views of the same money (detailed budget, per-year sheet, summary) are
// kept once: the one with most rows wins, others with an equal sum are dropped.
std::vector<const Table*> DistinctTables(const std::vector<Table>& tables) {
  std::vector<const Table*> order;
  for (const Table& t : tables) if (!t.rows.empty()) order.push_back(&t);
  std::stable_sort(order.begin(), order.end(), [](const Table* a, const Table* b) { return a->rows.size() > b->rows.size(); });
  std::vector<const Table*> kept;
  for (const Table* t : order) {
    bool duplicate = false;
    for (const Table* k : kept) {
      int64_t ks = k->RowSum();
      duplicate = duplicate || t->RowSum() == ks || (k->grand_sum && t->RowSum() == *k->grand_sum);
    }
    if (!duplicate) kept.push_back(t);
  }
  return kept;
}

// Costs itemised in a sentence: "lönekostnad … om 760 000 kronor och
// omkostnader … om 90 000 kronor, sammanlagt 850 000 kronor". Only taken
// when the stated total equals the items, so a sentence that merely
// mentions amounts gives no rows.
std::vector<BudgetRow> ItemisedInText(const ExtractContext& ctx) {
  static const RE2 kTotalWord("(?i)(sammanlagt|totalt|summa|sammantaget|tillsammans)\\W*$");
  for (size_t i = ctx.begin; i < ctx.end; ++i) {
    const Line& line = ctx.lines[i];
    std::vector<AmountValue> amounts = FindAmounts(line.text);
    if (amounts.size() < 3) continue;
    for (size_t t = 2; t < amounts.size(); ++t) {
      std::string before = line.text.substr(amounts[t - 1].end, amounts[t].begin - amounts[t - 1].end);
      if (!RE2::PartialMatch(before, kTotalWord)) continue;
      int64_t items = 0;
      for (size_t k = 0; k < t; ++k) items += amounts[k].sek;
      if (items != amounts[t].sek) continue;
      std::vector<BudgetRow> rows;
      size_t from = 0;
      for (size_t k = 0; k < t; ++k) {
        BudgetRow row;
        row.label = std::string(TrimValue(std::string_view(line.text).substr(from, amounts[k].begin - from)));
        row.amount_sek = amounts[k].sek;
        row.page = line.page;
        row.line = line.number;
        rows.push_back(std::move(row));
        from = amounts[k].end;
      }
      return rows;
    }
  }
  return {};
}

}  // namespace

BudgetValue ExtractBudget(const ExtractContext& ctx) {
  BudgetValue value;
  std::vector<Table> tables(1);
  State state;
  bool rows_since_header = false;
  bool previous_was_header = false;
  for (size_t i = ctx.begin; i < ctx.end; ++i) {
    const Line& line = ctx.lines[i];
    if (line.blank() || line.kind == LineKind::kRule || IsTextOnly(line)) continue;
    ParsedRow row = ParseRow(line, state, value.placeholder_cells);
    bool header_before = previous_was_header;
    previous_was_header = false;
    std::optional<AmountValue> label_amount = ParseAmountCell(row.label, state.unit);
    if (ctx.Label("budget.financing", row.label)) { state.financing = true; continue; }
    if (row.amounts.empty() || (label_amount && !label_amount->unit_written)) {
      // A line of bare numbers is the wrapped tail of a row, not a header.
      bool numbers_only = label_amount && !row.amounts.empty();
      // "Beviljat belopp: 2,4 Mkr" states an amount; it does not head a column.
      bool announces_unit = UnitFromHeader(line.text).has_value() && FindAmounts(line.text).empty();
      if (!numbers_only && (line.NonEmptyCells() >= 2 || announces_unit)) {
        if (!header_before) {
          // A new table: its columns are its own (the unit carries over).
          if (rows_since_header) tables.emplace_back();
          state.year_columns.clear();
          state.total_columns.clear();
          state.outcome_columns.clear();
        }
        previous_was_header = true;
        rows_since_header = false;
        ReadHeader(line, state);
        ReadColumnKinds(ctx, line, state);
      } else if (std::optional<std::string> cat = CategoryOf(ctx, row.label)) {
        state.category = cat;
      }
      continue;
    }
    if (state.financing || !LooksLikeMoney(row, state)) continue;
    rows_since_header = true;
    if (ctx.Label("budget.sum_row", row.label)) {
      AddSumRow(row, state, tables.back());
    } else if (!IsForbundRow(ctx, row.label)) {
      // A row's own label names its category; only section rows set it for
      // the rows below.
      std::optional<std::string> section = state.category;
      if (std::optional<std::string> cat = CategoryOf(ctx, row.label)) state.category = cat;
      AddCostRow(row, state, tables.back());
      state.category = section;
    }
  }
  if (std::none_of(tables.begin(), tables.end(), [](const Table& t) { return !t.rows.empty(); })) {
    value.rows = ItemisedInText(ctx);
  }
  for (const Table* t : DistinctTables(tables)) {
    value.rows.insert(value.rows.end(), t->rows.begin(), t->rows.end());
    value.mismatches.insert(value.mismatches.end(), t->mismatches.begin(), t->mismatches.end());
    if (t->grand_sum && (!value.total || *t->grand_sum > *value.total)) {
      value.total = t->grand_sum;
      value.total_page = t->grand_line->page;
      value.total_line = t->grand_line->number;
      value.total_text = t->grand_line->text;
    }
  }
  return value;
}

}  // namespace finsam
