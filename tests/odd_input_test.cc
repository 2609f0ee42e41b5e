// End-to-end tests of readable-but-odd inputs (issue 7): a text file in
// UTF-16 with and without BOM gives the same record as its UTF-8 original;
// a PDF cut off inside an incremental update still gives the record of its
// complete revision, with the pdf_truncated_revision finding; a PDF with an
// owner password only is read like the unencrypted one; a page with broken
// glyphs carries unmapped_glyphs and none of them reach the record.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "emit/record_json.h"
#include "pipeline.h"
#include "support/files.h"

namespace finsam {
namespace {

namespace fs = std::filesystem;

const fs::path kCase = fs::path(FINSAM_SOURCE_DIR) / "corpus" / "39_sundsvall_beslut_signed_late";
const fs::path kOdd = fs::path(FINSAM_SOURCE_DIR) / "tests" / "data" / "odd_pdfs";

const Engine& SharedEngine() {
  static std::unique_ptr<Engine> engine = [] {
    auto loaded = Engine::Load({});
    EXPECT_TRUE(loaded.ok()) << (loaded.ok() ? "" : loaded.error().ToString());
    return loaded.ok() ? std::move(loaded.value()) : std::unique_ptr<Engine>();
  }();
  return *engine;
}

// The records of a file as JSON, without the source block (path, digest,
// format differ between renditions) and provenance (page/line geometry).
nlohmann::ordered_json Records(const fs::path& path) {
  Result<std::vector<Record>> records = ExtractFile(path.string(), SharedEngine());
  EXPECT_TRUE(records.ok()) << path << ": " << (records.ok() ? "" : records.error().ToString());
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const Record& r : records.ok() ? *records : std::vector<Record>{}) {
    nlohmann::ordered_json j = RecordToJson(r);
    j.erase("source");
    j.erase("provenance");
    out.push_back(j);
  }
  return out;
}

std::vector<std::string> Codes(const nlohmann::ordered_json& record) {
  std::vector<std::string> codes;
  for (const auto& f : record["audit"]) codes.push_back(f["code"]);
  return codes;
}

void Write(const fs::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

// UTF-8 to UTF-16 code units (BMP only: the corpus is Swedish text).
std::string Utf16(const std::string& utf8, bool big_endian, bool bom) {
  std::u32string cps;
  for (size_t i = 0; i < utf8.size();) {
    unsigned char c = static_cast<unsigned char>(utf8[i]);
    size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : 3;
    char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1Fu) : (c & 0x0Fu);
    for (size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3Fu);
    cps.push_back(cp);
    i += len;
  }
  std::string out;
  if (bom) cps.insert(cps.begin(), 0xFEFF);
  for (char32_t cp : cps) {
    char hi = static_cast<char>(cp >> 8), lo = static_cast<char>(cp & 0xFF);
    out += big_endian ? std::string{hi, lo} : std::string{lo, hi};
  }
  return out;
}

TEST(OddInputTest, Utf16TextFilesGiveTheUtf8Record) {
  fs::path dir = FreshTestDir("odd_utf16");
  const std::string utf8 = ReadAll(kCase / "input.txt");
  const nlohmann::ordered_json want = Records(kCase / "input.txt");
  ASSERT_EQ(want.size(), 1u);
  for (bool big_endian : {false, true}) {
    for (bool bom : {true, false}) {
      SCOPED_TRACE(std::string(big_endian ? "BE" : "LE") + (bom ? " with BOM" : " without BOM"));
      fs::path path = dir / (std::string("input_") + (big_endian ? "be" : "le") + (bom ? "_bom" : "") + ".txt");
      Write(path, Utf16(utf8, big_endian, bom));
      EXPECT_EQ(Records(path), want);
    }
  }
}

TEST(OddInputTest, TruncatedIncrementalUpdateIsReportedAndTheRevisionRead) {
  fs::path dir = FreshTestDir("odd_truncated");
  const std::string pdf = ReadAll(kCase / "input.pdf");
  nlohmann::ordered_json want = Records(kCase / "input.pdf");
  ASSERT_EQ(want.size(), 1u);
  EXPECT_EQ(Codes(want[0]), std::vector<std::string>{"signature_after_decision"});
  // An update that replaces the page and its title, cut off before its
  // cross-reference section.
  fs::path cut = dir / "cut.pdf";
  Write(cut, pdf + "\n1 0 obj\n<< /Length 44 >>\nstream\nBT /F1 12 Tf 72 700 Td (Ny titel) Tj ET\nendst");
  nlohmann::ordered_json got = Records(cut);
  ASSERT_EQ(got.size(), 1u);
  std::vector<std::string> codes = Codes(got[0]);
  EXPECT_EQ(codes, (std::vector<std::string>{"pdf_truncated_revision", "signature_after_decision"}));
  got[0].erase("audit");
  want[0].erase("audit");
  EXPECT_EQ(got, want);
}

TEST(OddInputTest, OwnerPasswordOnlyReadsLikeTheOriginal) {
  const nlohmann::ordered_json want = Records(kCase / "input.pdf");
  for (const char* name : {"owner_password_aes256.pdf", "owner_password_rc4.pdf"}) {
    SCOPED_TRACE(name);
    EXPECT_EQ(Records(kOdd / name), want);
  }
}

TEST(OddInputTest, UnmappedGlyphsAreFlaggedAndNeverWords) {
  nlohmann::ordered_json got = Records(kOdd / "unmapped_glyphs.pdf");
  ASSERT_EQ(got.size(), 1u);
  std::vector<std::string> codes = Codes(got[0]);
  EXPECT_NE(std::find(codes.begin(), codes.end(), "unmapped_glyphs"), codes.end());
  std::string dump = got.dump();
  // U+E000–U+EFFF, all private use, open with the byte 0xEE in UTF-8.
  EXPECT_EQ(dump.find('\xEE'), std::string::npos);
}

}  // namespace
}  // namespace finsam
