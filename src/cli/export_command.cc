// `finsam-extract export --csv`: budget rows or audit findings of an ingest
// database (SQLite or PostgreSQL) as one CSV table for spreadsheet users,
// each row with its document's file, type and title. Tested by
// tests/ingest_test.cc.
#include "cli/export_command.h"

#include <fstream>
#include <iostream>

#include "store/sql_connection.h"

namespace finsam {
namespace {

struct ExportOptions {
  std::string db = "finsam.db";
  std::string what = "budget";
  std::string out;
  bool csv = false;
};

const char kBudgetQuery[] =
    "SELECT d.path, d.sha256, d.part, d.document_type, d.title, d.funder, b.label, b.category, b.year, b.party, "
    "b.amount_sek FROM budget_rows b JOIN documents d ON d.sha256 = b.sha256 AND d.part = b.part "
    "ORDER BY d.path, d.part, b.seq";
const char kFindingsQuery[] =
    "SELECT d.path, d.sha256, d.part, d.document_type, d.title, f.code, f.severity, f.field, f.page, f.line, "
    "f.message FROM findings f JOIN documents d ON d.sha256 = f.sha256 AND d.part = f.part "
    "ORDER BY d.path, d.part, f.seq";
const char kBudgetHeader[] = "file,sha256,part,document_type,title,funder,label,category,year,party,amount_sek";
const char kFindingsHeader[] = "file,sha256,part,document_type,title,code,severity,field,page,line,message";

// RFC 4180: quote fields holding a comma, quote or line break.
std::string CsvField(const SqlValue& value) {
  if (!value) return "";
  if (value->find_first_of(",\"\r\n") == std::string::npos) return *value;
  std::string out = "\"";
  for (char c : *value) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

int RunExport(const ExportOptions& options) {
  auto db = ConnectDatabase(options.db);
  if (!db.ok()) { std::cerr << "finsam-extract: " << db.error().ToString() << "\n"; return 2; }
  bool budget = options.what == "budget";
  auto rows = (*db)->Query(budget ? kBudgetQuery : kFindingsQuery, {});
  if (!rows.ok()) { std::cerr << "finsam-extract: " << rows.error().ToString() << "\n"; return 1; }
  std::ofstream file;
  if (!options.out.empty()) file.open(options.out, std::ios::binary);
  std::ostream& out = options.out.empty() ? std::cout : file;
  out << (budget ? kBudgetHeader : kFindingsHeader) << "\r\n";
  for (const SqlRow& row : *rows) {
    for (size_t i = 0; i < row.size(); ++i) out << (i ? "," : "") << CsvField(row[i]);
    out << "\r\n";
  }
  out.flush();
  if (!out) { std::cerr << "finsam-extract: " << options.out << ": cannot write\n"; return 1; }
  return 0;
}

}  // namespace

Command AddExportCommand(CLI::App& app) {
  auto options = std::make_shared<ExportOptions>();
  CLI::App* cmd = app.add_subcommand("export", "tables of an ingest database as CSV");
  cmd->add_flag("--csv", options->csv, "comma-separated values (RFC 4180), the only format")->required();
  cmd->add_option("--db", options->db, "SQLite file, or postgresql://… (default finsam.db)");
  cmd->add_option("--what", options->what, "budget (rows) or findings (audit)")
      ->check(CLI::IsMember({"budget", "findings"}));
  cmd->add_option("-o,--output", options->out, "write to FILE instead of stdout");
  return {cmd, [options] { return RunExport(*options); }};
}

}  // namespace finsam
