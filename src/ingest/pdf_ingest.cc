// Reads a PDF through poppler-cpp into the raw model: word boxes with fonts,
// grouped into lines by baseline and into cells by horizontal gaps, in
// top-to-bottom reading order per page. Poppler is only called here; its
// failures become Error values. Tested by ingest_test.cc (corpus PDFs).
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

// Words whose vertical centres lie within half a line height of each other
// share a line. Sorting by centre first keeps this linear after the sort.
std::vector<std::vector<Word>> GroupIntoRows(std::vector<Word> words) {
  std::sort(words.begin(), words.end(), [](const Word& a, const Word& b) {
    return a.box.y0 + a.box.y1 < b.box.y0 + b.box.y1;
  });
  std::vector<std::vector<Word>> rows;
  double row_centre = -1e9;
  for (Word& word : words) {
    double centre = (word.box.y0 + word.box.y1) / 2;
    double height = std::max(1.0, word.box.y1 - word.box.y0);
    if (rows.empty() || centre - row_centre > height * 0.5) {
      rows.emplace_back();
      row_centre = centre;
    }
    rows.back().push_back(std::move(word));
  }
  for (auto& row : rows) {
    std::sort(row.begin(), row.end(), [](const Word& a, const Word& b) { return a.box.x0 < b.box.x0; });
  }
  return rows;
}

// The width of a space in the word's font: 0.6 em in a monospace font,
// about 0.3 em in a proportional one.
double SpaceWidth(const Word& word) {
  double em = word.font_size > 0 ? word.font_size : word.box.y1 - word.box.y0;
  return word.monospace ? 0.6 * em : 0.3 * em;
}

// A gap clearly wider than a space separates cells: the padding of a table
// cell or an expanded tab does, one space never does.
Line RowToLine(std::vector<Word> row, int page, int number) {
  Line line;
  line.page = page;
  line.number = number;
  for (Word& word : row) {
    // Poppler splits a word at a combining mark drawn as its own glyph
    // ("fo" + U+0308 + "r"): boxes that touch with no space are one word.
    if (!line.cells.empty()) {
      Word& prev = line.cells.back().words.back();
      if (!prev.space_after && word.box.x0 - prev.box.x1 < 0.1 * SpaceWidth(prev)) {
        prev.text += word.text;
        prev.box.x1 = std::max(prev.box.x1, word.box.x1);
        prev.space_after = word.space_after;
        line.cells.back().box.x1 = std::max(line.cells.back().box.x1, word.box.x1);
        continue;
      }
    }
    bool new_cell = line.cells.empty();
    if (!new_cell) {
      const Word& prev = line.cells.back().words.back();
      double gap = word.box.x0 - prev.box.x1;
      new_cell = gap > (prev.monospace ? 1.3 : 1.7) * SpaceWidth(prev);
    }
    if (new_cell) {
      line.cells.emplace_back();
      line.cells.back().box = word.box;
    }
    Cell& cell = line.cells.back();
    cell.box.x1 = std::max(cell.box.x1, word.box.x1);
    cell.box.y0 = std::min(cell.box.y0, word.box.y0);
    cell.box.y1 = std::max(cell.box.y1, word.box.y1);
    cell.words.push_back(std::move(word));
  }
  return line;
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
  for (int i = 0; i < page_count; ++i) {
    std::unique_ptr<poppler::page> page(pdf->create_page(i));
    if (!page) continue;  // a damaged page tree can announce pages that do not exist
    poppler::rectf rect = page->page_rect();
    Page info{i + 1, rect.width(), rect.height(), false};
    std::vector<Word> words = PageWords(*page);
    info.needs_ocr = words.empty();
    doc.pages.push_back(info);
    int number = 0;
    for (auto& row : GroupIntoRows(std::move(words))) {
      doc.lines.push_back(RowToLine(std::move(row), i + 1, ++number));
    }
  }
  if (doc.pages.empty()) return Error{"pdf_damaged", "the PDF has no readable pages", ""};
  return doc;
}

}  // namespace finsam
