// Runs the grammar's fields over one logical document (see record_builder.h).
// Tested by record_builder_test.cc and the corpus tests.
#include "record/record_builder.h"

#include <algorithm>
#include <functional>

#include <re2/re2.h>

#include "extractors/amounts.h"
#include "extractors/dates.h"
#include "grammar/field_matcher.h"
#include "record/value_types.h"

namespace finsam {
namespace {

const char* PrecisionName(DatePrecision p) {
  switch (p) {
    case DatePrecision::kDay: return "day";
    case DatePrecision::kMonth: return "month";
    case DatePrecision::kTerm: return "term";
    case DatePrecision::kYear: return "year";
  }
  return "day";
}

bool SameOrg(const OrgRef& a, const OrgRef& b) { return a.canonical == b.canonical; }
bool HasOrg(const std::vector<OwnerEntry>& list, const OrgRef& org) {
  for (const OwnerEntry& o : list) if (SameOrg(o.org, org)) return true;
  return false;
}
bool HasOrg(const std::vector<OrgRef>& list, const OrgRef& org) {
  for (const OrgRef& o : list) if (SameOrg(o, org)) return true;
  return false;
}

class Builder {
 public:
  Builder(const Document& doc, const Segment& seg, const Grammar& grammar, const OrgRegistry& registry)
      : doc_(doc), seg_(seg), grammar_(grammar), registry_(registry),
        ctx_{doc.lines, seg.begin, seg.end, grammar, registry, seg.family} {}

  Record Build();

 private:
  bool Accept(const Field& field, const Candidate& c, const Rule& rule);
  bool Derive(const Field& field, const Rule& rule);
  void Note(const std::string& pointer, const Line& line, const std::string& text, const std::string& rule);
  void RunField(const Field& field);
  const std::vector<Signature>& Signatures();
  std::vector<OrgRef> OpeningOrganisations();
  std::optional<size_t> FirstHeading();

  const Document& doc_;
  const Segment& seg_;
  const Grammar& grammar_;
  const OrgRegistry& registry_;
  ExtractContext ctx_;
  Record rec_;
  std::optional<std::vector<Signature>> signatures_;
  std::optional<BudgetValue> budget_;
};

void Builder::Note(const std::string& pointer, const Line& line, const std::string& text, const std::string& rule) {
  // The value's own words decide (a misread label or speck beside a value
  // does not make the value uncertain); the whole line if none is found.
  double line_min = 1, value_min = 1;
  bool found = false;
  for (const Cell& c : line.cells) {
    for (const Word& w : c.words) {
      line_min = std::min(line_min, w.confidence);
      if (w.text.empty() || text.find(w.text) == std::string::npos) continue;
      value_min = std::min(value_min, w.confidence);
      found = true;
    }
  }
  double confidence = found ? value_min : line_min;
  rec_.provenance[pointer] = Evidence{line.page, line.number, text, rule, confidence};
}

const std::vector<Signature>& Builder::Signatures() {
  if (!signatures_) signatures_ = ExtractSignatures(ctx_);
  return *signatures_;
}

std::vector<OrgRef> Builder::OpeningOrganisations() {
  for (size_t i = seg_.begin; i < seg_.end; ++i) {
    const Line& line = doc_.lines[i];
    if (line.kind != LineKind::kText || std::count(line.text.begin(), line.text.end(), ' ') < 12) continue;
    std::vector<OrgRef> out;
    for (const OrgRef& m : registry_.FindMentions(line.text)) {
      if (m.kind == OrgKind::kForbund || !m.known) continue;
      out.push_back(m);
    }
    return out;
  }
  return {};
}

std::optional<size_t> Builder::FirstHeading() {
  for (size_t i = seg_.begin; i < seg_.end; ++i) {
    const Line& line = doc_.lines[i];
    if (line.kind != LineKind::kHeading || line.text.find(' ') == std::string::npos) continue;
    if (ClassifyLines(doc_.lines, i, i + 1, grammar_) != "okand") continue;  // the form's own title
    return i;
  }
  return std::nullopt;
}

bool Builder::Accept(const Field& field, const Candidate& c, const Rule& rule) {
  const Line& line = doc_.lines[c.line_index];
  const std::string& t = field.type;
  if (t == "text") {
    std::optional<std::string> v = ParseTextValue(c.text);
    if (!v) return false;
    if (field.name == "title") rec_.title = v;
    Note("/" + field.name, line, c.text, rule.id);
    return true;
  }
  if (t == "id") {
    std::optional<std::string> v = ParseTextValue(c.text);
    if (!v) return false;
    if (field.name == "case_number") rec_.case_number = v;
    Note("/" + field.name, line, c.text, rule.id);
    return true;
  }
  if (t == "funder") {
    std::optional<OrgRef> org = ParseFunderValue(c.text, registry_);
    if (!org) return false;
    rec_.funder = org->canonical;
    Note("/funder", line, c.text, rule.id);
    return true;
  }
  if (t == "orgs") {
    // Another label is not an answer ("Huvudinsatsägare | Delinsatsägare"
    // column headings); a förbund never owns or partners its own initiative.
    if (grammar_.any_label && RE2::PartialMatch(c.text, *grammar_.any_label)) return false;
    bool added = false;
    for (OrgRef& o : ParseOrgsValue(c.text, registry_)) {
      if (o.kind == OrgKind::kForbund) continue;
      if (field.name == "owners" && !HasOrg(rec_.owners, o)) { rec_.owners.push_back({o, "insatsagare"}); added = true; }
      if (field.name == "partners" && !HasOrg(rec_.partners, o)) { rec_.partners.push_back(o); added = true; }
    }
    if (added) Note("/" + field.name, line, c.text, rule.id);
    return added;
  }
  if (t == "period") {
    // A form's own period field is kept even when reversed: the audit says so.
    std::optional<PeriodValue> p = c.from_label ? FindPeriodAllowReversed(c.text) : FindPeriod(c.text);
    if (!p || !p->start || !p->end) return false;
    rec_.period_start = p->start->iso;
    rec_.period_end = p->end->iso;
    rec_.start_precision = PrecisionName(p->start->precision);
    rec_.end_precision = PrecisionName(p->end->precision);
    rec_.period_text = line.text;
    Note("/period/start", line, c.text, rule.id);
    Note("/period/end", line, c.text, rule.id);
    return true;
  }
  if (t == "amount") {
    // Outside a table only a written unit says what a number is.
    std::vector<AmountValue> amounts = FindAmounts(c.text);
    if (amounts.empty() || amounts.front().sek <= 0) return false;
    std::optional<AmountValue> a = amounts.front();
    rec_.total_sek = a->sek;
    Note("/budget/total_sek", line, c.text, rule.id);
    return true;
  }
  return false;
}

bool Builder::Derive(const Field& field, const Rule& rule) {
  const std::string& d = rule.derive;
  if (d == "first-forbund-mention") {
    for (size_t i = seg_.begin; i < seg_.end; ++i) {
      if (std::optional<OrgRef> org = ParseFunderValue(doc_.lines[i].text, registry_)) {
        rec_.funder = org->canonical;
        Note("/funder", doc_.lines[i], doc_.lines[i].text, rule.id);
        return true;
      }
    }
    return false;
  }
  if (d == "signature-owners" || d == "opening-organisations") {
    std::vector<OrgRef> orgs;
    if (d == "opening-organisations") orgs = OpeningOrganisations();
    for (const Signature& s : d == "signature-owners" ? Signatures() : std::vector<Signature>{}) {
      if (s.organisation && s.role.value_or("insatsagare") == "insatsagare") orgs.push_back(*s.organisation);
    }
    bool added = false;
    for (OrgRef& o : orgs) {
      if (o.kind == OrgKind::kForbund || HasOrg(rec_.owners, o)) continue;
      rec_.owners.push_back({o, "insatsagare"});
      added = true;
    }
    return added;
  }
  if (d == "first-heading") {
    std::optional<size_t> h = FirstHeading();
    if (!h) return false;
    return Accept(field, Candidate{doc_.lines[*h].text, *h, false, false}, rule);
  }
  if (d == "budget-table") {
    budget_ = ExtractBudget(ctx_);
    rec_.budget_rows = budget_->rows;
    rec_.sum_mismatches = budget_->mismatches;
    return !budget_->rows.empty();
  }
  if (d == "signature-blocks") {
    rec_.signatures = Signatures();
    return !rec_.signatures.empty();
  }
  if (d == "participant-table") {
    rec_.participants = ExtractParticipants(ctx_);
    return rec_.participants.has_value();
  }
  return false;
}

void Builder::RunField(const Field& field) {
  // Rules of the selected template first, then the family's and common ones.
  std::vector<const Rule*> rules;
  for (const Rule& r : field.rules) if (!seg_.template_name.empty() && r.families.count(seg_.template_name)) rules.push_back(&r);
  for (const Rule& r : field.rules) if (RuleApplies(r, seg_.family, "") ) rules.push_back(&r);
  bool empty_label = false, marked_empty = false;
  for (const Rule* rule : rules) {
    if (rule->kind == RuleKind::kDerive) {
      if (Derive(field, *rule)) return;
      continue;
    }
    // Lists (owners, partners) take every occurrence of the first rule that
    // yields anything ("Insatsägare 1:", "Insatsägare 2:"); scalars the first.
    bool list = field.type == "orgs";
    bool accepted = false;
    VisitCandidates(*rule, doc_.lines, seg_.begin, seg_.end, grammar_, [&](const Candidate& c) {
      if (!c.text.empty() && Accept(field, c, *rule)) {
        accepted = true;
        return list;
      }
      if (c.from_label && c.text.empty()) {
        empty_label = true;
        if (c.required_marker) marked_empty = true;
      }
      return true;
    });
    if (accepted) return;
  }
  if (empty_label) rec_.empty_required_labels.push_back(field.name);
  if (marked_empty) rec_.empty_marked_labels.push_back(field.name);
}

Record Builder::Build() {
  rec_.file = doc_.path;
  rec_.sha256 = doc_.sha256;
  rec_.format = doc_.format == SourceFormat::kPdf ? "pdf" : "text";
  rec_.part = seg_.part;
  rec_.parts = seg_.parts;
  if (doc_.format == SourceFormat::kPdf && seg_.begin < seg_.end) {
    rec_.first_page = doc_.lines[seg_.begin].page;
    rec_.last_page = doc_.lines[seg_.end - 1].page;
  } else if (doc_.format == SourceFormat::kPdf && !doc_.pages.empty()) {
    rec_.first_page = doc_.pages.front().number;   // no text at all: the whole file
    rec_.last_page = doc_.pages.back().number;
  }
  rec_.document_type = seg_.family;
  for (const Field& field : grammar_.fields) RunField(field);
  if (!rec_.total_sek && budget_) {
    if (budget_->total) {
      rec_.total_sek = budget_->total;
      rec_.provenance["/budget/total_sek"] = Evidence{budget_->total_page, budget_->total_line, budget_->total_text, "budget.tables"};
    } else if (!budget_->rows.empty()) {
      int64_t sum = 0;
      for (const BudgetRow& r : budget_->rows) sum += r.amount_sek;
      rec_.total_sek = sum;
      rec_.provenance["/budget/total_sek"] = Evidence{budget_->rows[0].page, budget_->rows[0].line, "sum of budget rows", "budget.tables"};
    }
  }
  // One owner is the main owner (huvudinsatsägare / projektägare).
  if (rec_.owners.size() == 1) rec_.owners[0].role = "huvudinsatsagare";
  for (size_t i = seg_.begin; i < seg_.end; ++i) rec_.fingerprint_text += doc_.lines[i].text + "\n";
  return rec_;
}

}  // namespace

Record BuildRecord(const Document& doc, const Segment& segment, const Grammar& grammar,
                   const OrgRegistry& registry) {
  return Builder(doc, segment, grammar, registry).Build();
}

}  // namespace finsam
