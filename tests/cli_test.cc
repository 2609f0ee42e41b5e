// End-to-end tests of the finsam-extract binary: exit codes, stdout JSON Lines, stderr messages.
#include <gtest/gtest.h>

#include "support/files.h"
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <re2/re2.h>

namespace finsam {
namespace {

using nlohmann::json;

const char kGoodApplication[] =
    "## Ansökan om samverkansmedel\n"
    "\n"
    "Insatsens namn: Vägen vidare\n"
    "Insatsägare: Mora kommun\n"
    "Insatsperiod: 2025-01-01 till 2026-12-31\n"
    "\f"
    "Underskrift av insatsägaren\n"
    "Namnförtydligande: Petra Lindqvist\n"
    "Ort och datum: Mora 2024-11-05\n";

struct RunResult {
  int exit_code = -1;
  std::string out, err;
  std::vector<std::string> OutLines() const { return Split(out); }
  std::vector<std::string> ErrLines() const { return Split(err); }
  static std::vector<std::string> Split(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
  }
};

std::string Quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = FreshTestDir("finsam_cli_");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& text) {
    std::filesystem::path path = dir_ / name;
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
    return path.string();
  }

  // Runs the binary with `args` (already shell-quoted where needed).
  RunResult Run(const std::string& args) { return RunBinary(FINSAM_BINARY, args); }

  // The same binary with the worker fault hook (tests/support/fault_injection.cc),
  // FINSAM_TEST_FAULT set to `faults`.
  RunResult RunWithFaults(const std::string& faults, const std::string& args) {
    return RunBinary(FINSAM_FAULT_BINARY, args, "FINSAM_TEST_FAULT=" + Quote(faults) + " ");
  }

  RunResult RunBinary(const std::string& binary, const std::string& args, const std::string& env = "") {
    std::string out = (dir_ / "stdout").string(), err = (dir_ / "stderr").string();
    std::string command = env + "FINSAM_GRAMMARS=" + Quote(FINSAM_SOURCE_DIR "/grammars") + " " + Quote(binary) +
                          " " + args + " >" + Quote(out) + " 2>" + Quote(err);
    int status = std::system(command.c_str());
    RunResult result;
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    result.out = ReadAll(out);
    result.err = ReadAll(err);
    return result;
  }

  std::filesystem::path dir_;
};

TEST_F(CliTest, VersionFlag) {
  RunResult r = Run("--version");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out.rfind("finsam-extract ", 0), 0u) << r.out;
  EXPECT_NE(r.out.find(FINSAM_VERSION), std::string::npos) << r.out;
}

TEST_F(CliTest, ExtractPrintsOneJsonLinePerDocument) {
  std::string file = Write("ansokan.txt", kGoodApplication);
  RunResult r = Run("extract " + Quote(file));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  std::vector<std::string> lines = r.OutLines();
  ASSERT_EQ(lines.size(), 1u) << r.out;
  json record = json::parse(lines[0]);
  EXPECT_EQ(record["schema"], "finsam-record/1");
  EXPECT_EQ(record["source"]["file"], file);
  EXPECT_EQ(record["source"]["format"], "text");
  EXPECT_EQ(record["document_type"], "ansokan");
  EXPECT_EQ(record["title"], "Vägen vidare");
  EXPECT_EQ(record["period"]["start"], "2025-01-01");
  EXPECT_FALSE(record.contains("error"));
}

TEST_F(CliTest, MissingFileFailsButGoodFilesAreStillExtracted) {
  std::string missing = (dir_ / "saknas.pdf").string();
  std::string good = Write("ansokan.txt", kGoodApplication);
  RunResult r = Run("extract " + Quote(missing) + " " + Quote(good));
  EXPECT_EQ(r.exit_code, 1);
  std::vector<std::string> errors = r.ErrLines();
  ASSERT_EQ(errors.size(), 1u) << r.err;
  EXPECT_NE(errors[0].find(missing), std::string::npos) << errors[0];
  EXPECT_NE(errors[0].find("file_not_found"), std::string::npos) << errors[0];

  std::vector<std::string> lines = r.OutLines();
  ASSERT_EQ(lines.size(), 2u) << r.out;
  json error = json::parse(lines[0]);   // in the order the files were given
  EXPECT_EQ(error["source"]["file"], missing);
  EXPECT_EQ(error["error"]["code"], "file_not_found");
  json record = json::parse(lines[1]);
  EXPECT_EQ(record["source"]["file"], good);
  EXPECT_EQ(record["document_type"], "ansokan");
}

TEST_F(CliTest, DirectoriesAreWalkedInNameOrder) {
  Write("in/b.txt", kGoodApplication);
  Write("in/a.txt", kGoodApplication);
  Write("in/notes.md", "ignored");
  RunResult r = Run("extract " + Quote((dir_ / "in").string()));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> lines = r.OutLines();
  ASSERT_EQ(lines.size(), 2u) << r.out;
  EXPECT_EQ(json::parse(lines[0])["source"]["file"], (dir_ / "in" / "a.txt").string());
  EXPECT_EQ(json::parse(lines[1])["source"]["file"], (dir_ / "in" / "b.txt").string());
}

TEST_F(CliTest, UsageErrorsExitTwo) {
  std::string good = Write("ansokan.txt", kGoodApplication);
  EXPECT_EQ(Run("extract --no-such-option " + Quote(good)).exit_code, 2);
  EXPECT_EQ(Run("").exit_code, 2);              // a subcommand is required
  EXPECT_EQ(Run("extract").exit_code, 2);       // files are required
  EXPECT_EQ(Run("frobnicate").exit_code, 2);
}

TEST_F(CliTest, TextShowsPageAndLineNumbers) {
  std::string file = Write("ansokan.txt", kGoodApplication);
  RunResult r = Run("text " + Quote(file));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> lines = r.OutLines();
  ASSERT_GE(lines.size(), 8u) << r.out;
  static const RE2 kNumbered("^\\s*\\d+:\\d+\\s+[H ]?\\s.*");
  for (const std::string& line : lines) EXPECT_TRUE(RE2::FullMatch(line, kNumbered)) << line;
  EXPECT_NE(r.out.find("  1:1    H Ansökan om samverkansmedel\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("  1:3      Insatsens namn: Vägen vidare\n"), std::string::npos) << r.out;
  // The form feed starts page 2 at line 1.
  EXPECT_NE(r.out.find("  2:1      Underskrift av insatsägaren\n"), std::string::npos) << r.out;
}

TEST_F(CliTest, TextMarksBoldLabels) {
  std::string file = Write("ansokan.txt", "**Insatsens namn:** Vägen vidare");
  RunResult r = Run("text " + Quote(file));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "  1:1      «Insatsens namn:» Vägen vidare\n");
}

TEST_F(CliTest, GrammarCheckOnShippedGrammars) {
  RunResult r = Run("grammar check");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("grammar ok: ", 0), 0u) << r.out;
  EXPECT_NE(r.out.find("families"), std::string::npos) << r.out;
}

TEST_F(CliTest, GrammarCheckReportsFileLineColumn) {
  std::string broken = Write("grammars/broken.fg", "family ansokan\n  starts /^ansökan\n");
  RunResult r = Run("grammar check " + Quote((dir_ / "grammars").string()));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find(broken + ":2:10: "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("grammar_syntax"), std::string::npos) << r.err;
}

// The code of each output line: the error code, or "record".
std::vector<std::string> Outcomes(const RunResult& r) {
  std::vector<std::string> codes;
  for (const std::string& line : r.OutLines()) {
    json j = json::parse(line);
    codes.push_back(j.contains("error") ? j["error"]["code"].get<std::string>() : "record");
  }
  return codes;
}

TEST_F(CliTest, ExtractParsesInWorkersSoACrashOrHangCostsOneErrorRecord) {
  std::string a = Write("a.txt", kGoodApplication), crash = Write("zz_crash.txt", kGoodApplication);
  std::string hang = Write("zz_hang.txt", kGoodApplication), b = Write("b.txt", kGoodApplication);
  RunResult r = RunWithFaults("zz_crash:crash,zz_hang:hang", "extract --jobs 2 --timeout 1 " + Quote(a) + " " +
                                                               Quote(crash) + " " + Quote(hang) + " " + Quote(b));
  EXPECT_EQ(r.exit_code, 1) << r.err;   // not a signal: the engine survives its workers
  std::vector<std::string> lines = r.OutLines();
  ASSERT_EQ(lines.size(), 4u) << r.out;
  // In the order the files were given, whichever worker finished first.
  EXPECT_EQ(json::parse(lines[0])["source"]["file"], a);
  json crashed = json::parse(lines[1]), timed_out = json::parse(lines[2]);
  EXPECT_EQ(crashed["source"]["file"], crash);
  EXPECT_EQ(crashed["error"]["code"], "worker_crashed");
  EXPECT_EQ(crashed["error"]["message"], "the parser died with SIGSEGV");
  EXPECT_TRUE(crashed["source"]["sha256"].is_string());
  EXPECT_EQ(timed_out["source"]["file"], hang);
  EXPECT_EQ(timed_out["error"]["code"], "timeout");
  EXPECT_EQ(json::parse(lines[3])["source"]["file"], b);
  std::vector<std::string> errors = r.ErrLines();
  ASSERT_EQ(errors.size(), 2u) << r.err;
  EXPECT_EQ(errors[0], "finsam-extract: " + crash + ": the parser died with SIGSEGV [worker_crashed]");
  EXPECT_EQ(errors[1], "finsam-extract: " + hang + ": no result within the time limit (1 s) [timeout]");
}

TEST_F(CliTest, ExtractMemoryLimitIsAnErrorRecord) {
  if (kAddressSanitizer) GTEST_SKIP() << "RLIMIT_AS is not applied under AddressSanitizer";
  std::string hog = Write("zz_alloc.txt", kGoodApplication), good = Write("good.txt", kGoodApplication);
  RunResult r = RunWithFaults("zz_alloc:alloc", "--max-memory-mb 512 extract " + Quote(hog) + " " + Quote(good));
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(Outcomes(r), (std::vector<std::string>{"memory_limit_exceeded", "record"})) << r.out;
  EXPECT_NE(r.err.find("(512 MB) [memory_limit_exceeded]"), std::string::npos) << r.err;
}

TEST_F(CliTest, ExtractFindsDuplicatesAcrossFilesParsedByDifferentWorkers) {
  std::string a = Write("a.txt", kGoodApplication), b = Write("b.txt", kGoodApplication);
  std::string other = Write("c.txt",
                            "## Ansökan om samverkansmedel\n\nInsatsens namn: Hälsosteget\nInsatsägare: Region "
                            "Dalarna\nPersoner med långvarig smärta får stöd av en fysioterapeut i Falun.\n");
  RunResult r = Run("extract --jobs 2 " + Quote(a) + " " + Quote(other) + " " + Quote(b));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> lines = r.OutLines();
  ASSERT_EQ(lines.size(), 3u) << r.out;
  auto duplicate_message = [](const json& record) -> std::string {
    for (const json& f : record["audit"]) {
      if (f["code"] == "duplicate_submission") return f["message"];
    }
    return "";
  };
  EXPECT_EQ(duplicate_message(json::parse(lines[0])), "Samma ansökan finns även i " + b + " del 1");
  EXPECT_EQ(duplicate_message(json::parse(lines[1])), "");
  EXPECT_EQ(duplicate_message(json::parse(lines[2])), "Samma ansökan finns även i " + a + " del 1");
}

TEST_F(CliTest, LimitsAreGlobalOptionsAndEachHasItsCode) {
  std::string html = Write("sida.pdf", "<!DOCTYPE html><html><body><p>Ansökan</p></body></html>\n");
  std::string long_line = Write("lang.txt", "Insatsens namn: " + std::string(300, 'x') + "\n");
  std::string big = Write("stor.txt", std::string(1100000, 'a'));
  std::string good = Write("ansokan.txt", kGoodApplication);
  // Before and after the subcommand alike.
  RunResult r = Run("--max-line-chars 200 extract --max-file-mb 1 " + Quote(html) + " " + Quote(long_line) + " " +
                    Quote(big) + " " + Quote(good));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(Outcomes(r), (std::vector<std::string>{"not_a_pdf", "line_too_long", "file_too_large", "record"}))
      << r.out;

  std::string pdf = FINSAM_SOURCE_DIR "/corpus/01_uppsala_form_esign/input.pdf";   // two pages
  r = Run("extract --max-pages 1 " + Quote(pdf));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(Outcomes(r), std::vector<std::string>{"page_limit_exceeded"}) << r.out;
  r = Run("extract --max-page-chars 20 " + Quote(pdf));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(Outcomes(r), std::vector<std::string>{"page_text_limit_exceeded"}) << r.out;
  r = Run("extract --max-pages 2 --max-page-chars 20000 " + Quote(pdf));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Outcomes(r), std::vector<std::string>{"record"}) << r.out;
}

TEST_F(CliTest, ShippedBinaryHasNoFaultHook) {
  std::string file = Write("zz_crash.txt", kGoodApplication);
  RunResult r = RunBinary(FINSAM_BINARY, "extract " + Quote(file), "FINSAM_TEST_FAULT=zz_crash:crash ");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Outcomes(r), std::vector<std::string>{"record"}) << r.out;
}

}  // namespace
}  // namespace finsam
