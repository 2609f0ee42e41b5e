// Terminal rendering of the audit report (see terminal_report.h). Tested by
// report_test.cc.
#include "report/terminal_report.h"

#include <algorithm>

namespace finsam {
namespace {

// Display width of UTF-8 text: code points, not bytes ("å" is one column).
size_t Width(const std::string& text) {
  size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

std::string Pad(const std::string& text, size_t width) {
  size_t w = Width(text);
  return w >= width ? text : text + std::string(width - w, ' ');
}

struct Style {
  bool on;
  std::string Wrap(const std::string& text, const char* code) const {
    return on ? std::string("\033[") + code + "m" + text + "\033[0m" : text;
  }
  std::string Severity(const std::string& severity, const std::string& text) const {
    const char* code = severity == "error" ? "31;1" : severity == "warning" ? "33" : "36";
    return Wrap(text, code);
  }
};

// Tabs in quoted source text would break the table's columns.
std::string OneLine(std::string text) {
  std::replace(text.begin(), text.end(), '\t', ' ');
  std::replace(text.begin(), text.end(), '\n', ' ');
  return text;
}

std::string Where(const Finding& f) {
  if (f.page <= 0) return "–";
  return f.line > 0 ? std::to_string(f.page) + ":" + std::to_string(f.line) : "sid " + std::to_string(f.page);
}

void WriteDocument(const ReportDocument& d, std::ostream& out, const Style& style) {
  std::string head = d.file + "  del " + std::to_string(d.part) + "/" + std::to_string(d.parts);
  if (!d.error_code.empty()) {
    out << style.Wrap(head, "1") << "  " << style.Severity("error", "kunde inte läsas: " + d.error_code) << "\n  "
        << d.error_message << "\n\n";
    return;
  }
  out << style.Wrap(head, "1") << "  " << d.document_type << (d.title.empty() ? "" : "  \"" + d.title + "\"") << "\n";
  if (d.findings.empty()) {
    out << "  " << style.Wrap("inga anmärkningar", "32") << "\n\n";
    return;
  }
  size_t code_w = 4, field_w = 4;
  for (const ReportFinding& f : d.findings) {
    code_w = std::max(code_w, Width(f.finding.code));
    field_w = std::max(field_w, Width(f.finding.field.empty() ? "–" : f.finding.field));
  }
  for (const ReportFinding& rf : d.findings) {
    const Finding& f = rf.finding;
    out << "  " << style.Severity(f.severity, Pad(SeverityLabel(f.severity), 8)) << Pad(f.code, code_w + 2)
        << Pad(f.field.empty() ? "–" : f.field, field_w + 2) << Pad(Where(f), 8) << OneLine(f.message) << "\n";
  }
  out << "\n";
}

void WriteSummary(const ReportSummary& s, std::ostream& out, const Style& style) {
  out << style.Wrap("Sammanfattning", "1") << "\n"
      << "  dokument:                 " << s.documents << "\n"
      << "  kompletta (inga fynd):    " << s.complete << "\n"
      << "  med fel:                  " << s.with_errors << "\n";
  if (s.unreadable > 0) out << "  filer som inte kunde läsas: " << s.unreadable << "\n";
  if (s.documents_by_code.empty()) return;
  size_t code_w = 0;
  for (const auto& [code, n] : s.documents_by_code) code_w = std::max(code_w, code.size());
  out << "  dokument per kod:\n";
  for (const auto& [code, n] : s.documents_by_code) out << "    " << Pad(code, code_w + 2) << n << "\n";
}

}  // namespace

void WriteTerminalReport(const AuditReport& report, std::ostream& out, bool colour) {
  Style style{colour};
  for (const ReportDocument& d : report.documents) WriteDocument(d, out, style);
  WriteSummary(report.Summarize(), out, style);
}

}  // namespace finsam
