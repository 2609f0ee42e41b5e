// LSH index of document fingerprints (see duplicate_index.h).
// Tested by duplicate_index_test.cc.
#include "audit/duplicate_index.h"

#include <algorithm>

#include "emit/json_text.h"

namespace finsam {

std::vector<size_t> DuplicateIndex::Add(DocumentFingerprint fp) {
  std::vector<size_t> candidates;
  std::vector<int64_t> keys = BandKeys(fp);
  for (int64_t key : keys) {
    auto found = buckets_.find(key);
    if (found != buckets_.end()) candidates.insert(candidates.end(), found->second.begin(), found->second.end());
  }
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  std::vector<size_t> duplicates;
  for (size_t id : candidates) {
    if (IsNearDuplicate(documents_[id], fp)) duplicates.push_back(id);
  }
  size_t id = documents_.size();
  for (int64_t key : keys) buckets_[key].push_back(id);
  documents_.push_back(std::move(fp));
  return duplicates;
}

std::vector<std::optional<size_t>> DuplicatePartners(const std::vector<DocumentFingerprint>& batch) {
  std::vector<std::optional<size_t>> partner(batch.size());
  DuplicateIndex index;
  for (size_t i = 0; i < batch.size(); ++i) {
    std::vector<size_t> earlier = index.Add(batch[i]);
    if (!earlier.empty()) partner[i] = earlier.front();
    // An earlier document without a partner yet gets its first later one.
    for (size_t e : earlier) {
      if (!partner[e]) partner[e] = i;
    }
  }
  return partner;
}

std::string DuplicateMessage(const std::string& file, int part) {
  return "Samma ansökan finns även i " + file + " del " + std::to_string(part);
}

namespace {

bool HasDuplicateFinding(const nlohmann::ordered_json& audit) {
  for (const auto& f : audit) {
    if (f.value("code", "") == "duplicate_submission" && f["field"].is_null() && f["page"].is_null()) return true;
  }
  return false;
}

nlohmann::ordered_json DuplicateFinding(const DocumentFingerprint& other) {
  return {{"code", "duplicate_submission"}, {"severity", "warning"}, {"field", nullptr},
          {"page", nullptr},                {"line", nullptr},        {"message", DuplicateMessage(other.file, other.part)}};
}

}  // namespace

bool AddDuplicateFinding(nlohmann::ordered_json& record, const DocumentFingerprint& other) {
  nlohmann::ordered_json& audit = record["audit"];
  if (!audit.is_array()) audit = nlohmann::ordered_json::array();
  if (HasDuplicateFinding(audit)) return false;
  audit.push_back(DuplicateFinding(other));
  return true;
}

bool AddDuplicateFinding(std::string& record_json, const DocumentFingerprint& other) {
  std::optional<JsonSpan> span = TopLevelMember(record_json, "audit");
  if (span && record_json[span->begin] == '[') {
    auto audit = nlohmann::ordered_json::parse(
        std::string_view(record_json).substr(span->begin, span->end - span->begin), nullptr, false);
    if (audit.is_array()) {
      if (HasDuplicateFinding(audit)) return false;
      std::string finding = DuplicateFinding(other).dump();
      record_json.insert(span->end - 1, audit.empty() ? finding : "," + finding);
      return true;
    }
  }
  nlohmann::ordered_json record = nlohmann::ordered_json::parse(record_json);
  if (!AddDuplicateFinding(record, other)) return false;
  record_json = record.dump();
  return true;
}

}  // namespace finsam
