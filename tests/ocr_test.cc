// Scanned corpus variants (corpus/*/scanned.pdf, made by
// tools/make_scanned_corpus.sh): read by OCR, each must give the same
// title, owners, partners, period, budget total and signature names as its
// born-digital input.pdf. A handful of pages, so CI's time stays small.
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <set>

#include "evaluate/corpus_run.h"

namespace finsam {
namespace {

const std::set<std::string> kFamilies = {"title", "owners", "partners", "period_start",
                                         "period_end", "budget_total", "signature_names"};

std::vector<std::string> ScannedCases() {
  std::vector<std::string> cases;
  for (const std::string& dir : CorpusCases(std::string(FINSAM_SOURCE_DIR) + "/corpus")) {
    if (std::filesystem::exists(std::filesystem::path(dir) / "scanned.pdf")) cases.push_back(dir);
  }
  return cases;
}

const Engine& SharedEngine() {
  static std::unique_ptr<Engine> engine = [] {
    auto loaded = Engine::Load({});
    return loaded.ok() ? std::move(loaded.value()) : std::unique_ptr<Engine>();
  }();
  return *engine;
}

// The family scores of one part, by name.
std::map<std::string, FamilyScore> ByFamily(const std::vector<FamilyScore>& scores) {
  std::map<std::string, FamilyScore> out;
  for (const FamilyScore& f : scores) out[f.family] = f;
  return out;
}

class ScannedTest : public ::testing::TestWithParam<std::string> {};

TEST_P(ScannedTest, SameKeyFieldsAsTheBornDigitalPdf) {
  ASSERT_NE(&SharedEngine(), nullptr);
  CaseResult digital = RunCase(SharedEngine(), GetParam(), "input.pdf");
  CaseResult scanned = RunCase(SharedEngine(), GetParam(), "scanned.pdf");
  ASSERT_TRUE(scanned.error.empty()) << scanned.error;
  ASSERT_EQ(scanned.records.size(), digital.records.size());
  ASSERT_EQ(scanned.records.size(), scanned.scores.size());
  for (size_t part = 0; part < scanned.scores.size(); ++part) {
    auto want = ByFamily(digital.scores[part]);
    for (const FamilyScore& got : scanned.scores[part]) {
      if (!kFamilies.count(got.family)) continue;
      const FamilyScore& base = want[got.family];
      EXPECT_TRUE(got.tp == base.tp && got.fp == base.fp && got.fn == base.fn)
          << "part " << part + 1 << " " << got.family << "\n  expected " << got.expected
          << "\n  got      " << got.got;
    }
    EXPECT_EQ(scanned.records[part]["source"]["format"], "pdf");
  }
}

TEST(ScannedInventoryTest, SixTemplatesHaveAScannedVariant) {
  EXPECT_GE(ScannedCases().size(), 6u);
}

std::string CaseName(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = std::filesystem::path(info.param).filename().string();
  for (char& c : name) if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Scanned, ScannedTest, ::testing::ValuesIn(ScannedCases()), CaseName);

}  // namespace
}  // namespace finsam
