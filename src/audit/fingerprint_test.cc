// Tests for document fingerprints: MinHash estimates against the exact
// shingle similarity, band keys, and the JSON form the workers send.
#include "audit/fingerprint.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "audit/audit.h"

namespace finsam {
namespace {

// A text of `n` distinct words, "ord0 ord1 …", from `first`.
std::string Words(int first, int n) {
  std::string text;
  for (int i = first; i < first + n; ++i) text += "ord" + std::to_string(i) + " ";
  return text;
}

DocumentFingerprint Fingerprint(const std::string& text, const std::string& type = "ansokan") {
  DocumentFingerprint fp;
  fp.document_type = type;
  fp.minhash = MinHashSignature(text);
  return fp;
}

TEST(MinHashTest, EstimatesTheJaccardSimilarityOfWordFiveGrams) {
  struct Case {
    std::string a, b;
  };
  const std::vector<Case> cases = {
      {Words(0, 300), Words(0, 300)},                    // 1.0
      {Words(0, 300), Words(100, 300)},                  // about 0.5
      {Words(0, 300), Words(240, 300)},                  // about 0.1
      {Words(0, 300), Words(1000, 300)},                 // 0
      {Words(0, 300), Words(0, 150) + "brus " + Words(150, 150)},   // one OCR-like insertion
  };
  for (const Case& c : cases) {
    double exact = ShingleSimilarity(c.a, c.b);
    double estimate = EstimatedSimilarity(Fingerprint(c.a), Fingerprint(c.b));
    // Four standard errors of a 128-value signature.
    EXPECT_NEAR(estimate, exact, 4 * std::sqrt(exact * (1 - exact) / kMinHashSize) + 1e-9)
        << c.a.substr(0, 20) << " / " << c.b.substr(0, 20);
  }
}

TEST(MinHashTest, FoldsCaseDiacriticsAndWhiteSpaceLikeTheShingles) {
  EXPECT_EQ(MinHashSignature("Försäkringskassan och Region Dalarna samverkar i Falun"),
            MinHashSignature("FORSAKRINGSKASSAN  och\tREGION dalarna\nsamverkar i falun"));
  EXPECT_TRUE(MinHashSignature("för få ord här").empty());
  EXPECT_EQ(MinHashSignature(Words(0, 5)).size(), kMinHashSize);
}

TEST(MinHashTest, IsStableAcrossBuilds) {
  // Signatures are stored in databases: the hash must never change silently
  // (a change needs a migration that recomputes the stored fingerprints).
  EXPECT_EQ(SignatureToHex(MinHashSignature("ett två tre fyra fem")).substr(0, 16), "02b1118de3f27878");
  std::vector<uint32_t> sig = MinHashSignature(Words(0, 50));
  EXPECT_EQ(SignatureFromHex(SignatureToHex(sig)), sig);
  EXPECT_EQ(SignatureToHex({0x01234567u, 0xfedcba98u}), "01234567fedcba98");
  EXPECT_EQ(SignatureFromHex("0123456"), std::nullopt);
  EXPECT_EQ(SignatureFromHex("0123456g"), std::nullopt);
  // Every one of the 128 values, over many shingles (the AVX2 and the plain
  // build of the shingle loop must agree with each other and with stored data).
  std::vector<uint32_t> long_sig = MinHashSignature(
      "Samordningsförbundet beviljar Nacka kommun medel för insatsen Steget vidare under perioden "
      "2024-01-01 till 2025-12-31 med totalt 1 200 000 kr");
  std::string hex = SignatureToHex(long_sig);
  uint64_t digest = 0xcbf29ce484222325ull;
  for (unsigned char c : hex) digest = (digest ^ c) * 0x100000001b3ull;
  EXPECT_EQ(hex.substr(0, 24), "1a62c8ab083e4bdf111afa9e");
  EXPECT_EQ(digest, 0x33b5ee5a1aab6c21ull);   // computed by the build before the AVX2 loop
}

TEST(NearDuplicateTest, NeedsTheSameKnownTypeAndEnoughSharedShingles) {
  std::string text = Words(0, 200);
  EXPECT_TRUE(IsNearDuplicate(Fingerprint(text), Fingerprint(text)));
  EXPECT_FALSE(IsNearDuplicate(Fingerprint(text), Fingerprint(text, "beslut")));
  EXPECT_FALSE(IsNearDuplicate(Fingerprint(text, "okand"), Fingerprint(text, "okand")));
  EXPECT_FALSE(IsNearDuplicate(Fingerprint(text), Fingerprint(Words(150, 200))));
  EXPECT_FALSE(IsNearDuplicate(Fingerprint("kort"), Fingerprint("kort")));
}

TEST(BandKeysTest, OneKeyPerBandAndNoneForUnknownTypes) {
  std::string text = Words(0, 100);
  std::vector<int64_t> keys = BandKeys(Fingerprint(text));
  EXPECT_EQ(keys.size(), kBands);
  EXPECT_EQ(keys, BandKeys(Fingerprint(text)));
  EXPECT_NE(keys, BandKeys(Fingerprint(text, "beslut")));   // types never share a bucket
  EXPECT_TRUE(BandKeys(Fingerprint(text, "okand")).empty());
  EXPECT_TRUE(BandKeys(Fingerprint("för få ord")).empty());
}

TEST(FingerprintJsonTest, RoundTrips) {
  DocumentFingerprint fp = Fingerprint(Words(0, 40));
  fp.file = "a.pdf";
  fp.sha256 = "abc";
  fp.part = 2;
  fp.title = "Vägen vidare";
  fp.owner = "Mora kommun";
  Result<DocumentFingerprint> back = FingerprintFromJson(FingerprintToJson(fp));
  ASSERT_TRUE(back.ok()) << back.error().ToString();
  EXPECT_EQ(back->file, "a.pdf");
  EXPECT_EQ(back->sha256, "abc");
  EXPECT_EQ(back->part, 2);
  EXPECT_EQ(back->document_type, "ansokan");
  EXPECT_EQ(back->title, "Vägen vidare");
  EXPECT_EQ(back->funder, std::nullopt);
  EXPECT_EQ(back->owner, "Mora kommun");
  EXPECT_EQ(back->minhash, fp.minhash);
  EXPECT_FALSE(FingerprintFromJson(nlohmann::ordered_json{{"part", 1}, {"minhash", "xyz"}}).ok());
}

}  // namespace
}  // namespace finsam
