// Words of a PDF text layer through Poppler's TextOutputDev (see
// pdf_words.h). Tested by pdf_words_test.cc.
#include "ingest/pdf_words.h"

#include <poppler/PDFDoc.h>
#include <poppler/Page.h>
#include <poppler/TextOutputDev.h>
#include <poppler/cpp/poppler-global.h>
#include <unicode/utf8.h>

#include <cstdint>

#include "ingest/page_painter.h"
#include "ingest/poppler_core.h"

namespace finsam {
namespace {

// poppler-cpp hands a word's UTF-8 through UTF-16 and back with iconv
// (ustring::from_utf8(c_str()).to_utf8()): ill-formed UTF-8 comes back
// empty and a leading U+FEFF or U+FFFE is taken for a byte-order mark.
// Well-formed text without those passes unchanged, so only the rest takes
// the round trip: the words are exactly text_list's.
bool RoundTripIsIdentity(std::string_view utf8) {
  const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
  const int32_t length = static_cast<int32_t>(utf8.size());
  for (int32_t i = 0; i < length;) {
    if (s[i] < 0x80) {
      ++i;
      continue;
    }
    bool first = i == 0;
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0 || (first && (c == 0xFEFF || c == 0xFFFE))) return false;
  }
  return true;
}

// A word's characters as TextWord::getText gives them with the default
// text encoding, UTF-8 (Poppler's mapUTF8, which ICU's unchecked append
// matches: surrogates encoded as they are; code points past U+10FFFF
// dropped), without its GooString and its call per character; up to the
// first U+0000, where text_list stops.
std::string WordUtf8(const TextWord& word) {
  std::string out;
  out.reserve(static_cast<size_t>(word.getLength()));
  for (int i = 0; i < word.getLength(); ++i) {
    Unicode u = *word.getChar(i);
    if (u == 0) break;
    if (u > 0x10FFFF) continue;
    char bytes[U8_MAX_LENGTH];
    int32_t length = 0;
    U8_APPEND_UNSAFE(bytes, length, static_cast<UChar32>(u));
    out.append(bytes, static_cast<size_t>(length));
  }
  return out;
}

std::string WordText(std::string utf8) {
  if (RoundTripIsIdentity(utf8)) return utf8;
  poppler::byte_array bytes = poppler::ustring::from_utf8(utf8.c_str()).to_utf8();
  return std::string(bytes.begin(), bytes.end());
}

// What a font's name says of its words; a page's words share a few fonts.
struct FontStyle {
  const GooString* font = nullptr;
  bool bold = false, monospace = false;
};

Word ToWord(const TextWord& tw, std::string text, FontStyle& last) {
  Word word;
  word.text = std::move(text);
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  tw.getBBox(&x0, &y0, &x1, &y1);
  // As poppler::rectf stores it (origin plus size), to the last bit.
  word.box = Box{x0, y0, x0 + (x1 - x0), y0 + (y1 - y0)};
  word.font_size = tw.getFontSize();
  const GooString* font = tw.getFontName(0);
  if (font != last.font || !font) {
    std::string_view name = font ? std::string_view(font->c_str()) : std::string_view();
    last = {font, IsBoldFontName(name), IsMonospaceFontName(name)};
  }
  word.bold = last.bold;
  word.monospace = last.monospace;
  word.space_after = tw.hasSpaceAfter();
  return word;
}

bool Contains(std::string_view text, std::initializer_list<const char*> markers) {
  for (const char* marker : markers) {
    if (text.find(marker) != std::string_view::npos) return true;
  }
  return false;
}

}  // namespace

bool IsBoldFontName(std::string_view font) {
  return Contains(font, {"Bold", "bold", "Black", "Heavy", "Semibold", "SemiBold", ",B"});
}

bool IsMonospaceFontName(std::string_view font) {
  return Contains(font, {"Mono", "mono", "Courier", "Consol", "Typewriter"});
}

PdfWordReader::PdfWordReader(std::string_view bytes, const std::string& password) {
  OpenedPdf opened = OpenPdf(bytes, password);
  locked_ = opened.locked;
  if (!locked_) doc_ = std::move(opened.doc);
  if (doc_) painter_ = std::make_unique<PagePainter>(*doc_);
}

PdfWordReader::~PdfWordReader() = default;

bool PdfWordReader::ok() const { return doc_ != nullptr; }

bool PdfWordReader::locked() const { return locked_; }

int PdfWordReader::PageCount() const { return doc_ ? doc_->getNumPages() : 0; }

std::optional<PageFrame> PdfWordReader::Frame(int index) const {
  if (!doc_ || index < 0 || index >= doc_->getNumPages()) return std::nullopt;
  ::Page* page = doc_->getPage(index + 1);
  if (!page) return std::nullopt;
  const PDFRectangle* crop = page->getCropBox();
  // Poppler keeps any /Rotate in 0..359; a viewer (and poppler-cpp's
  // orientation()) shows only quarter turns, anything else upright.
  int rotation = page->getRotate();
  if (rotation != 90 && rotation != 180 && rotation != 270) rotation = 0;
  return PageFrame{crop->x2 - crop->x1, crop->y2 - crop->y1, rotation};
}

std::vector<Word> PdfWordReader::PageWords(int index) {
  std::vector<Word> words;
  if (!painter_) return words;
  painter_->Paint(index, [&words](TextOutputDev& out) {
    std::unique_ptr<TextWordList> list = out.makeWordList();
    words.reserve(static_cast<size_t>(list->getLength()));
    FontStyle last_font;
    for (int i = 0; i < list->getLength(); ++i) {
      const TextWord* tw = list->get(i);
      std::string utf8 = WordText(WordUtf8(*tw));
      if (utf8.find_first_not_of(" \t") == std::string::npos) continue;
      words.push_back(ToWord(*tw, std::move(utf8), last_font));
    }
  });
  return words;
}

}  // namespace finsam
