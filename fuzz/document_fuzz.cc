// libFuzzer target: any file through the whole pipeline (ingest as text or
// PDF, normalize, segment, grammars, audit, emit) gives records or an error
// value, never a crash. Seeds: corpus inputs (text and PDF) and
// fuzz/seeds/pdf/; few pages, no OCR.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "audit/audit.h"
#include "emit/record_json.h"
#include "fuzz/fuzz_support.h"
#include "record/record_builder.h"
#include "segment/segmenter.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const finsam::Engine& engine = finsam::fuzz::FuzzEngine();
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  finsam::Result<finsam::Document> raw = finsam::IngestBytes(bytes, "fuzz", finsam::fuzz::FuzzIngestOptions());
  if (!raw.ok()) return 0;
  finsam::Document doc = finsam::NormalizeDocument(*raw);
  for (const finsam::Segment& segment : finsam::SegmentDocument(doc, engine.grammar)) {
    finsam::Record record = finsam::BuildRecord(doc, segment, engine.grammar, *engine.registry);
    finsam::AuditRecord(record, doc, segment, engine.grammar);
    finsam::RecordToJson(record).dump();
  }
  return 0;
}
