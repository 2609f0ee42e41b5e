// Corpus tests: every case in corpus/ (input.txt and input.pdf) must give
// exactly its expected records, field family by field family, and every
// record must pass schema/record-v1.schema.json.
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>

#include "evaluate/corpus_run.h"
#include "support/json_schema.h"

namespace finsam {
namespace {

struct CorpusInput {
  std::string case_dir;
  std::string input;
};

std::vector<CorpusInput> AllInputs() {
  std::vector<CorpusInput> inputs;
  for (const std::string& dir : CorpusCases(std::string(FINSAM_SOURCE_DIR) + "/corpus")) {
    for (const char* name : {"input.txt", "input.pdf"}) {
      if (std::filesystem::exists(std::filesystem::path(dir) / name)) inputs.push_back({dir, name});
    }
  }
  return inputs;
}

const Engine& SharedEngine() {
  static std::unique_ptr<Engine> engine = [] {
    auto loaded = Engine::Load({});
    if (!loaded.ok()) {
      ADD_FAILURE() << loaded.error().ToString();
      return std::unique_ptr<Engine>();
    }
    return std::move(loaded.value());
  }();
  return *engine;
}

class CorpusTest : public ::testing::TestWithParam<CorpusInput> {};

TEST_P(CorpusTest, RecordsMatchExpected) {
  const CorpusInput& in = GetParam();
  CaseResult result = RunCase(SharedEngine(), in.case_dir, in.input);
  ASSERT_TRUE(result.error.empty()) << result.error;
  ASSERT_EQ(result.records.size(), result.expected.size()) << "logical documents in " << in.input;
  for (size_t part = 0; part < result.scores.size(); ++part) {
    for (const FamilyScore& f : result.scores[part]) {
      EXPECT_TRUE(f.fp == 0 && f.fn == 0) << "part " << part + 1 << " " << f.family << "\n  expected " << f.expected
                                          << "\n  got      " << f.got;
    }
  }
}

TEST_P(CorpusTest, RecordsPassTheSchema) {
  static const nlohmann::json schema = LoadRecordSchema();
  const CorpusInput& in = GetParam();
  CaseResult result = RunCase(SharedEngine(), in.case_dir, in.input);
  ASSERT_FALSE(result.records.empty());
  for (const nlohmann::json& record : result.records) {
    std::vector<std::string> errors = ValidateAgainstSchema(schema, record);
    EXPECT_TRUE(errors.empty()) << errors.front();
  }
}

std::string CaseName(const ::testing::TestParamInfo<CorpusInput>& info) {
  std::string name = std::filesystem::path(info.param.case_dir).filename().string() + "_" +
                     (info.param.input == "input.pdf" ? "pdf" : "txt");
  for (char& c : name) if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Corpus, CorpusTest, ::testing::ValuesIn(AllInputs()), CaseName);

TEST(CorpusInventoryTest, HasEnoughCasesAndTemplates) {
  std::vector<std::string> cases = CorpusCases(std::string(FINSAM_SOURCE_DIR) + "/corpus");
  EXPECT_GE(cases.size(), 30u);
}

}  // namespace
}  // namespace finsam
