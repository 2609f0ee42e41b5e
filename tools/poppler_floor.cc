// The benchmark floor (tools/bench_ingest.sh): what Poppler alone needs to
// load each PDF and produce its word boxes (page::text_list() on every page),
// with no normalization, grammars or output. Prints files, pages and words.
// Not a test; run by tools/bench_ingest.sh.
#include <poppler-document.h>
#include <poppler-page.h>

#include <cstdio>
#include <memory>

int main(int argc, char** argv) {
  long files = 0, pages = 0, words = 0;
  for (int i = 1; i < argc; ++i) {
    std::unique_ptr<poppler::document> doc(poppler::document::load_from_file(argv[i]));
    if (!doc) continue;
    ++files;
    for (int p = 0; p < doc->pages(); ++p) {
      std::unique_ptr<poppler::page> page(doc->create_page(p));
      if (!page) continue;
      ++pages;
      words += static_cast<long>(page->text_list().size());
    }
  }
  std::printf("%ld files, %ld pages, %ld words\n", files, pages, words);
  return 0;
}
