// The ingest loop: `jobs` isolated worker processes parse files while this
// (single-threaded) process hashes the next inputs, skips what the database
// already holds and writes each finished file to the sinks — the one writer.
// Only the files in flight are in memory, so memory does not grow with the
// archive. Tested by tests/ingest_test.cc.
#pragma once

#include <string>
#include <vector>

#include "bulk/isolated_extract.h"
#include "bulk/progress.h"
#include "core/result.h"
#include "pipeline.h"
#include "store/store.h"

namespace finsam {

struct BulkOptions {
  int jobs = 1;
  IsolationLimits limits;
  bool progress = false;   // the terminal progress line and summary
};

// `database` answers "already stored?" and receives every file; `mirrors`
// (the JSON Lines sink) receive the same, before the database commits.
// Fails only when a sink fails; a file that cannot be read is an error row.
Result<ProgressCounts> RunBulkIngest(const std::vector<std::string>& files, const Engine& engine,
                                     RecordStore& database, const std::vector<RecordStore*>& mirrors,
                                     const BulkOptions& options);

}  // namespace finsam
