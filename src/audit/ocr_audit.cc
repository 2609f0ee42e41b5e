// low_ocr_confidence findings (see ocr_audit.h). Tested by ocr_audit_test.cc.
#include "audit/ocr_audit.h"

#include <cstdio>
#include <string>

namespace finsam {

void CheckOcrConfidence(Record& record) {
  for (const auto& [pointer, evidence] : record.provenance) {
    if (evidence.confidence >= kLowOcrConfidence) continue;
    char percent[16];
    std::snprintf(percent, sizeof percent, "%.0f", evidence.confidence * 100);
    record.audit.push_back({"low_ocr_confidence", "info", pointer, evidence.page, evidence.line,
                            std::string("Värdet är inläst med OCR och osäkert (") + percent +
                                " % säkerhet): kontrollera mot den skannade sidan."});
  }
}

}  // namespace finsam
