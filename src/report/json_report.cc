// JSON rendering of the audit report (see json_report.h). Tested by
// report_test.cc.
#include "report/json_report.h"

namespace finsam {
namespace {

using nlohmann::ordered_json;

ordered_json NullIfZero(int n) { return n > 0 ? ordered_json(n) : ordered_json(nullptr); }

ordered_json FindingJson(const ReportFinding& rf) {
  const Finding& f = rf.finding;
  ordered_json j = {{"code", f.code},
                    {"severity", f.severity},
                    {"field", f.field.empty() ? ordered_json(nullptr) : ordered_json(f.field)},
                    {"page", NullIfZero(f.page)},
                    {"line", NullIfZero(f.line)},
                    {"message", f.message}};
  if (!rf.context.empty()) {
    ordered_json lines = ordered_json::array();
    for (const ContextLine& c : rf.context) {
      lines.push_back({{"page", c.page}, {"line", c.line}, {"text", c.text}, {"focus", c.focus}});
    }
    j["context"] = std::move(lines);
  }
  return j;
}

ordered_json DocumentJson(const ReportDocument& d) {
  ordered_json j = {{"source", {{"file", d.file}, {"part", d.part}, {"parts", d.parts}}}};
  if (!d.error_code.empty()) {
    j["error"] = {{"code", d.error_code}, {"message", d.error_message}};
    return j;
  }
  j["document_type"] = d.document_type;
  j["title"] = d.title.empty() ? ordered_json(nullptr) : ordered_json(d.title);
  j["findings"] = ordered_json::array();
  for (const ReportFinding& f : d.findings) j["findings"].push_back(FindingJson(f));
  return j;
}

}  // namespace

ordered_json AuditReportToJson(const AuditReport& report) {
  ordered_json docs = ordered_json::array();
  for (const ReportDocument& d : report.documents) docs.push_back(DocumentJson(d));
  ReportSummary s = report.Summarize();
  ordered_json summary = {{"documents", s.documents},
                          {"complete", s.complete},
                          {"with_errors", s.with_errors},
                          {"unreadable", s.unreadable},
                          {"documents_by_code", s.documents_by_code},
                          {"findings_by_severity", s.findings_by_severity}};
  return {{"schema", kAuditReportSchema}, {"documents", std::move(docs)}, {"summary", std::move(summary)}};
}

}  // namespace finsam
