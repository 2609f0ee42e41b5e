// One sum stated in kronor and in tkr/Mkr (see amount_consistency.h): every
// amount of the document is classified by the words before it, then coarse
// and kronor statements of one kind are compared. Tested by
// audit_test.cc (SameSumInTkrAndKronor) and corpus case 42.
#include "audit/amount_consistency.h"

#include <re2/re2.h>

#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include "audit/finding_text.h"
#include "extractors/amounts.h"
#include "grammar/label_match.h"
#include "normalize/fold.h"

namespace finsam {
namespace {

enum class SumKind { kNone, kTotal, kRequested, kGranted };

struct Statement {
  int64_t sek = 0;
  bool coarse = false;       // written in tkr or Mkr
  int64_t precision = 0;     // ± kronor its rounding allows
  int page = 0, line = 0;
  std::string text;          // the amount as written
  SumKind kind = SumKind::kNone;
};

// `before` and `after` are folded (lower case, no diacritics).
SumKind Classify(const std::string& before, const std::string& after) {
  static const RE2 kPerPeriodAfter("^\\W{0,3}(?:per|/|i|om|under)\\s*(?:ar|aret|manad|termin|halvar|deltagare|person|vecka)\\b");
  static const RE2 kPerPeriodBefore("\\b(?:per ar|arligen|per manad|ar \\d|(?:19|20)\\d\\d)\\b");
  static const RE2 kOutcome(
      "\\b(?:utfall\\w*|forbruk\\w*|anvant\\w*|upparbeta\\w*|kostat|faktisk\\w*|prognos\\w*|aterbeta\\w*|"
      "aterstar\\w*|resterande|redovisa\\w*|delegation\\w*)\\b");
  static const RE2 kGranted("\\bbevilj\\w*\\b");
  static const RE2 kRequested(
      "\\b(?:sokt|soks|soker|soka|ansok\\w*|rekvirer\\w*|fran (?:samordningsforbund\\w*|forbundet))\\b");
  static const RE2 kTotal("\\b(?:total\\w*|sammanlagt|sammantaget|summa|budgetram|omslutning)\\b");
  std::string tail = before.size() > 40 ? before.substr(before.size() - 40) : before;
  if (RE2::PartialMatch(after, kPerPeriodAfter) || RE2::PartialMatch(tail, kPerPeriodBefore) ||
      RE2::PartialMatch(before, kOutcome)) {
    return SumKind::kNone;
  }
  if (RE2::PartialMatch(before, kGranted)) return SumKind::kGranted;
  if (RE2::PartialMatch(before, kRequested)) return SumKind::kRequested;
  if (RE2::PartialMatch(before, kTotal)) return SumKind::kTotal;
  return SumKind::kNone;
}

// Half the last written digit: "1 200 tkr" ±500 kr, "1,25 Mkr" ±5 000 kr.
int64_t RoundingOf(const std::string& written, AmountUnit unit) {
  if (unit == AmountUnit::kKronor) return 0;
  static const RE2 kDecimals(",(\\d+)");
  std::string decimals;
  int64_t half = unit == AmountUnit::kTkr ? 500 : 500000;
  if (RE2::PartialMatch(written, kDecimals, &decimals)) {
    for (size_t i = 0; i < decimals.size() && half >= 10; ++i) half /= 10;
  }
  return half;
}

// The clause before an amount: back to the previous amount or sentence end.
std::string ClauseBefore(const std::string& text, size_t from, size_t to) {
  std::string clause = text.substr(from, to - from);
  size_t stop = clause.rfind(". ");
  if (stop != std::string::npos) clause = clause.substr(stop + 2);
  if (clause.size() > 80) clause = clause.substr(clause.size() - 80);
  return FoldForMatch(clause);
}

Statement MakeStatement(const AmountValue& a, const std::string& written, const Line& line, SumKind kind) {
  return Statement{a.sek, a.unit != AmountUnit::kKronor, RoundingOf(written, a.unit), line.page, line.number,
                   written, kind};
}

// Prose: every amount with a written unit, classified by its clause.
void ReadProse(const Line& line, std::vector<Statement>& out) {
  std::vector<AmountValue> amounts = FindAmounts(line.text);
  size_t from = 0;
  for (const AmountValue& a : amounts) {
    std::string after = FoldForMatch(line.text.substr(a.end, 24));
    SumKind kind = Classify(ClauseBefore(line.text, from, a.begin), after);
    from = a.end;
    if (kind == SumKind::kNone || a.sek <= 0) continue;
    out.push_back(MakeStatement(a, line.text.substr(a.begin, a.end - a.begin), line, kind));
  }
}

// A table row: its label classifies it; a row of several amounts counts only
// by an evident total cell (the last, equal to the others' sum).
void ReadTableRow(const Line& line, AmountUnit unit, std::vector<Statement>& out) {
  std::vector<std::pair<AmountValue, std::string>> amounts;
  for (size_t c = 1; c < line.cells.size(); ++c) {
    if (std::optional<AmountValue> a = ParseAmountCell(line.cells[c].text, unit)) amounts.push_back({*a, line.cells[c].text});
  }
  if (amounts.empty()) return;
  int64_t others = 0;
  for (size_t i = 0; i + 1 < amounts.size(); ++i) others += amounts[i].first.sek;
  if (amounts.size() >= 2 && others != amounts.back().first.sek) return;
  std::string label = FoldForMatch(line.cells[0].text);
  SumKind kind = Classify(label, "");
  const auto& [value, written] = amounts.back();
  if (kind != SumKind::kNone && value.sek > 0) out.push_back(MakeStatement(value, written, line, kind));
}

std::vector<Statement> CollectStatements(const Document& doc, const Segment& seg) {
  std::vector<Statement> out;
  AmountUnit unit = AmountUnit::kKronor;   // a table header's unit holds for its unit-less cells
  for (size_t i = seg.begin; i < seg.end; ++i) {
    const Line& line = doc.lines[i];
    if (line.blank() || line.kind == LineKind::kRule) continue;
    bool has_amounts = !FindAmounts(line.text).empty();
    if (std::optional<AmountUnit> u = UnitFromHeader(line.text); u && !has_amounts) unit = *u;
    if (line.NonEmptyCells() >= 2) ReadTableRow(line, unit, out);
    else ReadProse(line, out);
  }
  return out;
}

std::string Where(const Statement& s) {
  return "sida " + std::to_string(s.page) + ", rad " + std::to_string(s.line);
}

}  // namespace

void CheckAmountConsistency(Record& r, const Document& doc, const Segment& seg, const Grammar&) {
  std::vector<Statement> statements = CollectStatements(doc, seg);
  for (const Statement& coarse : statements) {
    if (!coarse.coarse) continue;
    const Statement* nearest = nullptr;
    bool agrees = false;
    for (const Statement& fine : statements) {
      if (fine.coarse || fine.kind != coarse.kind) continue;
      agrees = agrees || std::llabs(coarse.sek - fine.sek) <= coarse.precision;
      bool comparable = 2 * fine.sek >= coarse.sek && fine.sek <= 2 * coarse.sek;
      if (comparable && (!nearest || std::llabs(coarse.sek - fine.sek) < std::llabs(coarse.sek - nearest->sek))) {
        nearest = &fine;
      }
    }
    if (agrees || !nearest) continue;
    AddLineFinding(r, "amount_inconsistent", "warning", "/budget", coarse.page, coarse.line,
                   "Samma belopp anges olika: \"" + coarse.text + "\" (" + Where(coarse) + ") men \"" +
                       nearest->text + "\" (" + Where(*nearest) + "); skillnad " +
                       Kronor(std::llabs(coarse.sek - nearest->sek)));
  }
}

}  // namespace finsam
