// The ingest progress line and summary (see progress.h). Tested by
// progress_test.cc.
#include "bulk/progress.h"

#include <cstdio>

namespace finsam {
namespace {

std::string Duration(double seconds) {
  long s = static_cast<long>(seconds + 0.5);
  char buffer[32];
  if (s >= 3600) {
    std::snprintf(buffer, sizeof buffer, "%ldh%02ldm", s / 3600, s / 60 % 60);
  } else if (s >= 60) {
    std::snprintf(buffer, sizeof buffer, "%ldm%02lds", s / 60, s % 60);
  } else {
    std::snprintf(buffer, sizeof buffer, "%lds", s);
  }
  return buffer;
}

double Rate(size_t n, double seconds) { return seconds > 0 ? n / seconds : 0; }

}  // namespace

Progress::Progress(bool enabled) : enabled_(enabled), start_(std::chrono::steady_clock::now()), last_() {}

std::string Progress::Line(const ProgressCounts& c, double seconds) {
  double rate = Rate(c.done, seconds);
  std::string eta = rate > 0 && c.total >= c.done ? Duration((c.total - c.done) / rate) : "?";
  char buffer[160];
  std::snprintf(buffer, sizeof buffer, "%zu/%zu files  %.1f files/s  ETA %s  %zu errors", c.done, c.total, rate,
                eta.c_str(), c.errors);
  return buffer;
}

std::string Progress::Summary(const ProgressCounts& c, double seconds) {
  char buffer[200];
  std::snprintf(buffer, sizeof buffer,
                "%zu files in %s: %zu documents stored, %zu files already stored, %zu errors (%.1f files/s)",
                c.done, Duration(seconds).c_str(), c.documents, c.skipped, c.errors, Rate(c.done, seconds));
  return buffer;
}

void Progress::Update(const ProgressCounts& counts, bool force) {
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  if (!force && now - last_ < std::chrono::milliseconds(200)) return;
  last_ = now;
  double seconds = std::chrono::duration<double>(now - start_).count();
  std::fprintf(stderr, "\r\033[K%s", Line(counts, seconds).c_str());
  std::fflush(stderr);
}

void Progress::Finish(const ProgressCounts& counts) {
  if (!enabled_) return;
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  std::fprintf(stderr, "\r\033[K%s\n", Summary(counts, seconds).c_str());
}

}  // namespace finsam
