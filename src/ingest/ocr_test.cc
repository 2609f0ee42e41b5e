// Unit tests of the OCR page decision and the pixel-to-point scaling
// (ocr.h). Recognition itself is tested on scans by tests/ocr_test.cc.
#include "ingest/ocr.h"

#include <gtest/gtest.h>

namespace finsam {
namespace {

constexpr double kA4Width = 595, kA4Height = 842;

Word W(const std::string& text) {
  Word w;
  w.text = text;
  return w;
}

std::vector<Word> Prose(int words) {
  return std::vector<Word>(static_cast<size_t>(words), W("Insatsägare"));
}

TEST(PageNeedsOcrTest, PageWithoutTextLayerNeedsOcr) {
  EXPECT_TRUE(PageNeedsOcr(MeasurePageText({}, kA4Width, kA4Height), OcrMode::kAuto));
}

TEST(PageNeedsOcrTest, WrittenPageDoesNot) {
  PageTextStats stats = MeasurePageText(Prose(40), kA4Width, kA4Height);
  EXPECT_EQ(stats.chars, 440u);   // "Insatsägare" is 11 code points
  EXPECT_FALSE(PageNeedsOcr(stats, OcrMode::kAuto));
}

TEST(PageNeedsOcrTest, AStampOnAScanIsTooLittleText) {
  // 24 characters on an A4 page: under one per 20,000 pt².
  EXPECT_TRUE(PageNeedsOcr(MeasurePageText({W("Inkom"), W("2023-05-04"), W("Dnr"), W("12/34")},
                                           kA4Width, kA4Height), OcrMode::kAuto));
  EXPECT_FALSE(PageNeedsOcr(MeasurePageText(Prose(3), kA4Width, kA4Height), OcrMode::kAuto));
}

TEST(PageNeedsOcrTest, BrokenFontEncodingIsGarbage) {
  std::vector<Word> words = Prose(10);
  for (int i = 0; i < 40; ++i) words.push_back(W("\xEF\xBF\xBD\xEE\x80\x81"));  // U+FFFD U+E001
  PageTextStats stats = MeasurePageText(words, kA4Width, kA4Height);
  EXPECT_EQ(stats.garbage, 80u);
  EXPECT_EQ(stats.chars, 190u);
  EXPECT_TRUE(PageNeedsOcr(stats, OcrMode::kAuto));
}

TEST(PageNeedsOcrTest, AlwaysAndNeverDecideAlone) {
  EXPECT_TRUE(PageNeedsOcr(MeasurePageText(Prose(40), kA4Width, kA4Height), OcrMode::kAlways));
  EXPECT_FALSE(PageNeedsOcr(MeasurePageText({}, kA4Width, kA4Height), OcrMode::kNever));
}

TEST(ParseOcrModeTest, KnowsTheThreeModes) {
  EXPECT_EQ(ParseOcrMode("auto"), OcrMode::kAuto);
  EXPECT_EQ(ParseOcrMode("always"), OcrMode::kAlways);
  EXPECT_EQ(ParseOcrMode("never"), OcrMode::kNever);
  EXPECT_EQ(ParseOcrMode("sometimes"), std::nullopt);
}

TEST(PixelsToPointsTest, ScalesByResolution) {
  Box box = PixelsToPoints(300, 600, 900, 650, 300);   // 1 inch = 72 pt
  EXPECT_DOUBLE_EQ(box.x0, 72);
  EXPECT_DOUBLE_EQ(box.y0, 144);
  EXPECT_DOUBLE_EQ(box.x1, 216);
  EXPECT_DOUBLE_EQ(box.y1, 156);
  Box a4 = PixelsToPoints(0, 0, 2480, 3508, 300);      // A4 at 300 dpi
  EXPECT_NEAR(a4.x1, 595.2, 0.1);
  EXPECT_NEAR(a4.y1, 841.9, 0.1);
}

// Files in parallel (--jobs) and pages in parallel share the cores.
TEST(OcrThreadsPerProcessTest, SharesTheCoresBetweenWorkers) {
  EXPECT_EQ(OcrThreadsPerProcess(1, 0, 2), 2);   // one file at a time: its pages in parallel
  EXPECT_EQ(OcrThreadsPerProcess(2, 0, 2), 1);   // two files at once: one thread each
  EXPECT_EQ(OcrThreadsPerProcess(8, 0, 2), 1);
  EXPECT_EQ(OcrThreadsPerProcess(2, 0, 8), 4);
  EXPECT_EQ(OcrThreadsPerProcess(2, 3, 2), 3);   // --ocr-threads wins
  EXPECT_EQ(OcrThreadsPerProcess(0, 0, 0), 1);
}

TEST(DropQuoteRunsTest, RunsGoSingleQuotesStay) {
  EXPECT_EQ(DropQuoteRuns("\"\"\"\"AKT\"\"ivitet"), "AKTivitet");
  EXPECT_EQ(DropQuoteRuns("”“Projektnamn"), "Projektnamn");
  EXPECT_EQ(DropQuoteRuns("\"Steget\""), "\"Steget\"");
  EXPECT_EQ(DropQuoteRuns("Lindqvist’s"), "Lindqvist’s");
  EXPECT_EQ(DropQuoteRuns("''"), "");
}

}  // namespace
}  // namespace finsam
