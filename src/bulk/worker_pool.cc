// The pool of isolated workers (see worker_pool.h): a poll() loop over the
// workers' pipes. Kept single-threaded on purpose: fork() from a threaded
// process can inherit locks held by other threads.
// Tested by worker_pool_test.cc, tests/cli_test.cc and tests/ingest_test.cc.
#include "bulk/worker_pool.h"

#include <poll.h>

#include <algorithm>
#include <chrono>

namespace finsam {

WorkerPool::WorkerPool(const Engine& engine, const IsolationLimits& limits, int jobs, RecordForm form)
    : engine_(engine), limits_(limits), form_(form), workers_(static_cast<size_t>(std::max(jobs, 1))) {}

WorkerPool::~WorkerPool() {
  for (ExtractWorker& worker : workers_) StopWorker(worker);
}

bool WorkerPool::HasIdle() const {
  return std::any_of(workers_.begin(), workers_.end(), [](const ExtractWorker& w) { return !w.busy; });
}

bool WorkerPool::AnyBusy() const {
  return std::any_of(workers_.begin(), workers_.end(), [](const ExtractWorker& w) { return w.busy; });
}

// A fresh worker when there is none, the last one died or it is due.
Result<bool> WorkerPool::Submit(const std::string& path, const std::string& sha256, size_t tag) {
  auto idle = std::find_if(workers_.begin(), workers_.end(), [](const ExtractWorker& w) { return !w.busy; });
  if (idle == workers_.end()) return Error{"worker_failed", "no idle worker process", path};
  ExtractWorker& worker = *idle;
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (worker.pid >= 0 && worker.files_done >= limits_.files_per_worker) StopWorker(worker);
    if (worker.pid < 0) {
      Result<ExtractWorker> started = StartWorker(engine_, limits_);
      if (!started.ok()) return started.error();
      worker = std::move(started.value());
    }
    if (Assign(worker, path, sha256, limits_)) {
      worker.tag = tag;
      return true;
    }
    StopWorker(worker);   // it died while idle: try once with a new one
  }
  return Error{"worker_failed", "cannot hand the file to a worker process", path};
}

std::vector<WorkerPool::Finished> WorkerPool::Collect(int wait_ms, const Feed& feed) {
  std::vector<pollfd> fds;
  std::vector<ExtractWorker*> busy;
  for (ExtractWorker& worker : workers_) {
    if (!worker.busy) continue;
    fds.push_back({worker.from_worker, POLLIN, 0});
    busy.push_back(&worker);
  }
  std::vector<Finished> finished;
  if (busy.empty()) return finished;
  poll(fds.data(), fds.size(), wait_ms);
  auto now = std::chrono::steady_clock::now();
  for (size_t i = 0; i < busy.size(); ++i) {
    if (fds[i].revents & (POLLIN | POLLHUP | POLLERR)) {
      size_t tag = busy[i]->tag;
      auto hand_on = [&] {
        std::optional<Job> job = feed ? feed() : std::nullopt;
        if (!job) return;
        if (Result<bool> submitted = Submit(job->path, job->sha256, job->tag); !submitted.ok()) {
          FileOutcome failed;
          failed.path = job->path;
          failed.sha256 = job->sha256;
          failed.reason = submitted.error().code;
          failed.message = submitted.error().message;
          finished.push_back({job->tag, std::move(failed)});
        }
      };
      if (std::optional<FileOutcome> outcome = ReadSome(*busy[i], hand_on, form_)) {
        finished.push_back({tag, std::move(*outcome)});
        continue;
      }
    }
    KillIfLate(*busy[i], now);
  }
  return finished;
}

}  // namespace finsam
