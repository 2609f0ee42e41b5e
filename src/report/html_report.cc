// HTML rendering of the audit report (see html_report.h). The page works
// from a file:// URL with nothing else: an administrator can mail it.
// Tested by report_test.cc and tools/html_report_test.sh.
#include "report/html_report.h"

#include <set>
#include <sstream>

namespace finsam {
namespace {

const char kStyle[] = R"css(
body{font:15px/1.45 system-ui,"DejaVu Sans",sans-serif;margin:0;color:#1d2330;background:#f4f5f7}
header{background:#1f3a5f;color:#fff;padding:16px 24px}
header h1{margin:0 0 4px;font-size:22px}
main{padding:16px 24px;max-width:1200px}
.summary{display:flex;gap:12px;flex-wrap:wrap;margin-bottom:12px}
.stat{background:#fff;border-radius:6px;padding:8px 14px;box-shadow:0 1px 2px #0002}
.stat b{display:block;font-size:22px}
.filters{background:#fff;border-radius:6px;padding:10px 14px;margin-bottom:16px;box-shadow:0 1px 2px #0002}
.filters label{margin-right:14px}
.doc{background:#fff;border-radius:6px;margin-bottom:14px;box-shadow:0 1px 2px #0002}
.doc h2{font-size:16px;margin:0;padding:10px 14px;border-bottom:1px solid #e3e6ea}
.doc h2 .meta{font-weight:normal;color:#5b6472;margin-left:8px}
.ok{padding:8px 14px;color:#1e7a34}
.finding{padding:8px 14px;border-top:1px solid #eef0f3}
.finding .head{display:flex;gap:10px;flex-wrap:wrap;align-items:baseline}
.sev{border-radius:4px;padding:1px 8px;font-size:13px;font-weight:600;color:#fff}
.sev-error{background:#c0392b}.sev-warning{background:#b7791f}.sev-info{background:#2b6cb0}
.code{font-family:"DejaVu Sans Mono",monospace;font-weight:600}
.where,.field{color:#5b6472;font-size:13px}
pre.context{background:#f7f8fa;border:1px solid #e3e6ea;border-radius:4px;margin:6px 0 0;padding:6px 8px;
  font:13px/1.4 "DejaVu Sans Mono",monospace;white-space:pre-wrap;overflow-x:auto}
pre.context .focus{background:#fff3b0;display:block}
.ln{color:#8a93a0;user-select:none}
.hidden{display:none}
)css";

// Hides findings that the filters exclude, and documents left with none.
const char kScript[] = R"js(
function applyFilters(){
  var code=document.getElementById('code-filter').value;
  var sev={};
  document.querySelectorAll('input.sev-filter').forEach(function(c){sev[c.value]=c.checked;});
  var showComplete=document.getElementById('show-complete').checked;
  document.querySelectorAll('.doc').forEach(function(d){
    var visible=0, findings=d.querySelectorAll('.finding');
    findings.forEach(function(f){
      var on=sev[f.dataset.severity]!==false&&(code===''||f.dataset.code===code);
      f.classList.toggle('hidden',!on); if(on)visible++;
    });
    var keep=findings.length===0?(showComplete&&code===''):visible>0;
    d.classList.toggle('hidden',!keep);
  });
}
document.querySelectorAll('.filters input,.filters select').forEach(function(e){
  e.addEventListener('change',applyFilters);});
applyFilters();
)js";

std::string Where(const Finding& f) {
  if (f.page <= 0) return "hela dokumentet";
  return f.line > 0 ? "sida " + std::to_string(f.page) + ", rad " + std::to_string(f.line)
                    : "sida " + std::to_string(f.page);
}

void WriteContext(const std::vector<ContextLine>& context, std::ostream& out) {
  if (context.empty()) return;
  out << "<pre class=\"context\">";
  for (const ContextLine& c : context) {
    out << "<span class=\"" << (c.focus ? "focus" : "line") << "\"><span class=\"ln\">" << c.page << ":" << c.line
        << "  </span>" << HtmlEscape(c.text) << "</span>" << (c.focus ? "" : "\n");
  }
  out << "</pre>";
}

void WriteFinding(const ReportFinding& rf, std::ostream& out) {
  const Finding& f = rf.finding;
  out << "<div class=\"finding\" data-code=\"" << HtmlEscape(f.code) << "\" data-severity=\"" << HtmlEscape(f.severity)
      << "\"><div class=\"head\"><span class=\"sev sev-" << HtmlEscape(f.severity) << "\">"
      << HtmlEscape(SeverityLabel(f.severity)) << "</span><span class=\"code\">" << HtmlEscape(f.code) << "</span>";
  if (!f.field.empty()) out << "<span class=\"field\">" << HtmlEscape(f.field) << "</span>";
  out << "<span class=\"where\">" << HtmlEscape(Where(f)) << "</span></div><div class=\"message\">"
      << HtmlEscape(f.message) << "</div>";
  WriteContext(rf.context, out);
  out << "</div>\n";
}

void WriteDocument(const ReportDocument& d, std::ostream& out) {
  out << "<section class=\"doc\"><h2>" << HtmlEscape(d.file) << "<span class=\"meta\">del " << d.part << "/"
      << d.parts << " · " << HtmlEscape(d.document_type);
  if (!d.title.empty()) out << " · " << HtmlEscape(d.title);
  out << "</span></h2>\n";
  if (!d.error_code.empty()) {
    ReportFinding unreadable{{d.error_code, "error", "", 0, 0, d.error_message}, {}};
    WriteFinding(unreadable, out);
  } else if (d.findings.empty()) {
    out << "<div class=\"ok\">Inga anmärkningar</div>\n";
  }
  for (const ReportFinding& f : d.findings) WriteFinding(f, out);
  out << "</section>\n";
}

void WriteStat(const std::string& label, int value, std::ostream& out) {
  out << "<div class=\"stat\"><b>" << value << "</b>" << HtmlEscape(label) << "</div>";
}

void WriteSummaryAndFilters(const AuditReport& report, std::ostream& out) {
  ReportSummary s = report.Summarize();
  out << "<div class=\"summary\">";
  WriteStat("dokument", s.documents, out);
  WriteStat("kompletta", s.complete, out);
  WriteStat("med fel", s.with_errors, out);
  if (s.unreadable) WriteStat("kunde inte läsas", s.unreadable, out);
  for (const auto& [code, n] : s.documents_by_code) WriteStat(code, n, out);
  out << "</div>\n<div class=\"filters\"><label>Kod <select id=\"code-filter\"><option value=\"\">alla koder</option>";
  std::set<std::string> codes;
  for (const ReportDocument& d : report.documents) {
    if (!d.error_code.empty()) codes.insert(d.error_code);
    for (const ReportFinding& f : d.findings) codes.insert(f.finding.code);
  }
  for (const std::string& c : codes) out << "<option>" << HtmlEscape(c) << "</option>";
  out << "</select></label>";
  for (const char* sev : {"error", "warning", "info"}) {
    out << "<label><input type=\"checkbox\" class=\"sev-filter\" value=\"" << sev << "\" checked> "
        << SeverityLabel(sev) << "</label>";
  }
  out << "<label><input type=\"checkbox\" id=\"show-complete\" checked> visa kompletta dokument</label></div>\n";
}

}  // namespace

std::string HtmlEscape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string RenderHtmlReport(const AuditReport& report) {
  std::ostringstream out;
  out << "<!DOCTYPE html>\n<html lang=\"sv\"><head><meta charset=\"utf-8\">"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      << "<title>Granskningsrapport – finsam-extract</title><style>" << kStyle << "</style></head><body>\n"
      << "<header><h1>Granskningsrapport</h1>Ofullständiga, motsägelsefulla och dubblerade handlingar</header>\n"
      << "<main>\n";
  WriteSummaryAndFilters(report, out);
  for (const ReportDocument& d : report.documents) WriteDocument(d, out);
  out << "</main>\n<script>" << kScript << "</script>\n</body></html>\n";
  return out.str();
}

}  // namespace finsam
