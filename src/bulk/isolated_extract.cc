// Forked, limited extraction (see isolated_extract.h). Protocol: the parent
// writes a NUL-terminated path; the worker answers two JSON lines per record
// (the record, then {"fingerprint": …}), or one error record, then the line
// kEndOfAnswer. Before its answer it writes one kProgress byte for each page
// OCR has read, and each gives the file its time limit afresh. A worker that
// exits with kExitMemory ran out of its memory limit.
// Tested by isolated_extract_test.cc.
#include "bulk/isolated_extract.h"

#include <fcntl.h>
#include <malloc.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <new>
#include <sstream>
#include <vector>

#include "audit/fingerprint.h"
#include "emit/record_json.h"
#include "ingest/ocr.h"

namespace finsam {
namespace {

constexpr int kExitMemory = 70;
constexpr int kExitException = 71;
// JSON escapes control characters, so neither occurs inside a record.
constexpr char kEndOfAnswer[] = "\x1e\n";
constexpr char kProgress = '\x1d';

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kAddressSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kAddressSanitizer = true;
#else
constexpr bool kAddressSanitizer = false;
#endif
#else
constexpr bool kAddressSanitizer = false;
#endif

void WriteAll(int fd, const std::string& bytes) {
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) _exit(kExitException);
    done += static_cast<size_t>(n);
  }
}

WorkerFaultHook& FaultHook() {
  static WorkerFaultHook hook = nullptr;
  return hook;
}

// Address space in use, in bytes, from /proc/self/statm; only
// async-signal-safe calls (open, read, close), for the handler below.
size_t AddressSpaceInUse() {
  int fd = open("/proc/self/statm", O_RDONLY);
  if (fd < 0) return 0;
  char text[64];
  ssize_t n = read(fd, text, sizeof text - 1);
  close(fd);
  size_t pages = 0;
  for (ssize_t i = 0; i < n && text[i] >= '0' && text[i] <= '9'; ++i) pages = pages * 10 + (text[i] - '0');
  return pages * static_cast<size_t>(sysconf(_SC_PAGESIZE));
}

size_t g_memory_limit = 0;

// C code under the memory limit does not throw: Poppler's gmalloc aborts
// ("Out of memory", SIGABRT), a failed stack or mmap growth faults. When the
// process is that close to its limit, the limit is the reason.
void OnFatalSignal(int sig) {
  if (g_memory_limit && AddressSpaceInUse() >= g_memory_limit / 10 * 9) _exit(kExitMemory);
  signal(sig, SIG_DFL);
  raise(sig);   // delivered with the default action when the handler returns
}

void CatchFatalSignals() {
  static char alternate_stack[64 * 1024];   // a stack overflow still runs the handler
  stack_t stack{};
  stack.ss_sp = alternate_stack;
  stack.ss_size = sizeof alternate_stack;
  sigaltstack(&stack, nullptr);
  struct sigaction action{};
  action.sa_handler = OnFatalSignal;
  action.sa_flags = SA_ONSTACK;
  for (int sig : {SIGABRT, SIGSEGV, SIGBUS}) sigaction(sig, &action, nullptr);
}

void LimitMemory(size_t max_memory_mb) {
  // ASan reserves terabytes of address space up front: RLIMIT_AS would fail every worker.
  if (max_memory_mb == 0 || kAddressSanitizer) return;
  rlim_t bytes = static_cast<rlim_t>(max_memory_mb) << 20;
  rlimit limit{bytes, bytes};
  setrlimit(RLIMIT_AS, &limit);
  g_memory_limit = static_cast<size_t>(bytes);
  // Each thread's malloc arena reserves 64 MB of address space: OCR threads
  // on a many-core machine would spend the limit on reservations alone.
  mallopt(M_ARENA_MAX, 2);
  std::set_new_handler([] { _exit(kExitMemory); });
  CatchFatalSignals();
}

// Reads one NUL-terminated path; false at end of input.
bool ReadPath(int fd, std::string& path) {
  path.clear();
  for (char c;;) {
    ssize_t n = read(fd, &c, 1);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    if (c == '\0') return true;
    path += c;
  }
}

std::string Answer(const std::string& path, const Engine& engine) {
  if (WorkerFaultHook hook = FaultHook()) hook(path);
  Result<std::vector<Record>> records = ExtractFile(path, engine);
  std::string out;
  if (records.ok()) {
    for (const Record& r : *records) {
      out += RecordToJson(r).dump() + "\n";
      out += nlohmann::ordered_json{{"fingerprint", FingerprintToJson(FingerprintRecord(r))}}.dump() + "\n";
    }
  } else {
    out = ErrorToJson(records.error(), path, "").dump() + "\n";
  }
  return out + kEndOfAnswer;
}

// Keeps only stdio and the worker's own pipes (moved to 3 and 4): other
// workers' pipe ends would otherwise stay open here and hide their EOFs.
void KeepOnlyOwnPipes(int& in, int& out) {
  int high_in = fcntl(in, F_DUPFD, 1000), high_out = fcntl(out, F_DUPFD, 1000);
  dup2(high_in, 3);
  dup2(high_out, 4);
  syscall(SYS_close_range, 5u, ~0u, 0u);
  in = 3;
  out = 4;
}

int g_answer_fd = -1;

// The OCR page hook of a worker process: one byte, written whole by a
// single write() even from several OCR threads at once.
void SendProgress() {
  char progress = kProgress;
  if (write(g_answer_fd, &progress, 1) < 0) {}   // a gone parent kills the worker anyway
}

[[noreturn]] void RunWorker(int in, int out, const Engine& engine, const IsolationLimits& limits) {
  prctl(PR_SET_PDEATHSIG, SIGKILL);   // a killed import takes its workers with it
  KeepOnlyOwnPipes(in, out);
  g_answer_fd = out;
  SetOcrPageHook(&SendProgress);
  LimitMemory(limits.max_memory_mb);
  try {
    for (std::string path; ReadPath(in, path);) WriteAll(out, Answer(path, engine));
    _exit(0);   // no destructors, atexit or leak checks: the parent owns those
  } catch (const std::bad_alloc&) {
    _exit(kExitMemory);
  } catch (...) {
    _exit(kExitException);
  }
}

std::string Seconds(double seconds) {
  std::ostringstream out;
  out << seconds;
  return out.str();
}

std::string SignalName(int sig) {
  const char* abbrev = sigabbrev_np(sig);
  return abbrev ? std::string("SIG") + abbrev : "signal " + std::to_string(sig);
}

std::chrono::steady_clock::time_point DeadlineFromNow(double seconds) {
  return std::chrono::steady_clock::now() +
         std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::duration<double>(seconds));
}

FileOutcome Failed(const ExtractWorker& worker, std::string reason, std::string message) {
  FileOutcome outcome;
  outcome.path = worker.path;
  outcome.sha256 = worker.sha256;
  outcome.reason = std::move(reason);
  outcome.message = std::move(message);
  return outcome;
}

// The worker's JSON Lines: records, each followed by its fingerprint, or
// one error record. Fingerprint lines are told apart by their first key, so
// that records can stay unparsed (RecordForm::kJsonText); an answer without
// fingerprints is parsed whole (an error, or a protocol fault).
FileOutcome Decode(const ExtractWorker& worker, const std::string& answer, RecordForm form) {
  static constexpr std::string_view kFingerprintLine = "{\"fingerprint\":";
  FileOutcome outcome;
  outcome.path = worker.path;
  outcome.sha256 = worker.sha256;
  std::vector<std::string> lines;
  bool fingerprints = false;
  std::istringstream in(answer);
  for (std::string line; std::getline(in, line);) {
    fingerprints = fingerprints || line.starts_with(kFingerprintLine);
    lines.push_back(std::move(line));
  }
  if (!fingerprints) form = RecordForm::kParsed;
  for (std::string& line : lines) {
    bool fingerprint_line = line.starts_with(kFingerprintLine);
    if (form == RecordForm::kJsonText && !fingerprint_line) {
      outcome.record_lines.push_back(std::move(line));
      continue;
    }
    auto json = nlohmann::ordered_json::parse(line, nullptr, false);
    if (json.is_discarded()) return Failed(worker, "worker_protocol", "unreadable output from the worker");
    if (json.contains("error")) {
      return Failed(worker, json["error"]["code"].get<std::string>(), json["error"]["message"].get<std::string>());
    }
    if (json.contains("fingerprint")) {
      Result<DocumentFingerprint> fp = FingerprintFromJson(json["fingerprint"]);
      if (!fp.ok()) return Failed(worker, "worker_protocol", "unreadable fingerprint from the worker");
      fp->file = worker.path;
      if (outcome.sha256.empty()) outcome.sha256 = fp->sha256;
      outcome.fingerprints.push_back(std::move(*fp));
      continue;
    }
    json["source"]["file"] = worker.path;
    if (outcome.sha256.empty() && json["source"]["sha256"].is_string()) outcome.sha256 = json["source"]["sha256"];
    outcome.records.push_back(std::move(json));
  }
  if (outcome.fingerprints.size() != outcome.records.size() + outcome.record_lines.size()) {
    return Failed(worker, "worker_protocol", "records and fingerprints from the worker do not pair up");
  }
  return outcome;
}

// Reaps a worker whose output ended; the reason its file failed.
FileOutcome Reap(ExtractWorker& worker) {
  close(worker.to_worker);
  close(worker.from_worker);
  int status = 0;
  while (waitpid(worker.pid, &status, 0) < 0 && errno == EINTR) {}
  worker.pid = -1;
  worker.busy = false;
  if (worker.timed_out) {
    return Failed(worker, "timeout", "no result within the time limit (" + Seconds(worker.timeout_seconds) + " s)");
  }
  if (WIFSIGNALED(status)) {
    std::string name = SignalName(WTERMSIG(status));
    return Failed(worker, "worker_crashed", "the parser died with " + name);
  }
  int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  if (code == kExitMemory) {
    return Failed(worker, "memory_limit_exceeded",
                  "the parser ran out of its memory limit (" + std::to_string(worker.max_memory_mb) + " MB)");
  }
  return Failed(worker, "worker_crashed", "the parser stopped without an answer (exit status " +
                                              std::to_string(code) + ")");
}

}  // namespace

void SetWorkerFaultHook(WorkerFaultHook hook) { FaultHook() = hook; }

Result<ExtractWorker> StartWorker(const Engine& engine, const IsolationLimits& limits) {
  signal(SIGPIPE, SIG_IGN);   // a dead worker is an EPIPE from Assign, not the end of the import
  int paths[2], answers[2];
  if (pipe2(paths, O_CLOEXEC) != 0) return Error{"fork_failed", std::strerror(errno), ""};
  if (pipe2(answers, O_CLOEXEC) != 0) {
    close(paths[0]);
    close(paths[1]);
    return Error{"fork_failed", std::strerror(errno), ""};
  }
  pid_t pid = fork();
  if (pid == 0) RunWorker(paths[0], answers[1], engine, limits);
  close(paths[0]);
  close(answers[1]);
  if (pid < 0) {
    close(paths[1]);
    close(answers[0]);
    return Error{"fork_failed", std::strerror(errno), ""};
  }
  ExtractWorker worker;
  worker.pid = pid;
  worker.to_worker = paths[1];
  worker.from_worker = answers[0];
  return worker;
}

bool Assign(ExtractWorker& worker, const std::string& path, const std::string& sha256,
            const IsolationLimits& limits) {
  std::string request = path + '\0';
  if (write(worker.to_worker, request.data(), request.size()) != static_cast<ssize_t>(request.size())) return false;
  worker.busy = true;
  worker.timed_out = false;
  worker.path = path;
  worker.sha256 = sha256;
  worker.output.clear();
  worker.timeout_seconds = limits.timeout_seconds;
  worker.max_memory_mb = limits.max_memory_mb;
  worker.deadline = DeadlineFromNow(limits.timeout_seconds);
  return true;
}

std::optional<FileOutcome> ReadSome(ExtractWorker& worker, const std::function<void()>& on_answer, RecordForm form) {
  char buffer[65536];
  ssize_t n = read(worker.from_worker, buffer, sizeof buffer);
  if (n < 0 && (errno == EINTR || errno == EAGAIN)) return std::nullopt;
  if (n <= 0) return Reap(worker);
  char* end = buffer + n;
  if (std::find(buffer, end, kProgress) != end) {
    end = std::remove(buffer, end, kProgress);
    worker.deadline = std::max(worker.deadline, DeadlineFromNow(worker.timeout_seconds));
  }
  worker.output.append(buffer, end);
  // The worker writes nothing after its end mark until it gets the next path.
  constexpr size_t kMark = sizeof kEndOfAnswer - 1;
  if (worker.output.size() < kMark || worker.output.compare(worker.output.size() - kMark, kMark, kEndOfAnswer) != 0) {
    return std::nullopt;
  }
  worker.output.resize(worker.output.size() - kMark);
  worker.busy = false;
  ++worker.files_done;
  // `on_answer` may hand the idle worker its next file (or replace it with a
  // new process), so the answer is decoded from a copy of what it was doing.
  ExtractWorker answered = worker;
  answered.output = std::move(worker.output);
  worker.output.clear();
  if (on_answer) on_answer();
  return Decode(answered, answered.output, form);
}

bool KillIfLate(ExtractWorker& worker, std::chrono::steady_clock::time_point now) {
  if (!worker.busy || worker.timed_out || now < worker.deadline) return false;
  kill(worker.pid, SIGKILL);
  worker.timed_out = true;
  return true;
}

void StopWorker(ExtractWorker& worker) {
  if (worker.pid < 0) return;
  if (worker.busy) kill(worker.pid, SIGKILL);
  close(worker.to_worker);
  close(worker.from_worker);
  while (waitpid(worker.pid, nullptr, 0) < 0 && errno == EINTR) {}
  worker.pid = -1;
  worker.busy = false;
}

FileOutcome ExtractIsolated(const std::string& path, const std::string& sha256, const Engine& engine,
                            const IsolationLimits& limits) {
  Result<ExtractWorker> started = StartWorker(engine, limits);
  if (!started.ok()) {
    FileOutcome failed;
    failed.path = path;
    failed.sha256 = sha256;
    failed.reason = started.error().code;
    failed.message = started.error().message;
    return failed;
  }
  ExtractWorker& worker = *started;
  std::optional<FileOutcome> outcome;
  if (!Assign(worker, path, sha256, limits)) {
    outcome = Reap(worker);
    return *outcome;
  }
  while (!outcome) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(worker.deadline -
                                                                      std::chrono::steady_clock::now());
    pollfd p{worker.from_worker, POLLIN, 0};
    int wait_ms = worker.timed_out ? -1 : static_cast<int>(std::max<int64_t>(left.count(), 0) + 1);
    if (poll(&p, 1, wait_ms) == 0) { KillIfLate(worker, std::chrono::steady_clock::now()); continue; }
    outcome = ReadSome(worker);
  }
  StopWorker(worker);
  return *outcome;
}

}  // namespace finsam
