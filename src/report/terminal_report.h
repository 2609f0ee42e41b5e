// The audit report as a table for a person at a terminal: per document a
// heading (file, part, type, title), then one row per finding (severity,
// code, field, page:line, message); then the summary. ANSI colours only
// when asked (the command asks when stdout is a tty). Tested by
// report_test.cc.
#pragma once

#include <ostream>

#include "report/audit_report.h"

namespace finsam {

void WriteTerminalReport(const AuditReport& report, std::ostream& out, bool colour);

}  // namespace finsam
