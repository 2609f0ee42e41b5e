// `finsam-extract audit`: the findings of every document given, for a
// person (a table on the terminal, or one HTML page with the source text
// around each finding) or for a machine (--format json). --fail-on makes
// findings fail a CI step. Tested by cli_test.cc and, for the HTML page in
// headless Chromium, by tools/html_report_test.sh.
#include <unistd.h>

#include <fstream>
#include <iostream>

#include "audit/audit.h"
#include "cli/command.h"
#include "report/audit_report.h"
#include "report/html_report.h"
#include "report/json_report.h"
#include "report/terminal_report.h"

namespace finsam {
namespace {

struct AuditOptions {
  std::vector<std::string> inputs;
  std::string format = "text";
  std::string output;
  std::string fail_on;
};

// One input file: its records, or why it could not be read, and for the
// HTML page the normalized text the findings point into.
struct FileResult {
  std::string file;
  std::vector<Record> records;
  std::optional<Error> error;
  std::optional<Document> document;
};

bool NamesALine(const std::vector<Record>& records) {
  for (const Record& r : records) {
    for (const Finding& f : r.audit) if (f.line > 0) return true;
  }
  return false;
}

std::vector<FileResult> ReadAll(const std::vector<std::string>& files, const Engine& engine, bool want_text) {
  std::vector<FileResult> results;
  for (const std::string& file : files) {
    FileResult r{file, {}, std::nullopt, std::nullopt};
    Result<std::vector<Record>> records = ExtractFile(file, engine);
    if (records.ok()) {
      r.records = std::move(records.value());
      // Read again only for the page, and only when a finding names a line:
      // the records do not keep the text.
      if (want_text && NamesALine(r.records)) {
        if (Result<Document> doc = ReadDocument(file, engine); doc.ok()) r.document = std::move(*doc);
      }
    } else {
      std::cerr << "finsam-extract: " << records.error().ToString() << "\n";
      r.error = records.error();
    }
    results.push_back(std::move(r));
  }
  return results;
}

AuditReport BuildReport(std::vector<FileResult>& results) {
  std::vector<Record*> all;
  for (FileResult& r : results) for (Record& record : r.records) all.push_back(&record);
  AuditBatch(all);
  AuditReport report;
  for (const FileResult& r : results) {
    if (r.error) {
      ReportDocument d;
      d.file = r.file;
      d.error_code = r.error->code;
      d.error_message = r.error->ToString();
      report.documents.push_back(std::move(d));
    }
    const Document* doc = r.document ? &*r.document : nullptr;
    for (const Record& record : r.records) report.documents.push_back(MakeReportDocument(record, doc));
  }
  return report;
}

bool WriteReport(const AuditReport& report, const AuditOptions& options) {
  std::string text;
  if (options.format == "json") text = AuditReportToJson(report).dump(2) + "\n";
  if (options.format == "html") text = RenderHtmlReport(report);
  if (options.format == "text") {
    if (!options.output.empty()) {
      std::ofstream out(options.output);
      WriteTerminalReport(report, out, false);
      return static_cast<bool>(out);
    }
    WriteTerminalReport(report, std::cout, isatty(STDOUT_FILENO) == 1);
    return true;
  }
  if (options.output.empty()) { std::cout << text; return true; }
  std::ofstream out(options.output, std::ios::binary);
  out << text;
  return static_cast<bool>(out);
}

bool AnyAtOrAbove(const AuditReport& report, const std::string& severity) {
  for (const ReportDocument& d : report.documents) {
    for (const ReportFinding& f : d.findings) {
      if (SeverityRank(f.finding.severity) >= SeverityRank(severity)) return true;
    }
  }
  return false;
}

int RunAudit(const GlobalOptions& global, const AuditOptions& options) {
  std::unique_ptr<Engine> engine = LoadEngine(global);
  if (!engine) return 2;
  std::vector<FileResult> results = ReadAll(ExpandInputs(options.inputs), *engine, options.format == "html");
  AuditReport report = BuildReport(results);
  if (!WriteReport(report, options)) {
    std::cerr << "finsam-extract: kan inte skriva " << options.output << "\n";
    return 1;
  }
  bool failed = report.Summarize().unreadable > 0;
  bool findings_fail = !options.fail_on.empty() && AnyAtOrAbove(report, options.fail_on);
  return failed || findings_fail ? 1 : 0;
}

}  // namespace

Command AddAuditCommand(CLI::App& app, const GlobalOptions& global) {
  auto options = std::make_shared<AuditOptions>();
  CLI::App* cmd = app.add_subcommand("audit", "findings per document: a table, JSON, or one HTML page");
  cmd->add_option("files", options->inputs, "PDF or text files, or directories")->required();
  cmd->add_option("--format", options->format, "text (default), json or html")
      ->check(CLI::IsMember({"text", "json", "html"}));
  cmd->add_option("-o,--output", options->output, "write the report to FILE instead of stdout");
  cmd->add_option("--fail-on", options->fail_on, "exit 1 when a finding of this severity or worse exists")
      ->check(CLI::IsMember({"error", "warning", "info"}));
  return {cmd, [&global, options] { return RunAudit(global, *options); }};
}

}  // namespace finsam
