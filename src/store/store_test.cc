#include "store/store.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "emit/record_json.h"
#include "store/sql_connection.h"

namespace finsam {
namespace {

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string name = "finsam_store_test_" + std::to_string(getpid()) + ".db";
    path_ = (std::filesystem::path(::testing::TempDir()) / name).string();
    std::filesystem::remove(path_);
  }
  void TearDown() override {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_ + suffix);
  }

  static FileOutcome TwoRowApplication(const std::string& sha256) {
    Record record;
    record.file = "a.txt";
    record.sha256 = sha256;
    record.format = "text";
    record.document_type = "ansokan";
    record.title = "Vägen vidare";
    record.total_sek = 300;
    record.budget_rows.resize(2);
    record.budget_rows[0].label = "Personal";
    record.budget_rows[0].amount_sek = 200;
    record.budget_rows[1].label = "Lokaler";
    record.budget_rows[1].amount_sek = 100;
    return FileOutcome{"a.txt", sha256, {RecordToJson(record)}, "", ""};
  }

  std::string Scalar(const std::string& sql) {
    auto db = ConnectSqlite(path_);
    auto rows = (*db)->Query(sql, {});
    return rows.ok() && !rows->empty() && (*rows)[0][0] ? *(*rows)[0][0] : "?";
  }

  std::string path_;
};

TEST_F(SqliteStoreTest, WritesAFileOnceAndKnowsItsContent) {
  std::string sha(64, 'a');
  auto store = OpenSqliteStore(path_);
  ASSERT_TRUE(store.ok()) << store.error().ToString();
  EXPECT_FALSE(*(*store)->Contains(sha));
  auto first = (*store)->Write(TwoRowApplication(sha));
  ASSERT_TRUE(first.ok()) << first.error().ToString();
  EXPECT_TRUE(*first);
  EXPECT_TRUE(*(*store)->Contains(sha));
  EXPECT_FALSE(*(*store)->Write(TwoRowApplication(sha)));   // same content: nothing written
  EXPECT_EQ(Scalar("SELECT count(*) FROM documents"), "1");
  EXPECT_EQ(Scalar("SELECT title FROM documents"), "Vägen vidare");
  EXPECT_EQ(Scalar("SELECT sum(amount_sek) FROM budget_rows"), "300");
  EXPECT_EQ(Scalar("SELECT documents FROM files"), "1");
}

TEST_F(SqliteStoreTest, AFailedFileIsAnErrorRowAndCountsAsStored) {
  std::string sha(64, 'b');
  auto store = OpenSqliteStore(path_);
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE((*store)->Write(FileOutcome{"x.pdf", sha, {}, "worker_crashed", "the parser died with SIGSEGV"}).ok());
  EXPECT_TRUE(*(*store)->Contains(sha));
  EXPECT_EQ(Scalar("SELECT reason FROM errors WHERE path = 'x.pdf'"), "worker_crashed");
  EXPECT_EQ(Scalar("SELECT status FROM files"), "error");
}

}  // namespace
}  // namespace finsam
