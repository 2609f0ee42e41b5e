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
  setenv("FINSAM_TEST_FAULT", "isolated_extract_ansokan:crash", 1);
  EXPECT_EQ(ExtractIsolated(path_, "", *engine_, IsolationLimits{}).reason, "crashed: SIGSEGV");
  setenv("FINSAM_TEST_FAULT", "isolated_extract_ansokan:hang", 1);
  IsolationLimits limits;
  limits.timeout_seconds = 0.3;
  EXPECT_EQ(ExtractIsolated(path_, "", *engine_, limits).reason, "timeout");
}

}  // namespace
}  // namespace finsam
