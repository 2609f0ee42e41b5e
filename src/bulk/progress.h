// The ingest progress line on a terminal: done/total, docs/s, ETA, errors,
// redrawn at most a few times a second; silent when stderr is not a tty
// (logs and CI want only the error lines). Tested by progress_test.cc.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

namespace finsam {

struct ProgressCounts {
  size_t total = 0;      // files to look at
  size_t done = 0;       // looked at: stored, skipped or failed
  size_t skipped = 0;    // already stored (same content)
  size_t documents = 0;  // logical documents stored
  size_t errors = 0;
};

class Progress {
 public:
  explicit Progress(bool enabled);
  void Update(const ProgressCounts& counts, bool force = false);
  // Clears the line and prints the summary (when enabled).
  void Finish(const ProgressCounts& counts);

  // The texts, for tests.
  static std::string Line(const ProgressCounts& counts, double seconds);
  static std::string Summary(const ProgressCounts& counts, double seconds);

 private:
  bool enabled_;
  std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace finsam
