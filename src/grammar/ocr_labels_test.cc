// Tests of the fuzzy label repair on OCR pages.
#include "grammar/ocr_labels.h"

#include <gtest/gtest.h>

#include "ingest/word_rows.h"
#include "normalize/line_joiner.h"
#include "support/shipped_grammar.h"

namespace finsam {
namespace {

Document OcrDoc(const std::vector<std::string>& words, bool ocr = true) {
  Document doc;
  doc.format = SourceFormat::kPdf;
  Page page;
  page.ocr = ocr;
  doc.pages.push_back(page);
  std::vector<Word> row;
  double x = 0;
  for (const std::string& t : words) {
    Word w;
    w.text = t;
    w.box = Box{x, 0, x + 50, 10};
    w.font_size = 10;
    x += 53;
    row.push_back(w);
  }
  doc.lines.push_back(RowToLine(row, 1, 1));
  RebuildLineText(doc.lines[0]);
  return doc;
}

TEST(OcrLabelEditLimitTest, ShortLabelsAreNeverFuzzy) {
  EXPECT_EQ(OcrLabelEditLimit(7), 0);
  EXPECT_EQ(OcrLabelEditLimit(8), 1);
  EXPECT_EQ(OcrLabelEditLimit(13), 1);
  EXPECT_EQ(OcrLabelEditLimit(16), 2);
}

TEST(RepairOcrLabelsTest, MisreadLabelGetsItsWordsBack) {
  Document doc = OcrDoc({"lnsatsägare:", "Region", "Uppsala"});
  RepairOcrLabels(doc, ShippedGrammar());
  EXPECT_EQ(doc.lines[0].text, "Insatsägare: Region Uppsala");
}

TEST(RepairOcrLabelsTest, InflectedWordsAndValuesStay) {
  Document doc = OcrDoc({"Samordningsförbundet", "i", "Jämtlands", "län"});
  RepairOcrLabels(doc, ShippedGrammar());
  EXPECT_EQ(doc.lines[0].text, "Samordningsförbundet i Jämtlands län");
}

TEST(RepairOcrLabelsTest, QuoteMarksAroundALabelGo) {
  Document doc = OcrDoc({"1.", "\"\"Projektnamn\"\""});
  RepairOcrLabels(doc, ShippedGrammar());
  EXPECT_EQ(doc.lines[0].text, "1. Projektnamn");
}

TEST(RepairOcrLabelsTest, QuoteMarksOfTheValueStay) {
  Document doc = OcrDoc({"\u201dInsatsens", "namn:", "\"Vägen", "ut\""});
  RepairOcrLabels(doc, ShippedGrammar());
  EXPECT_EQ(doc.lines[0].text, "Insatsens namn: \"Vägen ut\"");
}

TEST(RepairOcrLabelsTest, QuotedTextThatIsNoLabelStays) {
  Document doc = OcrDoc({"\"Bakom", "kulisserna\""});
  RepairOcrLabels(doc, ShippedGrammar());
  EXPECT_EQ(doc.lines[0].text, "\"Bakom kulisserna\"");
}

TEST(RepairOcrLabelsTest, BornDigitalPagesAreNotTouched) {
  Document doc = OcrDoc({"lnsatsägare:", "Region", "Uppsala"}, /*ocr=*/false);
  RepairOcrLabels(doc, ShippedGrammar());
  EXPECT_EQ(doc.lines[0].text, "lnsatsägare: Region Uppsala");
}

}  // namespace
}  // namespace finsam
