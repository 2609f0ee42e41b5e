// Audit of a cost split between funders (`budget_split_mismatch`): the
// budget's money is shown twice, once as what it costs and once as who pays
// it, and the two must agree. Two shapes, both general (no template names):
//
//  - a split section: a heading of `budget.split` (Kostnadsfördelning,
//    Finansiering …) followed by one row per funder, in kronor and/or as a
//    share in %. Per column (per year when the columns are years, else the
//    whole) the funders' amounts must equal the cost rows or printed sum
//    above; shares must add to 100 % and each share must match its amount;
//    a sum row inside the section must equal the funders' rows.
//  - a table with one column per party (`budget.party_column` header cells:
//    insatsägare, kommun, region, egenfinansiering …) and a total column:
//    on every row, the parties' cells must add up to the total cell.
//
// Egenfinansiering sections (own funding added to the cost) are not splits.
// Tested by audit_test.cc (CostSplit*) and corpus cases 40 and 41.
#pragma once

#include "grammar/grammar.h"
#include "model/document.h"
#include "record/record.h"
#include "segment/segmenter.h"

namespace finsam {

void CheckBudgetSplit(Record& r, const Document& doc, const Segment& seg, const Grammar& g);

}  // namespace finsam
