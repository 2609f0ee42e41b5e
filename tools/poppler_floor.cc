// The benchmark floor (tools/bench_ingest.sh): what Poppler alone needs to
// load each PDF and produce the word boxes the engine reads, with no
// normalization, grammars or output. Prints files, pages and words.
// By default it makes the Poppler calls src/ingest/pdf_words.cc makes
// (TextOutputDev's word list: text, box, font size, font name, space after;
// global parameters built once per process; pages drawn by
// src/ingest/page_painter.cc, which keeps fonts across pages), so the floor
// is never slower than what the engine itself asks of Poppler. --text-list uses
// poppler-cpp's page::text_list() instead (per-glyph boxes and two iconv
// conversions per word, global parameters rebuilt per file): the floor the
// benchmark used before, kept for comparison.
// Not a test; run by tools/bench_ingest.sh.
#include <poppler-document.h>
#include <poppler-page.h>
#include <poppler/GlobalParams.h>
#include <poppler/PDFDoc.h>
#include <poppler/TextOutputDev.h>

#include <cstdio>
#include <cstring>
#include <memory>

#include "ingest/page_painter.h"

namespace {

struct Counts {
  long files = 0, pages = 0, words = 0, bytes = 0;
};

void TextListFloor(const char* path, Counts& n) {
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_file(path));
  if (!doc) return;
  ++n.files;
  for (int p = 0; p < doc->pages(); ++p) {
    std::unique_ptr<poppler::page> page(doc->create_page(p));
    if (!page) continue;
    ++n.pages;
    n.words += static_cast<long>(page->text_list().size());
  }
}

void CountWords(TextOutputDev& out, Counts& n) {
  std::unique_ptr<TextWordList> list = out.makeWordList();
  for (int i = 0; i < list->getLength(); ++i) {
    const TextWord* word = list->get(i);
    std::unique_ptr<GooString> text(word->getText());
    double x0, y0, x1, y1;
    word->getBBox(&x0, &y0, &x1, &y1);
    const GooString* font = word->getFontName(0);
    // Use every value so none is optimised away.
    n.bytes += text->getLength() + (font ? font->getLength() : 0) + (word->hasSpaceAfter() ? 1 : 0) +
               (x1 - x0 + y1 - y0 + word->getFontSize() > 0 ? 1 : 0);
    ++n.words;
  }
}

void WordListFloor(const char* path, Counts& n) {
  auto doc = std::make_unique<PDFDoc>(std::make_unique<GooString>(path));
  if (!doc->isOk()) return;
  ++n.files;
  finsam::PagePainter painter(*doc);
  for (int p = 0; p < doc->getNumPages(); ++p) {
    painter.Paint(p, [&n](TextOutputDev& out) { CountWords(out, n); });
  }
  n.pages += painter.pages_painted();
}

}  // namespace

int main(int argc, char** argv) {
  bool text_list = argc > 1 && std::strcmp(argv[1], "--text-list") == 0;
  std::unique_ptr<GlobalParamsIniter> params;
  if (!text_list) params = std::make_unique<GlobalParamsIniter>([](ErrorCategory, Goffset, const char*) {});
  Counts n;
  for (int i = text_list ? 2 : 1; i < argc; ++i) {
    if (text_list) {
      TextListFloor(argv[i], n);
    } else {
      WordListFloor(argv[i], n);
    }
  }
  std::printf("%ld files, %ld pages, %ld words\n", n.files, n.pages, n.words);
  return n.bytes < 0;
}
