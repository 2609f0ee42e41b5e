// The audit report for machines: {"schema": "finsam-audit/1", "documents":
// [{source, document_type, title, findings | error}], "summary": {...}}.
// Tested by report_test.cc.
#pragma once

#include <nlohmann/json.hpp>

#include "report/audit_report.h"

namespace finsam {

inline constexpr const char* kAuditReportSchema = "finsam-audit/1";

nlohmann::ordered_json AuditReportToJson(const AuditReport& report);

}  // namespace finsam
