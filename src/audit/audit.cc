// Stage 6 — audit findings (see audit.h). Tested by audit_test.cc.
#include "audit/audit.h"

#include <re2/re2.h>

#include <algorithm>
#include <set>
#include <unordered_set>

#include "audit/amount_consistency.h"
#include "audit/budget_split.h"
#include "audit/cross_checks.h"
#include "audit/duplicate_index.h"
#include "audit/ocr_audit.h"
#include "grammar/label_match.h"
#include "normalize/fold.h"

namespace finsam {

void AddFinding(Record& r, std::string code, std::string severity, std::string field, int page, int line,
                std::string message) {
  for (const Finding& f : r.audit) if (f.code == code && f.field == field && f.page == page) return;
  r.audit.push_back({std::move(code), std::move(severity), std::move(field), page, line, std::move(message)});
}

namespace {

constexpr auto Add = AddFinding;

void CheckPlaceholders(Record& r, const Document& doc, const Segment& seg, const Grammar& g) {
  static const RE2 kYear("(?i)\\b(?:19|20)xx\\b");
  // Prompts count anywhere in a line ("Bakgrund: Klicka eller tryck här…").
  std::vector<std::string> prompts;
  if (const LabelSet* set = g.Labels("audit.placeholder")) {
    for (const std::string& v : set->variants) prompts.push_back(FoldForMatch(v));
  }
  for (size_t i = seg.begin; i < seg.end; ++i) {
    const Line& line = doc.lines[i];
    std::string folded = FoldForMatch(line.text);
    bool prompt = false;
    for (const std::string& p : prompts) prompt = prompt || folded.find(p) != std::string::npos;
    for (const Cell& c : line.cells) prompt = prompt || c.text == "#";
    if (prompt || RE2::PartialMatch(line.text, kYear)) {
      Add(r, "placeholder_text", "warning", "", line.page, line.number,
          "Mallens text står kvar i stället för ett svar: \"" + line.text.substr(0, 80) + "\"");
    }
  }
}

// "anna@region uppsala.se": a space inside the domain, a comma for a dot,
// or no dot at all. Each address is reported once per document, on the
// first page it appears: a signature table repeated on every page (or a
// footer) is one mistake, not one per page.
void CheckEmails(Record& r, const Document& doc, const Segment& seg) {
  static const RE2 kAt("([\\w.+-]+)@([^\\s@,;<>()]*(?:[ ,][^\\s@;<>()]+)?)");
  static const RE2 kDomain("^[\\w-]+(\\.[\\w-]+)*\\.[a-zA-Z]{2,}$");
  for (size_t i = seg.begin; i < seg.end; ++i) {
    const Line& line = doc.lines[i];
    re2::StringPiece input(line.text);
    std::string local, domain;
    while (RE2::FindAndConsume(&input, kAt, &local, &domain)) {
      std::string first = domain.substr(0, domain.find_first_of(" ,"));
      while (!first.empty() && first.back() == '.') first.pop_back();
      if (RE2::FullMatch(first, kDomain)) continue;
      std::string message = "Ogiltig e-postadress: \"" + local + "@" + domain + "\"";
      bool reported = std::any_of(r.audit.begin(), r.audit.end(), [&](const Finding& f) {
        return f.code == "invalid_email" && f.message == message;
      });
      // Not AddFinding: two different addresses on one page are two findings.
      if (!reported) r.audit.push_back({"invalid_email", "warning", "/signatures", line.page, line.number, message});
    }
  }
}

bool FieldMissing(const Record& r, const std::string& field) {
  return (field == "title" && !r.title) || (field == "owners" && r.owners.empty()) ||
         (field == "partners" && r.partners.empty()) || (field == "period" && !r.period_start && !r.period_end) ||
         (field == "funder" && !r.funder) || (field == "case_number" && !r.case_number) ||
         (field == "total" && !r.total_sek);
}

bool Contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

// A field is required by its family (grammars/families) or by the form
// itself, with "(*)" on its label; either way a label left blank is reported.
void CheckRequired(Record& r, const Family& family) {
  std::vector<std::string> fields = family.required;
  for (const std::string& f : r.empty_marked_labels) if (!Contains(fields, f)) fields.push_back(f);
  for (const std::string& field : fields) {
    bool blank = Contains(r.empty_required_labels, field);
    if (blank && FieldMissing(r, field)) {
      Add(r, "required_field_empty", "error", "/" + field, 0, 0,
          "Obligatoriskt fält är inte ifyllt: " + field);
    }
  }
  bool wants_period = std::find(family.required.begin(), family.required.end(), "period") != family.required.end();
  if (wants_period && !r.period_start && !r.period_end) {
    Add(r, "period_missing", "error", "/period", 0, 0, "Insatsens tidsperiod framgår inte av dokumentet");
  }
}

void CheckSignatures(Record& r, const Family& family) {
  int signed_count = 0, unsigned_named = 0;
  for (const Signature& s : r.signatures) {
    if (s.method == "unsigned") unsigned_named += s.name.has_value();
    else ++signed_count;
  }
  if (family.must_sign && signed_count == 0) {
    Add(r, "missing_signature", "error", "/signatures", 0, 0, "Dokumentet saknar underskrift");
  }
  if (signed_count > 0 && unsigned_named > 0) {
    Add(r, "unsigned_signer", "warning", "/signatures", 0, 0, "En namngiven undertecknare har inte skrivit under");
  }
}

// Where a field's value was read (0, 0 when unknown), so a finding about it
// can point at the same line.
std::pair<int, int> WhereRead(const Record& r, const std::string& pointer) {
  auto it = r.provenance.find(pointer);
  return it == r.provenance.end() ? std::pair{0, 0} : std::pair{it->second.page, it->second.line};
}

void CheckPeriodAndBudget(Record& r) {
  auto [page, line] = WhereRead(r, "/period/start");
  if (r.period_start && r.period_end && *r.period_end < *r.period_start) {
    Add(r, "period_inconsistent", "error", "/period", page, line,
        "Periodens slut (" + *r.period_end + ") ligger före dess början (" + *r.period_start + ")");
  }
  for (const BudgetSum& s : r.sum_mismatches) {
    Add(r, "budget_sum_mismatch", "error", "/budget", s.page, s.line,
        "Summan \"" + s.label + "\" (" + std::to_string(s.printed) + " kr) stämmer inte med raderna (" +
            std::to_string(s.computed) + " kr)");
  }
}

std::unordered_set<std::string> Shingles(const std::string& text) {
  std::vector<std::string> words;
  std::string folded = FoldForMatch(text);
  std::string word;
  for (char c : folded) {
    if (c == ' ' || c == '\n' || c == '\t') { if (!word.empty()) words.push_back(word); word.clear(); }
    else word += c;
  }
  if (!word.empty()) words.push_back(word);
  std::unordered_set<std::string> out;
  for (size_t i = 0; i + 5 <= words.size(); ++i) {
    out.insert(words[i] + " " + words[i + 1] + " " + words[i + 2] + " " + words[i + 3] + " " + words[i + 4]);
  }
  return out;
}

}  // namespace

namespace {

double Jaccard(const std::unordered_set<std::string>& x, const std::unordered_set<std::string>& y) {
  if (x.empty() || y.empty()) return 0;
  size_t common = 0;
  for (const std::string& s : x) common += y.count(s);
  return static_cast<double>(common) / static_cast<double>(x.size() + y.size() - common);
}

}  // namespace

double ShingleSimilarity(const std::string& a, const std::string& b) { return Jaccard(Shingles(a), Shingles(b)); }

// Scanned pages without a text layer yield nothing: say so, page by page,
// rather than emit an empty record that looks complete.
void CheckTextLayer(Record& r, const Document& doc, const Segment& seg) {
  int first = r.first_page, last = r.last_page;
  if (seg.begin >= seg.end && !doc.pages.empty()) {
    first = doc.pages.front().number;
    last = doc.pages.back().number;
  }
  for (const Page& page : doc.pages) {
    if (!page.needs_ocr || page.number < first || page.number > last) continue;
    Add(r, "no_text_layer", "error", "", page.number, 0,
        "Sidan " + std::to_string(page.number) +
            " saknar textlager (inskannad?) och kunde inte läsas; den behöver OCR");
  }
}

// What ingest noticed (Document::notes: a truncated revision, glyphs
// without Unicode) goes to every record of the file, or of the note's page.
void CheckIngestNotes(Record& r, const Document& doc) {
  for (const IngestNote& note : doc.notes) {
    if (note.page != 0 && (note.page < r.first_page || note.page > r.last_page)) continue;
    Add(r, note.code, note.severity, "", note.page, 0, note.message);
  }
}

void AuditRecord(Record& record, const Document& doc, const Segment& segment, const Grammar& grammar) {
  CheckTextLayer(record, doc, segment);
  CheckIngestNotes(record, doc);
  CheckPlaceholders(record, doc, segment, grammar);
  CheckEmails(record, doc, segment);
  if (const Family* family = grammar.FindFamily(record.document_type)) {
    CheckRequired(record, *family);
    CheckSignatures(record, *family);
    CheckOwnersSigned(record, *family);
  }
  CheckSignatureAfterDecision(record, doc, segment, grammar);
  CheckPeriodAndBudget(record);
  CheckBudgetSplit(record, doc, segment, grammar);
  CheckAmountConsistency(record, doc, segment, grammar);
  CheckOcrConfidence(record);   // values read from scans, for a person to check
  CheckPeriodEvidence(record, doc, segment, grammar);
}

void AuditBatch(std::vector<Record*>& records) {
  // Fingerprints and LSH (duplicate_index.h): the same decision as the
  // worker processes of extract and ingest make, and not n² comparisons.
  std::vector<DocumentFingerprint> batch;
  for (const Record* r : records) batch.push_back(FingerprintRecord(*r));
  std::vector<std::optional<size_t>> partner = DuplicatePartners(batch);
  for (size_t i = 0; i < records.size(); ++i) {
    if (!partner[i]) continue;
    const Record& other = *records[*partner[i]];
    Add(*records[i], "duplicate_submission", "warning", "", 0, 0, DuplicateMessage(other.file, other.part));
  }
}

}  // namespace finsam
