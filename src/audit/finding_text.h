// Small helpers the audit checks share: amounts written for a Swedish
// reader ("1 250 000 kr") and findings deduplicated per source line (unlike
// AddFinding's per page: two sums on one page that do not add up are two
// findings). Tested through audit_test.cc.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>

#include "record/record.h"

namespace finsam {

// 1250000 → "1 250 000 kr".
inline std::string Kronor(int64_t sek) {
  std::string digits = std::to_string(sek < 0 ? -sek : sek);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ' ';
    out += digits[i];
  }
  return (sek < 0 ? "-" : "") + out + " kr";
}

// Appends a finding unless one with the same code, page and line exists.
inline void AddLineFinding(Record& r, const std::string& code, const std::string& severity, const std::string& field,
                           int page, int line, const std::string& message) {
  bool seen = std::any_of(r.audit.begin(), r.audit.end(), [&](const Finding& f) {
    return f.code == code && f.page == page && f.line == line;
  });
  if (!seen) r.audit.push_back({code, severity, field, page, line, message});
}

}  // namespace finsam
