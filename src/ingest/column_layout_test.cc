// Tests for OrderColumns: two columns of prose are read column by column;
// tables, field tables and signature blocks side by side keep row order.
#include "ingest/column_layout.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "ingest/word_rows.h"

namespace finsam {
namespace {

constexpr double kSize = 10;

// Words of `text` set from x at baseline row `row` (14 pt apart, `shift`
// lower), 5 pt per character, one space between words.
void Set(std::vector<Word>& words, const std::string& text, double x, int row, double shift = 0) {
  std::istringstream in(text);
  for (std::string w; in >> w;) {
    double width = 5.0 * static_cast<double>(w.size());
    Word word;
    word.text = w;
    word.box = Box{x, 100.0 + 14 * row + shift, x + width, 110.0 + 14 * row + shift};
    word.font_size = kSize;
    words.push_back(word);
    x += width + 3;
  }
}

// The page's lines as text, in the order AppendPageLines gives them.
std::vector<std::string> Lines(std::vector<Word> words) {
  std::vector<Line> lines;
  AppendPageLines(std::move(words), 1, lines);
  std::vector<std::string> out;
  for (const Line& line : lines) {
    std::string text;
    for (const Cell& c : line.cells) {
      for (const Word& w : c.words) text += (text.empty() ? "" : " ") + w.text;
    }
    out.push_back(text);
  }
  return out;
}

TEST(OrderColumnsTest, TwoColumnsOfProseAreReadLeftThenRight) {
  std::vector<Word> words;
  Set(words, "Beslut om medel", 60, 0);   // a full-width heading above
  for (int r = 1; r <= 8; ++r) {
    Set(words, "vänster rad " + std::to_string(r) + " med mer text", 60, r);
    Set(words, "höger rad " + std::to_string(r) + " med mer text", 320, r);
  }
  Set(words, "Beslutet kan inte överklagas och gäller genast från i dag", 60, 11);   // full width below
  std::vector<std::string> lines = Lines(words);
  ASSERT_EQ(lines.size(), 18u);
  EXPECT_EQ(lines[0], "Beslut om medel");
  EXPECT_EQ(lines[1], "vänster rad 1 med mer text");
  EXPECT_EQ(lines[8], "vänster rad 8 med mer text");
  EXPECT_EQ(lines[9], "höger rad 1 med mer text");
  EXPECT_EQ(lines[16], "höger rad 8 med mer text");
  EXPECT_EQ(lines[17], "Beslutet kan inte överklagas och gäller genast från i dag");
}

TEST(OrderColumnsTest, ColumnsWhoseLinesDoNotShareBaselines) {
  std::vector<Word> words;
  // The right column sits half a line lower: no row holds both sides.
  for (int r = 0; r < 8; ++r) {
    Set(words, "vänster rad " + std::to_string(r) + " med mer text", 60, r);
    Set(words, "höger rad " + std::to_string(r) + " med mer text", 320, r, 7);
  }
  std::vector<std::string> lines = Lines(words);
  ASSERT_EQ(lines.size(), 16u);
  EXPECT_EQ(lines[7], "vänster rad 7 med mer text");
  EXPECT_EQ(lines[8], "höger rad 0 med mer text");
}

using Rows = std::vector<std::vector<std::pair<double, std::string>>>;   // cells: x and text

TEST(OrderColumnsTest, TablesAndSignatureBlocksKeepRowOrder) {
  Rows budget, fields;
  for (int r = 0; r < 8; ++r) {
    budget.push_back({{60, "Lönekostnad samordnare heltid " + std::to_string(r)}, {320, "540 000"}, {420, "180 000"}});
    fields.push_back({{60, "Fält" + std::to_string(r)}, {320, "ett långt svar i fältet som fyller kolumnen"}});
  }
  Rows signatures = {{{60, "Anna Berg"}, {320, "Erik Lund"}},
                     {{60, "Förbundschef"}, {320, "Ordförande"}},
                     {{60, "Vetlanda 2025-02-20"}, {320, "Sävsjö 2025-02-21"}}};
  for (const Rows& rows : {budget, fields, signatures}) {
    SCOPED_TRACE(rows[0][0].second);
    std::vector<Word> words;
    std::vector<std::string> want;
    for (size_t r = 0; r < rows.size(); ++r) {
      std::string line;
      for (const auto& cell : rows[r]) {
        Set(words, cell.second, cell.first, static_cast<int>(r));
        line += (line.empty() ? "" : " ") + cell.second;
      }
      want.push_back(line);
    }
    EXPECT_EQ(Lines(words), want);
  }
}

// A damaged file may put a word far off the page; the gutter search must
// not step across that width (found by fuzz/pdf_ingest_fuzz, which timed
// out; replayed from fuzz/regressions/).
TEST(OrderColumnsTest, AWordFarOffThePageDoesNotStretchTheGutterSearch) {
  std::vector<Word> words;
  for (int r = 0; r < 8; ++r) {
    Set(words, "vänster rad " + std::to_string(r) + " med mer text", 60, r);
    Set(words, "höger rad " + std::to_string(r) + " med mer text", 320, r);
  }
  Set(words, "bortom", 1e12, 20);
  std::vector<std::string> lines = Lines(words);
  // Every word is kept; the rows are read across, as without columns.
  ASSERT_EQ(lines.size(), 9u);
  EXPECT_EQ(lines[0], "vänster rad 0 med mer text höger rad 0 med mer text");
  EXPECT_EQ(lines[8], "bortom");
}

}  // namespace
}  // namespace finsam
