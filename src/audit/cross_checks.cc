// Audit checks across parts of a record (see cross_checks.h). Tested by
// audit_test.cc and the corpus cases 35–37.
#include "audit/cross_checks.h"

#include <re2/re2.h>

#include <algorithm>
#include <optional>

#include "extractors/dates.h"
#include "grammar/label_match.h"
#include "normalize/fold.h"

namespace finsam {
namespace {

bool SameOrganisation(const OrgRef& a, const OrgRef& b) {
  return FoldForMatch(a.canonical) == FoldForMatch(b.canonical) || FoldForMatch(a.name) == FoldForMatch(b.name);
}

// Does any line or cell of the segment open with a label of `set`?
template <typename Visit>
void ForEachLabelled(const Document& doc, const Segment& seg, const Grammar& g, const std::string& set,
                     Visit visit) {
  for (size_t i = seg.begin; i < seg.end; ++i) {
    const Line& line = doc.lines[i];
    if (auto m = MatchLabel(g, set, line.text)) { visit(line, std::string_view(line.text).substr(m->end)); continue; }
    for (const Cell& c : line.cells) {
      if (auto m = MatchLabel(g, set, c.text)) visit(line, std::string_view(c.text).substr(m->end));
    }
  }
}

bool HasLabel(const Document& doc, const Segment& seg, const Grammar& g, const std::string& set) {
  bool found = false;
  ForEachLabelled(doc, seg, g, set, [&](const Line&, std::string_view) { found = true; });
  return found;
}

struct DecisionDate {
  std::string iso;
  int page = 0, line = 0;
};

std::optional<DecisionDate> FindDecisionDate(const Document& doc, const Segment& seg, const Grammar& g) {
  std::optional<DecisionDate> found;
  ForEachLabelled(doc, seg, g, "audit.decision_date", [&](const Line& line, std::string_view rest) {
    std::optional<DateValue> date = ParseDate(rest);
    if (!found && date && date->precision == DatePrecision::kDay) found = DecisionDate{date->iso, line.page, line.number};
  });
  return found;
}

void CheckBudgetYears(Record& r) {
  if (!r.period_start || !r.period_end || *r.period_end < *r.period_start) return;
  int first = std::stoi(r.period_start->substr(0, 4)), last = std::stoi(r.period_end->substr(0, 4));
  for (const BudgetRow& row : r.budget_rows) {
    if (!row.year || (*row.year >= first && *row.year <= last)) continue;
    AddFinding(r, "period_inconsistent", "error", "/budget", row.page, row.line,
               "Budgeten har kostnader för " + std::to_string(*row.year) + ", utanför insatsens period (" +
                   *r.period_start + " – " + *r.period_end + ")");
  }
}

// A written date that cannot exist: "2023-02-30", "2024-13-01".
void CheckImpossibleDates(Record& r, const Line& line, std::string_view text) {
  static const RE2 kIsoDate("\\b((?:19|20)\\d\\d)-(\\d\\d)-(\\d\\d)\\b");
  re2::StringPiece input(text.data(), text.size());
  int year = 0, month = 0, day = 0;
  while (RE2::FindAndConsume(&input, kIsoDate, &year, &month, &day)) {
    if (IsValidDate(year, month, day)) continue;
    char written[11];
    std::snprintf(written, sizeof written, "%04d-%02d-%02d", year, month, day);
    AddFinding(r, "period_inconsistent", "error", "/period", line.page, line.number,
               std::string("Datumet ") + written + " i perioden finns inte i kalendern");
  }
}

}  // namespace

void CheckOwnersSigned(Record& r, const Family& family) {
  if (!family.must_sign) return;
  bool someone_signed = false;
  for (const Signature& s : r.signatures) {
    if (!s.organisation) return;   // an unattributed signer could be the owner
    someone_signed = someone_signed || s.method != "unsigned";
  }
  if (!someone_signed) return;     // that is missing_signature
  for (const OwnerEntry& owner : r.owners) {
    bool has_block = std::any_of(r.signatures.begin(), r.signatures.end(),
                                 [&](const Signature& s) { return SameOrganisation(*s.organisation, owner.org); });
    if (has_block) continue;
    AddFinding(r, "owner_not_signed", "warning", "/owners", 0, 0,
               "Insatsägaren " + owner.org.canonical + " har inte skrivit under ansökan, men andra parter har");
  }
}

void CheckSignatureAfterDecision(Record& r, const Document& doc, const Segment& seg, const Grammar& g) {
  if (r.document_type != "beslut" || HasLabel(doc, seg, g, "audit.minutes")) return;
  std::optional<DecisionDate> decided = FindDecisionDate(doc, seg, g);
  if (!decided) return;
  for (const Signature& s : r.signatures) {
    if (!s.date || *s.date <= decided->iso) continue;
    AddFinding(r, "signature_after_decision", "warning", "/signatures", s.page, s.line,
               "Underskriften" + (s.name ? " av " + *s.name : std::string()) + " är daterad " + *s.date +
                   ", efter beslutsdatum " + decided->iso + " (sida " + std::to_string(decided->page) + ", rad " +
                   std::to_string(decided->line) + ")");
  }
}

void CheckPeriodEvidence(Record& r, const Document& doc, const Segment& seg, const Grammar& g) {
  CheckBudgetYears(r);
  for (const char* set : {"period_main", "period_planned"}) {
    ForEachLabelled(doc, seg, g, set, [&](const Line& line, std::string_view rest) {
      CheckImpossibleDates(r, line, rest);
    });
  }
}

}  // namespace finsam
