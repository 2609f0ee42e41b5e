// The audit report: the findings of a batch of documents, grouped per
// document, with the source lines around each finding and a summary. The
// `audit` command builds it; terminal_report, json_report and html_report
// render it. Tested by report_test.cc.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/document.h"
#include "record/record.h"

namespace finsam {

// One line of the source shown around a finding.
struct ContextLine {
  int page = 0, line = 0;
  std::string text;
  bool focus = false;   // the line the finding points at
};

struct ReportFinding {
  Finding finding;
  std::vector<ContextLine> context;   // empty when the finding has no line
};

struct ReportDocument {
  std::string file;
  int part = 1, parts = 1;
  std::string document_type, title;
  std::string error_code, error_message;   // set when the file could not be read
  std::vector<ReportFinding> findings;
  bool HasSeverity(const std::string& severity) const;
};

struct ReportSummary {
  int documents = 0;       // logical documents read
  int complete = 0;        // of those, without any finding
  int with_errors = 0;     // with at least one finding of severity error
  int unreadable = 0;      // input files that could not be read
  std::map<std::string, int> documents_by_code;   // code → documents raising it
  std::map<std::string, int> findings_by_severity;
};

struct AuditReport {
  std::vector<ReportDocument> documents;
  ReportSummary Summarize() const;
};

// The document's entry for `record`, findings in record order. With `doc`,
// each finding that names a line carries the lines within `radius` of it on
// its page.
ReportDocument MakeReportDocument(const Record& record, const Document* doc, int radius = 2);

// The lines within `radius` of page:line (none when line is 0 or unknown).
std::vector<ContextLine> SourceContext(const Document& doc, int page, int line, int radius);

// error > warning > info; unknown severities rank lowest.
int SeverityRank(const std::string& severity);

// The Swedish word an administrator reads for a severity.
std::string SeverityLabel(const std::string& severity);

}  // namespace finsam
