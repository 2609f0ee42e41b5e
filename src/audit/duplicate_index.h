// Near-duplicate search over document fingerprints (fingerprint.h) by LSH
// banding: a document is compared only with those sharing one of its band
// keys, so a batch of n documents costs about n lookups, not n²/2 pairs.
// Used by the batch audit of extract and audit (records in memory or their
// JSON from worker processes) and by ingest (with the database's stored
// fingerprints, store.h). Tested by duplicate_index_test.cc.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "audit/fingerprint.h"

namespace finsam {

class DuplicateIndex {
 public:
  // Adds `fp` as the next document (ids count from 0) and returns the ids of
  // the documents added before that are its near duplicates, ascending.
  std::vector<size_t> Add(DocumentFingerprint fp);
  const DocumentFingerprint& at(size_t id) const { return documents_[id]; }
  size_t size() const { return documents_.size(); }

 private:
  std::vector<DocumentFingerprint> documents_;
  std::unordered_map<int64_t, std::vector<size_t>> buckets_;
};

// For each document of a batch, the first (lowest index) other document it
// duplicates, or nullopt: the partner its `duplicate_submission` names.
std::vector<std::optional<size_t>> DuplicatePartners(const std::vector<DocumentFingerprint>& batch);

// "Samma ansökan finns även i FILE del PART".
std::string DuplicateMessage(const std::string& file, int part);

// Adds the `duplicate_submission` finding naming `other` to a record-v1 JSON
// record, unless it already has one. False when it had one.
bool AddDuplicateFinding(nlohmann::ordered_json& record, const DocumentFingerprint& other);

// The same on a record's compact JSON text (as record.dump() wrote it): the
// finding is written into the `audit` array where it stands, the rest of
// the text left as it is — the text parse, add and dump would give, at a
// fraction of the cost.
bool AddDuplicateFinding(std::string& record_json, const DocumentFingerprint& other);

}  // namespace finsam
