// Isolation for bulk ingest: files are parsed in forked worker processes
// (ExtractFile, records sent back as JSON Lines through a pipe) under a
// wall-clock timeout per file, an address-space limit and the engine's page
// limit, so a crash, hang or runaway allocation in a PDF library becomes an
// error row for that file, never a dead import. A worker serves many files
// (its grammar caches stay warm, no fork per file) and is replaced when it
// dies or has served `files_per_worker`. The parent stays single-threaded,
// which keeps fork() safe. Tested by isolated_extract_test.cc.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include "core/result.h"
#include "pipeline.h"
#include "store/store.h"

namespace finsam {

struct IsolationLimits {
  double timeout_seconds = 120;   // wall clock per file, given afresh after each page OCR reads
  size_t max_memory_mb = 2048;    // RLIMIT_AS of a worker; 0 = none
  int files_per_worker = 500;     // then a fresh worker (bounds leaks and fragmentation)
};

// One worker process and the file in its hands.
struct ExtractWorker {
  size_t tag = 0;                 // the caller's name for the file in hand
  pid_t pid = -1;                 // -1: not running
  int to_worker = -1;             // NUL-terminated paths
  int from_worker = -1;           // JSON Lines, each answer closed by kEndOfAnswer
  int files_done = 0;
  bool busy = false, timed_out = false;
  std::string path, sha256;       // the file in hand
  std::chrono::steady_clock::time_point deadline;
  double timeout_seconds = 0;     // the limits of the file in hand, for its error message
  size_t max_memory_mb = 0;
  std::string output;             // the answer read so far
};

// Test seam: when set, a worker calls it with each path before parsing it,
// so tests can make a real worker process crash, hang or exhaust its memory
// (tests/support/fault_injection.cc). Never set in the shipped binary. Set it
// before starting workers: they inherit it through fork().
using WorkerFaultHook = void (*)(const std::string& path);
void SetWorkerFaultHook(WorkerFaultHook hook);

// Forks a worker that extracts files with `engine` (inherited, read-only).
Result<ExtractWorker> StartWorker(const Engine& engine, const IsolationLimits& limits);

// Hands an idle worker a file; its time limit starts now (and again with
// each page OCR reads there). False if the worker is gone (the caller
// starts another).
bool Assign(ExtractWorker& worker, const std::string& path, const std::string& sha256,
            const IsolationLimits& limits);

// Reads what a busy worker has written. Returns the file's outcome once its
// answer is complete or the worker died (then pid is -1 and it is reaped).
// A complete answer calls `on_answer` first, with the worker idle: it may
// hand the worker its next file, which it then reads while this answer is
// decoded.
// `form` says whether records come parsed or as their JSON text.
std::optional<FileOutcome> ReadSome(ExtractWorker& worker, const std::function<void()>& on_answer = {},
                                    RecordForm form = RecordForm::kParsed);

// Kills a worker past its file's deadline; its outcome becomes `timeout`.
// Other failures: `worker_crashed` (a signal or an unexpected exit, named in
// the message), `memory_limit_exceeded`, or the ingest error's own code.
bool KillIfLate(ExtractWorker& worker, std::chrono::steady_clock::time_point now);

// Ends a worker: an idle one exits on end of input, a busy one is killed.
void StopWorker(ExtractWorker& worker);

// One file start to finish in a fresh worker (blocking); for tests and tools.
FileOutcome ExtractIsolated(const std::string& path, const std::string& sha256, const Engine& engine,
                            const IsolationLimits& limits);

}  // namespace finsam
