// The database sinks' common half: a RecordStore over a SqlConnection that
// maps one file's record-v1 JSON onto the normalized tables, all inside one
// transaction. The `files` row goes first and ON CONFLICT DO NOTHING: when
// another importer (or an earlier run) stored the same content, nothing else
// is written, which makes concurrent and repeated imports exactly-once.
// Fingerprints and their band keys are stored beside the documents, so the
// duplicate audit of a later file or run finds them (Candidates).
// Tested by store_test.cc, tests/ingest_test.cc and tools/test_postgres.sh.
#include <string>

#include "audit/duplicate_index.h"
#include "store/sql_connection.h"
#include "store/store.h"

namespace finsam {
namespace {

using Json = nlohmann::ordered_json;

SqlValue Text(const Json& j, const char* key) {
  if (!j.contains(key) || j[key].is_null()) return std::nullopt;
  return j[key].is_string() ? j[key].get<std::string>() : j[key].dump();
}

SqlValue Number(int64_t n) { return std::to_string(n); }

class SqlStore : public RecordStore {
 public:
  explicit SqlStore(std::unique_ptr<SqlConnection> db) : db_(std::move(db)) {}

  Result<bool> Contains(const std::string& sha256) override {
    auto rows = db_->Query("SELECT 1 FROM files WHERE sha256 = $1", {sha256});
    if (!rows.ok()) return rows.error();
    return !rows->empty();
  }

  Result<std::vector<DocumentFingerprint>> Candidates(const DocumentFingerprint& fp) override {
    std::vector<int64_t> keys = BandKeys(fp);
    if (keys.empty()) return std::vector<DocumentFingerprint>{};
    SqlRow params = {fp.sha256};
    std::string in;
    for (int64_t key : keys) {
      params.push_back(std::to_string(key));
      in += (in.empty() ? "$" : ", $") + std::to_string(params.size());
    }
    // CAST: PostgreSQL infers a parameter's type from its first use. The
    // documents sharing a band are found first, as bare keys: a DISTINCT
    // over the joined rows would sort each signature once per shared band.
    auto rows = db_->Query("SELECT f.sha256, f.part, f.path, f.document_type, f.minhash FROM fingerprints f "
                           "WHERE f.sha256 <> CAST($1 AS TEXT) AND (f.sha256, f.part) IN "
                           "(SELECT b.sha256, b.part FROM fingerprint_bands b WHERE b.band IN (" + in + ")) "
                           "ORDER BY f.path, f.part LIMIT 1000",
                           params);
    if (!rows.ok()) return rows.error();
    std::vector<DocumentFingerprint> found;
    for (const SqlRow& row : *rows) {
      std::optional<std::vector<uint32_t>> minhash = SignatureFromHex(row[4].value_or(""));
      if (!minhash || !row[1]) continue;
      DocumentFingerprint stored;
      stored.sha256 = row[0].value_or("");
      stored.part = std::stoi(*row[1]);
      stored.file = row[2].value_or("");
      stored.document_type = row[3].value_or("okand");
      stored.minhash = std::move(*minhash);
      found.push_back(std::move(stored));
    }
    return found;
  }

  Result<bool> Write(const FileOutcome& outcome) override {
    for (int attempt = 1;; ++attempt) {
      Result<bool> written = WriteOnce(outcome);
      if (written.ok() || written.error().code != "db_retry" || attempt == 5) return written;
    }
  }

 private:
  Result<bool> WriteOnce(const FileOutcome& outcome) {
    if (auto begun = db_->Execute("BEGIN"); !begun.ok()) return begun;
    Result<bool> written = WriteAll(outcome);
    if (!written.ok() || !*written) {
      db_->Execute("ROLLBACK");
      return written;
    }
    if (auto done = db_->Execute("COMMIT"); !done.ok()) {
      db_->Execute("ROLLBACK");
      return done;
    }
    return true;
  }

  // False (nothing written) when the file was already stored.
  Result<bool> WriteAll(const FileOutcome& o) {
    if (o.sha256.empty()) return WriteError(o);   // unreadable: nothing to key a file row on
    auto claimed = db_->Run(
        "INSERT INTO files (sha256, path, status, documents) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
        {o.sha256, o.path, o.failed() ? "error" : "ok", Number(static_cast<int64_t>(o.records.size()))});
    if (!claimed.ok()) return claimed.error();
    if (*claimed == 0) return false;
    if (o.failed()) return WriteError(o);
    for (const Json& record : o.records) {
      if (auto r = WriteDocument(record, o.path); !r.ok()) return r;
    }
    for (const DocumentFingerprint& fp : o.fingerprints) {
      if (auto r = WriteFingerprint(fp, o); !r.ok()) return r;
    }
    for (const StoredDuplicate& earlier : o.earlier_duplicates) {
      if (auto r = MarkStoredDuplicate(earlier); !r.ok()) return r;
    }
    return true;
  }

  Result<bool> WriteFingerprint(const DocumentFingerprint& fp, const FileOutcome& o) {
    std::string part = std::to_string(fp.part);
    auto r = db_->Run("INSERT INTO fingerprints (sha256, part, path, document_type, minhash) "
                      "VALUES ($1, $2, $3, $4, $5)",
                      {o.sha256, part, o.path, fp.document_type, SignatureToHex(fp.minhash)});
    if (!r.ok()) return r.error();
    for (int64_t band : BandKeys(fp)) {
      r = db_->Run("INSERT INTO fingerprint_bands (band, sha256, part) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                   {std::to_string(band), o.sha256, part});
      if (!r.ok()) return r.error();
    }
    return true;
  }

  // A stored document that a new one duplicates gets the finding too (in
  // `findings` and in its record_json), unless it has one already.
  Result<bool> MarkStoredDuplicate(const StoredDuplicate& earlier) {
    SqlRow key = {earlier.sha256, std::to_string(earlier.part)};
    auto has = db_->Query("SELECT 1 FROM findings WHERE sha256 = $1 AND part = CAST($2 AS INTEGER) "
                          "AND code = 'duplicate_submission'", key);
    if (!has.ok()) return has.error();
    auto json = db_->Query("SELECT record_json FROM documents WHERE sha256 = $1 AND part = CAST($2 AS INTEGER)", key);
    if (!json.ok()) return json.error();
    if (!has->empty() || json->empty() || !(*json)[0][0]) return true;
    Json record = Json::parse(*(*json)[0][0], nullptr, false);
    if (record.is_discarded() || !AddDuplicateFinding(record, earlier.other)) return true;
    auto seq = db_->Query("SELECT coalesce(max(seq), 0) FROM findings WHERE sha256 = $1 AND part = CAST($2 AS INTEGER)",
                          key);
    if (!seq.ok()) return seq.error();
    auto r = db_->Run("INSERT INTO findings (sha256, part, seq, code, severity, message) "
                      "VALUES ($1, $2, $3, 'duplicate_submission', 'warning', $4)",
                      {earlier.sha256, key[1], std::to_string(std::stoll((*seq)[0][0].value_or("0")) + 1),
                       DuplicateMessage(earlier.other.file, earlier.other.part)});
    if (!r.ok()) return r.error();
    r = db_->Run("UPDATE documents SET record_json = $1 WHERE sha256 = $2 AND part = CAST($3 AS INTEGER)",
                 {record.dump(), earlier.sha256, key[1]});
    if (!r.ok()) return r.error();
    return true;
  }

  Result<bool> WriteError(const FileOutcome& o) {
    auto r = db_->Run("INSERT INTO errors (path, sha256, reason, message) VALUES ($1, $2, $3, $4) "
                      "ON CONFLICT DO NOTHING",
                      {o.path, o.sha256, o.reason, o.message.empty() ? o.reason : o.message});
    if (!r.ok()) return r.error();
    return true;
  }

  Result<bool> WriteDocument(const Json& record, const std::string& path) {
    const Json& source = record["source"];
    const Json& period = record["period"];
    const Json& pages = source["pages"];
    sha_ = source["sha256"].get<std::string>();
    part_ = std::to_string(source["part"].get<int>());
    SqlRow row = {sha_, part_, Number(source["parts"].get<int>()), path, Text(source, "format"),
                  pages.is_array() ? Number(pages[0].get<int>()) : SqlValue(),
                  pages.is_array() ? Number(pages[1].get<int>()) : SqlValue(),
                  Text(record, "document_type"), Text(record, "title"), Text(record, "funder"),
                  Text(record, "case_number"), Text(period, "start"), Text(period, "end"), Text(period, "text"),
                  Text(record["budget"], "total_sek"), record.dump()};
    auto r = db_->Run(
        "INSERT INTO documents (sha256, part, parts, path, format, first_page, last_page, document_type, title, "
        "funder, case_number, period_start, period_end, period_text, total_sek, record_json) VALUES "
        "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)",
        row);
    if (!r.ok()) return r.error();
    for (auto step : {&SqlStore::WriteOrganisations, &SqlStore::WriteBudget, &SqlStore::WriteSignatures,
                      &SqlStore::WriteParticipants, &SqlStore::WriteFindings}) {
      if (auto done = (this->*step)(record); !done.ok()) return done;
    }
    return true;
  }

  Result<bool> WriteOrganisation(const Json& org, const std::string& role, int seq) {
    SqlValue name = Text(org, "canonical");
    if (!name) name = Text(org, "name");
    bool known = org.value("known", false);
    auto r = db_->Run("INSERT INTO organisations (name, known) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                      {name, known ? "1" : "0"});
    if (!r.ok()) return r.error();
    r = db_->Run("INSERT INTO document_organisations (sha256, part, seq, organisation, name_as_written, unit, role) "
                 "VALUES ($1, $2, $3, $4, $5, $6, $7)",
                 {sha_, part_, Number(seq), name, Text(org, "name"), Text(org, "unit"), role});
    if (!r.ok()) return r.error();
    return true;
  }

  Result<bool> WriteOrganisations(const Json& record) {
    int seq = 0;
    for (const Json& owner : record["owners"]) {
      std::string role = owner["role"].is_string() ? owner["role"].get<std::string>() : "insatsagare";
      if (auto r = WriteOrganisation(owner, role, ++seq); !r.ok()) return r;
    }
    for (const Json& partner : record["partners"]) {
      if (auto r = WriteOrganisation(partner, "samverkanspart", ++seq); !r.ok()) return r;
    }
    return true;
  }

  // One row per item of a record's list, numbered from 1 (seq): the
  // columns are the JSON keys, except where `keys` renames one.
  Result<bool> WriteList(const char* table, const Json& items, const std::vector<std::string>& columns,
                         const std::vector<std::string>& keys) {
    std::string sql = std::string("INSERT INTO ") + table + " (sha256, part, seq";
    std::string values = "$1, $2, $3";
    for (size_t i = 0; i < columns.size(); ++i) {
      sql += ", " + columns[i];
      values += ", $" + std::to_string(i + 4);
    }
    sql += ") VALUES (" + values + ")";
    int seq = 0;
    for (const Json& item : items) {
      SqlRow row = {sha_, part_, Number(++seq)};
      for (const std::string& key : keys) row.push_back(Text(item, key.c_str()));
      auto r = db_->Run(sql, row);
      if (!r.ok()) return r.error();
    }
    return true;
  }

  Result<bool> WriteBudget(const Json& record) {
    static const std::vector<std::string> kColumns = {"label", "category", "year", "party", "amount_sek"};
    return WriteList("budget_rows", record["budget"]["rows"], kColumns, kColumns);
  }

  Result<bool> WriteSignatures(const Json& record) {
    static const std::vector<std::string> kColumns = {"name", "organisation", "role", "signed_date",
                                                      "place", "email", "method"};
    static const std::vector<std::string> kKeys = {"name", "organisation", "role", "date",
                                                   "place", "email", "method"};
    return WriteList("signatures", record["signatures"], kColumns, kKeys);
  }

  Result<bool> WriteFindings(const Json& record) {
    static const std::vector<std::string> kColumns = {"code", "severity", "field", "page", "line", "message"};
    return WriteList("findings", record["audit"], kColumns, kColumns);
  }

  Result<bool> WriteParticipants(const Json& record) {
    const Json& p = record["participants"];
    if (!p.is_object()) return true;
    auto r = db_->Run("INSERT INTO participants (sha256, part, women, men, total) VALUES ($1, $2, $3, $4, $5)",
                      {sha_, part_, Text(p, "women"), Text(p, "men"), Text(p, "total")});
    if (!r.ok()) return r.error();
    return true;
  }


  std::unique_ptr<SqlConnection> db_;
  std::string sha_, part_;   // the document being written
};

}  // namespace

bool IsPostgresUrl(const std::string& db) {
  return db.rfind("postgresql://", 0) == 0 || db.rfind("postgres://", 0) == 0;
}

Result<std::unique_ptr<SqlConnection>> ConnectDatabase(const std::string& db) {
  return IsPostgresUrl(db) ? ConnectPostgres(db) : ConnectSqlite(db);
}

Result<std::unique_ptr<RecordStore>> OpenDatabaseStore(const std::string& db) {
  auto connection = ConnectDatabase(db);
  if (!connection.ok()) return connection.error();
  // Concurrent importers would race on CREATE TABLE IF NOT EXISTS in PostgreSQL.
  bool shared = IsPostgresUrl(db);
  if (shared) {
    if (auto lock = (*connection)->Execute("SELECT pg_advisory_lock(73190501)"); !lock.ok()) return lock.error();
  }
  if (auto schema = CreateSchema(**connection); !schema.ok()) return schema.error();
  if (shared) (*connection)->Execute("SELECT pg_advisory_unlock(73190501)");
  return std::unique_ptr<RecordStore>(std::make_unique<SqlStore>(std::move(connection.value())));
}

Result<std::unique_ptr<RecordStore>> OpenSqliteStore(const std::string& path) { return OpenDatabaseStore(path); }

Result<std::unique_ptr<RecordStore>> OpenPostgresStore(const std::string& conninfo) {
  return OpenDatabaseStore(conninfo);
}

}  // namespace finsam
