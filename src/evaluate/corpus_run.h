// Runs the engine over corpus cases (folders holding input.txt and/or
// input.pdf and expected.jsonl) and compares every record field by field.
// Used by `finsam-extract grammar test` and corpus_test.cc.
#pragma once

#include <string>
#include <vector>

#include "evaluate/record_compare.h"
#include "pipeline.h"

namespace finsam {

struct CaseResult {
  std::string case_dir;
  std::string input;                       // input.txt or input.pdf
  std::string error;                       // the file could not be read / expected broken
  std::vector<nlohmann::json> records;     // what the engine emitted
  std::vector<nlohmann::json> expected;
  std::vector<std::vector<FamilyScore>> scores;   // per expected record
  bool Passed() const;
};

// Every case folder under `corpus_dir`, in name order.
std::vector<std::string> CorpusCases(const std::string& corpus_dir);

// Extracts one input of a case (with the batch audit over its records) and
// compares with the case's expected.jsonl.
CaseResult RunCase(const Engine& engine, const std::string& case_dir, const std::string& input_name);

}  // namespace finsam
