// The pipeline driver: one file through every stage, in order.
//   1 ingest → 2 normalize → 3 segment → 4–5 grammars and values
//   → 6 audit → 7 emit (by the caller).
// An Engine holds what is loaded once (grammar, organisation registry) and
// is read-only afterwards, so one Engine serves many files and threads.
// Tested by pipeline_test.cc and the corpus tests.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/result.h"
#include "extractors/organisations.h"
#include "grammar/grammar.h"
#include "ingest/ingest.h"
#include "record/record.h"

namespace finsam {

struct Engine {
  Grammar grammar;
  std::shared_ptr<const OrgRegistry> registry;
  IngestOptions ingest;

  // Loads grammars from the default directory plus `extra_dirs` (later
  // directories add to and override earlier ones) and the registry
  // (organisations.tsv, the last one found in those directories).
  static Result<std::unique_ptr<Engine>> Load(const std::vector<std::string>& extra_dirs);
};

// The records of one file (several when it holds several documents), audited
// on their own; batch audits (duplicates) are the caller's, over all files.
Result<std::vector<Record>> ExtractFile(const std::string& path, const Engine& engine);

// Stage 1–2 only: the normalized document (for `finsam-extract text`).
Result<Document> ReadDocument(const std::string& path, const Engine& engine);

}  // namespace finsam
