// Stage 1 — ingest: one input file (PDF or text) into the raw document model.
// Text input keeps its markup here; normalization (stage 2) strips it.
// Tested by ingest_test.cc.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"
#include "ingest/ocr.h"
#include "model/document.h"

namespace finsam {

struct IngestOptions {
  int max_pages = 500;                 // more pages is an error record, not a hang
  size_t max_text_bytes = 64u << 20;   // text files larger than this are refused
  std::string password;                // for encrypted PDFs
  OcrMode ocr = OcrMode::kAuto;        // which PDF pages are read by OCR (ocr.h)
  OcrSettings ocr_settings;
};

// Reads `path` and dispatches on content (a "%PDF-" header means PDF).
// Errors name the file in `where`; codes: file_not_found, file_unreadable,
// empty_file, binary_input, invalid_encoding, pdf_damaged, pdf_encrypted,
// page_limit_exceeded, text_too_large.
Result<Document> IngestFile(const std::string& path, const IngestOptions& options);

// Ingests bytes already in memory (tests, fuzzing, stdin).
Result<Document> IngestBytes(std::string_view bytes, const std::string& path,
                             const IngestOptions& options);

// Internal entry points for each format (called by IngestBytes).
Result<Document> IngestText(std::string_view bytes, const IngestOptions& options);
Result<Document> IngestPdf(std::string_view bytes, const IngestOptions& options);

std::string Sha256Hex(std::string_view bytes);

}  // namespace finsam
