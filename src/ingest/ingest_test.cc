// Tests for IngestBytes/IngestFile: text lines, cells, pages, boxes, hashes, errors and PDFs.
#include "ingest/ingest.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace finsam {
namespace {

const char kCorpusPdf[] = FINSAM_SOURCE_DIR "/corpus/01_uppsala_form_esign/input.pdf";

Document Ingest(std::string_view bytes) {
  Result<Document> doc = IngestBytes(bytes, "ansokan.txt", IngestOptions{});
  EXPECT_TRUE(doc.ok()) << (doc.ok() ? "" : doc.error().ToString());
  return doc.ok() ? *doc : Document{};
}

std::vector<std::string> Words(const Cell& cell) {
  std::vector<std::string> out;
  for (const Word& w : cell.words) out.push_back(w.text);
  return out;
}

TEST(IngestTest, Sha256OfKnownInputs) {
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(IngestTest, StampsPathHashAndFormat) {
  Document doc = Ingest("abc");
  EXPECT_EQ(doc.path, "ansokan.txt");
  EXPECT_EQ(doc.sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(doc.format, SourceFormat::kText);
}

struct LineShape {
  int page, number;
  std::vector<std::vector<std::string>> cells;   // words per cell
};

TEST(IngestTest, SplitsTextIntoPagesLinesCellsAndWords) {
  struct Case {
    const char* name;
    std::string input;
    size_t pages;
    std::vector<LineShape> lines;
  };
  const std::vector<Case> cases = {
      {"one line", "Insatsens namn", 1, {{1, 1, {{"Insatsens", "namn"}}}}},
      {"tabs make cells, runs of spaces collapse",
       "Lön\t540  000\tkr", 1, {{1, 1, {{"Lön"}, {"540", "000"}, {"kr"}}}}},
      {"empty cell between tabs", "a\t\tb", 1, {{1, 1, {{"a"}, {}, {"b"}}}}},
      {"CRLF line ends", "Rad ett\r\nRad två", 1, {{1, 1, {{"Rad", "ett"}}}, {1, 2, {{"Rad", "två"}}}}},
      {"form feed starts a page and restarts numbering", "Sida ett\nmer\fSida två\nslut", 2,
       {{1, 1, {{"Sida", "ett"}}}, {1, 2, {{"mer"}}}, {2, 1, {{"Sida", "två"}}}, {2, 2, {{"slut"}}}}},
      {"form feed on its own line", "A\n\fB", 2, {{1, 1, {{"A"}}}, {2, 1, {{"B"}}}}},
      {"markup is kept for normalization", "<b>Dnr</b> **12**", 1,
       {{1, 1, {{"<b>Dnr</b>", "**12**"}}}}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Document doc = Ingest(c.input);
    EXPECT_EQ(doc.pages.size(), c.pages);
    ASSERT_EQ(doc.lines.size(), c.lines.size());
    for (size_t i = 0; i < c.lines.size(); ++i) {
      SCOPED_TRACE(i);
      const Line& line = doc.lines[i];
      EXPECT_EQ(line.page, c.lines[i].page);
      EXPECT_EQ(line.number, c.lines[i].number);
      ASSERT_EQ(line.cells.size(), c.lines[i].cells.size());
      for (size_t k = 0; k < line.cells.size(); ++k) EXPECT_EQ(Words(line.cells[k]), c.lines[i].cells[k]);
    }
  }
}

TEST(IngestTest, TextPagesAreNumberedWithoutGeometry) {
  Document doc = Ingest("ett\ftvå\fTre");
  ASSERT_EQ(doc.pages.size(), 3u);
  for (size_t i = 0; i < doc.pages.size(); ++i) {
    EXPECT_EQ(doc.pages[i].number, static_cast<int>(i) + 1);
    EXPECT_EQ(doc.pages[i].width, 0);
    EXPECT_FALSE(doc.pages[i].needs_ocr);
  }
}

TEST(IngestTest, TextCellsGetSyntheticBoxes) {
  Document doc = Ingest("rubrik\nKostnad\t2025\t2026");
  ASSERT_EQ(doc.lines.size(), 2u);
  const Line& row = doc.lines[1];
  ASSERT_EQ(row.cells.size(), 3u);
  for (size_t i = 0; i < row.cells.size(); ++i) {
    SCOPED_TRACE(i);
    const Box& box = row.cells[i].box;
    EXPECT_DOUBLE_EQ(box.x0, static_cast<double>(i));
    EXPECT_DOUBLE_EQ(box.x1, static_cast<double>(i) + 0.9);
    EXPECT_DOUBLE_EQ(box.y0, 2.0);   // the line number
    EXPECT_DOUBLE_EQ(box.y1, 2.9);
    for (const Word& w : row.cells[i].words) {
      EXPECT_DOUBLE_EQ(w.box.x0, box.x0);
      EXPECT_DOUBLE_EQ(w.box.x1, box.x1);
      EXPECT_FALSE(w.bold);
      EXPECT_EQ(w.font_size, 0);
      EXPECT_EQ(w.confidence, 1);
    }
  }
}

TEST(IngestTest, RejectsInputThatIsNotADocument) {
  struct Case {
    const char* name;
    std::string bytes;
    IngestOptions options;
    const char* code;
  };
  IngestOptions small;
  small.max_text_bytes = 10;
  const std::vector<Case> cases = {
      {"empty", "", {}, "empty_file"},
      {"NUL bytes", std::string("Dnr\0\0\0\x01\x02 12", 11), {}, "binary_input"},
      {"PDF header with garbage", "%PDF-1.7\nthis is not a real pdf body", {}, "pdf_damaged"},
      {"PDF header after junk", "junk before\n%PDF-1.4\ngarbage", {}, "pdf_damaged"},
      {"text over the size limit", "Ansökan om medel för insatsen", small, "text_too_large"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Result<Document> doc = IngestBytes(c.bytes, "in/fil.txt", c.options);
    ASSERT_FALSE(doc.ok());
    EXPECT_EQ(doc.error().code, c.code);
    EXPECT_EQ(doc.error().where, "in/fil.txt");
    EXPECT_FALSE(doc.error().message.empty());
  }
}

TEST(IngestTest, FileErrorsNameThePath) {
  const std::string missing = ::testing::TempDir() + "/finsam_no_such_file.txt";
  Result<Document> doc = IngestFile(missing, IngestOptions{});
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.error().code, "file_not_found");
  EXPECT_EQ(doc.error().where, missing);
  EXPECT_NE(doc.error().ToString().find(missing), std::string::npos);

  Result<Document> dir = IngestFile(FINSAM_SOURCE_DIR "/corpus", IngestOptions{});
  ASSERT_FALSE(dir.ok());
  EXPECT_EQ(dir.error().code, "file_unreadable");
}

TEST(IngestTest, ReadsACorpusPdf) {
  Result<Document> doc = IngestFile(kCorpusPdf, IngestOptions{});
  ASSERT_TRUE(doc.ok()) << doc.error().ToString();
  EXPECT_EQ(doc->format, SourceFormat::kPdf);
  EXPECT_EQ(doc->path, kCorpusPdf);
  EXPECT_EQ(doc->sha256.size(), 64u);
  ASSERT_EQ(doc->pages.size(), 2u);
  for (const Page& page : doc->pages) {
    EXPECT_GT(page.width, 100);
    EXPECT_GT(page.height, page.width);   // portrait A4
    EXPECT_FALSE(page.needs_ocr);
  }
  size_t words = 0, bold = 0;
  int last_page = 0;
  for (const Line& line : doc->lines) {
    EXPECT_GE(line.page, last_page);   // reading order across pages
    last_page = line.page;
    for (const Cell& cell : line.cells) {
      for (const Word& w : cell.words) {
        ++words;
        bold += w.bold;
        EXPECT_FALSE(w.text.empty());
        EXPECT_GT(w.box.x1, w.box.x0) << w.text;
        EXPECT_GT(w.box.y1, w.box.y0) << w.text;
        EXPECT_GE(w.box.x0, cell.box.x0) << w.text;
        EXPECT_LE(w.box.x1, cell.box.x1) << w.text;
        EXPECT_GT(w.font_size, 0) << w.text;
      }
    }
  }
  EXPECT_GT(words, 200u);
  EXPECT_GT(bold, 5u);
  EXPECT_LT(bold, words / 2);
  EXPECT_EQ(last_page, 2);
  // The first line is the bold title, word by word.
  ASSERT_FALSE(doc->lines.empty());
  ASSERT_FALSE(doc->lines[0].cells.empty());
  const Word& first = doc->lines[0].cells[0].words[0];
  EXPECT_EQ(first.text, "Ansökan");
  EXPECT_TRUE(first.bold);
}

TEST(IngestTest, PdfPageLimit) {
  IngestOptions options;
  options.max_pages = 1;
  Result<Document> doc = IngestFile(kCorpusPdf, options);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.error().code, "page_limit_exceeded");
  EXPECT_EQ(doc.error().where, kCorpusPdf);
}

const char kOddPdfs[] = FINSAM_SOURCE_DIR "/tests/data/odd_pdfs/";

std::string LineText(const Line& line) {
  std::string out;
  for (const Cell& c : line.cells) {
    for (const Word& w : c.words) out += (out.empty() ? "" : " ") + w.text;
  }
  return out;
}

std::vector<std::string> PageLines(const Document& doc, int page) {
  std::vector<std::string> out;
  for (const Line& line : doc.lines) {
    if (line.page == page) out.push_back(LineText(line));
  }
  return out;
}

TEST(IngestPdfTest, RotatedPagesReadUpright) {
  Result<Document> doc = IngestFile(std::string(kOddPdfs) + "rotated_pages.pdf", IngestOptions{});
  ASSERT_TRUE(doc.ok()) << doc.error().ToString();
  ASSERT_EQ(doc->pages.size(), 5u);
  // /Rotate 0, 90, 180, 270, and text turned by its text matrix: read upright.
  for (int page = 1; page <= 5; ++page) {
    SCOPED_TRACE(page);
    EXPECT_EQ(PageLines(*doc, page),
              (std::vector<std::string>{"Insatsens namn: Vridna sidor", "Insatsperiod: 2025-03-01 till 2026-02-28"}));
    // The size as read, upright: page 5's text runs up the portrait page.
    EXPECT_DOUBLE_EQ(doc->pages[static_cast<size_t>(page - 1)].width, page == 5 ? 842 : 595);
  }
}

TEST(IngestPdfTest, OwnerPasswordOnlyOpensWithoutPassword) {
  for (const char* name : {"owner_password_aes256.pdf", "owner_password_rc4.pdf"}) {
    SCOPED_TRACE(name);
    Result<Document> doc = IngestFile(std::string(kOddPdfs) + name, IngestOptions{});
    ASSERT_TRUE(doc.ok()) << doc.error().ToString();
    ASSERT_FALSE(doc->lines.empty());
    EXPECT_EQ(LineText(doc->lines[0]), "Samordningsförbundet Sundsvall");
  }
}

TEST(IngestPdfTest, UnmappedGlyphsAreDroppedAndNoted) {
  IngestOptions no_ocr;
  no_ocr.ocr = OcrMode::kNever;
  Result<Document> doc = IngestFile(std::string(kOddPdfs) + "unmapped_glyphs.pdf", no_ocr);
  ASSERT_TRUE(doc.ok()) << doc.error().ToString();
  // The heading's font maps to Unicode; the body's four lines do not.
  EXPECT_EQ(PageLines(*doc, 1), std::vector<std::string>{"Ansökan om medel"});
  ASSERT_EQ(doc->notes.size(), 1u);
  EXPECT_EQ(doc->notes[0].code, "unmapped_glyphs");
  EXPECT_EQ(doc->notes[0].page, 1);
  EXPECT_NE(doc->notes[0].message.find("behöver OCR"), std::string::npos);
  EXPECT_FALSE(doc->pages[0].ocr);
}

TEST(IngestPdfTest, TruncatedUpdateIsNotedAndThePreviousRevisionRead) {
  std::string pdf;
  {
    std::ifstream in(kCorpusPdf, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    pdf = s.str();
  }
  Result<Document> whole = IngestBytes(pdf, "a.pdf", IngestOptions{});
  Result<Document> cut = IngestBytes(pdf + "\n7 0 obj\n<< /Type /Page /Parent 2 0 R /Contents [", "a.pdf", IngestOptions{});
  ASSERT_TRUE(whole.ok() && cut.ok());
  EXPECT_TRUE(whole->notes.empty());
  ASSERT_EQ(cut->notes.size(), 1u);
  EXPECT_EQ(cut->notes[0].code, "pdf_truncated_revision");
  EXPECT_EQ(cut->notes[0].severity, "warning");
  EXPECT_EQ(cut->notes[0].page, 0);
  EXPECT_EQ(cut->lines.size(), whole->lines.size());
}

TEST(IngestPdfTest, FormFieldValuesJoinTheRowsOfTheirLabels) {
  Result<Document> doc = IngestFile(FINSAM_SOURCE_DIR "/corpus/45_halland_acroform_fields/input.pdf", IngestOptions{});
  ASSERT_TRUE(doc.ok()) << doc.error().ToString();
  std::vector<std::string> lines = PageLines(*doc, 1);
  auto has = [&lines](const std::string& t) { return std::find(lines.begin(), lines.end(), t) != lines.end(); };
  EXPECT_TRUE(has("Insatsens namn (*) Stegvis tillbaka i Falkenberg"));          // value only in /V
  EXPECT_TRUE(has("Insatsägare (*) Falkenbergs kommun, Arbetsmarknadsenheten"));  // printed: not doubled
  EXPECT_TRUE(has("Kontaktperson Lena Sjöholm, 0346-88 60 00"));                  // drawn by Poppler
  EXPECT_TRUE(has("Summa sökt belopp 1 050 000 kr"));
  const Line* name = nullptr;
  for (const Line& line : doc->lines) {
    if (LineText(line).rfind("Insatsens namn", 0) == 0) name = &line;
  }
  ASSERT_NE(name, nullptr);
  ASSERT_EQ(name->cells.size(), 2u);   // label and value are two cells, like a table row
  EXPECT_EQ(Words(name->cells[1]), (std::vector<std::string>{"Stegvis", "tillbaka", "i", "Falkenberg"}));
}

// A single-line field of 400 CJK ideographs in Helvetica, /NeedAppearances
// true: Poppler would ask fontconfig for a fallback font glyph by glyph
// (minutes on a large field); the value is read from the form instead.
TEST(IngestPdfTest, FieldValueIsReadFromTheFormWhenPopplerWouldGenerateItsAppearance) {
  IngestOptions no_ocr;
  no_ocr.ocr = OcrMode::kNever;
  Result<Document> doc =
      IngestFile(FINSAM_SOURCE_DIR "/fuzz/regressions/pdf_ingest_fuzz/form_field_font_fallback.pdf", no_ocr);
  ASSERT_TRUE(doc.ok()) << doc.error().ToString();
  std::string text;
  for (const std::string& line : PageLines(*doc, 1)) text += line;
  EXPECT_EQ(text.rfind("\u4e00\u4e01\u4e02", 0), 0u) << text.substr(0, 30);
}

}  // namespace
}  // namespace finsam
