// Tests for PagePainter: pages drawn by a shared Gfx give exactly the
// words PDFDoc::displayPageSlice gives with a Gfx and a TextOutputDev per
// page (text, box, font, size, spacing), on every corpus, odd and hostile
// PDF; runs end where tests/data/odd_pdfs/shared_resources.pdf says they
// must.
#include "ingest/page_painter.h"

#include <gtest/gtest.h>
#include <poppler/PDFDoc.h>
#include <poppler/TextOutputDev.h>

#include <filesystem>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "ingest/poppler_core.h"
#include "support/files.h"

namespace finsam {
namespace {

// A word as TextOutputDev gives it, every value the engine reads.
std::string Describe(const TextWord& word) {
  std::unique_ptr<GooString> text(word.getText());
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  word.getBBox(&x0, &y0, &x1, &y1);
  const GooString* font = word.getFontName(0);
  std::ostringstream out;
  out.precision(17);
  out << text->toStr() << " [" << x0 << ' ' << y0 << ' ' << x1 << ' ' << y1 << "] " << word.getFontSize() << ' '
      << (font ? font->toStr() : "-") << (word.hasSpaceAfter() ? " +space" : "");
  return out.str();
}

std::vector<std::string> Describe(TextOutputDev& out) {
  std::vector<std::string> words;
  std::unique_ptr<TextWordList> list = out.makeWordList();
  for (int i = 0; i < list->getLength(); ++i) words.push_back(Describe(*list->get(i)));
  return words;
}

// What pdf_words.cc did before the painter: a device and a Gfx per page.
std::vector<std::string> PageByItself(PDFDoc& doc, int index) {
  TextOutputDev out(nullptr, false, 0, false, false);
  doc.displayPageSlice(&out, index + 1, 72, 72, 0, false, false, false, -1, -1, -1, -1, nullptr, nullptr,
                       DrawAnnotationUnlessGenerated, &doc, true);
  return Describe(out);
}

std::vector<std::string> Painted(PagePainter& painter, int index) {
  std::vector<std::string> words;
  EXPECT_TRUE(painter.Paint(index, [&words](TextOutputDev& out) { words = Describe(out); }));
  return words;
}

std::vector<std::filesystem::path> AllPdfs() {
  std::vector<std::filesystem::path> pdfs;
  for (const char* dir : {"/corpus/hostile", "/tests/data/odd_pdfs"}) {
    for (const auto& entry : std::filesystem::directory_iterator(FINSAM_SOURCE_DIR + std::string(dir))) {
      // Poppler inflates the bomb for minutes: the engine's worker limits
      // stop it (tests/hostile_test.cc), not the painter.
      if (entry.path().extension() == ".pdf" && entry.path().filename() != "compression_bomb.pdf") {
        pdfs.push_back(entry.path());
      }
    }
  }
  for (const auto& entry : std::filesystem::directory_iterator(FINSAM_SOURCE_DIR "/corpus")) {
    if (std::filesystem::exists(entry.path() / "input.pdf")) pdfs.push_back(entry.path() / "input.pdf");
  }
  return pdfs;
}

TEST(PagePainterTest, SameWordsAsAGfxPerPageOnEveryPdf) {
  int files = 0, pages = 0, runs = 0, words = 0;
  for (const std::filesystem::path& pdf : AllPdfs()) {
    std::string bytes = ReadAll(pdf);
    std::unique_ptr<PDFDoc> alone = OpenPdfDoc(bytes, "");
    std::unique_ptr<PDFDoc> shared = OpenPdfDoc(bytes, "");
    if (!alone) continue;   // damaged or locked: nothing drawn
    PagePainter painter(*shared);
    for (int p = 0; p < alone->getNumPages(); ++p) {
      if (!alone->getPage(p + 1)) continue;
      std::vector<std::string> want = PageByItself(*alone, p);
      EXPECT_EQ(Painted(painter, p), want) << pdf << " page " << p + 1;
      words += static_cast<int>(want.size());
    }
    pages += painter.pages_painted();
    runs += painter.runs_started();
    ++files;
  }
  EXPECT_GE(files, 40);
  EXPECT_GT(words, 10000);
  EXPECT_LT(runs, pages);   // multi-page corpus documents share their fonts
}

TEST(PagePainterTest, RunsEndWhereResourcesClashOrStateIsLeftOpen) {
  std::string bytes = ReadAll(FINSAM_SOURCE_DIR "/tests/data/odd_pdfs/shared_resources.pdf");
  std::unique_ptr<PDFDoc> alone = OpenPdfDoc(bytes, "");
  std::unique_ptr<PDFDoc> shared = OpenPdfDoc(bytes, "");
  ASSERT_TRUE(alone && shared);
  ASSERT_EQ(alone->getNumPages(), 10);
  PagePainter painter(*shared);
  std::vector<std::vector<std::string>> seen;
  for (int p = 0; p < 10; ++p) {
    seen.push_back(Painted(painter, p));
    EXPECT_EQ(seen.back(), PageByItself(*alone, p)) << "page " << p + 1;
  }
  // Pages 1-3 agree (one adds a font, one holds its resources indirectly);
  // page 4 gives /F1 to Courier; page 6 leaves an /ActualText span open;
  // page 8 has another media box. Pages 5 and 9 leave a q open and pop a
  // state they never saved: Poppler's own guard around each page's content
  // keeps the state the next page starts from, so their runs go on.
  EXPECT_EQ(painter.runs_started(), 4);
  EXPECT_EQ(painter.pages_painted(), 10);
  ASSERT_FALSE(seen[3].empty());
  EXPECT_NE(seen[3][0].find("Courier"), std::string::npos) << seen[3][0];
  ASSERT_FALSE(seen[6].empty());   // not swallowed by page 6's open span
  EXPECT_EQ(seen[6][0].substr(0, 4), "Sida");
  ASSERT_FALSE(seen[9].empty());   // drawn from the state page 9 found
  EXPECT_EQ(seen[9][0].substr(0, 4), "Sida");

  // Out of order, each page starts a run of its own and reads the same.
  PagePainter jumping(*shared);
  for (int p : {9, 2, 0, 5, 3}) EXPECT_EQ(Painted(jumping, p), seen[static_cast<size_t>(p)]) << "page " << p + 1;
  EXPECT_EQ(jumping.runs_started(), 5);
  EXPECT_FALSE(jumping.Paint(10, [](TextOutputDev&) { ADD_FAILURE() << "no page 11"; }));
  EXPECT_FALSE(jumping.Paint(-1, [](TextOutputDev&) { ADD_FAILURE() << "no page 0"; }));
}

}  // namespace
}  // namespace finsam
