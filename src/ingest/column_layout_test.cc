// Tests for OrderColumns: two columns of prose are read column by column;
// tables, field tables and signature blocks side by side keep row order.
#include "ingest/column_layout.h"

#include <gtest/gtest.h>

#include <random>
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

// Passing over gutter positions where too few rows could hold prose must
// never change the result: random pages (two columns of prose with uneven
// baselines, full-width paragraphs, form rows, tables, short lines, mixed
// font sizes, words overlapping) read the same as when every position is
// tried.
TEST(OrderColumnsTest, PassingOverPositionsChangesNothing) {
  std::mt19937 rng(20261206);
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  auto word = [&](double x, double y, double width, double size) {
    Word w;
    w.text = "w" + std::to_string(pick(0, 999));
    w.box = Box{x, y, x + width, y + size};
    w.font_size = pick(0, 9) == 0 ? 0 : size;
    return w;
  };
  int banded = 0;
  for (int page = 0; page < 1000; ++page) {
    std::vector<std::vector<Word>> rows;
    double y = 50, gutter = pick(200, 400), size = pick(8, 14);
    int count = pick(4, 40);
    for (int r = 0; r < count; ++r, y += size * 1.2 + pick(0, 3)) {
      std::vector<Word> row;
      int kind = pick(0, 5);
      double x = pick(40, 80);
      auto run = [&](double from, double to, double gap) {
        for (double at = from; at < to;) {
          double width = pick(10, 60);
          row.push_back(word(at, y + pick(0, 2), width, size));
          at += width + gap;
        }
      };
      if (kind <= 2) {   // two columns of prose, a side sometimes short or empty
        if (pick(0, 4)) run(x, gutter - pick(5, 60), size * pick(2, 10) / 10.0);
        if (pick(0, 4)) run(gutter + pick(8, 30), 560 - pick(0, 80), size * pick(2, 10) / 10.0);
      } else if (kind == 3) {   // full width
        run(x, 560 - pick(0, 300), size * pick(2, 12) / 10.0);
      } else if (kind == 4) {   // a table or form row: cells far apart
        for (int c = 0; c < pick(1, 5); ++c) row.push_back(word(x + c * pick(90, 130), y, pick(15, 70), size));
      }
      std::sort(row.begin(), row.end(), [](const Word& a, const Word& b) { return a.box.x0 < b.box.x0; });
      if (!row.empty()) rows.push_back(row);
    }
    std::vector<std::vector<Word>> pruned = OrderColumns(rows), every = OrderColumnsTryingEveryGutter(rows);
    ASSERT_EQ(pruned.size(), every.size()) << "page " << page;
    for (size_t r = 0; r < pruned.size(); ++r) {
      ASSERT_EQ(pruned[r].size(), every[r].size()) << "page " << page << " row " << r;
      for (size_t w = 0; w < pruned[r].size(); ++w) EXPECT_EQ(pruned[r][w].text, every[r][w].text);
    }
    banded += pruned.size() != rows.size() || pruned.front().front().text != rows.front().front().text;
  }
  EXPECT_GT(banded, 30);   // the pages hold bands to find, not only pages without
}

}  // namespace
}  // namespace finsam
