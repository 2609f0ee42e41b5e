// Reads a PDF into the raw model through one Poppler document (pdf_words.h):
// word boxes with fonts from Poppler's text output, grouped into lines by
// baseline and into cells by horizontal gaps (word_rows.h), in top-to-bottom
// reading order per page. Filled-in form fields join the words where their
// widgets sit (pdf_forms.h); sideways or upside-down text is turned upright
// (text_rotation.h); words of glyphs without Unicode are dropped and the
// page noted. Pages without a usable text layer, or with such glyphs, are
// read by OCR (ocr.h) into the same words. A file whose last revision does
// not end properly is noted (pdf_revisions.h). Poppler's text layer is only
// read here; its failures become Error values. Tested by ingest_test.cc
// (corpus and tests/data/odd_pdfs PDFs) and tests/ocr_test.cc (scans).
#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ingest/ingest.h"
#include "ingest/pdf_forms.h"
#include "ingest/pdf_revisions.h"
#include "ingest/pdf_words.h"
#include "ingest/text_rotation.h"
#include "ingest/word_rows.h"

namespace finsam {
namespace {

// The page's size as displayed (after /Rotate), the space its words are in.
Page PageInfo(const PageFrame& frame, int number) {
  bool turned = frame.rotation % 180 != 0;
  return Page{number, turned ? frame.height : frame.width, turned ? frame.width : frame.height, false};
}

// The text layer's words plus the filled-in form fields it does not show.
std::vector<Word> PageAndFormWords(const PageFrame& frame, std::vector<Word> words,
                                   const std::vector<FormValue>* form) {
  if (form == nullptr || form->empty()) return words;
  std::vector<Word> values = FormValueWords(*form, frame, words);
  words.insert(words.end(), std::make_move_iterator(values.begin()), std::make_move_iterator(values.end()));
  return words;
}

// U+FFFD or a private-use code point: a glyph whose font gives no Unicode
// (a broken or missing ToUnicode map).
bool HasUnmappedGlyph(std::string_view utf8, size_t& code_points) {
  bool unmapped = false;
  code_points = 0;
  for (size_t i = 0; i < utf8.size(); ++code_points) {
    unsigned char c = static_cast<unsigned char>(utf8[i]);
    size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (len == 3 && i + 2 < utf8.size()) {
      char32_t cp = ((c & 0x0Fu) << 12) | ((static_cast<unsigned char>(utf8[i + 1]) & 0x3Fu) << 6) |
                    (static_cast<unsigned char>(utf8[i + 2]) & 0x3Fu);
      unmapped = unmapped || cp == 0xFFFD || (cp >= 0xE000 && cp <= 0xF8FF);
    }
    i += len;
  }
  return unmapped;
}

// Removes words holding unmapped glyphs: they must not reach the record as
// if they were words. A lone such glyph is a symbol-font bullet or box and
// goes silently; the count of the others is returned (the page's finding).
size_t DropUnmappedWords(std::vector<Word>& words) {
  size_t dropped = 0;
  std::erase_if(words, [&dropped](const Word& w) {
    size_t code_points = 0;
    if (!HasUnmappedGlyph(w.text, code_points)) return false;
    dropped += code_points > 1;
    return true;
  });
  return dropped;
}

// The page finding for unmapped glyphs, read by OCR instead or left out.
IngestNote UnmappedGlyphsNote(const Page& page, size_t words) {
  std::string where = "Sidan " + std::to_string(page.number) + " har " + std::to_string(words) +
                      " ord med tecken som saknar Unicode-motsvarighet (trasig teckenkodning i typsnittet); ";
  return {"unmapped_glyphs", "warning", page.number,
          where + (page.ocr ? "sidan lästes med OCR i stället" : "orden är utelämnade och sidan behöver OCR")};
}

// A file whose last revision does not end properly was read as Poppler
// recovered it: say so in every record.
void NoteRevisionState(std::string_view bytes, Document& doc) {
  RevisionState state = CheckLastRevision(bytes);
  if (state == RevisionState::kComplete) return;
  bool xref = state == RevisionState::kBadStartxref;
  doc.notes.push_back({xref ? "pdf_xref_damaged" : "pdf_truncated_revision", xref ? "info" : "warning", 0,
                       RevisionMessage(state)});
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
  PdfWordReader text_layer(bytes, options.password);
  if (text_layer.locked()) {
    return Error{"pdf_encrypted", "the PDF is encrypted and needs a password (--password)", ""};
  }
  if (!text_layer.ok()) return Error{"pdf_damaged", "Poppler cannot open the PDF (damaged or truncated)", ""};
  int page_count = text_layer.PageCount();
  if (page_count > options.max_pages) {
    return Error{"page_limit_exceeded", "the PDF has " + std::to_string(page_count) +
                 " pages, more than the limit of " + std::to_string(options.max_pages), ""};
  }
  Document doc;
  doc.format = SourceFormat::kPdf;
  std::vector<std::vector<Word>> page_words;
  std::vector<int> ocr_pages;   // indices into doc.pages
  std::vector<std::vector<FormValue>> form = ReadFormValues(bytes, options.password);
  std::vector<size_t> unmapped;   // per doc.pages entry: words dropped for unmapped glyphs
  for (int i = 0; i < page_count; ++i) {
    std::optional<PageFrame> frame = text_layer.Frame(i);
    if (!frame) continue;  // a damaged page tree can announce pages that do not exist
    Page info = PageInfo(*frame, i + 1);
    const std::vector<FormValue>* page_form = i < static_cast<int>(form.size()) ? &form[static_cast<size_t>(i)] : nullptr;
    std::vector<Word> words = PageAndFormWords(*frame, text_layer.PageWords(i), page_form);
    // Sideways or upside-down text (a turned page or text matrix) read upright.
    TurnUpright(TextQuarterTurns(words), words, info.width, info.height);
    if (std::optional<Error> too_much = CheckPageText(words, i + 1, options)) return *too_much;
    unmapped.push_back(DropUnmappedWords(words));
    bool broken_font = unmapped.back() > 0 && options.ocr == OcrMode::kAuto;
    if (broken_font || PageNeedsOcr(MeasurePageText(words, info.width, info.height), options.ocr)) {
      ocr_pages.push_back(static_cast<int>(doc.pages.size()));
    }
    doc.pages.push_back(info);
    page_words.push_back(std::move(words));
  }
  ReadByOcr(bytes, options, ocr_pages, doc.pages, page_words);
  for (size_t p = 0; p < doc.pages.size(); ++p) {
    // A page OCR read and found empty is blank, not unreadable.
    doc.pages[p].needs_ocr = page_words[p].empty() && !doc.pages[p].ocr;
    if (unmapped[p] > 0) doc.notes.push_back(UnmappedGlyphsNote(doc.pages[p], unmapped[p]));
    AppendPageLines(std::move(page_words[p]), doc.pages[p].number, doc.lines);
  }
  if (doc.pages.empty()) return Error{"pdf_damaged", "the PDF has no readable pages", ""};
  NoteRevisionState(bytes, doc);
  return doc;
}

}  // namespace finsam
