// Field-level comparison of an engine record with an expected record (the
// corpus' expected.jsonl, in the shape of the acceptance gold): per field
// family, true positives, false positives and false negatives, with
// {"any_of": [...]} alternatives and optional audit codes, as the
// acceptance scorer counts them. Used by `finsam-extract grammar test` and
// the corpus tests. Tested by record_compare_test.cc.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace finsam {

struct FamilyScore {
  std::string family;
  int tp = 0, fp = 0, fn = 0;
  std::string expected, got;   // compact renderings when they differ
};

// The 14 families: document_type, title, funder, case_number, owners,
// partners, period_start, period_end, budget_total, budget_rows,
// signature_names, signature_dates, participants, audit_codes.
std::vector<FamilyScore> CompareRecord(const nlohmann::json& expected, const nlohmann::json& got);

// NFC, case-folded, dashes as "-", odd spaces as " ", surrounding quotes
// dropped, white space collapsed.
std::string NormalizeForCompare(const std::string& text);

}  // namespace finsam
