// libFuzzer target: PDF ingestion (src/ingest/pdf_ingest.cc) — any bytes
// behind a "%PDF-" header read by Poppler from memory into the raw model,
// then normalized; a damaged file is an Error value, never a crash. Few
// pages, no OCR. Seeds: corpus PDFs and fuzz/seeds/pdf/; dictionary pdf.dict.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using finsam::fuzz::Check;
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  finsam::IngestOptions options = finsam::fuzz::FuzzIngestOptions();
  finsam::Result<finsam::Document> raw = finsam::IngestPdf(bytes, options);
  if (!raw.ok()) {
    Check(!raw.error().code.empty(), "an ingest error has a code");
    return 0;
  }
  Check(!raw->pages.empty() && static_cast<int>(raw->pages.size()) <= options.max_pages,
        "a read PDF has between 1 and max_pages pages");
  finsam::NormalizeDocument(*raw);
  return 0;
}
