// The document model every stage after ingest works on: pages → lines →
// cells → words. PDF and text input both become this model, so a PDF and its
// text rendition give the same record.
//
// Coordinates: PDF words carry their box in PDF points (origin top-left).
// Text input has no geometry; its cells get synthetic boxes where x is the
// tab-separated cell index (cell i spans [i, i+0.9]), so table code can align
// columns by x-overlap for both kinds of input.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace finsam {

struct Box {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  double width() const { return x1 - x0; }
};

struct Word {
  std::string text;        // normalized UTF-8
  Box box;
  bool bold = false;       // bold font, or <b>/** markup in a text rendition
  bool monospace = false;  // monospace font (PDF): a space is as wide as a letter
  bool space_after = true; // PDF: the text layer puts a space after this word
  double font_size = 0;    // points; 0 for text input
  double confidence = 1;   // 1 for born-digital text; OCR sets less
};

// A run of words separated from its neighbours by a tab (text) or a wide gap
// (PDF): the unit tables are built from.
struct Cell {
  std::string text;        // words joined by single spaces
  Box box;
  bool bold = false;       // every word bold
  std::vector<Word> words;
};

enum class LineKind {
  kText,
  kHeading,    // markdown heading, or a short all-bold/large line
  kRule,       // a table rule such as "---|---" (kept for line numbers)
};

struct Line {
  int page = 1;            // 1-based
  int number = 1;          // 1-based line number on its page (text: in file)
  std::vector<Cell> cells;
  std::string text;        // cells joined by '\t'
  LineKind kind = LineKind::kText;
  bool bold_start = false; // the line opens with a bold run (a label)
  size_t bold_prefix = 0;  // byte length in `text` of that opening bold run
  bool continued = false;  // joined from a wrapped physical line (PDF)
  bool blank() const { return text.find_first_not_of(" \t") == std::string::npos; }
  size_t NonEmptyCells() const {
    size_t n = 0;
    for (const Cell& c : cells) n += !c.text.empty();
    return n;
  }
};

struct Page {
  int number = 1;
  double width = 0, height = 0;   // points; 0 for text input
  bool needs_ocr = false;         // no usable text layer, and none from OCR either
  bool ocr = false;               // the page's words come from OCR
  std::string ocr_error = {};     // why OCR of this page failed ("" if it did not)
};

enum class SourceFormat { kText, kPdf };

// Something ingest noticed about the file or one page that whoever reads the
// record must know (a truncated revision, glyphs without Unicode): the audit
// copies it into every record whose pages it concerns.
struct IngestNote {
  std::string code;       // an audit code (docs/audit-codes.md)
  std::string severity;   // "error" | "warning" | "info"
  int page = 0;           // 0: the whole file
  std::string message;    // Swedish, for the administrator
};

// One input file as the engine sees it after normalization. Lines are in
// reading order across all pages.
struct Document {
  std::string path;
  SourceFormat format = SourceFormat::kText;
  std::string sha256;
  std::vector<Page> pages;
  std::vector<Line> lines;
  std::vector<IngestNote> notes;
};

}  // namespace finsam
