// Audit of one sum stated in two units (`amount_inconsistent`): "totalt
// 1 200 tkr" in the text while the budget says 1 250 000 kr.
//
// Which pairs are comparable (the rule docs/audit-codes.md states):
//  - only a sum written in tkr/Mkr against one written in kronor (the same
//    unit twice is the budget arithmetic of budget_sum_mismatch, or two
//    different sums);
//  - only sums of the same kind, told by the words before the amount (or a
//    table row's label): a total cost (totalt, total kostnad, sammanlagt,
//    summa), an amount applied for (sökt, söks, ansöker, rekvirera, från förbundet) or an
//    amount granted (beviljat); a requested share is never compared with a
//    whole cost;
//  - never amounts per period or outcomes: "per år", "årligen", a year
//    written just before the amount (a per-year figure), utfall, förbrukat,
//    prognos …; of a table row with several amounts only an evident total;
//  - a coarse sum agrees with a kronor sum within its rounding (1 200 tkr:
//    ±500 kr; 1,2 Mkr: ±50 000 kr); it is reported only when it agrees with
//    no kronor sum of its kind and one of them lies within a factor of two
//    (further apart, the two are more likely different sums).
// Tested by audit_test.cc (SameSumInTkrAndKronor) and corpus case 42.
#pragma once

#include "grammar/grammar.h"
#include "model/document.h"
#include "record/record.h"
#include "segment/segmenter.h"

namespace finsam {

void CheckAmountConsistency(Record& r, const Document& doc, const Segment& seg, const Grammar& g);

}  // namespace finsam
