// OCR noise in labels: on pages read by OCR, a line or cell that opens with
// words one or two misread letters away from a grammar label ("lnsatsägare",
// "Samverkanspaiter") gets the label's words back, so every rule matches it
// as usual. Only the label words are touched, never what follows them:
// amounts and dates are not repaired. Quote marks OCR put around label
// words ("1. ""Projektnamn""") are dropped, the value's are kept. Tested by ocr_labels_test.cc.
#pragma once

#include <string>
#include <vector>

#include "grammar/grammar.h"
#include "model/document.h"

namespace finsam {

// Edits allowed between a folded label of `letters` letters and OCR text:
// none under 8 letters (too many short words are one edit apart), 1 up to
// 13, 2 from 14.
int OcrLabelEditLimit(size_t letters);

// Repairs label words on the document's OCR pages; other pages untouched.
void RepairOcrLabels(Document& doc, const Grammar& grammar);

}  // namespace finsam
