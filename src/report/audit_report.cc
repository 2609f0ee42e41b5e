// The audit report model (see audit_report.h). Tested by report_test.cc.
#include "report/audit_report.h"

#include <set>

namespace finsam {

bool ReportDocument::HasSeverity(const std::string& severity) const {
  for (const ReportFinding& f : findings) if (f.finding.severity == severity) return true;
  return false;
}

ReportSummary AuditReport::Summarize() const {
  ReportSummary s;
  for (const ReportDocument& d : documents) {
    if (!d.error_code.empty()) { ++s.unreadable; continue; }
    ++s.documents;
    s.complete += d.findings.empty();
    s.with_errors += d.HasSeverity("error");
    std::set<std::string> codes;   // a code counts once per document, as the scorer reads it
    for (const ReportFinding& f : d.findings) {
      codes.insert(f.finding.code);
      ++s.findings_by_severity[f.finding.severity];
    }
    for (const std::string& code : codes) ++s.documents_by_code[code];
  }
  return s;
}

std::vector<ContextLine> SourceContext(const Document& doc, int page, int line, int radius) {
  std::vector<ContextLine> out;
  if (page <= 0 || line <= 0) return out;
  for (const Line& l : doc.lines) {
    if (l.page != page || l.number < line - radius || l.number > line + radius) continue;
    out.push_back({l.page, l.number, l.text, l.number == line});
  }
  return out;
}

ReportDocument MakeReportDocument(const Record& record, const Document* doc, int radius) {
  ReportDocument d;
  d.file = record.file;
  d.part = record.part;
  d.parts = record.parts;
  d.document_type = record.document_type;
  d.title = record.title.value_or("");
  for (const Finding& f : record.audit) {
    ReportFinding rf{f, {}};
    if (doc) rf.context = SourceContext(*doc, f.page, f.line, radius);
    d.findings.push_back(std::move(rf));
  }
  return d;
}

int SeverityRank(const std::string& severity) {
  if (severity == "error") return 3;
  if (severity == "warning") return 2;
  if (severity == "info") return 1;
  return 0;
}

std::string SeverityLabel(const std::string& severity) {
  if (severity == "error") return "fel";
  if (severity == "warning") return "varning";
  if (severity == "info") return "info";
  return severity;
}

}  // namespace finsam
