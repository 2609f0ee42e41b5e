// Audit checks that compare one part of a record with another: owners
// against who signed, signature dates against the decision date, budget
// years and written dates against the period. Split from audit.cc to keep
// each file about one kind of evidence. Tested by audit_test.cc.
#pragma once

#include <string>

#include "grammar/grammar.h"
#include "model/document.h"
#include "record/record.h"
#include "segment/segmenter.h"

namespace finsam {

// Appends a finding unless the same code, field and page is already there
// (defined in audit.cc; shared so every check deduplicates the same way).
void AddFinding(Record& r, std::string code, std::string severity, std::string field, int page, int line,
                std::string message);

// `owner_not_signed`: an insatsägare whose organisation has no signature
// block at all while others signed. Only when every signer's organisation
// is known; otherwise absence proves nothing.
void CheckOwnersSigned(Record& r, const Family& family);

// `signature_after_decision`: in a decision whose date is labelled
// (audit.decision_date), a signature dated after it. Minutes are skipped:
// their justering follows the meeting by routine.
void CheckSignatureAfterDecision(Record& r, const Document& doc, const Segment& seg, const Grammar& g);

// `period_inconsistent`: budget years outside the stated period, and dates
// that do not exist (2023-02-30) where the period is written.
void CheckPeriodEvidence(Record& r, const Document& doc, const Segment& seg, const Grammar& g);

}  // namespace finsam
