// The embedded default sink: a SqlConnection over one SQLite file. WAL
// journal so readers (the resume check, a user's queries) never block the
// single writer and a killed import leaves only whole transactions behind.
// Prepared statements are cached by their text: each file runs the same few
// inserts many times. Tested by store_test.cc and tests/ingest_test.cc.
#include <sqlite3.h>

#include <unordered_map>

#include "store/sql_connection.h"

namespace finsam {
namespace {

class SqliteConnection : public SqlConnection {
 public:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  ~SqliteConnection() override {
    for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
    sqlite3_close(db_);
  }

  Result<bool> Execute(const std::string& sql) override {
    char* message = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
      Error error{"db_error", message ? message : "sqlite error", sqlite3_db_filename(db_, "main")};
      sqlite3_free(message);
      return error;
    }
    return true;
  }

  Result<int64_t> Run(const std::string& sql, const SqlRow& params) override {
    auto stmt = Bind(sql, params);
    if (!stmt.ok()) return stmt.error();
    int rc = sqlite3_step(*stmt);
    sqlite3_reset(*stmt);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) return Failure();
    return static_cast<int64_t>(sqlite3_changes(db_));
  }

  Result<std::vector<SqlRow>> Query(const std::string& sql, const SqlRow& params) override {
    auto stmt = Bind(sql, params);
    if (!stmt.ok()) return stmt.error();
    std::vector<SqlRow> rows;
    int rc;
    while ((rc = sqlite3_step(*stmt)) == SQLITE_ROW) rows.push_back(ReadRow(*stmt));
    sqlite3_reset(*stmt);
    if (rc != SQLITE_DONE) return Failure();
    return rows;
  }

 private:
  Error Failure() const { return Error{"db_error", sqlite3_errmsg(db_), sqlite3_db_filename(db_, "main")}; }

  static SqlRow ReadRow(sqlite3_stmt* stmt) {
    SqlRow row;
    for (int i = 0; i < sqlite3_column_count(stmt); ++i) {
      const unsigned char* text = sqlite3_column_text(stmt, i);
      row.push_back(text ? SqlValue(reinterpret_cast<const char*>(text)) : std::nullopt);
    }
    return row;
  }

  // $1…$n appear in order, so SQLite numbers them 1…n like PostgreSQL.
  Result<sqlite3_stmt*> Bind(const std::string& sql, const SqlRow& params) {
    sqlite3_stmt*& stmt = statements_[sql];
    if (!stmt && sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
      statements_.erase(sql);
      return Failure();
    }
    sqlite3_clear_bindings(stmt);
    for (size_t i = 0; i < params.size(); ++i) {
      int index = static_cast<int>(i) + 1;
      if (params[i]) {
        sqlite3_bind_text(stmt, index, params[i]->data(), static_cast<int>(params[i]->size()), SQLITE_TRANSIENT);
      } else {
        sqlite3_bind_null(stmt, index);
      }
    }
    return stmt;
  }

  sqlite3* db_;
  std::unordered_map<std::string, sqlite3_stmt*> statements_;
};

}  // namespace

Result<std::unique_ptr<SqlConnection>> ConnectSqlite(const std::string& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
    Error error{"db_open", db ? sqlite3_errmsg(db) : "cannot open", path};
    sqlite3_close(db);
    return error;
  }
  sqlite3_busy_timeout(db, 30000);   // another importer or reader holding the lock briefly
  auto connection = std::make_unique<SqliteConnection>(db);
  // NORMAL is durable across a killed process in WAL mode (only power loss can
  // drop the last commits, never tear one).
  auto pragmas = connection->Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");
  if (!pragmas.ok()) return pragmas.error();
  return std::unique_ptr<SqlConnection>(std::move(connection));
}

}  // namespace finsam
