// Tests for the worker pool: outcomes come back with their tags and
// fingerprints, a worker that crashes or hangs (made to by the test fault
// hook, tests/support/fault_injection.cc) costs one outcome and the pool
// goes on with a fresh worker.
#include "bulk/worker_pool.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>

namespace finsam {
namespace {

class WorkerPoolTest : public ::testing::Test {
 protected:
  void SetUp() override {
    setenv("FINSAM_GRAMMARS", FINSAM_SOURCE_DIR "/grammars", 0);
    auto engine = Engine::Load({});
    ASSERT_TRUE(engine.ok()) << engine.error().ToString();
    engine_ = std::move(engine.value());
    dir_ = std::filesystem::path(::testing::TempDir()) / ("worker_pool_" + std::to_string(getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override {
    unsetenv("FINSAM_TEST_FAULT");
    std::filesystem::remove_all(dir_);
  }

  std::string Write(const std::string& name, const std::string& text) {
    std::string path = (dir_ / name).string();
    std::ofstream(path) << text;
    return path;
  }

  // Runs `files` through a pool of `jobs`; the outcomes by tag (= index).
  // With `feed`, a worker gets its next file as it answers (as `extract`
  // does). Each file must come back exactly once.
  std::map<size_t, FileOutcome> RunAll(const std::vector<std::string>& files, int jobs, IsolationLimits limits,
                                       bool feed = false, RecordForm form = RecordForm::kParsed) {
    WorkerPool pool(*engine_, limits, jobs, form);
    std::map<size_t, FileOutcome> outcomes;
    size_t next = 0;
    WorkerPool::Feed next_file = [&]() -> std::optional<WorkerPool::Job> {
      if (next >= files.size()) return std::nullopt;
      ++next;
      return WorkerPool::Job{files[next - 1], "", next - 1};
    };
    while (next < files.size() || pool.AnyBusy()) {
      for (; next < files.size() && pool.HasIdle(); ++next) EXPECT_TRUE(pool.Submit(files[next], "", next).ok());
      for (WorkerPool::Finished& f : pool.Collect(200, feed ? next_file : WorkerPool::Feed{})) {
        EXPECT_EQ(outcomes.count(f.tag), 0u) << "file " << f.tag << " came back twice";
        outcomes[f.tag] = std::move(f.outcome);
      }
    }
    return outcomes;
  }

  std::unique_ptr<Engine> engine_;
  std::filesystem::path dir_;
};

TEST_F(WorkerPoolTest, EveryFileComesBackWithItsTagRecordsAndFingerprints) {
  std::vector<std::string> files;
  for (int i = 0; i < 5; ++i) {
    files.push_back(Write("ansokan" + std::to_string(i) + ".txt",
                          "## Ansökan om samverkansmedel\n\nInsatsens namn: Insats " + std::to_string(i) + "\n"));
  }
  std::map<size_t, FileOutcome> outcomes = RunAll(files, 2, IsolationLimits{});
  ASSERT_EQ(outcomes.size(), files.size());
  for (size_t i = 0; i < files.size(); ++i) {
    ASSERT_FALSE(outcomes[i].failed()) << outcomes[i].reason;
    ASSERT_EQ(outcomes[i].records.size(), 1u);
    EXPECT_EQ(outcomes[i].path, files[i]);
    EXPECT_EQ(outcomes[i].records[0]["title"], "Insats " + std::to_string(i));
    ASSERT_EQ(outcomes[i].fingerprints.size(), 1u);
    EXPECT_EQ(outcomes[i].fingerprints[0].file, files[i]);
    EXPECT_EQ(outcomes[i].fingerprints[0].document_type, "ansokan");
    EXPECT_EQ(outcomes[i].sha256, outcomes[i].records[0]["source"]["sha256"]);
  }
}

TEST_F(WorkerPoolTest, FedWorkersAnswerForTheirOwnFileAcrossReplacements) {
  std::vector<std::string> files;
  for (int i = 0; i < 7; ++i) {
    files.push_back(Write("fed" + std::to_string(i) + ".txt",
                          "## Ansökan om samverkansmedel\n\nInsatsens namn: Insats " + std::to_string(i) + "\n"));
  }
  IsolationLimits limits;
  limits.files_per_worker = 2;   // a worker is replaced while its last answer waits to be decoded
  for (int jobs : {1, 2}) {
    SCOPED_TRACE(jobs);
    std::map<size_t, FileOutcome> outcomes = RunAll(files, jobs, limits, true);
    ASSERT_EQ(outcomes.size(), files.size());
    for (size_t i = 0; i < files.size(); ++i) {
      ASSERT_FALSE(outcomes[i].failed()) << outcomes[i].reason;
      EXPECT_EQ(outcomes[i].path, files[i]);
      ASSERT_EQ(outcomes[i].records.size(), 1u);
      EXPECT_EQ(outcomes[i].records[0]["title"], "Insats " + std::to_string(i));
      EXPECT_EQ(outcomes[i].records[0]["source"]["file"], files[i]);
    }
  }
}

// Records asked for as JSON text are the parsed records' text, each with
// its fingerprint; an error answer still comes back as an error.
TEST_F(WorkerPoolTest, RecordsAsJsonTextAreTheParsedRecordsText) {
  std::vector<std::string> files = {
      Write("two.txt", "## Ansökan om samverkansmedel\n\nInsatsens namn: Första\n\n" + std::string(40, '-') +
                           "\n\n## Ansökan om samverkansmedel\n\nInsatsens namn: Andra\n"),
      Write("empty.pdf", "")};
  std::map<size_t, FileOutcome> parsed = RunAll(files, 1, IsolationLimits{});
  std::map<size_t, FileOutcome> text = RunAll(files, 1, IsolationLimits{}, false, RecordForm::kJsonText);
  ASSERT_EQ(text.size(), 2u);
  ASSERT_FALSE(text[0].failed()) << text[0].reason;
  EXPECT_TRUE(text[0].records.empty());
  ASSERT_EQ(text[0].record_lines.size(), parsed[0].records.size());
  ASSERT_GE(text[0].record_lines.size(), 1u);
  for (size_t i = 0; i < text[0].record_lines.size(); ++i) {
    EXPECT_EQ(text[0].record_lines[i], parsed[0].records[i].dump());
  }
  EXPECT_EQ(text[0].fingerprints.size(), text[0].record_lines.size());
  EXPECT_EQ(text[0].sha256, parsed[0].sha256);
  EXPECT_FALSE(text[0].sha256.empty());
  EXPECT_EQ(text[1].reason, parsed[1].reason);
  EXPECT_TRUE(text[1].failed());
  EXPECT_TRUE(text[1].record_lines.empty());
}

class WorkerPoolFaultTest : public WorkerPoolTest, public ::testing::WithParamInterface<bool> {};

TEST_P(WorkerPoolFaultTest, CrashAndHangCostOneFileEach) {
  setenv("FINSAM_TEST_FAULT", "zz_crash:crash,zz_hang:hang", 1);
  std::string text = "## Ansökan om samverkansmedel\n\nInsatsens namn: Vägen vidare\n";
  std::vector<std::string> files = {Write("a.txt", text), Write("zz_crash.txt", text), Write("zz_hang.txt", text),
                                    Write("b.txt", text)};
  IsolationLimits limits;
  limits.timeout_seconds = 0.5;
  std::map<size_t, FileOutcome> outcomes = RunAll(files, 1, limits, GetParam());
  ASSERT_EQ(outcomes.size(), 4u);
  EXPECT_FALSE(outcomes[0].failed());
  EXPECT_EQ(outcomes[1].reason, "worker_crashed");
  EXPECT_EQ(outcomes[1].message, "the parser died with SIGSEGV");
  EXPECT_EQ(outcomes[2].reason, "timeout");
  EXPECT_EQ(outcomes[2].message, "no result within the time limit (0.5 s)");
  EXPECT_FALSE(outcomes[3].failed()) << outcomes[3].reason;
  EXPECT_EQ(outcomes[3].records.size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(SubmittedOrFed, WorkerPoolFaultTest, ::testing::Bool());

}  // namespace
}  // namespace finsam
