// Tests for the LSH duplicate index: planted duplicates among many unrelated
// documents, OCR-like noise, which partner each finding names, and the JSON
// finding.
#include "audit/duplicate_index.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace finsam {
namespace {

// A pseudo-random text of `n` words from a vocabulary of 5,000 (seeded, so
// the test is the same every run).
std::string RandomText(unsigned seed, int n) {
  std::mt19937 random(seed);
  std::uniform_int_distribution<int> word(0, 4999);
  std::string text;
  for (int i = 0; i < n; ++i) text += "w" + std::to_string(word(random)) + " ";
  return text;
}

// `text` with every `every`-th word misread (as OCR does: "2016" → "20l6").
std::string WithNoise(const std::string& text, int every) {
  std::string out;
  int i = 0;
  size_t start = 0;
  for (size_t end; (end = text.find(' ', start)) != std::string::npos; start = end + 1) {
    std::string word = text.substr(start, end - start);
    out += (++i % every == 0 ? word + "l" : word) + " ";
  }
  return out;
}

DocumentFingerprint Fingerprint(const std::string& file, const std::string& text, const std::string& type = "ansokan") {
  DocumentFingerprint fp;
  fp.file = file;
  fp.document_type = type;
  fp.minhash = MinHashSignature(text);
  return fp;
}

TEST(DuplicateIndexTest, FindsPlantedDuplicatesAmongManyDocuments) {
  std::vector<DocumentFingerprint> batch;
  for (unsigned i = 0; i < 2000; ++i) batch.push_back(Fingerprint("f" + std::to_string(i), RandomText(i, 300)));
  batch.push_back(Fingerprint("copy_of_7", RandomText(7, 300)));
  batch.push_back(Fingerprint("noisy_copy_of_42", WithNoise(RandomText(42, 300), 40)));
  batch.push_back(Fingerprint("decision_like_9", RandomText(9, 300), "beslut"));
  std::vector<std::optional<size_t>> partner = DuplicatePartners(batch);
  size_t with_partner = 0;
  for (const auto& p : partner) with_partner += p.has_value();
  EXPECT_EQ(with_partner, 4u);
  EXPECT_EQ(partner[7], 2000u);
  EXPECT_EQ(partner[2000], 7u);
  EXPECT_EQ(partner[42], 2001u);
  EXPECT_EQ(partner[2001], 42u);
  EXPECT_EQ(partner[9], std::nullopt);   // another type is never the same submission
}

TEST(DuplicateIndexTest, EachDocumentNamesItsFirstPartner) {
  std::string text = RandomText(1, 200);
  std::vector<DocumentFingerprint> batch = {Fingerprint("a", text), Fingerprint("other", RandomText(2, 200)),
                                            Fingerprint("b", text), Fingerprint("c", WithNoise(text, 50))};
  std::vector<std::optional<size_t>> partner = DuplicatePartners(batch);
  EXPECT_EQ(partner[0], 2u);   // its first later copy
  EXPECT_EQ(partner[1], std::nullopt);
  EXPECT_EQ(partner[2], 0u);   // its first earlier one
  EXPECT_EQ(partner[3], 0u);
}

TEST(DuplicateIndexTest, AddReturnsEarlierDuplicatesAscending) {
  DuplicateIndex index;
  std::string text = RandomText(3, 100);
  EXPECT_TRUE(index.Add(Fingerprint("a", text)).empty());
  EXPECT_TRUE(index.Add(Fingerprint("x", RandomText(4, 100))).empty());
  EXPECT_EQ(index.Add(Fingerprint("b", text)), std::vector<size_t>({0}));
  EXPECT_EQ(index.Add(Fingerprint("c", text)), std::vector<size_t>({0, 2}));
  EXPECT_EQ(index.at(2).file, "b");
  EXPECT_EQ(index.size(), 4u);
}

TEST(DuplicateFindingTest, JsonFindingKeepsTheMessageFormatAndIsAddedOnce) {
  nlohmann::ordered_json record = {{"audit", nlohmann::ordered_json::array()}};
  DocumentFingerprint other;
  other.file = "b.pdf";
  other.part = 2;
  EXPECT_TRUE(AddDuplicateFinding(record, other));
  EXPECT_FALSE(AddDuplicateFinding(record, other));
  ASSERT_EQ(record["audit"].size(), 1u);
  EXPECT_EQ(record["audit"][0]["code"], "duplicate_submission");
  EXPECT_EQ(record["audit"][0]["severity"], "warning");
  EXPECT_TRUE(record["audit"][0]["page"].is_null());
  EXPECT_EQ(record["audit"][0]["message"], "Samma ansökan finns även i b.pdf del 2");
}

// The finding written into a record's text gives the text parsing, adding
// and dumping gives, for records with and without findings, with an
// existing duplicate finding, without an audit array, and with strings
// that hold the brackets and quotes the text is scanned for.
TEST(DuplicateFindingTest, TextFindingEqualsTheParsedRecordsDump) {
  DocumentFingerprint other;
  other.file = "mapp/\"kopia\" [2].pdf";
  other.part = 1;
  const std::vector<std::string> records = {
      R"({"schema":"record-v1","title":"Steg \"]} framåt","audit":[],"budget":{"rows":[1.5,2]}})",
      R"({"audit":[{"code":"missing_signature","severity":"error","field":"signatures","page":null,"line":null,"message":"ej [x]"}],"z":1})",
      R"({"audit":[{"code":"duplicate_submission","severity":"warning","field":null,"page":null,"line":null,"message":"m"}]})",
      R"({"title":"utan granskning"})",
      R"({"audit":null,"title":"x"})",
  };
  int added = 0;
  for (const std::string& text : records) {
    nlohmann::ordered_json parsed = nlohmann::ordered_json::parse(text);
    bool want = AddDuplicateFinding(parsed, other);
    std::string edited = text;
    EXPECT_EQ(AddDuplicateFinding(edited, other), want) << text;
    EXPECT_EQ(edited, want ? parsed.dump() : text) << text;
    added += want;
  }
  EXPECT_EQ(added, 4);
}

}  // namespace
}  // namespace finsam
