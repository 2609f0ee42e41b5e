// Joins wrapped PDF lines and marks headings (see line_joiner.h).
// Tested by normalize_test.cc.
#include "normalize/line_joiner.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <string>

namespace finsam {
namespace {

double LineRight(const Line& line) {
  return line.cells.empty() || line.cells.back().words.empty() ? 0 : line.cells.back().box.x1;
}

double LineLeft(const Line& line) { return line.cells.empty() ? 0 : line.cells.front().box.x0; }

double LineHeight(const Line& line) {
  double h = 0;
  for (const Cell& c : line.cells) h = std::max(h, c.box.y1 - c.box.y0);
  return h;
}

// The right edge of the text block: the widest lines of the document
// define it (a short last page has no line that reaches it).
std::map<int, double> RightMargins(const std::vector<Line>& lines) {
  double widest = 0;
  for (const Line& line : lines) widest = std::max(widest, LineRight(line));
  std::map<int, double> margin;
  for (const Line& line : lines) margin[line.page] = widest;
  return margin;
}

bool StartsListItem(const Line& line) {
  if (line.cells.empty() || line.cells.front().words.empty()) return false;
  const std::string& w = line.cells.front().words.front().text;
  return w == "-" || w == "•" || w == "–" || w == "*" || w == "o";
}

// A line wrapped when it reaches the right margin so closely that the next
// line's first word would not have fitted after it.
bool Wrapped(const Line& a, const Line& b, double right_margin) {
  if (a.page != b.page || a.blank() || b.blank()) return false;
  if (a.kind != LineKind::kText || b.kind != LineKind::kText) return false;
  if (a.cells.size() > 1) return false;  // table rows are not reflowed
  if (StartsListItem(b)) return false;
  double height = std::max(LineHeight(a), 1.0);
  double top_b = b.cells.front().box.y0;
  double bottom_a = a.cells.front().box.y1;
  if (top_b - bottom_a > height * 0.8) return false;  // a blank line between
  if (LineLeft(b) > LineLeft(a) + 2 * height) return false;
  const Word& first = b.cells.front().words.front();
  // A bold label opens a new logical line, and so does a short "Label:"
  // line after a finished sentence.
  if (first.bold != a.cells.back().words.back().bold) return false;
  const std::string& a_last = a.cells.back().words.back().text;
  bool a_ends_sentence = !a_last.empty() && (a_last.back() == '.' || a_last.back() == '?' || a_last.back() == '!');
  size_t b_words = 0;
  for (const Cell& c : b.cells) b_words += c.words.size();
  if (a_ends_sentence && b_words <= 6 && b.text.back() == ':') return false;
  if (first.text.size() > 1 && first.text.back() == ':') return false;  // "Insatsperiod: …" starts a field
  double char_width = first.box.width() / std::max<size_t>(1, first.text.size());
  // Wrapped when the next word (plus a space) would not have fitted.
  return LineRight(a) + char_width + first.box.width() > right_margin + 0.5 * char_width;
}

bool IsConjunction(const std::string& w) {
  return w == "och" || w == "eller" || w == "samt" || w == "till" || w == "respektive";
}

// "arbets-" + "sättet" → "arbetssättet"; "hälso-" + "och" stays apart.
bool MendHyphen(Word& last, const Word& next) {
  const std::string& t = last.text;
  if (t.size() < 3 || t.back() != '-' || !std::isalpha(static_cast<unsigned char>(t[t.size() - 2]))) {
    return false;
  }
  unsigned char c = static_cast<unsigned char>(next.text[0]);
  bool lower = std::islower(c) || c >= 0xC3;  // ASCII lower or a Latin-1 letter (å ä ö)
  if (!lower || IsConjunction(next.text)) return false;
  last.text.pop_back();
  last.text += next.text;
  last.box.x1 = next.box.x1;
  return true;
}

void Append(Line& a, const Line& b) {
  bool first = true;
  for (const Cell& cell : b.cells) {
    if (first) {
      Cell& tail = a.cells.back();
      size_t skip = 0;
      if (!tail.words.empty() && !cell.words.empty() && MendHyphen(tail.words.back(), cell.words[0])) {
        skip = 1;
      }
      tail.words.insert(tail.words.end(), cell.words.begin() + static_cast<long>(skip), cell.words.end());
      first = false;
      continue;
    }
    a.cells.push_back(cell);
  }
  // The joined line's box is where it ends: the last physical line.
  Box& box = a.cells.back().box;
  const Box& last = b.cells.back().box;
  box = Box{std::min(box.x0, last.x0), last.y0, last.x1, last.y1};
  a.continued = true;
  RebuildLineText(a);
}

}  // namespace

std::vector<Line> JoinWrappedLines(const Document& doc) {
  std::map<int, double> margins = RightMargins(doc.lines);
  std::vector<Line> out;
  out.reserve(doc.lines.size());
  for (const Line& line : doc.lines) {
    if (!out.empty() && Wrapped(out.back(), line, margins[line.page])) {
      Append(out.back(), line);
    } else {
      out.push_back(line);
    }
  }
  return out;
}

void MarkHeadings(Document& doc) {
  // The body font size is the most common one; clearly larger lines are headings.
  std::map<int, size_t> sizes;
  for (const Line& line : doc.lines) {
    for (const Cell& c : line.cells) for (const Word& w : c.words) sizes[static_cast<int>(w.font_size * 2)]++;
  }
  double body = 0;
  size_t best = 0;
  for (auto [size, count] : sizes) if (count > best) { best = count; body = size / 2.0; }
  for (Line& line : doc.lines) {
    if (line.kind != LineKind::kText || line.blank()) continue;
    size_t words = 0;
    double size = 0;
    bool all_bold = true;
    for (const Cell& c : line.cells) {
      for (const Word& w : c.words) { ++words; size = std::max(size, w.font_size); all_bold = all_bold && w.bold; }
    }
    bool larger = body > 0 && size >= body * 1.15;
    bool short_bold = all_bold && words <= 10 && line.cells.size() <= 2 && line.text.back() != ':';
    if (larger || short_bold) line.kind = LineKind::kHeading;
  }
}

}  // namespace finsam
