// The ingest loop (see bulk_ingest.h): a poll() loop over the workers'
// pipes. Kept single-threaded on purpose: fork() from a threaded process can
// inherit locks held by other threads, and SQLite wants one writer anyway.
// Tested by tests/ingest_test.cc.
#include "bulk/bulk_ingest.h"

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "ingest/ingest.h"

namespace finsam {
namespace {

using Clock = std::chrono::steady_clock;

class BulkRun {
 public:
  BulkRun(const std::vector<std::string>& files, const Engine& engine, RecordStore& database,
          const std::vector<RecordStore*>& mirrors, const BulkOptions& options)
      : files_(files), engine_(engine), database_(database), mirrors_(mirrors), options_(options),
        progress_(options.progress), workers_(static_cast<size_t>(std::max(options.jobs, 1))) {
    counts_.total = files.size();
  }

  ~BulkRun() {
    for (ExtractWorker& worker : workers_) StopWorker(worker);
  }

  Result<ProgressCounts> Run() {
    for (;;) {
      if (auto assigned = AssignIdle(); !assigned.ok()) return assigned.error();
      if (!AnyBusy()) break;
      if (auto collected = Collect(); !collected.ok()) return collected.error();
      progress_.Update(counts_);
    }
    progress_.Finish(counts_);
    return counts_;
  }

 private:
  bool AnyBusy() const {
    return std::any_of(workers_.begin(), workers_.end(), [](const ExtractWorker& w) { return w.busy; });
  }

  // Gives every idle worker the next file not yet stored.
  Result<bool> AssignIdle() {
    for (ExtractWorker& worker : workers_) {
      if (worker.busy) continue;
      std::string path, sha256;
      if (auto found = NextFile(path, sha256); !found.ok() || !*found) return found;
      if (auto assigned = AssignTo(worker, path, sha256); !assigned.ok()) return assigned;
    }
    return true;
  }

  // The next input that needs parsing; unreadable ones are stored as errors
  // and stored ones skipped on the way. False when the inputs are exhausted.
  Result<bool> NextFile(std::string& path, std::string& sha256) {
    while (next_ < files_.size()) {
      path = files_[next_++];
      std::ifstream in(path, std::ios::binary);
      if (!in) {
        std::error_code ec;
        bool exists = std::filesystem::exists(path, ec);
        FileOutcome unreadable{path, "", {}, exists ? "file_unreadable" : "file_not_found",
                               exists ? "cannot open the file" : "no such file"};
        if (auto r = Store(unreadable); !r.ok()) return r;
        continue;
      }
      std::ostringstream bytes;
      bytes << in.rdbuf();
      sha256 = Sha256Hex(bytes.str());
      Result<bool> known = database_.Contains(sha256);
      if (!known.ok()) return known.error();
      if (!*known) return true;
      ++counts_.done;
      ++counts_.skipped;
    }
    return false;
  }

  // A fresh worker when there is none, the last one died or it is due.
  Result<bool> AssignTo(ExtractWorker& worker, const std::string& path, const std::string& sha256) {
    for (int attempt = 0; attempt < 2; ++attempt) {
      if (worker.pid >= 0 && worker.files_done >= options_.limits.files_per_worker) StopWorker(worker);
      if (worker.pid < 0) {
        Result<ExtractWorker> started = StartWorker(engine_, options_.limits);
        if (!started.ok()) return started.error();
        worker = std::move(started.value());
      }
      if (Assign(worker, path, sha256, options_.limits)) return true;
      StopWorker(worker);   // it died while idle: try once with a new one
    }
    return Error{"worker_failed", "cannot hand the file to a worker process", path};
  }

  // Waits (briefly) for answers, kills late workers, stores finished files.
  Result<bool> Collect() {
    std::vector<pollfd> fds;
    std::vector<ExtractWorker*> busy;
    for (ExtractWorker& worker : workers_) {
      if (!worker.busy) continue;
      fds.push_back({worker.from_worker, POLLIN, 0});
      busy.push_back(&worker);
    }
    poll(fds.data(), fds.size(), 200);
    Clock::time_point now = Clock::now();
    for (size_t i = 0; i < busy.size(); ++i) {
      if (fds[i].revents & (POLLIN | POLLHUP | POLLERR)) {
        if (std::optional<FileOutcome> outcome = ReadSome(*busy[i])) {
          if (auto r = Store(*outcome); !r.ok()) return r;
          continue;
        }
      }
      KillIfLate(*busy[i], now);
    }
    return true;
  }

  Result<bool> Store(const FileOutcome& outcome) {
    for (RecordStore* mirror : mirrors_) {
      if (auto r = mirror->Write(outcome); !r.ok()) return r;
    }
    Result<bool> written = database_.Write(outcome);
    if (!written.ok()) return written;
    ++counts_.done;
    if (outcome.failed()) {
      ++counts_.errors;
      if (options_.progress) std::fputs("\r\033[K", stderr);
      std::fprintf(stderr, "finsam-extract: %s: %s [%s]\n", outcome.path.c_str(), outcome.message.c_str(),
                   outcome.reason.c_str());
    } else if (*written) {
      counts_.documents += outcome.records.size();
    } else {
      ++counts_.skipped;   // the same content came twice, or another importer was first
    }
    return true;
  }

  const std::vector<std::string>& files_;
  const Engine& engine_;
  RecordStore& database_;
  const std::vector<RecordStore*>& mirrors_;
  const BulkOptions& options_;
  Progress progress_;
  ProgressCounts counts_;
  std::vector<ExtractWorker> workers_;
  size_t next_ = 0;
};

}  // namespace

Result<ProgressCounts> RunBulkIngest(const std::vector<std::string>& files, const Engine& engine,
                                     RecordStore& database, const std::vector<RecordStore*>& mirrors,
                                     const BulkOptions& options) {
  BulkRun run(files, engine, database, mirrors, options);
  return run.Run();
}

}  // namespace finsam
