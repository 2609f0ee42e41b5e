// The pipeline driver (see pipeline.h). Tested by pipeline_test.cc.
#include "pipeline.h"

#include <filesystem>

#include "audit/audit.h"
#include "grammar/grammar_loader.h"
#include "grammar/ocr_labels.h"
#include "normalize/normalize.h"
#include "record/record_builder.h"
#include "segment/segmenter.h"

namespace finsam {

Result<std::unique_ptr<Engine>> Engine::Load(const std::vector<std::string>& extra_dirs) {
  std::vector<std::string> dirs = {DefaultGrammarDir()};
  dirs.insert(dirs.end(), extra_dirs.begin(), extra_dirs.end());
  auto engine = std::make_unique<Engine>();
  Result<Grammar> grammar = LoadGrammarDirs(dirs);
  if (!grammar.ok()) return grammar.error();
  engine->grammar = std::move(grammar.value());
  std::string registry_path;
  for (const std::string& dir : dirs) {
    std::error_code ec;
    if (std::filesystem::exists(dir + "/organisations.tsv", ec)) registry_path = dir + "/organisations.tsv";
  }
  if (registry_path.empty()) return Error{"grammar_io", "no organisations.tsv in the grammar directories", dirs[0]};
  auto registry = OrgRegistry::Load(registry_path);
  if (!registry.ok()) return registry.error();
  engine->registry = registry.value();
  return engine;
}

Result<Document> ReadDocument(const std::string& path, const Engine& engine) {
  Result<Document> raw = IngestFile(path, engine.ingest);     // 1 ingest
  if (!raw.ok()) return raw.error();
  Document doc = NormalizeDocument(*raw);                     // 2 normalize
  RepairOcrLabels(doc, engine.grammar);                       //   labels misread by OCR
  return doc;
}

Result<std::vector<Record>> ExtractFile(const std::string& path, const Engine& engine) {
  Result<Document> doc = ReadDocument(path, engine);
  if (!doc.ok()) return doc.error();
  std::vector<Record> records;
  for (const Segment& segment : SegmentDocument(*doc, engine.grammar)) {        // 3 segment
    Record record = BuildRecord(*doc, segment, engine.grammar, *engine.registry);  // 4–5
    AuditRecord(record, *doc, segment, engine.grammar);                         // 6 audit
    records.push_back(std::move(record));
  }
  return records;
}

}  // namespace finsam
