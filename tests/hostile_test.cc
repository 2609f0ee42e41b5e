// End-to-end test of the hostile-input corpus (corpus/hostile, issue 7):
// `extract` gives each file, within 30 s and 1 GiB of address space, its
// records or one error record with the code corpus/hostile/expected.tsv
// names (exit status 1), never a signal; `ingest` of the hostile files beside
// the normal corpus stores every normal document and one error row per
// hostile file. The big files are written at test time into the build
// directory by tools/make_hostile_corpus.py.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cctype>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/files.h"

namespace finsam {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const fs::path kHostileDir = FINSAM_SOURCE_DIR "/corpus/hostile";
// Issue 7: an outcome within 30 s and 1 GiB. Under ASan (a Debug build,
// several times slower, OCR included) the clock gets twice as long, and no
// address-space cap is set: ASan reserves terabytes of shadow memory.
constexpr double kSecondsPerFile = kAddressSanitizer ? 60 : 30;
constexpr rlim_t kAddressSpace = rlim_t{1} << 30;
// --timeout for the files that would keep Poppler busy for minutes.
constexpr int kWorkerTimeout = kAddressSanitizer ? 25 : 15;

// One row of expected.tsv.
struct Expectation {
  std::string file, outcome, period, finding, why;
};

// Names the row in test output (gtest would print its bytes).
void PrintTo(const Expectation& e, std::ostream* os) { *os << e.file << " -> " << e.outcome; }

std::vector<Expectation> LoadExpectations() {
  std::vector<Expectation> rows;
  std::ifstream in(kHostileDir / "expected.tsv");
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cells;
    std::istringstream fields(line);
    for (std::string cell; std::getline(fields, cell, '\t');) cells.push_back(cell);
    if (cells.size() != 5) { ADD_FAILURE() << "expected.tsv: 5 columns wanted in: " << line; continue; }
    rows.push_back({cells[0], cells[1], cells[2], cells[3], cells[4]});
  }
  return rows;
}

// The files too big to commit, made once per build directory.
fs::path BigDir() {
  static const fs::path dir = [] {
    fs::path out = fs::path(FINSAM_BINARY).parent_path() / "hostile_big";
    std::string command = "python3 '" FINSAM_SOURCE_DIR "/tools/make_hostile_corpus.py' big '" + out.string() +
                          "' >/dev/null";
    EXPECT_EQ(std::system(command.c_str()), 0) << command;
    return out;
  }();
  return dir;
}

fs::path PathOf(const Expectation& e) {
  return fs::exists(kHostileDir / e.file) ? kHostileDir / e.file : BigDir() / e.file;
}

struct RunResult {
  int exit_code = -1;   // -1 when killed by a signal or by the wall-clock limit
  int signal = 0;
  bool late = false;
  std::string out, err;
};

// Runs the binary with `args` in `cwd`, stdout and stderr into `dir`, under
// RLIMIT_AS (none under ASan, which reserves terabytes of shadow memory)
// and a wall-clock limit past which it is killed.
RunResult RunBinary(const std::vector<std::string>& args, const fs::path& dir, double seconds,
              const fs::path& cwd = fs::current_path()) {
  fs::path out = dir / "stdout", err = dir / "stderr";
  std::vector<char*> argv;
  std::string binary = FINSAM_BINARY;
  argv.push_back(binary.data());
  std::vector<std::string> copies = args;
  for (std::string& a : copies) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = fork();
  if (pid == 0) {
    if (!kAddressSanitizer) {
      rlimit limit{kAddressSpace, kAddressSpace};
      setrlimit(RLIMIT_AS, &limit);
    }
    int o = open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int e = open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (o < 0 || e < 0 || chdir(cwd.c_str()) != 0) _exit(126);
    dup2(o, 1);
    dup2(e, 2);
    setenv("FINSAM_GRAMMARS", FINSAM_SOURCE_DIR "/grammars", 1);
    execv(argv[0], argv.data());
    _exit(127);
  }
  RunResult run;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  int status = 0;
  while (waitpid(pid, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      run.late = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  if (!run.late && WIFEXITED(status)) run.exit_code = WEXITSTATUS(status);
  if (!run.late && WIFSIGNALED(status)) run.signal = WTERMSIG(status);
  run.out = ReadAll(out);
  run.err = ReadAll(err);
  return run;
}

std::vector<json> JsonLines(const std::string& text) {
  std::vector<json> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(json::parse(line, nullptr, false));
  return lines;
}

// "error CODE" when a record is an error record, else "records N".
std::string OutcomeOf(const std::vector<json>& records) {
  for (const json& r : records) {
    if (r.is_discarded()) return "invalid JSON";
    if (r.contains("error")) return "error " + r["error"].value("code", std::string("?"));
  }
  return "records " + std::to_string(records.size());
}

class HostileFileTest : public ::testing::TestWithParam<Expectation> {
 protected:
  void SetUp() override { dir_ = FreshTestDir("finsam_hostile_"); }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_P(HostileFileTest, ExtractGivesItsRecordsOrOneErrorRecord) {
  const Expectation& e = GetParam();
  fs::path path = PathOf(e);
  ASSERT_TRUE(fs::exists(path)) << path;
  std::vector<std::string> args = {"--timeout", std::to_string(kWorkerTimeout), "--max-memory-mb",
                                   std::to_string(kAddressSpace >> 20), "extract", "--", path.string()};
  RunResult run = RunBinary(args, dir_, kSecondsPerFile);
  ASSERT_FALSE(run.late) << e.file << ": no outcome within " << kSecondsPerFile << " s";
  ASSERT_EQ(run.signal, 0) << e.file << " killed by signal " << run.signal << "\n" << run.err;
  std::vector<json> records = JsonLines(run.out);
  std::string got = OutcomeOf(records);
  ASSERT_EQ(got, e.outcome) << e.file << "\n" << run.err;
  if (e.outcome.rfind("error ", 0) == 0) {
    EXPECT_EQ(run.exit_code, 1);
    EXPECT_EQ(records.size(), 1u);
    EXPECT_EQ(records[0]["source"]["file"], path.string());
    EXPECT_NE(run.err.find(path.string()), std::string::npos) << "stderr names the file: " << run.err;
    return;
  }
  EXPECT_EQ(run.exit_code, 0) << run.err;
  if (e.period != "-") {
    EXPECT_EQ(records[0]["period"]["start"], e.period) << run.out;
  }
  if (e.finding != "-") {
    std::vector<std::string> codes;
    for (const json& finding : records[0]["audit"]) codes.push_back(finding.value("code", ""));
    EXPECT_THAT(codes, ::testing::Contains(e.finding)) << run.out;
  }
}

std::string FileName(const ::testing::TestParamInfo<Expectation>& info) {
  std::string name;
  for (unsigned char c : info.param.file) name += std::isalnum(c) ? static_cast<char>(c) : '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Hostile, HostileFileTest, ::testing::ValuesIn(LoadExpectations()), FileName);

// A name with a leading dash is a file after `--` or as ./NAME; bare, it is a
// usage error (exit 2, no output), never an option taken silently. Directory
// walking hands it on as DIR/NAME, which cannot be read as an option.
TEST(HostileNamesTest, LeadingDashNameIsAFileAfterDoubleDashOrDotSlashAndWhenWalked) {
  fs::path dir = FreshTestDir("finsam_hostile_");
  const std::string name = "-ansökan å ä ö.txt";
  for (const std::vector<std::string>& args : {std::vector<std::string>{"extract", "--", name},
                                               std::vector<std::string>{"extract", "./" + name}}) {
    RunResult run = RunBinary(args, dir, kSecondsPerFile, kHostileDir);
    EXPECT_EQ(run.exit_code, 0) << args[1] << "\n" << run.err;
    std::vector<json> records = JsonLines(run.out);
    ASSERT_EQ(records.size(), 1u) << run.out;
    EXPECT_EQ(records[0]["period"]["start"], "2025-01-01");
  }
  RunResult bare = RunBinary({"extract", name}, dir, kSecondsPerFile, kHostileDir);
  EXPECT_EQ(bare.exit_code, 2);
  EXPECT_EQ(bare.out, "");

  fs::create_directories(dir / "walk");
  fs::copy_file(kHostileDir / name, dir / "walk" / name);
  RunResult walked = RunBinary({"extract", (dir / "walk").string()}, dir, kSecondsPerFile);
  EXPECT_EQ(walked.exit_code, 0) << walked.err;
  std::vector<json> records = JsonLines(walked.out);
  ASSERT_EQ(records.size(), 1u) << walked.out;
  EXPECT_EQ(records[0]["source"]["file"], (dir / "walk" / name).string());
  fs::remove_all(dir);
}

// Rows of a query on the SQLite file, each column as text.
std::vector<std::vector<std::string>> Query(const fs::path& db, const std::string& sql) {
  std::vector<std::vector<std::string>> rows;
  sqlite3* handle = nullptr;
  if (sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    ADD_FAILURE() << "cannot open " << db;
    sqlite3_close(handle);
    return rows;
  }
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(handle, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) ADD_FAILURE() << sql;
  while (stmt && sqlite3_step(stmt) == SQLITE_ROW) {
    std::vector<std::string> row;
    for (int i = 0; i < sqlite3_column_count(stmt); ++i) {
      const unsigned char* text = sqlite3_column_text(stmt, i);
      row.push_back(text ? reinterpret_cast<const char*>(text) : "NULL");
    }
    rows.push_back(row);
  }
  sqlite3_finalize(stmt);
  sqlite3_close(handle);
  return rows;
}

// Copies every normal corpus input into `in` as CASE.txt / CASE.pdf; returns
// each copy's expected number of records (lines of expected.jsonl).
std::map<std::string, long> CopyNormalCorpus(const fs::path& in) {
  std::map<std::string, long> expected;
  for (const auto& entry : fs::directory_iterator(FINSAM_SOURCE_DIR "/corpus")) {
    if (!fs::exists(entry.path() / "expected.jsonl")) continue;
    std::string text = ReadAll(entry.path() / "expected.jsonl");
    long records = 0;
    for (const json& line : JsonLines(text)) records += line.is_object() ? 1 : 0;
    for (const char* ext : {".txt", ".pdf"}) {
      fs::path source = entry.path() / ("input" + std::string(ext));
      if (!fs::exists(source)) continue;
      fs::path copy = in / (entry.path().filename().string() + ext);
      fs::copy_file(source, copy);
      expected[copy.string()] = records;
    }
  }
  return expected;
}

TEST(HostileIngestTest, StoresEveryNormalDocumentAndOneErrorRowPerHostileFile) {
  fs::path dir = FreshTestDir("finsam_hostile_");
  fs::create_directories(dir / "in" / "hostile");
  std::map<std::string, long> normal = CopyNormalCorpus(dir / "in");
  ASSERT_GE(normal.size(), 60u);
  std::vector<Expectation> hostile = LoadExpectations();
  for (const Expectation& e : hostile) fs::copy_file(PathOf(e), dir / "in" / "hostile" / e.file);
  fs::path db = dir / "finsam.db";
  std::string timeout = std::to_string(kWorkerTimeout);
  RunResult run = RunBinary({"ingest", "--db", db.string(), "--jobs", "2", "--timeout", timeout, "--max-memory-mb",
                       "1024", (dir / "in").string()},
                      dir, 600);
  ASSERT_FALSE(run.late);
  ASSERT_EQ(run.signal, 0) << run.err;
  EXPECT_EQ(run.exit_code, 1) << run.err;

  std::map<std::string, long> documents;
  for (const auto& row : Query(db, "SELECT path, count(*) FROM documents GROUP BY path")) {
    documents[row[0]] = std::stol(row[1]);
  }
  std::map<std::string, std::string> errors;
  for (const auto& row : Query(db, "SELECT path, reason FROM errors")) errors[row[0]] = row[1];
  for (const auto& [path, records] : normal) {
    EXPECT_EQ(documents[path], records) << path;
    EXPECT_EQ(errors.count(path), 0u) << path << ": " << errors[path];
  }
  for (const Expectation& e : hostile) {
    std::string path = (dir / "in" / "hostile" / e.file).string();
    std::string got = errors.count(path) ? "error " + errors[path] : "records " + std::to_string(documents[path]);
    EXPECT_EQ(got, e.outcome) << e.file;
    if (e.outcome.rfind("error ", 0) == 0) {
      EXPECT_EQ(documents[path], 0) << e.file;
      EXPECT_NE(run.err.find(path), std::string::npos) << "stderr names " << e.file;
    }
  }
  // What the import said, to tell a run that stopped early from one that
  // stored the wrong thing (its exit status is 1 either way).
  if (HasFailure()) ADD_FAILURE() << "ingest's stderr, last 2000 bytes:\n" << run.err.substr(run.err.size() > 2000 ? run.err.size() - 2000 : 0);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace finsam
