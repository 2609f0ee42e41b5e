// The ingest loop (see bulk_ingest.h) over a WorkerPool. Kept
// single-threaded on purpose: fork() from a threaded process can inherit
// locks held by other threads, and SQLite wants one writer anyway.
// Tested by tests/ingest_test.cc.
#include "bulk/bulk_ingest.h"

#include <cstdio>
#include <optional>

#include "audit/duplicate_index.h"
#include "bulk/worker_pool.h"
#include "ingest/ingest.h"

namespace finsam {
namespace {

class BulkRun {
 public:
  BulkRun(const std::vector<std::string>& files, const Engine& engine, RecordStore& database,
          const std::vector<RecordStore*>& mirrors, const BulkOptions& options)
      : files_(files), engine_(engine), database_(database), mirrors_(mirrors), options_(options),
        progress_(options.progress), pool_(engine, options.limits, options.jobs) {
    counts_.total = files.size();
  }

  Result<ProgressCounts> Run() {
    // A worker that answers gets its next file before its answer is stored:
    // it parses while this process writes to the database.
    const WorkerPool::Feed feed = [this]() -> std::optional<WorkerPool::Job> {
      if (feed_error_) return std::nullopt;
      WorkerPool::Job job;
      Result<bool> found = NextFile(job.path, job.sha256);
      if (!found.ok()) feed_error_ = found.error();
      if (!found.ok() || !*found) return std::nullopt;
      return job;
    };
    for (;;) {
      if (auto assigned = AssignIdle(); !assigned.ok()) return assigned.error();
      if (!pool_.AnyBusy()) break;
      for (WorkerPool::Finished& finished : pool_.Collect(200, feed)) {
        if (auto stored = Store(std::move(finished.outcome)); !stored.ok()) return stored.error();
      }
      if (feed_error_) return *feed_error_;
      progress_.Update(counts_);
    }
    progress_.Finish(counts_);
    return counts_;
  }

 private:
  // Gives every idle worker the next file not yet stored.
  Result<bool> AssignIdle() {
    while (pool_.HasIdle()) {
      std::string path, sha256;
      if (auto found = NextFile(path, sha256); !found.ok() || !*found) return found;
      if (auto submitted = pool_.Submit(path, sha256, 0); !submitted.ok()) return submitted;
    }
    return true;
  }

  // The next input that needs parsing; unreadable and oversized ones are
  // stored as errors and stored ones skipped on the way. False when the
  // inputs are exhausted.
  Result<bool> NextFile(std::string& path, std::string& sha256) {
    while (next_ < files_.size()) {
      path = files_[next_++];
      Result<FileDigest> digest = DigestFile(path, engine_.ingest.max_file_bytes);
      if (!digest.ok()) {
        if (auto r = Store(Unreadable(path, digest.error())); !r.ok()) return r;
        continue;
      }
      sha256 = digest->sha256;
      Result<bool> known = database_.Contains(sha256);
      if (!known.ok()) return known.error();
      if (*known) {
        ++counts_.done;
        ++counts_.skipped;
        continue;
      }
      if (!digest->too_large) return true;
      FileOutcome refused = Unreadable(path, FileTooLarge(path, digest->size, engine_.ingest.max_file_bytes));
      refused.sha256 = sha256;   // hashed in pieces, so a re-run skips it
      if (auto r = Store(refused); !r.ok()) return r;
    }
    return false;
  }

  static FileOutcome Unreadable(const std::string& path, const Error& error) {
    FileOutcome outcome;
    outcome.path = path;
    outcome.reason = error.code;
    outcome.message = error.message;
    return outcome;
  }

  // Cross-file duplicates (duplicate_index.h): each document against the
  // earlier parts of its file and against what the database holds, this
  // run's earlier files included (they are stored before the next is
  // looked at). A stored document gets its finding in the same transaction.
  Result<bool> MarkDuplicates(FileOutcome& outcome) {
    if (outcome.fingerprints.size() != outcome.records.size()) return true;
    DuplicateIndex parts;
    for (size_t i = 0; i < outcome.records.size(); ++i) {
      const DocumentFingerprint& fp = outcome.fingerprints[i];
      for (size_t earlier : parts.Add(fp)) {
        AddDuplicateFinding(outcome.records[i], parts.at(earlier));
        AddDuplicateFinding(outcome.records[earlier], fp);
      }
      Result<std::vector<DocumentFingerprint>> stored = database_.Candidates(fp);
      if (!stored.ok()) return stored.error();
      for (const DocumentFingerprint& other : *stored) {
        if (other.sha256 == outcome.sha256 || !IsNearDuplicate(fp, other)) continue;
        AddDuplicateFinding(outcome.records[i], other);
        outcome.earlier_duplicates.push_back({other.sha256, other.part, fp});
      }
    }
    return true;
  }

  Result<bool> Store(FileOutcome outcome) {
    if (!outcome.failed()) {
      if (auto marked = MarkDuplicates(outcome); !marked.ok()) return marked;
    }
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
  WorkerPool pool_;
  size_t next_ = 0;
  std::optional<Error> feed_error_;   // a sink failure met while finding a worker its next file
};

}  // namespace

Result<ProgressCounts> RunBulkIngest(const std::vector<std::string>& files, const Engine& engine,
                                     RecordStore& database, const std::vector<RecordStore*>& mirrors,
                                     const BulkOptions& options) {
  BulkRun run(files, engine, database, mirrors, options);
  return run.Run();
}

}  // namespace finsam
