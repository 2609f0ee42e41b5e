// Stage 6 — audit: findings about one document (required fields left
// blank, template text left in, unsigned forms, periods that cannot be
// right, sums that do not add up, invalid e-mail addresses) and across a
// batch (the same application submitted more than once). Codes are stable;
// docs/audit-codes.md is the catalogue. Tested by audit_test.cc.
#pragma once

#include <vector>

#include "grammar/grammar.h"
#include "model/document.h"
#include "record/record.h"
#include "segment/segmenter.h"

namespace finsam {

void AuditRecord(Record& record, const Document& doc, const Segment& segment, const Grammar& grammar);

// Marks near-duplicate documents of one batch (`duplicate_submission`).
void AuditBatch(std::vector<Record*>& records);

// Jaccard similarity of word 5-gram shingles of two texts (0..1).
double ShingleSimilarity(const std::string& a, const std::string& b);

}  // namespace finsam
