// The audit report as one self-contained HTML page (inline CSS and JS, no
// external assets): the summary, then every document with its findings and
// the source lines around each, filterable by code and severity. Every
// text from a document is HTML-escaped. Tested by report_test.cc and, in
// headless Chromium, by tools/html_report_test.sh.
#pragma once

#include <string>

#include "report/audit_report.h"

namespace finsam {

std::string RenderHtmlReport(const AuditReport& report);

// & < > " ' as entities.
std::string HtmlEscape(const std::string& text);

}  // namespace finsam
