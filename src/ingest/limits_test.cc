// Tests for the limits ingest enforces on one file (docs/limits.md): file
// size, PDF header of a file named .pdf, line length, page text.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "ingest/ingest.h"

namespace finsam {
namespace {

std::string CodeOf(const Result<Document>& doc) { return doc.ok() ? "ok" : doc.error().code; }

TEST(IngestLimitsTest, FileNamedPdfWithoutAHeaderIsNotAPdf) {
  IngestOptions options;
  EXPECT_EQ(CodeOf(IngestBytes("<!DOCTYPE html><html><body>Ansökan</body></html>", "a.pdf", options)), "not_a_pdf");
  EXPECT_EQ(CodeOf(IngestBytes("Ansökan om samverkansmedel\n", "A.PDF", options)), "not_a_pdf");
  EXPECT_EQ(CodeOf(IngestBytes(std::string("\x00\x01\x02 x", 5), "b.pdf", options)), "not_a_pdf");
  EXPECT_EQ(CodeOf(IngestBytes("Ansökan om samverkansmedel\n", "a.txt", options)), "ok");
  EXPECT_EQ(CodeOf(IngestBytes("", "a.pdf", options)), "empty_file");
}

TEST(IngestLimitsTest, LinesLongerThanTheLimitAreRefused) {
  IngestOptions options;
  options.max_line_chars = 100;
  std::string ok_line(90, 'a'), long_line = "Insatsens namn: " + std::string(200, 'b');
  EXPECT_EQ(CodeOf(IngestBytes("Rubrik\n" + ok_line + "\n", "a.txt", options)), "ok");
  Result<Document> doc = IngestBytes("Rubrik\n" + long_line + "\n", "a.txt", options);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.error().code, "line_too_long");
  EXPECT_EQ(doc.error().where, "a.txt");
  EXPECT_NE(doc.error().message.find("line 2"), std::string::npos) << doc.error().message;
  // Characters, not bytes: 90 two-byte letters are 90 characters.
  std::string swedish;
  for (int i = 0; i < 90; ++i) swedish += "ä";
  EXPECT_EQ(CodeOf(IngestBytes(swedish + "\n", "a.txt", options)), "ok");
}

TEST(IngestLimitsTest, FilesLargerThanTheLimitAreRefusedBeforeReading) {
  IngestOptions options;
  options.max_file_bytes = 1000;
  std::string path = (std::filesystem::path(::testing::TempDir()) / ("limits_" + std::to_string(getpid()))).string();
  std::ofstream(path) << std::string(1001, 'a');
  Result<Document> doc = IngestFile(path, options);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.error().code, "file_too_large");
  EXPECT_NE(doc.error().message.find("1001 bytes"), std::string::npos) << doc.error().message;
  Result<FileDigest> digest = DigestFile(path, 1000);
  ASSERT_TRUE(digest.ok());
  EXPECT_TRUE(digest->too_large);
  EXPECT_EQ(digest->size, 1001u);
  EXPECT_EQ(digest->sha256, Sha256Hex(std::string(1001, 'a')));
  std::filesystem::remove(path);
  EXPECT_EQ(DigestFile(path, 1000).error().code, "file_not_found");
}

TEST(IngestLimitsTest, PageTextLimitCountsCharacters) {
  IngestOptions options;
  options.max_page_chars = 10;
  std::vector<Word> words(2);
  words[0].text = "Ansökan";   // 7 characters, 8 bytes
  words[1].text = "om";
  EXPECT_EQ(CheckPageText(words, 1, options), std::nullopt);
  words.push_back(words[1]);
  words.push_back(words[1]);
  std::optional<Error> too_much = CheckPageText(words, 3, options);
  ASSERT_TRUE(too_much.has_value());
  EXPECT_EQ(too_much->code, "page_text_limit_exceeded");
  EXPECT_NE(too_much->message.find("page 3 has 13 characters"), std::string::npos) << too_much->message;
  EXPECT_EQ(CountCodePoints("åäö abc"), 7u);
}

}  // namespace
}  // namespace finsam
