// Tests for PdfWordReader: on every corpus PDF it reads the same words,
// boxes, font sizes, bold/monospace flags and spaces as poppler-cpp's
// page::text_list(text_list_include_font), the call it replaces, but for
// form fields whose appearance Poppler would generate.
#include "ingest/pdf_words.h"

#include <gtest/gtest.h>
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-page.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "support/files.h"

namespace finsam {
namespace {

// What pdf_ingest.cc read through poppler-cpp before this reader.
std::vector<Word> TextListWords(const poppler::page& page) {
  std::vector<Word> words;
  for (const poppler::text_box& box : page.text_list(poppler::page::text_list_include_font)) {
    poppler::byte_array utf8 = box.text().to_utf8();
    Word word;
    word.text.assign(utf8.begin(), utf8.end());
    if (word.text.find_first_not_of(" \t") == std::string::npos) continue;
    poppler::rectf r = box.bbox();
    word.box = Box{r.left(), r.top(), r.right(), r.bottom()};
    word.font_size = box.has_font_info() ? box.get_font_size() : r.height();
    word.bold = box.has_font_info() && IsBoldFontName(box.get_font_name());
    word.monospace = box.has_font_info() && IsMonospaceFontName(box.get_font_name());
    word.space_after = box.has_space_after();
    words.push_back(std::move(word));
  }
  return words;
}

// text_list also reads the words Poppler draws when it generates a form
// field's appearance; the reader leaves those fields to pdf_forms.cc
// (poppler_core.h). The form case's contact field is the corpus's one
// field without a stored appearance.
std::vector<Word> WithoutGeneratedFieldWords(std::vector<Word> words, const std::filesystem::path& pdf) {
  if (pdf.parent_path().filename() != "45_halland_acroform_fields") return words;
  const std::vector<std::string> field = {"Lena", "Sjöholm,", "0346-88", "60", "00"};
  for (size_t i = 0; i + field.size() <= words.size(); ++i) {
    bool match = true;
    for (size_t k = 0; k < field.size() && match; ++k) match = words[i + k].text == field[k];
    if (match) {
      words.erase(words.begin() + static_cast<std::ptrdiff_t>(i), words.begin() + static_cast<std::ptrdiff_t>(i + field.size()));
      return words;
    }
  }
  ADD_FAILURE() << pdf << ": text_list no longer reads the generated field's words";
  return words;
}

void ExpectSameWords(const std::vector<Word>& want, const std::vector<Word>& got, const std::string& where) {
  ASSERT_EQ(want.size(), got.size()) << where;
  for (size_t i = 0; i < want.size(); ++i) {
    SCOPED_TRACE(where + " word " + std::to_string(i) + " '" + want[i].text + "'");
    EXPECT_EQ(want[i].text, got[i].text);
    // Exact: row and cell grouping compare these boxes.
    EXPECT_EQ(want[i].box.x0, got[i].box.x0);
    EXPECT_EQ(want[i].box.y0, got[i].box.y0);
    EXPECT_EQ(want[i].box.x1, got[i].box.x1);
    EXPECT_EQ(want[i].box.y1, got[i].box.y1);
    EXPECT_EQ(want[i].font_size, got[i].font_size);
    EXPECT_EQ(want[i].bold, got[i].bold);
    EXPECT_EQ(want[i].monospace, got[i].monospace);
    EXPECT_EQ(want[i].space_after, got[i].space_after);
  }
}

TEST(PdfWordsTest, SameWordsAsTextListOnTheCorpus) {
  int files = 0, bold = 0;
  for (const auto& entry : std::filesystem::directory_iterator(FINSAM_SOURCE_DIR "/corpus")) {
    std::filesystem::path pdf = entry.path() / "input.pdf";
    if (!std::filesystem::exists(pdf)) continue;
    std::string bytes = ReadAll(pdf);
    std::unique_ptr<poppler::document> doc(
        poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
    if (!doc || doc->is_locked()) continue;   // damaged or encrypted cases: nothing to compare
    PdfWordReader reader(bytes, "");
    ASSERT_TRUE(reader.ok()) << pdf;
    for (int p = 0; p < doc->pages(); ++p) {
      std::unique_ptr<poppler::page> page(doc->create_page(p));
      if (!page) continue;
      std::vector<Word> got = reader.PageWords(p);
      for (const Word& w : got) bold += w.bold;
      std::vector<Word> want = WithoutGeneratedFieldWords(TextListWords(*page), pdf);
      ExpectSameWords(want, got, pdf.string() + " page " + std::to_string(p + 1));
    }
    ++files;
  }
  EXPECT_GE(files, 30);
  EXPECT_GT(bold, 0);   // the corpus has bold labels: the font names are read
}

// Every page's frame and every file's open state as poppler-cpp reports
// them (page_rect(), orientation(), is_locked()), which the reader replaced
// in pdf_ingest.cc: corpus, odd and hostile PDFs (rotated pages, encrypted,
// truncated, a page tree with a cycle).
TEST(PdfWordsTest, FramesAndLocksAsPopplerCppReportsThem) {
  std::vector<std::filesystem::path> pdfs;
  for (const char* dir : {"/corpus/hostile", "/tests/data/odd_pdfs"}) {
    for (const auto& entry : std::filesystem::directory_iterator(FINSAM_SOURCE_DIR + std::string(dir))) {
      if (entry.path().extension() == ".pdf") pdfs.push_back(entry.path());
    }
  }
  for (const auto& entry : std::filesystem::directory_iterator(FINSAM_SOURCE_DIR "/corpus")) {
    if (std::filesystem::exists(entry.path() / "input.pdf")) pdfs.push_back(entry.path() / "input.pdf");
  }
  int pages = 0, turned = 0, locked = 0, unopened = 0;
  for (const std::filesystem::path& pdf : pdfs) {
    std::string bytes = ReadAll(pdf);
    std::unique_ptr<poppler::document> doc(
        poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
    PdfWordReader reader(bytes, "");
    if (!doc) {
      EXPECT_FALSE(reader.ok() || reader.locked()) << pdf;
      ++unopened;
      continue;
    }
    EXPECT_EQ(reader.locked(), doc->is_locked()) << pdf;
    EXPECT_EQ(reader.ok(), !doc->is_locked()) << pdf;
    if (doc->is_locked()) {
      ++locked;
      continue;
    }
    ASSERT_EQ(reader.PageCount(), doc->pages()) << pdf;
    for (int p = 0; p < doc->pages(); ++p) {
      std::unique_ptr<poppler::page> page(doc->create_page(p));
      std::optional<PageFrame> frame = reader.Frame(p);
      ASSERT_EQ(frame.has_value(), page != nullptr) << pdf << " page " << p + 1;
      if (!page) continue;
      poppler::rectf rect = page->page_rect();
      EXPECT_EQ(frame->width, rect.width()) << pdf;
      EXPECT_EQ(frame->height, rect.height()) << pdf;
      int rotation = page->orientation() == poppler::page::landscape     ? 90
                     : page->orientation() == poppler::page::upside_down ? 180
                     : page->orientation() == poppler::page::seascape    ? 270
                                                                         : 0;
      EXPECT_EQ(frame->rotation, rotation) << pdf << " page " << p + 1;
      turned += rotation != 0;
      ++pages;
    }
  }
  EXPECT_GT(pages, 60);
  EXPECT_GT(turned, 0);     // rotated_pages.pdf
  EXPECT_GE(locked, 2);     // encrypted_aes.pdf, encrypted_rc4.pdf
  EXPECT_GE(unopened, 1);   // zero_bytes.pdf
}

TEST(PdfWordsTest, FontNames) {
  EXPECT_TRUE(IsBoldFontName("ABCDEF+DejaVuSans-Bold"));
  EXPECT_TRUE(IsBoldFontName("Arial,Bold"));
  EXPECT_FALSE(IsBoldFontName("DejaVuSans"));
  EXPECT_TRUE(IsMonospaceFontName("DejaVuSansMono"));
  EXPECT_TRUE(IsMonospaceFontName("Courier"));
  EXPECT_FALSE(IsMonospaceFontName(""));
}

TEST(PdfWordsTest, GarbageIsNotOk) {
  PdfWordReader reader("not a pdf at all", "");
  EXPECT_FALSE(reader.ok());
  EXPECT_TRUE(reader.PageWords(0).empty());
}

}  // namespace
}  // namespace finsam
