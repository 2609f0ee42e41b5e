// Runs corpus cases and compares records (see corpus_run.h).
// Tested by corpus_test.cc.
#include "evaluate/corpus_run.h"

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "audit/audit.h"
#include "emit/record_json.h"

namespace finsam {

bool CaseResult::Passed() const {
  if (!error.empty() || records.size() != expected.size()) return false;
  for (const auto& record : scores) {
    for (const FamilyScore& f : record) if (f.fp || f.fn) return false;
  }
  return true;
}

std::vector<std::string> CorpusCases(const std::string& corpus_dir) {
  std::vector<std::string> cases;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(corpus_dir, ec)) {
    if (entry.is_directory() && std::filesystem::exists(entry.path() / "expected.jsonl")) {
      cases.push_back(entry.path().string());
    }
  }
  std::sort(cases.begin(), cases.end());
  return cases;
}

CaseResult RunCase(const Engine& engine, const std::string& case_dir, const std::string& input_name) {
  CaseResult result;
  result.case_dir = case_dir;
  result.input = input_name;
  std::ifstream in(std::filesystem::path(case_dir) / "expected.jsonl");
  for (std::string line; std::getline(in, line);) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded()) { result.error = "expected.jsonl: invalid JSON"; return result; }
    result.expected.push_back(std::move(j));
  }
  std::string path = (std::filesystem::path(case_dir) / input_name).string();
  Result<std::vector<Record>> records = ExtractFile(path, engine);
  if (!records.ok()) { result.error = records.error().ToString(); return result; }
  std::vector<Record*> batch;
  for (Record& r : records.value()) batch.push_back(&r);
  AuditBatch(batch);
  for (const Record& r : records.value()) result.records.push_back(nlohmann::json::parse(RecordToJson(r).dump()));
  for (size_t i = 0; i < result.expected.size(); ++i) {
    static const nlohmann::json kNone = nlohmann::json::object();
    result.scores.push_back(CompareRecord(result.expected[i], i < result.records.size() ? result.records[i] : kNone));
  }
  return result;
}

}  // namespace finsam
