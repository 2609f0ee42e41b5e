// A compact, serializable summary of one logical document for the duplicate
// audit (`duplicate_submission`): a MinHash signature of its word 5-gram
// shingles plus who it is (file, part, type, title, funder). Computed where
// the record is built (in the worker process for extract and ingest), sent
// back beside the record and kept in the database, so duplicates are found
// across processes, files and runs without keeping any text.
// Tested by fingerprint_test.cc.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "record/record.h"

namespace finsam {

// 128 hash functions: the similarity estimate's standard error is at most
// 0.045 (0.043 at the 0.6 threshold); near-duplicates found so far, OCR
// noise included, sit above 0.8.
inline constexpr size_t kMinHashSize = 128;
// Locality-sensitive hashing: 32 bands of 4 values. Two documents of Jaccard
// similarity s share a band with probability 1 - (1 - s^4)^32: 0.988 at the
// threshold 0.6, 0.9998 at 0.7, 0.12 at 0.25 (shared form text).
inline constexpr size_t kBands = 32;
inline constexpr size_t kRowsPerBand = kMinHashSize / kBands;
// Estimated Jaccard similarity of the shingles from which two documents of
// the same type are reported as the same submission.
inline constexpr double kDuplicateThreshold = 0.6;

struct DocumentFingerprint {
  std::string file;                     // as given (extract) or stored (ingest)
  std::string sha256;                   // of the file's content
  int part = 1;
  std::string document_type = "okand";
  std::optional<std::string> title, funder, owner;   // for people reading the index
  std::vector<uint32_t> minhash;        // kMinHashSize values; empty below five words
};

// The fingerprint of a record (its fingerprint_text and identity).
DocumentFingerprint FingerprintRecord(const Record& record);

// The MinHash signature of the word 5-gram shingles of `text`, folded as for
// matching (case, diacritics, white space). Empty when the text has fewer
// than five words.
std::vector<uint32_t> MinHashSignature(const std::string& text);

// The share of equal signature values: an unbiased estimate of the Jaccard
// similarity of the two shingle sets (0 when either is empty).
double EstimatedSimilarity(const DocumentFingerprint& a, const DocumentFingerprint& b);

// Same type (not `okand`), both with text, estimated similarity at or above
// kDuplicateThreshold.
bool IsNearDuplicate(const DocumentFingerprint& a, const DocumentFingerprint& b);

// One key per LSH band, the document type mixed in (so only documents of one
// type meet). Empty when the document cannot be a duplicate (`okand`, no text).
std::vector<int64_t> BandKeys(const DocumentFingerprint& fp);

// The signature as hex (8 digits a value), for JSON and the database.
std::string SignatureToHex(const std::vector<uint32_t>& minhash);
std::optional<std::vector<uint32_t>> SignatureFromHex(const std::string& hex);

nlohmann::ordered_json FingerprintToJson(const DocumentFingerprint& fp);
Result<DocumentFingerprint> FingerprintFromJson(const nlohmann::ordered_json& json);

}  // namespace finsam
