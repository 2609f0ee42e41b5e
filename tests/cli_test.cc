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
  RunResult Run(const std::string& args) {
    std::string out = (dir_ / "stdout").string(), err = (dir_ / "stderr").string();
    std::string command = "FINSAM_GRAMMARS=" + Quote(FINSAM_SOURCE_DIR "/grammars") + " " + Quote(FINSAM_BINARY) +
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

}  // namespace
}  // namespace finsam
