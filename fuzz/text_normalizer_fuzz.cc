// libFuzzer target: the text normalizer (src/normalize/) — character
// normalization, folding, markup stripping, and a whole text file normalized
// (line joining, headings) — must take any bytes (invalid UTF-8, NULs, huge
// tags) without crashing.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>

#include "fuzz/fuzz_support.h"
#include "model/document.h"
#include "normalize/fold.h"
#include "normalize/markup.h"
#include "normalize/text_normalizer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  finsam::NormalizeText(text);
  finsam::FoldForMatch(text);
  finsam::BoundedEditDistance(text.substr(0, 64), text.substr(size / 2, 64), 2);
  finsam::Line line;
  finsam::Cell cell;
  for (size_t start = 0; start < text.size();) {
    size_t end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    finsam::Word word;
    word.text = std::string(text.substr(start, end - start));
    cell.words.push_back(std::move(word));
    start = end + 1;
  }
  line.cells.push_back(cell);
  finsam::StripLineMarkup(line);
  finsam::fuzz::NormalizedText(text);
  return 0;
}
