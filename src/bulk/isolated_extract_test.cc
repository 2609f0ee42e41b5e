#include "bulk/isolated_extract.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace finsam {
namespace {

class IsolatedExtractTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // ctest sets FINSAM_GRAMMARS; a direct run uses the source tree's grammars.
    setenv("FINSAM_GRAMMARS", FINSAM_SOURCE_DIR "/grammars", 0);
    auto engine = Engine::Load({});
    ASSERT_TRUE(engine.ok()) << engine.error().ToString();
    engine_ = std::move(engine.value());
    std::string name = "isolated_extract_ansokan_" + std::to_string(getpid()) + ".txt";
    path_ = (std::filesystem::path(::testing::TempDir()) / name).string();
    std::ofstream(path_) << "## Ansökan om samverkansmedel\n\nInsatsens namn: Vägen vidare\n";
  }
  void TearDown() override {
    unsetenv("FINSAM_TEST_FAULT");
    std::filesystem::remove(path_);
  }

  std::unique_ptr<Engine> engine_;
  std::string path_;
};

TEST_F(IsolatedExtractTest, RecordsComeBackFromTheChildAsJson) {
  FileOutcome outcome = ExtractIsolated(path_, "abc", *engine_, IsolationLimits{});
  ASSERT_FALSE(outcome.failed()) << outcome.reason;
  ASSERT_EQ(outcome.records.size(), 1u);
  EXPECT_EQ(outcome.records[0]["title"], "Vägen vidare");
  EXPECT_EQ(outcome.records[0]["source"]["file"], path_);
  EXPECT_EQ(outcome.sha256, "abc");
}

TEST_F(IsolatedExtractTest, IngestErrorsKeepTheirCode) {
  FileOutcome outcome = ExtractIsolated(path_ + ".missing", "", *engine_, IsolationLimits{});
  EXPECT_EQ(outcome.reason, "file_not_found");
  EXPECT_TRUE(outcome.records.empty());
}

TEST_F(IsolatedExtractTest, CrashAndHangBecomeReasons) {
  // The fault hook of tests/support/fault_injection.cc, linked into the tests.
  setenv("FINSAM_TEST_FAULT", "isolated_extract_ansokan:crash", 1);
  FileOutcome crashed = ExtractIsolated(path_, "", *engine_, IsolationLimits{});
  EXPECT_EQ(crashed.reason, "worker_crashed");
  EXPECT_EQ(crashed.message, "the parser died with SIGSEGV");
  setenv("FINSAM_TEST_FAULT", "isolated_extract_ansokan:hang", 1);
  IsolationLimits limits;
  limits.timeout_seconds = 0.3;
  EXPECT_EQ(ExtractIsolated(path_, "", *engine_, limits).reason, "timeout");
}

// A long scan is not a hang: each page OCR reads gives the file its time
// again. Six pages of 0.4 s under a 1 s limit finish; the same 2.4 s with
// no page read (hang) would not.
TEST_F(IsolatedExtractTest, EachPageReadByOcrRenewsTheTimeLimit) {
  setenv("FINSAM_TEST_FAULT", "isolated_extract_ansokan:slow_scan", 1);
  IsolationLimits limits;
  limits.timeout_seconds = 1.0;
  FileOutcome outcome = ExtractIsolated(path_, "", *engine_, limits);
  ASSERT_FALSE(outcome.failed()) << outcome.reason << ": " << outcome.message;
  ASSERT_EQ(outcome.records.size(), 1u);
  EXPECT_EQ(outcome.records[0]["title"], "Vägen vidare");
}

TEST_F(IsolatedExtractTest, RunningOutOfTheMemoryLimitIsMemoryLimitExceeded) {
#if defined(__SANITIZE_ADDRESS__)
  GTEST_SKIP() << "RLIMIT_AS is not applied under AddressSanitizer";
#endif
  IsolationLimits limits;
  limits.max_memory_mb = 512;
  // A C++ allocation that throws, and a C library that aborts when malloc
  // fails (Poppler's gmalloc): both are the memory limit, not a crash.
  for (const char* fault : {"isolated_extract_ansokan:alloc", "isolated_extract_ansokan:malloc_abort"}) {
    setenv("FINSAM_TEST_FAULT", fault, 1);
    FileOutcome outcome = ExtractIsolated(path_, "", *engine_, limits);
    EXPECT_EQ(outcome.reason, "memory_limit_exceeded") << fault << ": " << outcome.message;
    EXPECT_EQ(outcome.message, "the parser ran out of its memory limit (512 MB)");
  }
}

}  // namespace
}  // namespace finsam
