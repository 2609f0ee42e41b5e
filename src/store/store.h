// Where `ingest` puts records: one small interface, one file per sink
// (sqlite_store.cc, postgres_store.cc, jsonl_store.cc). A sink receives all
// records of one input file at once and stores them atomically, keyed by the
// file's content sha256 (+ part), so an interrupted import resumes by
// skipping what is already stored. Tested by store_test.cc and
// tests/ingest_test.cc.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "audit/fingerprint.h"
#include "core/result.h"

namespace finsam {

// A stored document that a new one duplicates: it gets the finding naming
// `other` (unless it has a duplicate finding already).
struct StoredDuplicate {
  std::string sha256;
  int part = 1;
  DocumentFingerprint other;
};

// What one input file gave: its record-v1 JSON records, or an error reason
// (`timeout`, `worker_crashed`, `memory_limit_exceeded`, an ingest code…).
struct FileOutcome {
  std::string path;
  std::string sha256;                           // "" if the file could not be read
  std::vector<nlohmann::ordered_json> records;  // empty when `reason` is set
  std::string reason;                           // "" on success
  std::string message;                          // one line for people, with `reason`
  std::vector<DocumentFingerprint> fingerprints;   // one per record (empty from old callers)
  // Duplicate findings for documents stored before (by an earlier file or
  // run): written in the same transaction as this file's rows.
  std::vector<StoredDuplicate> earlier_duplicates;
  // The same records as the worker wrote them (one line of JSON each), in
  // place of `records` when the caller asked for them unparsed (RecordForm).
  std::vector<std::string> record_lines;
  bool failed() const { return !reason.empty(); }
};

// How a worker's records reach the caller: parsed (the database sinks walk
// them) or as the JSON text it wrote (`extract` passes most of them on as
// they are, and parsing every record would cost the parent more than
// writing it).
enum class RecordForm { kParsed, kJsonText };

class RecordStore {
 public:
  virtual ~RecordStore() = default;
  // True when a file with this content is already stored (records or error).
  virtual Result<bool> Contains(const std::string& sha256) = 0;
  // Stores one file's records (or its error row) in one transaction; a file
  // stored before (same sha256) is left as it is. Database sinks also store
  // the fingerprints and the findings of `earlier_duplicates`.
  virtual Result<bool> Write(const FileOutcome& outcome) = 0;
  // Stored documents of other content that share an LSH band with `fp`
  // (candidates; the caller checks IsNearDuplicate). Sinks without an index
  // (JSON Lines) have none.
  virtual Result<std::vector<DocumentFingerprint>> Candidates(const DocumentFingerprint&) {
    return std::vector<DocumentFingerprint>{};
  }
};

// Opens a database sink: `postgresql://…` or `postgres://…` through libpq,
// anything else is a SQLite file path. Creates the schema if missing.
Result<std::unique_ptr<RecordStore>> OpenDatabaseStore(const std::string& db);
Result<std::unique_ptr<RecordStore>> OpenSqliteStore(const std::string& path);
Result<std::unique_ptr<RecordStore>> OpenPostgresStore(const std::string& conninfo);
// Appends one JSON line per record (error records included) to `path`.
Result<std::unique_ptr<RecordStore>> OpenJsonlStore(const std::string& path);

bool IsPostgresUrl(const std::string& db);

}  // namespace finsam
