// Forked, limited extraction (see isolated_extract.h). Protocol: the parent
// writes a NUL-terminated path; the worker answers one JSON line per record,
// or one error record, then the line kEndOfAnswer. A worker that exits with
// kExitMemory ran out of its memory limit.
// Tested by isolated_extract_test.cc.
#include "bulk/isolated_extract.h"

#include <fcntl.h>
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

#include "emit/record_json.h"

namespace finsam {
namespace {

constexpr int kExitMemory = 70;
constexpr int kExitException = 71;
// JSON escapes control characters, so this line never occurs inside a record.
constexpr char kEndOfAnswer[] = "\x1e\n";

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

// Test hook: FINSAM_TEST_FAULT="SUBSTRING:KIND[,SUBSTRING:KIND…]" with KIND
// crash, hang or alloc makes the worker fail on a path containing SUBSTRING
// that way, so the tests exercise every failure path without shipping a
// hostile PDF for each.
void Fail(const std::string& kind) {
  if (kind == "crash") {
    signal(SIGSEGV, SIG_DFL);   // a plain segfault, also under ASan's handler
    raise(SIGSEGV);
  }
  if (kind == "hang") for (;;) pause();
  if (kind == "alloc") {
    std::vector<std::string> hog;
    for (;;) hog.emplace_back(64u << 20, 'x');
  }
}

void InjectFault(const std::string& path) {
  const char* spec = std::getenv("FINSAM_TEST_FAULT");
  std::istringstream faults(spec ? spec : "");
  for (std::string fault; std::getline(faults, fault, ',');) {
    size_t colon = fault.rfind(':');
    if (colon != std::string::npos && path.find(fault.substr(0, colon)) != std::string::npos) {
      Fail(fault.substr(colon + 1));
    }
  }
}

void LimitMemory(size_t max_memory_mb) {
  // ASan reserves terabytes of address space up front: RLIMIT_AS would fail every worker.
  if (max_memory_mb == 0 || kAddressSanitizer) return;
  rlim_t bytes = static_cast<rlim_t>(max_memory_mb) << 20;
  rlimit limit{bytes, bytes};
  setrlimit(RLIMIT_AS, &limit);
  std::set_new_handler([] { _exit(kExitMemory); });
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
  InjectFault(path);
  Result<std::vector<Record>> records = ExtractFile(path, engine);
  std::string out;
  if (records.ok()) {
    for (const Record& r : *records) out += RecordToJson(r).dump() + "\n";
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

[[noreturn]] void RunWorker(int in, int out, const Engine& engine, const IsolationLimits& limits) {
  prctl(PR_SET_PDEATHSIG, SIGKILL);   // a killed import takes its workers with it
  KeepOnlyOwnPipes(in, out);
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

std::string SignalName(int sig) {
  const char* abbrev = sigabbrev_np(sig);
  return abbrev ? std::string("SIG") + abbrev : "signal " + std::to_string(sig);
}

FileOutcome Failed(const ExtractWorker& worker, std::string reason, std::string message) {
  FileOutcome outcome;
  outcome.path = worker.path;
  outcome.sha256 = worker.sha256;
  outcome.reason = std::move(reason);
  outcome.message = std::move(message);
  return outcome;
}

// The worker's JSON Lines: records, or one error record.
FileOutcome Decode(const ExtractWorker& worker, const std::string& answer) {
  FileOutcome outcome;
  outcome.path = worker.path;
  outcome.sha256 = worker.sha256;
  std::istringstream lines(answer);
  for (std::string line; std::getline(lines, line);) {
    auto json = nlohmann::ordered_json::parse(line, nullptr, false);
    if (json.is_discarded()) return Failed(worker, "worker_protocol", "unreadable output from the worker");
    if (json.contains("error")) {
      return Failed(worker, json["error"]["code"].get<std::string>(), json["error"]["message"].get<std::string>());
    }
    json["source"]["file"] = worker.path;
    outcome.records.push_back(std::move(json));
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
  if (worker.timed_out) return Failed(worker, "timeout", "no result within the time limit");
  if (WIFSIGNALED(status)) {
    std::string name = SignalName(WTERMSIG(status));
    return Failed(worker, "crashed: " + name, "the parser died with " + name);
  }
  int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  if (code == kExitMemory) return Failed(worker, "memory_limit_exceeded", "the parser ran out of its memory limit");
  return Failed(worker, "crashed: exit " + std::to_string(code), "the parser stopped without an answer");
}

}  // namespace

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
  worker.deadline = std::chrono::steady_clock::now() +
                    std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                        std::chrono::duration<double>(limits.timeout_seconds));
  return true;
}

std::optional<FileOutcome> ReadSome(ExtractWorker& worker) {
  char buffer[65536];
  ssize_t n = read(worker.from_worker, buffer, sizeof buffer);
  if (n < 0 && (errno == EINTR || errno == EAGAIN)) return std::nullopt;
  if (n <= 0) return Reap(worker);
  worker.output.append(buffer, static_cast<size_t>(n));
  // The worker writes nothing after its end mark until it gets the next path.
  constexpr size_t kMark = sizeof kEndOfAnswer - 1;
  if (worker.output.size() < kMark || worker.output.compare(worker.output.size() - kMark, kMark, kEndOfAnswer) != 0) {
    return std::nullopt;
  }
  worker.output.resize(worker.output.size() - kMark);
  worker.busy = false;
  ++worker.files_done;
  FileOutcome outcome = Decode(worker, worker.output);
  worker.output.clear();
  return outcome;
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
  if (!started.ok()) return FileOutcome{path, sha256, {}, started.error().code, started.error().message};
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
