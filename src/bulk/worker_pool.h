// A fixed number of isolated extraction workers (isolated_extract.h) fed by
// one single-threaded caller: Submit a file to an idle slot, Collect what has
// finished. Shared by `extract` (outcomes put back in input order) and
// `ingest` (outcomes stored as they come). Workers are started lazily,
// replaced when they die or have served `files_per_worker` files, and killed
// past their file's deadline. Tested by worker_pool_test.cc.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "bulk/isolated_extract.h"
#include "core/result.h"
#include "pipeline.h"
#include "store/store.h"

namespace finsam {

class WorkerPool {
 public:
  // `engine` must outlive the pool; workers inherit it through fork().
  // Outcomes carry their records in `form`.
  WorkerPool(const Engine& engine, const IsolationLimits& limits, int jobs, RecordForm form = RecordForm::kParsed);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  bool HasIdle() const;
  bool AnyBusy() const;

  // Hands `path` to an idle worker (HasIdle() must be true); `tag` comes
  // back with its outcome. Fails only when no worker process can be started.
  Result<bool> Submit(const std::string& path, const std::string& sha256, size_t tag);

  struct Finished {
    size_t tag;
    FileOutcome outcome;
  };
  // The next file to hand a worker that has just answered, if any.
  struct Job {
    std::string path, sha256;
    size_t tag = 0;
  };
  using Feed = std::function<std::optional<Job>()>;
  // Waits up to `wait_ms` for answers, kills workers past their deadline and
  // returns the files that finished (a killed one as `timeout`). With a
  // `feed`, a worker that answers gets its next file before the parent
  // decodes the answer, so that it does not wait for the parent (a file the
  // feed gave that no worker could take comes back as finished, failed).
  std::vector<Finished> Collect(int wait_ms = 200, const Feed& feed = {});

 private:
  const Engine& engine_;
  IsolationLimits limits_;
  RecordForm form_;
  std::vector<ExtractWorker> workers_;
};

}  // namespace finsam
