// End-to-end tests of `finsam-extract audit`: the three formats, --fail-on
// and the exit codes.
#include <gtest/gtest.h>

#include "support/files.h"
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

namespace finsam {
namespace {

using nlohmann::json;

// Complete: no finding.
const char kComplete[] =
    "## Ansökan om samverkansmedel\n\nInsatsens namn: Vägen vidare\nInsatsägare: Mora kommun\n"
    "Insatsperiod: 2025-01-01 till 2026-12-31\n\nUnderskrift av insatsägaren\n"
    "Namnförtydligande: Petra Lindqvist\nOrt och datum: Mora 2024-11-05\n";

// Only a warning: an invalid e-mail address on line 10.
const char kWarning[] =
    "## Ansökan om samverkansmedel\n\nInsatsens namn: Steget före & efter\nInsatsägare: Mora kommun\n"
    "Insatsperiod: 2025-01-01 till 2026-12-31\n\nUnderskrift av insatsägaren\n"
    "Namnförtydligande: Petra Lindqvist\nOrt och datum: Mora 2024-11-05\nE-post: petra@mora,se\n";

class AuditCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = FreshTestDir("finsam_audit_cli_");
    complete_ = Write("complete.txt", kComplete);
    warning_ = Write("warning.txt", kWarning);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& text) {
    std::filesystem::path path = dir_ / name;
    std::ofstream(path, std::ios::binary) << text;
    return path.string();
  }

  // Runs the binary with `args`; returns the exit code, stdout in out_.
  int Run(const std::string& args) {
    std::string command = "FINSAM_GRAMMARS='" FINSAM_SOURCE_DIR "/grammars' '" FINSAM_BINARY "' " + args + " >'" +
                          (dir_ / "stdout").string() + "' 2>'" + (dir_ / "stderr").string() + "'";
    int status = std::system(command.c_str());
    out_ = ReadAll(dir_ / "stdout");
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

  std::filesystem::path dir_;
  std::string complete_, warning_, out_;
};

TEST_F(AuditCliTest, TableOnStdoutWithoutColoursWhenNotATerminal) {
  EXPECT_EQ(Run("audit " + complete_ + " " + warning_), 0);
  EXPECT_EQ(out_.find('\033'), std::string::npos) << out_;
  EXPECT_NE(out_.find(complete_ + "  del 1/1  ansokan  \"Vägen vidare\"\n  inga anmärkningar\n"), std::string::npos)
      << out_;
  EXPECT_NE(out_.find("  varning invalid_email  /signatures  1:10    Ogiltig e-postadress: \"petra@mora,se\""),
            std::string::npos)
      << out_;
  EXPECT_NE(out_.find("  dokument:                 2\n  kompletta (inga fynd):    1\n  med fel:                  0\n"),
            std::string::npos)
      << out_;
}

TEST_F(AuditCliTest, FailOnSetsTheExitStatus) {
  EXPECT_EQ(Run("audit --fail-on warning " + complete_), 0);
  EXPECT_EQ(Run("audit --fail-on warning " + warning_), 1);
  EXPECT_EQ(Run("audit --fail-on error " + warning_), 0);
  EXPECT_EQ(Run("audit " + warning_), 0);
  EXPECT_EQ(Run("audit --fail-on fatal " + warning_), 2);
  EXPECT_EQ(Run("audit --format pdf " + warning_), 2);
  EXPECT_EQ(Run("audit"), 2);
  EXPECT_EQ(Run("audit " + (dir_ / "saknas.pdf").string() + " " + complete_), 1);   // an unreadable input
}

TEST_F(AuditCliTest, JsonForMachines) {
  ASSERT_EQ(Run("audit --format json " + complete_ + " " + warning_ + " " + (dir_ / "saknas.pdf").string()), 1);
  json report = json::parse(out_);
  EXPECT_EQ(report["schema"], "finsam-audit/1");
  ASSERT_EQ(report["documents"].size(), 3u);
  EXPECT_EQ(report["documents"][0]["source"]["file"], complete_);
  EXPECT_EQ(report["documents"][0]["findings"].size(), 0u);
  const json& finding = report["documents"][1]["findings"][0];
  EXPECT_EQ(finding["code"], "invalid_email");
  EXPECT_EQ(finding["severity"], "warning");
  EXPECT_EQ(finding["page"], 1);
  EXPECT_EQ(finding["line"], 10);
  EXPECT_EQ(report["documents"][2]["error"]["code"], "file_not_found");
  EXPECT_EQ(report["summary"]["documents"], 2);
  EXPECT_EQ(report["summary"]["complete"], 1);
  EXPECT_EQ(report["summary"]["unreadable"], 1);
  EXPECT_EQ(report["summary"]["documents_by_code"], (json{{"invalid_email", 1}}));
}

TEST_F(AuditCliTest, HtmlPageWithSourceText) {
  std::string page = (dir_ / "report.html").string();
  ASSERT_EQ(Run("audit --format html -o " + page + " " + complete_ + " " + warning_), 0);
  EXPECT_EQ(out_, "");
  std::string html = ReadAll(page);
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(html.find("data-code=\"invalid_email\""), std::string::npos);
  EXPECT_NE(html.find("Steget före &amp; efter"), std::string::npos);   // escaped title
  // The finding's line and the lines around it.
  EXPECT_NE(html.find("<span class=\"focus\"><span class=\"ln\">1:10  </span>E-post: petra@mora,se</span>"),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("<span class=\"ln\">1:8  </span>Namnförtydligande: Petra Lindqvist"), std::string::npos);
}

}  // namespace
}  // namespace finsam
