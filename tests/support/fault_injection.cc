// The worker fault hook for tests (SetWorkerFaultHook, bulk/isolated_extract.h):
// FINSAM_TEST_FAULT="SUBSTRING:KIND[,SUBSTRING:KIND…]" with KIND crash, hang,
// alloc (C++ allocation) or malloc_abort (C allocation, then abort()) makes a worker process fail that way on a path containing
// SUBSTRING, so the tests exercise every failure path in a real process
// without shipping a hostile PDF for each. KIND slow_scan is no failure: a
// scan of six pages at 0.4 s each (OCR page reports, no OCR), then the file
// is read as usual. Linked only into the test
// binaries (finsam_tests and finsam-extract-faults), never into the shipped
// finsam-extract. Used by isolated_extract_test.cc, tests/cli_test.cc and
// tests/ingest_test.cc.
#include <signal.h>
#include <unistd.h>

#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

#include "bulk/isolated_extract.h"
#include "ingest/ocr.h"

namespace finsam {
namespace {

void Fail(const std::string& kind) {
  if (kind == "crash") {
    signal(SIGSEGV, SIG_DFL);   // a plain segfault, also under ASan's handler
    raise(SIGSEGV);
  }
  if (kind == "hang") for (;;) pause();
  if (kind == "slow_scan") {
    for (int page = 0; page < 6; ++page) {
      usleep(400 * 1000);
      ReportOcrPage();
    }
  }
  if (kind == "alloc") {
    std::vector<std::string> hog;
    for (;;) hog.emplace_back(64u << 20, 'x');
  }
  if (kind == "malloc_abort") {   // as Poppler's gmalloc: abort() when malloc fails
    for (;;) {
      void* volatile block = std::malloc(64u << 20);   // volatile: not optimized away
      if (block == nullptr) std::abort();
    }
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

[[maybe_unused]] const bool kInstalled = [] {
  SetWorkerFaultHook(&InjectFault);
  return true;
}();

}  // namespace
}  // namespace finsam
