// The little SQL both database sinks need, so the schema and the row mapping
// (sql_store.cc) are written once for SQLite and PostgreSQL. Statements use
// $1…$n placeholders in order (valid in both), values travel as text (or
// NULL) and each column's declared type converts them.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"

namespace finsam {

using SqlValue = std::optional<std::string>;
using SqlRow = std::vector<SqlValue>;

class SqlConnection {
 public:
  virtual ~SqlConnection() = default;
  // Statements without parameters (schema, BEGIN, COMMIT); may hold several.
  virtual Result<bool> Execute(const std::string& sql) = 0;
  // One statement; returns how many rows it changed.
  virtual Result<int64_t> Run(const std::string& sql, const SqlRow& params) = 0;
  virtual Result<std::vector<SqlRow>> Query(const std::string& sql, const SqlRow& params) = 0;
};

Result<std::unique_ptr<SqlConnection>> ConnectSqlite(const std::string& path);
Result<std::unique_ptr<SqlConnection>> ConnectPostgres(const std::string& conninfo);
// Either of the above, by the form of `db` (see IsPostgresUrl in store.h).
Result<std::unique_ptr<SqlConnection>> ConnectDatabase(const std::string& db);

// Creates the tables if missing (see the README's "Database" section).
Result<bool> CreateSchema(SqlConnection& db);

}  // namespace finsam
