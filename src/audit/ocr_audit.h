// Audit of values read by OCR: a value whose source line holds a word OCR
// was unsure of gets an `info` finding `low_ocr_confidence`, so an auditor
// checks it against the scan. Tested by ocr_audit_test.cc.
#pragma once

#include "record/record.h"

namespace finsam {

// Word confidence (0..1) under which a value is worth a second look.
inline constexpr double kLowOcrConfidence = 0.6;

// One finding per field pointer whose provenance confidence is below
// kLowOcrConfidence; born-digital values (confidence 1) never qualify.
void CheckOcrConfidence(Record& record);

}  // namespace finsam
