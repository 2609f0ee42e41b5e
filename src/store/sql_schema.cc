// The normalized schema shared by the SQLite and PostgreSQL sinks: one row
// per input file (`files`, the resume key), per logical document
// (`documents`, keyed by sha256 + part, with the full JSON record), and one
// table per repeated field, plus each document's fingerprint and its LSH
// band keys for the cross-file duplicate audit (audit/fingerprint.h; the
// primary key of fingerprint_bands is the band index). Kept in plain portable SQL so both engines run the
// same text. Tested by store_test.cc and tools/test_postgres.sh.
#include "store/sql_connection.h"

namespace finsam {
namespace {

const char kSchema[] = R"sql(
CREATE TABLE IF NOT EXISTS files (
  sha256 TEXT PRIMARY KEY,
  path TEXT NOT NULL,
  status TEXT NOT NULL,
  documents INTEGER NOT NULL,
  ingested_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP);
CREATE TABLE IF NOT EXISTS documents (
  sha256 TEXT NOT NULL REFERENCES files(sha256),
  part INTEGER NOT NULL,
  parts INTEGER NOT NULL,
  path TEXT NOT NULL,
  format TEXT NOT NULL,
  first_page INTEGER,
  last_page INTEGER,
  document_type TEXT NOT NULL,
  title TEXT,
  funder TEXT,
  case_number TEXT,
  period_start TEXT,
  period_end TEXT,
  period_text TEXT,
  total_sek BIGINT,
  record_json TEXT NOT NULL,
  PRIMARY KEY (sha256, part));
CREATE TABLE IF NOT EXISTS organisations (
  name TEXT PRIMARY KEY,
  known INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS document_organisations (
  sha256 TEXT NOT NULL,
  part INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  organisation TEXT NOT NULL REFERENCES organisations(name),
  name_as_written TEXT NOT NULL,
  unit TEXT,
  role TEXT NOT NULL,
  PRIMARY KEY (sha256, part, seq),
  FOREIGN KEY (sha256, part) REFERENCES documents(sha256, part));
CREATE TABLE IF NOT EXISTS budget_rows (
  sha256 TEXT NOT NULL,
  part INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  label TEXT NOT NULL,
  category TEXT,
  year INTEGER,
  party TEXT,
  amount_sek BIGINT NOT NULL,
  PRIMARY KEY (sha256, part, seq),
  FOREIGN KEY (sha256, part) REFERENCES documents(sha256, part));
CREATE TABLE IF NOT EXISTS signatures (
  sha256 TEXT NOT NULL,
  part INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  name TEXT,
  organisation TEXT,
  role TEXT,
  signed_date TEXT,
  place TEXT,
  email TEXT,
  method TEXT NOT NULL,
  PRIMARY KEY (sha256, part, seq),
  FOREIGN KEY (sha256, part) REFERENCES documents(sha256, part));
CREATE TABLE IF NOT EXISTS participants (
  sha256 TEXT NOT NULL,
  part INTEGER NOT NULL,
  women INTEGER,
  men INTEGER,
  total INTEGER,
  PRIMARY KEY (sha256, part),
  FOREIGN KEY (sha256, part) REFERENCES documents(sha256, part));
CREATE TABLE IF NOT EXISTS findings (
  sha256 TEXT NOT NULL,
  part INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  code TEXT NOT NULL,
  severity TEXT NOT NULL,
  field TEXT,
  page INTEGER,
  line INTEGER,
  message TEXT NOT NULL,
  PRIMARY KEY (sha256, part, seq),
  FOREIGN KEY (sha256, part) REFERENCES documents(sha256, part));
CREATE TABLE IF NOT EXISTS errors (
  path TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  reason TEXT NOT NULL,
  message TEXT NOT NULL,
  PRIMARY KEY (path, sha256));
CREATE TABLE IF NOT EXISTS fingerprints (
  sha256 TEXT NOT NULL,
  part INTEGER NOT NULL,
  path TEXT NOT NULL,
  document_type TEXT NOT NULL,
  minhash TEXT NOT NULL,
  PRIMARY KEY (sha256, part),
  FOREIGN KEY (sha256, part) REFERENCES documents(sha256, part));
CREATE TABLE IF NOT EXISTS fingerprint_bands (
  band BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  part INTEGER NOT NULL,
  PRIMARY KEY (band, sha256, part),
  FOREIGN KEY (sha256, part) REFERENCES fingerprints(sha256, part));
CREATE INDEX IF NOT EXISTS document_organisations_by_name ON document_organisations(organisation);
)sql";

}  // namespace

Result<bool> CreateSchema(SqlConnection& db) { return db.Execute(kSchema); }

}  // namespace finsam
