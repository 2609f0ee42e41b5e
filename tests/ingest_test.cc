// End-to-end tests of `finsam-extract ingest` and `export`: every record
// stored once in SQLite, re-runs skip unchanged files, a kill -9 mid-import
// resumes to exactly-once, bad and hostile files become error rows with
// their reason, shards partition the input, CSV export. The PostgreSQL sink
// is tested against a real server by tools/test_postgres.sh.
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/files.h"

extern char** environ;

namespace finsam {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string Quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Rows of a query on the SQLite file, each column as text ("NULL" for null).
std::vector<std::vector<std::string>> Query(const fs::path& db, const std::string& sql) {
  sqlite3* handle = nullptr;
  std::vector<std::vector<std::string>> rows;
  if (sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    ADD_FAILURE() << "cannot open " << db;
    sqlite3_close(handle);
    return rows;
  }
  sqlite3_busy_timeout(handle, 10000);
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(handle, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
    ADD_FAILURE() << sqlite3_errmsg(handle) << " in " << sql;
  }
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

long Count(const fs::path& db, const std::string& sql) {
  auto rows = Query(db, sql);
  return rows.empty() ? -1 : std::stol(rows[0][0]);
}

class BulkIngestTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) /
           ("finsam_ingest_" + std::to_string(getpid()) + "_" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "in");
    db_ = dir_ / "finsam.db";
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path Write(const std::string& name, const std::string& bytes) {
    fs::path path = dir_ / "in" / name;
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }

  // Copies `n` corpus cases (text and PDF) into in/ as CASE.txt and CASE.pdf.
  void CopyCorpus(size_t n) {
    std::vector<fs::path> cases;
    for (const auto& e : fs::directory_iterator(FINSAM_SOURCE_DIR "/corpus")) {
      if (e.is_directory()) cases.push_back(e.path());
    }
    std::sort(cases.begin(), cases.end());
    for (size_t i = 0; i < std::min(n, cases.size()); ++i) {
      std::string name = cases[i].filename().string();
      for (const char* ext : {".txt", ".pdf"}) {
        if (fs::exists(cases[i] / ("input" + std::string(ext)))) {
          fs::copy_file(cases[i] / ("input" + std::string(ext)), dir_ / "in" / (name + ext));
        }
      }
    }
  }

  // Runs the binary through the shell; returns the exit code, fills err_.
  int Run(const std::string& args) { return RunBinary(FINSAM_BINARY, args, ""); }

  // The binary with the worker fault hook (tests/support/fault_injection.cc)
  // driven by FINSAM_TEST_FAULT=`faults`: workers really crash, hang or
  // exhaust their memory.
  int RunWithFaults(const std::string& faults, const std::string& args) {
    return RunBinary(FINSAM_FAULT_BINARY, args, "FINSAM_TEST_FAULT=" + Quote(faults));
  }

  int RunBinary(const std::string& binary, const std::string& args, const std::string& env) {
    fs::path out = dir_ / "stdout", err = dir_ / "stderr";
    std::string command = env + " FINSAM_GRAMMARS=" + Quote(FINSAM_SOURCE_DIR "/grammars") + " " +
                          Quote(binary) + " " + args + " >" + Quote(out.string()) + " 2>" +
                          Quote(err.string());
    int status = std::system(command.c_str());
    out_ = ReadAll(out);
    err_ = ReadAll(err);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

  std::string Ingest(const std::string& more = "") {
    return "ingest --db " + Quote(db_.string()) + " " + more + " " + Quote((dir_ / "in").string());
  }

  // How many records `extract` gives for in/ (the reference for ingest).
  long ExtractedRecords() {
    Run("extract " + Quote((dir_ / "in").string()));
    return static_cast<long>(std::count(out_.begin(), out_.end(), '\n'));
  }

  // Every stored file has exactly as many documents as it claims and every
  // document as many budget rows as its JSON record: nothing half-written.
  void ExpectWholeFiles() {
    EXPECT_EQ(Count(db_, "SELECT count(*) FROM files f WHERE f.documents <> "
                         "(SELECT count(*) FROM documents d WHERE d.sha256 = f.sha256)"), 0);
    EXPECT_EQ(Count(db_, "SELECT count(*) FROM documents d WHERE json_array_length(d.record_json, '$.budget.rows') "
                         "<> (SELECT count(*) FROM budget_rows b WHERE b.sha256 = d.sha256 AND b.part = d.part)"),
              0);
    EXPECT_EQ(Count(db_, "SELECT count(*) FROM (SELECT sha256, part FROM documents GROUP BY 1, 2 "
                         "HAVING count(*) > 1)"), 0);
  }

  fs::path dir_, db_;
  std::string out_, err_;
};

TEST_F(BulkIngestTest, StoresEveryRecordNormalizedAndSkipsUnchangedFilesOnRerun) {
  CopyCorpus(6);
  long expected = ExtractedRecords();
  ASSERT_GE(expected, 12);
  fs::path jsonl = dir_ / "records.jsonl";
  ASSERT_EQ(Run(Ingest("--jobs 2 --jsonl " + Quote(jsonl.string()))), 0) << err_;
  EXPECT_EQ(err_, "");   // not a terminal: no progress line
  EXPECT_EQ(Count(db_, "SELECT count(*) FROM files"), 12);
  EXPECT_EQ(Count(db_, "SELECT count(*) FROM documents"), expected);
  EXPECT_EQ(Count(db_, "SELECT count(*) FROM errors"), 0);
  std::string first_jsonl = ReadAll(jsonl);
  EXPECT_EQ(std::count(first_jsonl.begin(), first_jsonl.end(), '\n'), expected);
  ExpectWholeFiles();

  // Normalized values of one known document (corpus case 01, text).
  auto doc = Query(db_, "SELECT document_type, funder, period_start, period_end FROM documents "
                        "WHERE path LIKE '%01_uppsala_form_esign.txt'");
  ASSERT_EQ(doc.size(), 1u);
  json record = json::parse(Query(db_, "SELECT record_json FROM documents WHERE path LIKE "
                                       "'%01_uppsala_form_esign.txt'")[0][0]);
  EXPECT_EQ(doc[0][0], record["document_type"]);
  EXPECT_EQ(doc[0][1], record["funder"]);
  EXPECT_EQ(doc[0][2], record["period"]["start"]);
  EXPECT_EQ(doc[0][3], record["period"]["end"]);
  EXPECT_EQ(Count(db_, "SELECT count(*) FROM document_organisations o JOIN documents d USING (sha256, part) "
                       "WHERE d.path LIKE '%01_uppsala_form_esign.txt' AND o.role <> 'samverkanspart'"),
            static_cast<long>(record["owners"].size()));
  EXPECT_EQ(Count(db_, "SELECT count(*) FROM signatures s JOIN documents d USING (sha256, part) "
                       "WHERE d.path LIKE '%01_uppsala_form_esign.txt'"),
            static_cast<long>(record["signatures"].size()));

  // The same import again: nothing is parsed (the JSONL mirror stays as it was).
  ASSERT_EQ(Run(Ingest("--jobs 2 --jsonl " + Quote(jsonl.string()))), 0) << err_;
  EXPECT_EQ(Count(db_, "SELECT count(*) FROM documents"), expected);
  EXPECT_EQ(ReadAll(jsonl), first_jsonl);
}

TEST_F(BulkIngestTest, PathsFromStdinAndBudgetCsvExport) {
  CopyCorpus(15);
  fs::path list = dir_ / "list";
  std::ofstream(list) << (dir_ / "in" / "15_gavleborg_slutrapport.txt").string() << "\n";
  ASSERT_EQ(Run("ingest --db " + Quote(db_.string()) + " - <" + Quote(list.string())), 0) << err_;
  EXPECT_EQ(Count(db_, "SELECT count(*) FROM files"), 1);
  EXPECT_EQ(Count(db_, "SELECT total_sek FROM documents"), 1650000);

  fs::path csv = dir_ / "budget.csv";
  ASSERT_EQ(Run("export --csv --db " + Quote(db_.string()) + " --what budget -o " + Quote(csv.string())), 0) << err_;
  std::istringstream lines(ReadAll(csv));
  std::vector<std::string> rows;
  for (std::string line; std::getline(lines, line);) rows.push_back(line);
  ASSERT_EQ(static_cast<long>(rows.size()), 1 + Count(db_, "SELECT count(*) FROM budget_rows"));
  EXPECT_EQ(rows[0], "file,sha256,part,document_type,title,funder,label,category,year,party,amount_sek\r");
  EXPECT_NE(rows[1].find(",slutrapport,Vägen framåt Hudiksvall,Samordningsförbundet Gävleborg,Personal,"),
            std::string::npos) << rows[1];
  EXPECT_NE(rows[1].find(",1400000\r"), std::string::npos) << rows[1];
}

TEST_F(BulkIngestTest, BadAndHostileFilesBecomeErrorRowsAndTheRestIsStored) {
  CopyCorpus(3);
  std::string pdf = ReadAll(dir_ / "in" / "01_uppsala_form_esign.pdf");
  Write("truncated.pdf", pdf.substr(0, pdf.size() / 3));
  Write("empty.pdf", "");
  Write("binary.pdf", std::string("\x00\x01\x02\xff\xfe garbage \x00\x00", 16));
  Write("broken.pdf", "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
  // Encrypted with a password we do not have (a user password that is not empty).
  Write("encrypted.pdf",
        "%PDF-1.4\n1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n2 0 obj <</Type/Pages/Kids[3 0 R]/Count 1>> endobj\n"
        "3 0 obj <</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>> endobj\n4 0 obj <</Filter/Standard/V 1/R 2"
        "/O(xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx)/U(yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy)/P -44>> endobj\ntrailer <</Root 1 0 R"
        "/Size 5/Encrypt 4 0 R/ID[<0123456789abcdef0123456789abcdef><0123456789abcdef0123456789abcdef>]>>\n%%EOF\n");
  Write("zz_crash.txt", "Ansökan 1\n");   // made to crash (SIGSEGV) by the test hook
  Write("zz_hang.txt", "Ansökan 2\n");    // made to hang, killed by --timeout
  Write("big.txt", std::string(1100000, 'a'));   // over --max-file-mb 1
  auto start = std::chrono::steady_clock::now();
  ASSERT_EQ(RunWithFaults("zz_crash:crash,zz_hang:hang", Ingest("--jobs 2 --timeout 1 --max-file-mb 1")), 1);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(20));

  std::map<std::string, std::string> reasons;
  for (const auto& row : Query(db_, "SELECT path, reason FROM errors")) {
    reasons[fs::path(row[0]).filename().string()] = row[1];
  }
  EXPECT_EQ(reasons["truncated.pdf"], "pdf_damaged");
  EXPECT_EQ(reasons["empty.pdf"], "empty_file");
  EXPECT_EQ(reasons["binary.pdf"], "not_a_pdf");
  EXPECT_EQ(reasons["broken.pdf"], "pdf_damaged");
  EXPECT_EQ(reasons["encrypted.pdf"], "pdf_encrypted");
  EXPECT_EQ(reasons["zz_crash.txt"], "worker_crashed");
  EXPECT_EQ(reasons["zz_hang.txt"], "timeout");
  EXPECT_EQ(reasons["big.txt"], "file_too_large");
  EXPECT_EQ(reasons.size(), 8u);
  EXPECT_EQ(Count(db_, "SELECT count(*) FROM files WHERE status = 'ok'"), 6);
  EXPECT_EQ(Count(db_, "SELECT count(*) FROM files WHERE status = 'error'"), 8);
  EXPECT_NE(err_.find("zz_hang.txt: no result within the time limit (1 s) [timeout]"), std::string::npos) << err_;
  EXPECT_NE(err_.find("zz_crash.txt: the parser died with SIGSEGV [worker_crashed]"), std::string::npos) << err_;

  // Failed files are stored as failed: a re-run parses nothing (the oversized
  // file too, hashed in pieces).
  ASSERT_EQ(Run(Ingest("--jobs 2 --max-file-mb 1")), 0) << err_;
  EXPECT_EQ(Count(db_, "SELECT count(*) FROM errors"), 8);
  ExpectWholeFiles();
}

TEST_F(BulkIngestTest, MemoryLimitIsAnErrorRow) {
  if (kAddressSanitizer) GTEST_SKIP() << "RLIMIT_AS is not applied under AddressSanitizer";
  Write("zz_alloc.txt", "Ansökan\n");
  Write("ok.txt", "Ansökan om samverkansmedel\nInsatsens namn: Vägen vidare\n");
  EXPECT_EQ(RunWithFaults("zz_alloc:alloc", Ingest("--max-memory-mb 1024")), 1);
  auto rows = Query(db_, "SELECT reason FROM errors");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0][0], "memory_limit_exceeded");
  EXPECT_EQ(Count(db_, "SELECT count(*) FROM documents"), 1);
}

TEST_F(BulkIngestTest, ShardsPartitionTheInputAndMeetInOneDatabase) {
  CopyCorpus(10);
  ASSERT_EQ(Run(Ingest("--shard 1/2")), 0) << err_;
  long first = Count(db_, "SELECT count(*) FROM files");
  ASSERT_EQ(Run(Ingest("--shard 2/2")), 0) << err_;
  long both = Count(db_, "SELECT count(*) FROM files");
  EXPECT_GT(first, 0);
  EXPECT_LT(first, 20);
  EXPECT_EQ(both, 20);
  EXPECT_EQ(Run(Ingest("--shard 3/2")), 2);
}

// The text of a long application, with `noise` OCR-like misreadings.
std::string Application(const std::string& funder, bool noise) {
  std::string text = "Ansökan om samverkansmedel\n\nInsatsens namn: Vägen vidare\nInsatsägare: Mora kommun\n"
                     "Insatsperiod: 2025-01-01 till 2026-12-31\n";
  text += "Sökande förbund: " + funder + "\n";
  text += "Syftet är att personer som står långt från arbetsmarknaden ska få stöd av en arbetsspecialist och en "
          "arbetsterapeut under hela insatsen, med gruppträffar varje vecka i Mora och Orsa, så att fler kan "
          "gå vidare till arbete eller studier efter två år.\n";
  text += noise ? "Målgruppen är unga vuxna 18–29 år som har aktivitetsersättning och behöver samordnat stöd från "
                  "Försäkringskassan, Arbetsförmedlingen, kommunen och regionen under 20l6 och framåt.\n"
                : "Målgruppen är unga vuxna 18–29 år som har aktivitetsersättning och behöver samordnat stöd från "
                  "Försäkringskassan, Arbetsförmedlingen, kommunen och regionen under 2016 och framåt.\n";
  return text;
}

std::vector<std::string> DuplicateMessages(const json& record) {
  std::vector<std::string> messages;
  for (const json& f : record["audit"]) {
    if (f["code"] == "duplicate_submission") messages.push_back(f["message"]);
  }
  return messages;
}

// Cross-file duplicates: within one run (two files parsed by different
// workers) and against what an earlier run stored; the stored document gets
// its finding too, in its findings rows and its record_json.
TEST_F(BulkIngestTest, DuplicatesAcrossFilesAndRunsAreFound) {
  fs::path first = Write("a_first.txt", Application("Samordningsförbundet Norra Dalarna", false));
  Write("b_other.txt", "Ansökan om samverkansmedel\n\nInsatsens namn: Hälsosteget\nInsatsägare: Region Dalarna\n"
                       "Personer med långvarig smärta får stöd av en fysioterapeut för att kunna återgå i arbete.\n");
  fs::path copy = Write("c_copy.txt", Application("Samordningsförbundet Centrala Dalarna", true));
  ASSERT_EQ(Run(Ingest("--jobs 2")), 0) << err_;
  auto findings = Query(db_, "SELECT d.path, f.message FROM findings f JOIN documents d USING (sha256, part) "
                             "WHERE f.code = 'duplicate_submission' ORDER BY d.path");
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_EQ(findings[0][0], first.string());
  EXPECT_EQ(findings[0][1], "Samma ansökan finns även i " + copy.string() + " del 1");
  EXPECT_EQ(findings[1][0], copy.string());
  EXPECT_EQ(findings[1][1], "Samma ansökan finns även i " + first.string() + " del 1");
  EXPECT_EQ(Count(db_, "SELECT count(*) FROM fingerprints"), 3);
  EXPECT_EQ(Count(db_, "SELECT count(*) FROM fingerprint_bands"), 3 * 32);

  // A later run: the new copy names the first stored one it duplicates, and
  // the stored documents keep the one finding they had.
  fs::path later_dir = dir_ / "later";
  fs::create_directories(later_dir);
  fs::path later = later_dir / "d_later.txt";
  std::ofstream(later) << Application("Samordningsförbundet Södra Dalarna", false) << "Bilaga 1.\n";
  ASSERT_EQ(Run("ingest --db " + Quote(db_.string()) + " " + Quote(later.string())), 0) << err_;
  json stored = json::parse(Query(db_, "SELECT record_json FROM documents WHERE path = '" + later.string() + "'")[0][0]);
  EXPECT_EQ(DuplicateMessages(stored),
            std::vector<std::string>{"Samma ansökan finns även i " + first.string() + " del 1"});
  EXPECT_EQ(Count(db_, "SELECT count(*) FROM findings WHERE code = 'duplicate_submission'"), 3);

  // A stored document without a duplicate finding gets one when its copy comes.
  fs::path other_copy = later_dir / "e_other_copy.txt";
  fs::copy_file(dir_ / "in" / "b_other.txt", other_copy);
  std::ofstream(other_copy, std::ios::app) << "Kontaktperson: Anna Berg.\n";
  ASSERT_EQ(Run("ingest --db " + Quote(db_.string()) + " " + Quote(other_copy.string())), 0) << err_;
  std::string other_path = (dir_ / "in" / "b_other.txt").string();
  json other = json::parse(Query(db_, "SELECT record_json FROM documents WHERE path = '" + other_path + "'")[0][0]);
  EXPECT_EQ(DuplicateMessages(other),
            std::vector<std::string>{"Samma ansökan finns även i " + other_copy.string() + " del 1"});
  EXPECT_EQ(Count(db_, "SELECT count(*) FROM findings f JOIN documents d USING (sha256, part) WHERE d.path = '" +
                           other_path + "' AND f.code = 'duplicate_submission'"),
            1);
}

// Starts an ingest, kills it with SIGKILL once some files are stored, starts
// it again and checks every file ends up stored exactly once and whole.
TEST_F(BulkIngestTest, KillDashNineThenResumeStoresEverythingExactlyOnce) {
  CopyCorpus(20);
  const long files = std::distance(fs::directory_iterator(dir_ / "in"), fs::directory_iterator());
  long expected = ExtractedRecords();

  std::string grammars = "FINSAM_GRAMMARS=" FINSAM_SOURCE_DIR "/grammars";
  std::vector<char*> env;
  for (char** e = environ; *e; ++e) env.push_back(*e);
  env.push_back(grammars.data());
  env.push_back(nullptr);
  std::string db = db_.string(), in = (dir_ / "in").string();
  std::vector<std::string> args = {FINSAM_BINARY, "ingest", "--jobs", "2", "--db", db, in};
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = -1;
  ASSERT_EQ(posix_spawn(&pid, FINSAM_BINARY, nullptr, nullptr, argv.data(), env.data()), 0);
  long stored_at_kill = 0;
  for (int i = 0; i < 2000 && stored_at_kill < 10; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    if (fs::exists(db_)) stored_at_kill = Count(db_, "SELECT count(*) FROM sqlite_master WHERE name = 'files'") == 1
                                              ? Count(db_, "SELECT count(*) FROM files") : 0;
  }
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status)) << "the import finished before it could be killed";
  long after_kill = Count(db_, "SELECT count(*) FROM files");
  EXPECT_GE(after_kill, 10);
  EXPECT_LT(after_kill, files);
  ExpectWholeFiles();

  ASSERT_EQ(Run(Ingest("--jobs 2")), 0) << err_;
  EXPECT_EQ(Count(db_, "SELECT count(*) FROM files"), files);
  EXPECT_EQ(Count(db_, "SELECT count(*) FROM documents"), expected);
  EXPECT_EQ(Count(db_, "SELECT count(*) FROM errors"), 0);
  ExpectWholeFiles();
}

}  // namespace
}  // namespace finsam
