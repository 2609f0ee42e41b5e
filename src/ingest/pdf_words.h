// The words of a PDF's text layer, read through Poppler's core text output
// (the TextOutputDev that poppler-cpp's page::text_list wraps). Each word
// comes with its box, font size, bold/monospace (from its first glyph's
// font name) and whether the text layer puts a space after it — the same
// values text_list(text_list_include_font) gives, without what that call
// adds and the engine never reads: a scan of every font of the page per
// page, a copy of that font list per word, per-glyph boxes and two iconv
// conversions per word. Form widgets whose appearance Poppler would have
// to generate are left undrawn (poppler_core.h); pdf_forms.cc reads them.
// Pages read in order share the fonts Poppler built (page_painter.h).
// The same document gives each page's frame and tells an encrypted file
// from a damaged one. Tested by pdf_words_test.cc (against text_list and
// poppler-cpp's page geometry on the corpus PDFs).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/document.h"

class PDFDoc;

namespace finsam {

class PagePainter;

// A page as the text layer sees it.
struct PageFrame {
  double width = 0, height = 0;   // crop box, before rotation
  int rotation = 0;               // /Rotate: 0, 90, 180 or 270
};

class PdfWordReader {
 public:
  // Opens `bytes`, which must outlive the reader; ok() says whether Poppler
  // could open them (a locked or damaged file is not ok), locked() whether
  // they are whole but encrypted and `password` does not open them.
  PdfWordReader(std::string_view bytes, const std::string& password);
  ~PdfWordReader();
  PdfWordReader(const PdfWordReader&) = delete;
  PdfWordReader& operator=(const PdfWordReader&) = delete;

  bool ok() const;
  bool locked() const;

  // Pages the page tree announces (0 when not ok).
  int PageCount() const;
  // Page `index` (0-based); nothing for an announced page the file does not
  // hold (a damaged page tree).
  std::optional<PageFrame> Frame(int index) const;

  // The words of page `index` (0-based) in Poppler's reading order, white
  // space-only words left out; empty for a page that does not exist.
  std::vector<Word> PageWords(int index);

 private:
  std::unique_ptr<PDFDoc> doc_;
  std::unique_ptr<PagePainter> painter_;
  bool locked_ = false;
};

// True for font names that mark a bold or a monospace face.
bool IsBoldFontName(std::string_view font);
bool IsMonospaceFontName(std::string_view font);

}  // namespace finsam
