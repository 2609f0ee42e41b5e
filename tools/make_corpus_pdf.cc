// make_corpus_pdf: renders a corpus text rendition (corpus/NN_*/input.txt) as
// an A4 PDF with real, selectable text, so the PDF ingest path can be tested
// against the same expected records as the text path.
//
//   make_corpus_pdf INPUT.txt OUTPUT.pdf
//
// What the text rendition may carry and how it is drawn:
//   <b>…</b>, <strong>, **…**     bold spans (DejaVu Sans Bold)
//   <i>…</i>, <em>                oblique spans
//   other HTML tags               dropped; "\*" prints "*"
//   "# Heading" (any number of #) bold, 13 pt
//   lines holding a TAB           consecutive ones form a bordered table
//   a line holding only \f        starts a new page
//   <columns> … </columns>        lines between, each on a line of its own, are
//                                 set in two balanced columns of prose (the
//                                 text path drops the tags as HTML)
//   anything else                 a paragraph, word-wrapped to the text width
// Input that is not valid UTF-8 is read as Windows-1252 (with a note on
// stderr). Output is deterministic: the creation date is fixed.
//
// Not covered by unit tests; tools/make_corpus_pdfs.sh runs it over the corpus.

#include <cairo-pdf.h>
#include <cairo.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace {

constexpr double kPageWidth = 595.276;  // A4 in points
constexpr double kPageHeight = 841.89;
constexpr double kMargin = 56.0;
constexpr double kTextWidth = kPageWidth - 2 * kMargin;
constexpr double kBodySize = 10.0;
constexpr double kHeadingSize = 13.0;
constexpr double kMinTableSize = 7.0;
constexpr double kCellPad = 3.0;
constexpr const char* kFont = "DejaVu Sans";

struct Style {
  bool bold = false;
  bool italic = false;
};

struct Run {
  std::string text;
  Style style;
};

// One word (no ASCII space inside) as laid out on a line.
struct Word {
  std::string text;
  Style style;
  bool space_before = false;
};

using Line = std::vector<Word>;

// ------------------------------------------------------------------ input

bool IsValidUtf8(const std::string& s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = s[i];
    int extra = c < 0x80                 ? 0
                : c >= 0xC2 && c <= 0xDF ? 1
                : (c & 0xF0) == 0xE0     ? 2
                : c >= 0xF0 && c <= 0xF4 ? 3
                                         : -1;
    if (extra < 0 || i + extra >= s.size()) return false;
    for (int k = 1; k <= extra; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += extra + 1;
  }
  return true;
}

void AppendUtf8(std::string& out, unsigned cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Windows-1252 to UTF-8; 0x80–0x9F map to the typographic characters.
std::string Cp1252ToUtf8(const std::string& in) {
  static const unsigned kHigh[32] = {0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                     0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
                                     0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                     0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};
  std::string out;
  for (unsigned char c : in) AppendUtf8(out, c >= 0x80 && c < 0xA0 ? kHigh[c - 0x80] : c);
  return out;
}

bool ReadFile(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return !in.bad();
}

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> lines;
  std::string cur;
  for (char c : text) {
    if (c == '\n') {
      lines.push_back(cur);
      cur.clear();
    } else if (c != '\r') {
      cur += c;
    }
  }
  if (!cur.empty()) lines.push_back(cur);
  return lines;
}

// ------------------------------------------------------------------ markup

// True where line[i] opens an HTML tag such as <b>, </i> or <ul style="…">.
bool IsTagAt(const std::string& line, size_t i) {
  if (line[i] != '<' || i + 1 >= line.size()) return false;
  unsigned char next = line[i + 1];
  return (std::isalpha(next) || next == '/') && line.find('>', i) != std::string::npos;
}

// Splits one line into styled runs: HTML tags and ** switch the style and
// are not printed; "\*" and friends print the escaped character.
std::vector<Run> ParseRuns(const std::string& line, Style style) {
  std::vector<Run> runs;
  std::string cur;
  auto flush = [&] {
    if (!cur.empty()) runs.push_back({cur, style});
    cur.clear();
  };
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (c == '\\' && i + 1 < line.size() && std::string("*_#[]`").find(line[i + 1]) != std::string::npos) {
      cur += line[++i];
    } else if (c == '*' && i + 1 < line.size() && line[i + 1] == '*') {
      flush();
      style.bold = !style.bold;
      ++i;
    } else if (IsTagAt(line, i)) {
      size_t end = line.find('>', i);
      std::string tag = line.substr(i + 1, end - i - 1);
      bool closing = tag[0] == '/';
      if (closing) tag.erase(0, 1);
      std::string name = tag.substr(0, tag.find_first_of(" /"));
      flush();
      if (name == "b" || name == "strong") style.bold = !closing;
      if (name == "i" || name == "em") style.italic = !closing;
      if (name == "li" && closing) cur += ' ';
      i = end;
    } else {
      cur += c == '\t' ? ' ' : c;
    }
  }
  flush();
  return runs;
}

// ------------------------------------------------------------------ layout

class Renderer {
 public:
  explicit Renderer(cairo_t* cr) : cr_(cr) {}

  void SetFont(Style s, double size) {
    cairo_select_font_face(cr_, kFont, s.italic ? CAIRO_FONT_SLANT_OBLIQUE : CAIRO_FONT_SLANT_NORMAL,
                           s.bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr_, size);
  }

  double Width(const std::string& text, Style s, double size) {
    SetFont(s, size);
    cairo_text_extents_t ext;
    cairo_text_extents(cr_, text.c_str(), &ext);
    return ext.x_advance;
  }

  double LineWidth(const Line& line, double size) {
    double w = 0;
    for (const Word& word : line)
      w += (word.space_before ? Width(" ", word.style, size) : 0) + Width(word.text, word.style, size);
    return w;
  }

  // Greedy word wrap of styled runs into lines no wider than `width`.
  std::vector<Line> Wrap(const std::vector<Run>& runs, double width, double size) {
    std::vector<Word> words;
    bool pending_space = false;
    for (const Run& run : runs) {
      size_t pos = 0;
      while (pos <= run.text.size()) {
        size_t sp = std::min(run.text.find(' ', pos), run.text.size());
        if (sp > pos) {
          words.push_back({run.text.substr(pos, sp - pos), run.style, pending_space && !words.empty()});
          pending_space = false;
        }
        if (sp < run.text.size()) pending_space = true;
        pos = sp + 1;
      }
    }
    std::vector<Line> lines(1);
    double x = 0;
    for (Word w : words) {
      double ww = Width(w.text, w.style, size);
      double sp = w.space_before ? Width(" ", w.style, size) : 0;
      if (!lines.back().empty() && x + sp + ww > width) {
        lines.emplace_back();
        w.space_before = false;
        x = 0;
        sp = 0;
      }
      lines.back().push_back(w);
      x += sp + ww;
    }
    return lines;
  }

  void DrawLine(const Line& line, double x, double baseline, double size) {
    for (const Word& w : line) {
      if (w.space_before) x += Width(" ", w.style, size);
      SetFont(w.style, size);
      cairo_move_to(cr_, x, baseline);
      cairo_show_text(cr_, w.text.c_str());
      x += Width(w.text, w.style, size);
    }
  }

  void NewPage() {
    if (page_started_) cairo_show_page(cr_);
    page_started_ = true;
    ++pages_;
    y_ = kMargin;
  }

  void EnsureSpace(double h) {
    if (!page_started_ || y_ + h > kPageHeight - kMargin) NewPage();
  }

  // A page break requested by the text (\f): the current page is closed and
  // the next drawing starts a new one (no blank page at the start or end).
  void BreakPage() {
    if (page_started_) cairo_show_page(cr_);
    page_started_ = false;
  }

  int pages() const { return pages_; }

  void Blank() { y_ += kBodySize * 0.8; }

  void Paragraph(const std::vector<Run>& runs, double size) {
    double lh = size * 1.35;
    for (const Line& line : Wrap(runs, kTextWidth, size)) {
      EnsureSpace(lh);
      DrawLine(line, kMargin, y_ + size, size);
      y_ += lh;
    }
  }

  void Table(const std::vector<std::vector<std::vector<Run>>>& rows);

  // Paragraphs (blank lines between them) in two columns of equal height:
  // the left column is filled first, a paragraph may continue at the top of
  // the right one.
  void Columns(const std::vector<std::string>& paragraphs) {
    constexpr double kGutter = 24;
    const double width = (kTextWidth - kGutter) / 2, lh = kBodySize * 1.35;
    std::vector<const Line*> items;   // nullptr: the gap between paragraphs
    std::vector<std::vector<Line>> wrapped;
    for (const std::string& p : paragraphs) wrapped.push_back(IsBlankText(p) ? std::vector<Line>{} : Wrap(ParseRuns(p, {}), width, kBodySize));
    for (size_t i = 0; i < wrapped.size(); ++i) {
      if (wrapped[i].empty()) items.push_back(nullptr);
      for (const Line& l : wrapped[i]) items.push_back(&l);
    }
    size_t half = (items.size() + 1) / 2;
    // No column ends in a gap or with a lone first line (a heading) after one.
    while (half > 2 && (!items[half - 1] || !items[half - 2])) --half;
    EnsureSpace(half * lh);
    double top = y_, bottom = y_;
    for (size_t i = 0; i < items.size(); ++i) {
      if (i == half) y_ = top;
      double x = i < half ? kMargin : kMargin + width + kGutter;
      if (items[i]) DrawLine(*items[i], x, y_ + kBodySize, kBodySize);
      y_ += lh;
      bottom = std::max(bottom, y_);
    }
    y_ = bottom;
  }

  static bool IsBlankText(const std::string& s) { return s.find_first_not_of(" \t") == std::string::npos; }

 private:
  std::vector<double> NaturalWidths(const std::vector<std::vector<std::vector<Run>>>& rows, size_t ncols,
                                    double size);
  cairo_t* cr_;
  double y_ = kMargin;
  bool page_started_ = false;
  int pages_ = 0;
};

double Sum(const std::vector<double>& v) {
  double s = 0;
  for (double x : v) s += x;
  return s;
}

// The width each column needs to hold its widest cell on one line.
std::vector<double> Renderer::NaturalWidths(const std::vector<std::vector<std::vector<Run>>>& rows,
                                            size_t ncols, double size) {
  std::vector<double> natural(ncols, 4 * kCellPad);
  for (const auto& row : rows)
    for (size_t c = 0; c < row.size(); ++c) {
      Line all;
      for (const Line& l : Wrap(row[c], 1e9, size)) all.insert(all.end(), l.begin(), l.end());
      natural[c] = std::max(natural[c], LineWidth(all, size) + 2 * kCellPad + 0.5);
    }
  return natural;
}

// Fits natural widths into the text width by "water filling": columns
// narrower than a fair share keep their width, the wide ones share what is
// left in proportion to their natural width (their cells then wrap).
std::vector<double> FitToTextWidth(const std::vector<double>& natural) {
  if (Sum(natural) <= kTextWidth) return natural;
  std::vector<double> widths = natural;
  std::vector<bool> fixed(natural.size(), false);
  double avail = kTextWidth;
  for (bool changed = true; changed;) {
    changed = false;
    size_t wide = 0;
    for (size_t c = 0; c < natural.size(); ++c) wide += fixed[c] ? 0 : 1;
    double share = wide ? avail / wide : 0;
    for (size_t c = 0; c < natural.size(); ++c)
      if (!fixed[c] && natural[c] <= share) fixed[c] = true, avail -= natural[c], changed = true;
  }
  double wide_sum = 0;
  for (size_t c = 0; c < natural.size(); ++c) wide_sum += fixed[c] ? 0 : natural[c];
  for (size_t c = 0; c < natural.size(); ++c)
    if (!fixed[c]) widths[c] = std::max(avail * natural[c] / wide_sum, 4 * kCellPad);
  return widths;
}

// Draws consecutive tab-separated lines as one bordered table. A wide table
// is first set in smaller type (down to kMinTableSize); what still does not
// fit wraps inside its cells.
void Renderer::Table(const std::vector<std::vector<std::vector<Run>>>& rows) {
  size_t ncols = 0;
  for (const auto& row : rows) ncols = std::max(ncols, row.size());
  double size = kBodySize;
  std::vector<double> widths = NaturalWidths(rows, ncols, size);
  while (Sum(widths) > kTextWidth && size > kMinTableSize) {
    size -= 0.5;
    widths = NaturalWidths(rows, ncols, size);
  }
  widths = FitToTextWidth(widths);
  double lh = size * 1.3;
  cairo_set_line_width(cr_, 0.5);
  for (const auto& row : rows) {
    std::vector<std::vector<Line>> cells(ncols);
    size_t nlines = 1;
    for (size_t c = 0; c < row.size(); ++c) {
      cells[c] = Wrap(row[c], widths[c] - 2 * kCellPad, size);
      nlines = std::max(nlines, cells[c].size());
    }
    double h = nlines * lh + 2 * kCellPad;
    EnsureSpace(h);
    double x = kMargin;
    for (size_t c = 0; c < ncols; ++c) {
      cairo_rectangle(cr_, x, y_, widths[c], h);
      cairo_stroke(cr_);
      cairo_save(cr_);
      cairo_rectangle(cr_, x, y_, widths[c], h);
      cairo_clip(cr_);
      for (size_t l = 0; l < cells[c].size(); ++l)
        DrawLine(cells[c][l], x + kCellPad, y_ + kCellPad + l * lh + size, size);
      cairo_restore(cr_);
      x += widths[c];
    }
    y_ += h;
  }
  y_ += size * 0.5;
}

// ------------------------------------------------------------------ driver

bool IsPageBreak(const std::string& line) {
  return !line.empty() && line.find_first_not_of("\f \t") == std::string::npos &&
         line.find('\f') != std::string::npos;
}

// Blank: only spaces, tabs and no-break spaces (the bytes of U+00A0).
bool IsBlank(const std::string& line) { return line.find_first_not_of(" \t\u00a0") == std::string::npos; }

// For "# Title" lines (any number of #): sets the title text.
bool HeadingText(const std::string& line, std::string& text) {
  size_t n = line.find_first_not_of('#');
  if (n == 0 || n == std::string::npos || line[n] != ' ') return false;
  text = line.substr(n + 1);
  return true;
}

// Splits a tab-separated line into cells (trailing empty cells dropped).
std::vector<std::vector<Run>> ParseTableRow(const std::string& line) {
  std::vector<std::vector<Run>> cells;
  size_t start = 0;
  while (start <= line.size()) {
    size_t tab = std::min(line.find('\t', start), line.size());
    std::string cell = line.substr(start, tab - start);
    size_t b = cell.find_first_not_of(' '), e = cell.find_last_not_of(' ');
    cells.push_back(ParseRuns(b == std::string::npos ? "" : cell.substr(b, e - b + 1), {}));
    start = tab + 1;
  }
  while (cells.size() > 1 && cells.back().empty()) cells.pop_back();
  return cells;
}

void Render(Renderer& r, const std::vector<std::string>& lines) {
  std::vector<std::vector<std::vector<Run>>> table;
  auto flush_table = [&] {
    if (!table.empty()) r.Table(table);
    table.clear();
  };
  std::vector<std::string> columns;
  bool in_columns = false;
  for (std::string line : lines) {
    if (line == "<columns>" || line == "</columns>") {
      flush_table();
      in_columns = line == "<columns>";
      if (!in_columns) r.Columns(columns);
      columns.clear();
      continue;
    }
    if (in_columns) {
      columns.push_back(line);
      continue;
    }
    if (IsPageBreak(line)) {
      flush_table();
      r.BreakPage();
      continue;
    }
    if (!line.empty() && line[0] == '\f') line.erase(0, 1);  // \f leading a text line
    if (line.find('\t') != std::string::npos && !IsBlank(line)) {
      table.push_back(ParseTableRow(line));
      continue;
    }
    flush_table();
    std::string heading;
    if (IsBlank(line)) {
      r.Blank();
    } else if (HeadingText(line, heading)) {
      r.Paragraph(ParseRuns(heading, {.bold = true}), kHeadingSize);
    } else {
      r.Paragraph(ParseRuns(line, {}), kBodySize);
    }
  }
  flush_table();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: make_corpus_pdf INPUT.txt OUTPUT.pdf\n";
    return 2;
  }
  std::string text;
  if (!ReadFile(argv[1], text)) {
    std::cerr << "make_corpus_pdf: cannot read " << argv[1] << "\n";
    return 1;
  }
  if (!IsValidUtf8(text)) {
    std::cerr << "make_corpus_pdf: " << argv[1] << " is not UTF-8; reading it as Windows-1252\n";
    text = Cp1252ToUtf8(text);
  }
  if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.erase(0, 3);  // BOM

  cairo_surface_t* surface = cairo_pdf_surface_create(argv[2], kPageWidth, kPageHeight);
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
    std::cerr << "make_corpus_pdf: cannot create " << argv[2] << ": "
              << cairo_status_to_string(cairo_surface_status(surface)) << "\n";
    cairo_surface_destroy(surface);
    return 1;
  }
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, "2024-01-01T00:00:00Z");
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "finsam-extract make_corpus_pdf");
  cairo_t* cr = cairo_create(surface);
  cairo_set_source_rgb(cr, 0, 0, 0);
  Renderer renderer(cr);
  Render(renderer, SplitLines(text));
  if (renderer.pages() == 0) renderer.EnsureSpace(0);  // an empty input still yields one page
  cairo_status_t status = cairo_status(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  if (status == CAIRO_STATUS_SUCCESS) status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS) {
    std::cerr << "make_corpus_pdf: writing " << argv[2] << " failed: " << cairo_status_to_string(status)
              << "\n";
    std::remove(argv[2]);
    return 1;
  }
  return 0;
}
