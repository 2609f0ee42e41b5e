// Stage 1 — ingest: one input file (PDF or text) into the raw document model.
// Text input keeps its markup here; normalization (stage 2) strips it.
// Tested by ingest_test.cc.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>
#include <string_view>

#include "core/result.h"
#include "ingest/ocr.h"
#include "model/document.h"

namespace finsam {

// Limits on what one input may hold (docs/limits.md); each exceeded one is
// an error record with its own code, never a hang. Time and memory are the
// worker process's (bulk/isolated_extract.h).
struct IngestOptions {
  int max_pages = 500;                      // page_limit_exceeded
  size_t max_file_bytes = 256u << 20;       // file_too_large: any input file
  size_t max_text_bytes = 64u << 20;        // text_too_large: text input
  size_t max_page_chars = 200000;           // page_text_limit_exceeded: text layer of one PDF page
  size_t max_line_chars = 100000;           // line_too_long: one line of text input
  std::string password;                // for encrypted PDFs
  OcrMode ocr = OcrMode::kAuto;        // which PDF pages are read by OCR (ocr.h)
  OcrSettings ocr_settings;
};

// Reads `path` and dispatches on content (a "%PDF-" header means PDF; a
// file named .pdf without one is `not_a_pdf`). Errors name the file in
// `where`; codes: file_not_found, file_unreadable, file_too_large,
// empty_file, not_a_pdf, binary_input, invalid_encoding, pdf_damaged,
// pdf_encrypted, page_limit_exceeded, page_text_limit_exceeded,
// text_too_large, line_too_long.
Result<Document> IngestFile(const std::string& path, const IngestOptions& options);

// Ingests bytes already in memory (tests, fuzzing, stdin).
Result<Document> IngestBytes(std::string_view bytes, const std::string& path,
                             const IngestOptions& options);

// Internal entry points for each format (called by IngestBytes).
Result<Document> IngestText(std::string_view bytes, const IngestOptions& options);
Result<Document> IngestPdf(std::string_view bytes, const IngestOptions& options);

std::string Sha256Hex(std::string_view bytes);

// A file's digest, read in pieces so that memory does not depend on its
// size; `too_large` when it has more than `max_file_bytes` bytes.
struct FileDigest {
  std::string sha256;
  uint64_t size = 0;
  bool too_large = false;
};
Result<FileDigest> DigestFile(const std::string& path, size_t max_file_bytes);

// The `file_too_large` error.
Error FileTooLarge(const std::string& path, uint64_t size, size_t max_file_bytes);

// `page_text_limit_exceeded` when the words of PDF page `page` hold more
// than options.max_page_chars characters (called by the PDF reader).
std::optional<Error> CheckPageText(const std::vector<Word>& words, int page, const IngestOptions& options);

// Code points in UTF-8 text (bytes that do not continue a sequence).
size_t CountCodePoints(std::string_view utf8);

}  // namespace finsam
