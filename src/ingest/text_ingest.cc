// Reads a text file (a text rendition of a PDF, or a typed form) into the raw
// model: lines split at '\n', pages at '\f', cells at '\t', words at spaces.
// Cells get synthetic boxes (x = cell index) so tables align like PDF ones.
// Tested by ingest_test.cc.
#include <string>
#include <vector>

#include "ingest/encoding.h"
#include "ingest/ingest.h"

namespace finsam {
namespace {

std::vector<std::string_view> Split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    size_t pos = text.find(separator, start);
    parts.push_back(text.substr(start, pos == std::string_view::npos ? pos : pos - start));
    if (pos == std::string_view::npos) return parts;
    start = pos + 1;
  }
}

Cell MakeCell(std::string_view text, int column, int row) {
  Cell cell;
  cell.box = Box{static_cast<double>(column), static_cast<double>(row),
                 column + 0.9, row + 0.9};
  for (std::string_view word : Split(text, ' ')) {
    if (word.empty()) continue;
    Word w;
    w.text = std::string(word);
    w.box = cell.box;
    cell.words.push_back(std::move(w));
  }
  return cell;
}

Line MakeLine(std::string_view raw, int page, int number) {
  if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
  Line line;
  line.page = page;
  line.number = number;
  int column = 0;
  for (std::string_view cell_text : Split(raw, '\t')) {
    line.cells.push_back(MakeCell(cell_text, column++, number));
  }
  return line;
}

}  // namespace

Result<Document> IngestText(std::string_view bytes, const IngestOptions& options) {
  if (bytes.size() > options.max_text_bytes) {
    return Error{"text_too_large", "text file larger than " +
                 std::to_string(options.max_text_bytes) + " bytes", ""};
  }
  Result<DecodedText> decoded = DecodeToUtf8(bytes);
  if (!decoded.ok()) return decoded.error();
  Document doc;
  doc.format = SourceFormat::kText;
  int page = 1, number = 0;
  doc.pages.push_back(Page{1, 0, 0, false});
  std::string_view text = decoded->utf8;
  if (!text.empty() && text.back() == '\n') text.remove_suffix(1);  // a final newline ends a line, it opens none
  for (std::string_view raw : Split(text, '\n')) {
    // A form feed is a page break; text on either side stays on its page.
    std::vector<std::string_view> parts = Split(raw, '\f');
    for (size_t i = 0; i < parts.size(); ++i) {
      if (i > 0) {
        doc.pages.push_back(Page{++page, 0, 0, false});
        number = 0;
        if (parts[i].empty()) continue;
      }
      if (i > 0 || parts.size() == 1 || !parts[i].empty()) {
        doc.lines.push_back(MakeLine(parts[i], page, ++number));
      }
    }
  }
  return doc;
}

}  // namespace finsam
