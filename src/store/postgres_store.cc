// The shared sink: a SqlConnection over libpq, so several importers (one per
// shard, or per machine) write into one PostgreSQL database. Values travel as
// text parameters and the server casts them to the column types; the
// exactly-once guarantee is the files table's primary key (sql_store.cc).
// Tested by tools/test_postgres.sh against a real server.
#include <libpq-fe.h>

#include <cstdlib>

#include "store/sql_connection.h"

namespace finsam {
namespace {

class PostgresConnection : public SqlConnection {
 public:
  explicit PostgresConnection(PGconn* db) : db_(db) {}
  ~PostgresConnection() override { PQfinish(db_); }

  Result<bool> Execute(const std::string& sql) override {
    PGresult* result = PQexec(db_, sql.c_str());
    Result<bool> out = Check(result) ? Result<bool>(true) : Result<bool>(Failure(result));
    PQclear(result);
    return out;
  }

  Result<int64_t> Run(const std::string& sql, const SqlRow& params) override {
    PGresult* result = Exec(sql, params);
    if (!Check(result)) {
      Error error = Failure(result);
      PQclear(result);
      return error;
    }
    int64_t changed = std::atoll(PQcmdTuples(result));
    PQclear(result);
    return changed;
  }

  Result<std::vector<SqlRow>> Query(const std::string& sql, const SqlRow& params) override {
    PGresult* result = Exec(sql, params);
    if (!Check(result)) {
      Error error = Failure(result);
      PQclear(result);
      return error;
    }
    std::vector<SqlRow> rows(PQntuples(result));
    for (int r = 0; r < PQntuples(result); ++r) {
      for (int c = 0; c < PQnfields(result); ++c) {
        rows[r].push_back(PQgetisnull(result, r, c) ? SqlValue() : SqlValue(PQgetvalue(result, r, c)));
      }
    }
    PQclear(result);
    return rows;
  }

 private:
  PGresult* Exec(const std::string& sql, const SqlRow& params) {
    std::vector<const char*> values;
    for (const SqlValue& p : params) values.push_back(p ? p->c_str() : nullptr);
    return PQexecParams(db_, sql.c_str(), static_cast<int>(values.size()), nullptr, values.data(), nullptr,
                        nullptr, 0);
  }

  static bool Check(PGresult* result) {
    ExecStatusType status = PQresultStatus(result);
    return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
  }

  Error Failure(PGresult* result) const {
    std::string message = result ? PQresultErrorMessage(result) : PQerrorMessage(db_);
    while (!message.empty() && message.back() == '\n') message.pop_back();
    // Class 40 (deadlock, serialization failure): two importers met on the
    // same organisation rows; the transaction can simply run again.
    const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    bool retry = state && state[0] == '4' && state[1] == '0';
    return Error{retry ? "db_retry" : "db_error", message, "postgresql"};
  }

  PGconn* db_;
};

}  // namespace

Result<std::unique_ptr<SqlConnection>> ConnectPostgres(const std::string& conninfo) {
  PGconn* db = PQconnectdb(conninfo.c_str());
  if (PQstatus(db) != CONNECTION_OK) {
    std::string message = PQerrorMessage(db);
    while (!message.empty() && message.back() == '\n') message.pop_back();
    PQfinish(db);
    return Error{"db_open", message, "postgresql"};
  }
  auto connection = std::make_unique<PostgresConnection>(db);
  // CREATE TABLE IF NOT EXISTS reports existing tables as notices: not news.
  if (auto quiet = connection->Execute("SET client_min_messages = warning"); !quiet.ok()) return quiet.error();
  return std::unique_ptr<SqlConnection>(std::move(connection));
}

}  // namespace finsam
