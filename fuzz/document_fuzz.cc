// libFuzzer target: any file through the whole pipeline (ingest as text or
// PDF, normalize, segment, grammars, audit, emit) gives records or an error
// value, never a crash.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "audit/audit.h"
#include "emit/record_json.h"
#include "normalize/normalize.h"
#include "pipeline.h"
#include "record/record_builder.h"
#include "segment/segmenter.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static std::unique_ptr<finsam::Engine> engine = [] {
    auto e = finsam::Engine::Load({});
    return e.ok() ? std::move(e.value()) : nullptr;
  }();
  if (!engine) return 0;
  finsam::IngestOptions options;
  options.max_pages = 20;
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  finsam::Result<finsam::Document> raw = finsam::IngestBytes(bytes, "fuzz", options);
  if (!raw.ok()) return 0;
  finsam::Document doc = finsam::NormalizeDocument(*raw);
  for (const finsam::Segment& segment : finsam::SegmentDocument(doc, engine->grammar)) {
    finsam::Record record = finsam::BuildRecord(doc, segment, engine->grammar, *engine->registry);
    finsam::AuditRecord(record, doc, segment, engine->grammar);
    finsam::RecordToJson(record).dump();
  }
  return 0;
}
