// Cost split between funders against the cost (see budget_split.h): one
// pass over a document's lines that keeps the current table header's
// columns, the cost per column, and after a split heading the funders'
// rows; the comparison runs when the split section ends. Tested by
// audit_test.cc (CostSplit*) and corpus cases 40 and 41.
#include "audit/budget_split.h"

#include <re2/re2.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "audit/finding_text.h"
#include "extractors/amounts.h"
#include "grammar/label_match.h"
#include "normalize/fold.h"

namespace finsam {
namespace {

// Ascending priority: where two header lines name one column, the higher wins.
enum class ColumnKind { kOther, kParty, kYear, kOutcome, kTotal };

struct Column {
  Box box;
  ColumnKind kind = ColumnKind::kOther;
  std::string year;
};

struct Amount {
  int64_t sek = 0;
  std::string key;       // the year of its column, "total", or "" (the whole)
  ColumnKind kind = ColumnKind::kOther;
};

struct Row {
  const Line* line = nullptr;
  std::string label;
  std::vector<Amount> amounts;
  std::optional<double> percent;   // a share written in the row ("70 %")
};

using PerKey = std::map<std::string, int64_t>;

bool Overlaps(const Box& a, const Box& b) { return a.x0 < b.x1 && b.x0 < a.x1; }

// A header cell naming a party matches anywhere in the cell ("Köpings kommun").
bool NamesParty(const Grammar& g, const std::string& text) {
  const LabelSet* set = g.Labels("budget.party_column");
  if (!set) return false;
  std::string folded = " " + FoldForMatch(text);
  for (const std::string& v : set->variants) {
    if (folded.find(" " + FoldForMatch(v)) != std::string::npos) return true;
  }
  return false;
}

Column ClassifyHeaderCell(const Grammar& g, const Cell& cell) {
  static const RE2 kYear("\\b((?:19|20)\\d\\d)\\b");
  Column c{cell.box, ColumnKind::kOther, ""};
  std::string year;
  if (MatchLabel(g, "budget.total_column", cell.text) || MatchLabel(g, "budget.party_total_column", cell.text)) {
    c.kind = ColumnKind::kTotal;
  } else if (MatchLabel(g, "budget.outcome_column", cell.text)) {
    c.kind = ColumnKind::kOutcome;
  } else if (RE2::PartialMatch(cell.text, kYear, &year)) {
    c.kind = ColumnKind::kYear;
    c.year = year;
  } else if (NamesParty(g, cell.text)) {
    c.kind = ColumnKind::kParty;
  }
  return c;
}

std::optional<double> PercentIn(const std::string& text) {
  static const RE2 kPercent("(?:^|\\s)(\\d{1,3}(?:[.,]\\d+)?)\\s*(?:%|procent)");
  std::string number;
  if (!RE2::PartialMatch(text, kPercent, &number)) return std::nullopt;
  std::replace(number.begin(), number.end(), ',', '.');
  return std::stod(number);
}

bool IsProse(const Line& line) {
  for (const Cell& c : line.cells) if (std::count(c.text.begin(), c.text.end(), ' ') >= 12) return true;
  return false;
}

// "kr" or "000 kr" alone on a line: the wrapped end of the row above (a PDF
// cell too narrow for its amount), not the end of the table.
bool IsWrappedTail(const Line& line) {
  static const RE2 kTail("(?i)^[\\s\\d.,:-]*(?:kr|kronor|sek|tkr|mkr)?[\\s.:-]*$");
  return RE2::FullMatch(line.text, kTail);
}

std::string YearSuffix(const std::string& key) {
  return key.empty() || key == "total" ? std::string() : " för " + key;
}

class SplitAudit {
 public:
  SplitAudit(Record& r, const Grammar& g) : r_(r), g_(g) {}

  void Read(const Line& line);
  void Finish() { EndSplit(); }

 private:
  enum class Mode { kCost, kSplit, kOwnFunding };

  Row ParseRow(const Line& line) const;
  void ReadHeader(const Line& line);
  void ReadLineWithoutAmounts(const Line& line);
  void AddCost(const Row& row);
  void CheckPartyRow(const Row& row);
  void EndSplit();
  void CompareWithCost(const PerKey& split, const Line& where);
  void CheckShares();
  std::optional<int64_t> CostFor(const std::string& key, int64_t split) const;

  Record& r_;
  const Grammar& g_;
  Mode mode_ = Mode::kCost;
  AmountUnit unit_ = AmountUnit::kKronor;
  std::vector<Column> columns_;
  bool previous_header_ = false, cost_rows_seen_ = false;
  PerKey cost_rows_, cost_printed_;           // cost since the table header
  const Line* split_heading_ = nullptr;
  std::vector<Row> split_rows_, split_sums_;
};

Row SplitAudit::ParseRow(const Line& line) const {
  Row row;
  row.line = &line;
  if (!line.cells.empty()) row.label = line.cells[0].text;
  row.percent = PercentIn(row.label);
  for (size_t c = 1; c < line.cells.size(); ++c) {
    const Cell& cell = line.cells[c];
    if (!row.percent) row.percent = PercentIn(cell.text);
    std::optional<AmountValue> a = ParseAmountCell(cell.text, unit_);
    if (!a) continue;
    Amount amount{a->sek, "", ColumnKind::kOther};
    for (const Column& col : columns_) {
      if (!Overlaps(col.box, cell.box)) continue;
      amount.kind = col.kind;
      amount.key = col.kind == ColumnKind::kYear ? col.year : col.kind == ColumnKind::kTotal ? "total" : "";
      break;
    }
    if (amount.kind != ColumnKind::kOutcome) row.amounts.push_back(amount);
  }
  return row;
}

void SplitAudit::ReadHeader(const Line& line) {
  if (std::optional<AmountUnit> unit = UnitFromHeader(line.text); unit && FindAmounts(line.text).empty()) unit_ = *unit;
  if (!previous_header_) columns_.clear();
  for (size_t i = 1; i < line.cells.size(); ++i) {
    if (line.cells[i].text.empty()) continue;
    Column c = ClassifyHeaderCell(g_, line.cells[i]);
    bool merged = false;
    for (Column& old : columns_) {
      if (!Overlaps(old.box, c.box)) continue;
      merged = true;
      if (c.kind > old.kind) old = Column{old.box, c.kind, c.year};
    }
    if (!merged) columns_.push_back(c);
  }
}

// Small unit-less numbers in a kronor table are counts, not money.
bool LooksLikeMoney(const Row& row, AmountUnit unit) {
  if (unit != AmountUnit::kKronor) return true;
  for (const Amount& a : row.amounts) if (a.sek >= 1000) return true;
  return false;
}

void SplitAudit::Read(const Line& line) {
  if (line.kind == LineKind::kRule) return;
  if (line.blank() || IsProse(line)) { EndSplit(); previous_header_ = false; return; }
  std::string first = line.cells.empty() ? "" : line.cells[0].text;
  if (MatchLabel(g_, "budget.split", first)) {
    EndSplit();
    mode_ = Mode::kSplit;
    split_heading_ = &line;
    previous_header_ = false;
    if (line.NonEmptyCells() >= 2) { ReadHeader(line); previous_header_ = true; }
    return;
  }
  if (MatchLabel(g_, "budget.financing", first)) { EndSplit(); mode_ = Mode::kOwnFunding; return; }
  Row row = ParseRow(line);
  if (row.amounts.empty()) { ReadLineWithoutAmounts(line); return; }
  previous_header_ = false;
  if (!LooksLikeMoney(row, unit_)) return;
  CheckPartyRow(row);
  bool sum_row = MatchLabel(g_, "budget.sum_row", row.label).has_value();
  if (mode_ == Mode::kSplit) {
    (sum_row ? split_sums_ : split_rows_).push_back(row);
  } else if (mode_ == Mode::kCost && sum_row) {
    // Section sums and the grand total: the largest per column is the whole.
    for (const Amount& a : row.amounts) cost_printed_[a.key] = std::max(cost_printed_[a.key], a.sek);
  } else if (mode_ == Mode::kCost) {
    AddCost(row);
  }
}

// A header (cells, or a unit announced) starts a new table unless it heads
// the split section just opened; any other line ends a split section.
void SplitAudit::ReadLineWithoutAmounts(const Line& line) {
  bool announces_unit = UnitFromHeader(line.text).has_value() && FindAmounts(line.text).empty();
  if (line.NonEmptyCells() >= 2 || announces_unit) {
    bool split_table = mode_ == Mode::kSplit && split_rows_.empty() && split_sums_.empty();
    if (!previous_header_ && !split_table) {
      EndSplit();
      mode_ = Mode::kCost;
      if (cost_rows_seen_) { cost_rows_.clear(); cost_printed_.clear(); cost_rows_seen_ = false; }
    }
    ReadHeader(line);
    previous_header_ = true;
  } else if (mode_ == Mode::kSplit && !split_rows_.empty() && !IsWrappedTail(line)) {
    EndSplit();
  }
}

void SplitAudit::AddCost(const Row& row) {
  std::vector<Amount> amounts = row.amounts;
  // No header says which cell is the row's total: one that is half of the
  // row's cells is (as in the budget extractor).
  int64_t all = 0;
  for (const Amount& a : amounts) all += a.sek;
  if (amounts.size() >= 2 && amounts.back().key.empty() && 2 * amounts.back().sek == all) amounts.back().key = "total";
  for (const Amount& a : amounts) cost_rows_[a.key] += a.sek;
  cost_rows_seen_ = true;
}

// A table with one column per party and a total column: each row's party
// cells add up to its total cell.
void SplitAudit::CheckPartyRow(const Row& row) {
  int parties = 0;
  for (const Column& c : columns_) parties += c.kind == ColumnKind::kParty;
  if (parties < 2) return;
  int64_t party_sum = 0, total = 0;
  int party_cells = 0, total_cells = 0;
  for (const Amount& a : row.amounts) {
    if (a.kind == ColumnKind::kParty) { party_sum += a.sek; ++party_cells; }
    if (a.kind == ColumnKind::kTotal) { total = a.sek; ++total_cells; }
  }
  if (party_cells == 0 || total_cells != 1 || party_sum == total) return;
  AddLineFinding(r_, "budget_split_mismatch", "error", "/budget", row.line->page, row.line->number,
                 "Raden \"" + row.label + "\": parternas belopp (" + Kronor(party_sum) +
                     ") stämmer inte med totalkolumnen (" + Kronor(total) + ")");
}

// What the split of `key` should equal: that column's cost (its rows or its
// printed sum), or for a split with no year columns the whole cost.
std::optional<int64_t> SplitAudit::CostFor(const std::string& key, int64_t split) const {
  std::vector<int64_t> candidates;
  auto add = [&](const PerKey& m, const std::string& k) { if (auto it = m.find(k); it != m.end()) candidates.push_back(it->second); };
  add(cost_rows_, key);
  add(cost_printed_, key);
  if (key.empty() || key == "total") {
    int64_t rows = 0, printed = 0;
    for (const auto& [k, v] : cost_rows_) if (k != "total") rows += v;
    for (const auto& [k, v] : cost_printed_) if (k != "total") printed += v;
    if (rows) candidates.push_back(rows);
    if (printed) candidates.push_back(printed);
    add(cost_rows_, "total");
    add(cost_printed_, "total");
  }
  if (candidates.empty()) return std::nullopt;
  for (int64_t c : candidates) if (c == split) return c;
  return candidates.front();
}

void SplitAudit::CompareWithCost(const PerKey& split, const Line& where) {
  for (const auto& [key, sum] : split) {
    std::optional<int64_t> cost = CostFor(key, sum);
    if (!cost || *cost == sum) continue;
    AddLineFinding(r_, "budget_split_mismatch", "error", "/budget", where.page, where.number,
                   "Kostnadsfördelningen" + YearSuffix(key) + " (" + Kronor(sum) +
                       ") stämmer inte med kostnaden den fördelar (" + Kronor(*cost) + ")");
  }
}

void SplitAudit::CheckShares() {
  double total = 0;
  int shares = 0;
  for (const Row& row : split_rows_) {
    if (!row.percent) continue;
    total += *row.percent;
    ++shares;
    for (const Amount& a : row.amounts) {
      std::optional<int64_t> cost = CostFor(a.key, -1);
      if (!cost || *cost <= 0) continue;
      double expected = *cost * *row.percent / 100;
      double tolerance = std::max(*cost * 0.01, unit_ == AmountUnit::kKronor ? 1.0 : 1000.0);
      if (std::abs(a.sek - expected) <= tolerance) continue;
      AddLineFinding(r_, "budget_split_mismatch", "error", "/budget", row.line->page, row.line->number,
                     "\"" + row.label + "\": " + Kronor(a.sek) + " är inte den angivna andelen av kostnaden" +
                         YearSuffix(a.key) + " (" + Kronor(*cost) + ")");
    }
  }
  if (shares >= 2 && std::abs(total - 100) > 0.5) {
    AddLineFinding(r_, "budget_split_mismatch", "error", "/budget", split_heading_->page, split_heading_->number,
                   "Andelarna i kostnadsfördelningen blir " + std::to_string(std::lround(total)) + " %, inte 100 %");
  }
}

// Two amounts of one row under the same column key: the row's cells do not
// line up with the header (a PDF whose tab stops drifted), so which year an
// amount belongs to is unknown and nothing is compared.
bool Unaligned(const std::vector<Row>& rows) {
  for (const Row& row : rows) {
    for (size_t i = 0; i < row.amounts.size(); ++i) {
      for (size_t j = i + 1; j < row.amounts.size(); ++j) {
        if (row.amounts[i].key == row.amounts[j].key) return true;
      }
    }
  }
  return false;
}

void SplitAudit::EndSplit() {
  if (mode_ != Mode::kSplit) return;
  mode_ = Mode::kCost;
  if (Unaligned(split_rows_) || Unaligned(split_sums_)) { split_rows_.clear(); split_sums_.clear(); }
  if (split_rows_.empty() && split_sums_.empty()) return;
  PerKey rows, printed;
  for (const Row& row : split_rows_) for (const Amount& a : row.amounts) rows[a.key] += a.sek;
  for (const Row& row : split_sums_) for (const Amount& a : row.amounts) printed[a.key] = a.sek;
  // The section's own sum row against its funders.
  for (const auto& [key, sum] : printed) {
    if (split_rows_.empty() || rows[key] == sum) continue;
    const Line& at = *split_sums_.front().line;
    AddLineFinding(r_, "budget_split_mismatch", "error", "/budget", at.page, at.number,
                   "Summan av finansieringen" + YearSuffix(key) + " (" + Kronor(sum) +
                       ") stämmer inte med finansiärernas belopp (" + Kronor(rows[key]) + ")");
  }
  if (!cost_rows_.empty() || !cost_printed_.empty()) {
    CompareWithCost(split_rows_.empty() ? printed : rows, *split_heading_);
    CheckShares();
  }
  split_rows_.clear();
  split_sums_.clear();
}

}  // namespace

void CheckBudgetSplit(Record& r, const Document& doc, const Segment& seg, const Grammar& g) {
  SplitAudit audit(r, g);
  for (size_t i = seg.begin; i < seg.end; ++i) audit.Read(doc.lines[i]);
  audit.Finish();
}

}  // namespace finsam
