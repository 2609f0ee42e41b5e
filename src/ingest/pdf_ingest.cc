// Reads a PDF through poppler-cpp into the raw model: word boxes with fonts,
// grouped into lines by baseline and into cells by horizontal gaps
// (word_rows.h), in top-to-bottom reading order per page. Pages without a
// usable text layer are read by OCR (ocr.h) into the same words. Poppler's
// text layer is only read here; its failures become Error values. Tested by
// ingest_test.cc (corpus PDFs) and tests/ocr_test.cc (scans).
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "ingest/ingest.h"
#include "ingest/word_rows.h"

namespace finsam {
namespace {

void SilencePoppler() {
  static std::once_flag once;
  std::call_once(once, [] {
    poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr);
  });
}

bool IsBoldFont(const std::string& font) {
  for (const char* marker : {"Bold", "bold", "Black", "Heavy", "Semibold", "SemiBold", ",B"}) {
    if (font.find(marker) != std::string::npos) return true;
  }
  return false;
}

bool IsMonospaceFont(const std::string& font) {
  for (const char* marker : {"Mono", "mono", "Courier", "Consol", "Typewriter"}) {
    if (font.find(marker) != std::string::npos) return true;
  }
  return false;
}

std::vector<Word> PageWords(const poppler::page& page) {
  std::vector<Word> words;
  for (const poppler::text_box& box : page.text_list(poppler::page::text_list_include_font)) {
    poppler::byte_array utf8 = box.text().to_utf8();
    Word word;
    word.text.assign(utf8.begin(), utf8.end());
    if (word.text.find_first_not_of(" \t") == std::string::npos) continue;
    poppler::rectf r = box.bbox();
    word.box = Box{r.left(), r.top(), r.right(), r.bottom()};
    word.font_size = box.has_font_info() ? box.get_font_size() : r.height();
    word.bold = box.has_font_info() && IsBoldFont(box.get_font_name());
    word.monospace = box.has_font_info() && IsMonospaceFont(box.get_font_name());
    word.space_after = box.has_space_after();
    words.push_back(std::move(word));
  }
  return words;
}

// Replaces the words of the pages that need OCR by what OCR reads there.
// A page OCR cannot read keeps its text layer (often none) and the reason.
void ReadByOcr(std::string_view bytes, const IngestOptions& options, const std::vector<int>& ocr_pages,
               std::vector<Page>& pages, std::vector<std::vector<Word>>& page_words) {
  if (ocr_pages.empty()) return;
  std::vector<int> indices;
  for (int p : ocr_pages) indices.push_back(pages[static_cast<size_t>(p)].number - 1);
  std::vector<Result<OcrPage>> read = RecognisePages(bytes, options.password, indices, options.ocr_settings);
  for (size_t k = 0; k < ocr_pages.size(); ++k) {
    Page& page = pages[static_cast<size_t>(ocr_pages[k])];
    if (!read[k].ok()) {
      page.ocr_error = read[k].error().message;
      continue;
    }
    page.ocr = true;
    page.width = read[k]->width;
    page.height = read[k]->height;
    page_words[static_cast<size_t>(ocr_pages[k])] = std::move(read[k]->words);
  }
}

}  // namespace

Result<Document> IngestPdf(std::string_view bytes, const IngestOptions& options) {
  SilencePoppler();
  std::unique_ptr<poppler::document> pdf(poppler::document::load_from_raw_data(
      bytes.data(), static_cast<int>(bytes.size()), options.password, options.password));
  if (!pdf) return Error{"pdf_damaged", "Poppler cannot open the PDF (damaged or truncated)", ""};
  // poppler-cpp crashes on pages() of a locked document: check first.
  if (pdf->is_locked()) {
    return Error{"pdf_encrypted", "the PDF is encrypted and needs a password (--password)", ""};
  }
  int page_count = pdf->pages();
  if (page_count > options.max_pages) {
    return Error{"page_limit_exceeded", "the PDF has " + std::to_string(page_count) +
                 " pages, more than the limit of " + std::to_string(options.max_pages), ""};
  }
  Document doc;
  doc.format = SourceFormat::kPdf;
  std::vector<std::vector<Word>> page_words;
  std::vector<int> ocr_pages;   // indices into doc.pages
  for (int i = 0; i < page_count; ++i) {
    std::unique_ptr<poppler::page> page(pdf->create_page(i));
    if (!page) continue;  // a damaged page tree can announce pages that do not exist
    poppler::rectf rect = page->page_rect();
    Page info{i + 1, rect.width(), rect.height(), false};
    std::vector<Word> words = PageWords(*page);
    if (PageNeedsOcr(MeasurePageText(words, info.width, info.height), options.ocr)) {
      ocr_pages.push_back(static_cast<int>(doc.pages.size()));
    }
    doc.pages.push_back(info);
    page_words.push_back(std::move(words));
  }
  ReadByOcr(bytes, options, ocr_pages, doc.pages, page_words);
  for (size_t p = 0; p < doc.pages.size(); ++p) {
    // A page OCR read and found empty is blank, not unreadable.
    doc.pages[p].needs_ocr = page_words[p].empty() && !doc.pages[p].ocr;
    AppendPageLines(std::move(page_words[p]), doc.pages[p].number, doc.lines);
  }
  if (doc.pages.empty()) return Error{"pdf_damaged", "the PDF has no readable pages", ""};
  return doc;
}

}  // namespace finsam
