// The typed record of one logical document, as the grammars and extractors
// fill it; emit/record_json.cc turns it into the record-v1 JSON contract.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "extractors/budget_table.h"
#include "extractors/organisations.h"
#include "extractors/participants.h"
#include "extractors/signatures.h"

namespace finsam {

// Where a value came from: page, line, the source text and the rule id.
struct Evidence {
  int page = 0, line = 0;
  std::string text;
  std::string rule;
  double confidence = 1;
};

struct Finding {
  std::string code;        // stable, see docs/audit-codes.md
  std::string severity;    // error | warning | info
  std::string field;       // JSON pointer, or empty
  int page = 0, line = 0;  // 0 = unknown
  std::string message;     // for a Swedish administrator
};

struct OwnerEntry {
  OrgRef org;
  std::string role;        // huvudinsatsagare | insatsagare
};

struct Record {
  // source
  std::string file, sha256, format;
  int part = 1, parts = 1;
  int first_page = 0, last_page = 0;   // 0 for text
  std::string document_type = "okand";
  std::optional<std::string> title, funder, case_number;
  std::vector<OwnerEntry> owners;
  std::vector<OrgRef> partners;
  std::optional<std::string> period_start, period_end, period_text;
  std::optional<std::string> start_precision, end_precision;
  std::optional<int64_t> total_sek;
  std::vector<BudgetRow> budget_rows;
  std::vector<Signature> signatures;
  std::optional<Participants> participants;
  std::vector<Finding> audit;
  std::map<std::string, Evidence> provenance;   // JSON pointer → evidence

  // What the audit needs beyond the record's fields.
  std::vector<std::string> empty_required_labels;   // fields whose label had no answer
  std::vector<std::string> empty_marked_labels;     // fields whose "(*)" label had no answer
  std::vector<BudgetSum> sum_mismatches;
  std::string fingerprint_text;                     // for duplicate detection
};

}  // namespace finsam
