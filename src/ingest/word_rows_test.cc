// Tests of the row and cell grouping shared by PDF and OCR words.
#include "ingest/word_rows.h"

#include <gtest/gtest.h>

namespace finsam {
namespace {

Word At(const std::string& text, double x0, double x1, double y0) {
  Word w;
  w.text = text;
  w.box = Box{x0, y0, x1, y0 + 10};
  w.font_size = 10;
  return w;
}

TEST(WordRowsTest, GroupsByCentreAndSplitsCellsAtWideGaps) {
  std::vector<Line> lines;
  // Out of order, a second row 14 pt lower, a 3 pt space and a 40 pt gap.
  AppendPageLines({At("län", 130, 150, 101), At("Insatsägare:", 50, 100, 100), At("Region", 300, 330, 100),
                   At("Uppsala", 103, 127, 101), At("Budget", 50, 80, 114)},
                  2, lines);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].page, 2);
  EXPECT_EQ(lines[0].number, 1);
  ASSERT_EQ(lines[0].cells.size(), 2u);
  ASSERT_EQ(lines[0].cells[0].words.size(), 3u);
  EXPECT_EQ(lines[0].cells[0].words[1].text, "Uppsala");
  EXPECT_EQ(lines[0].cells[1].words[0].text, "Region");
  EXPECT_DOUBLE_EQ(lines[0].cells[0].box.x1, 150);
  EXPECT_EQ(lines[1].number, 2);
  EXPECT_EQ(lines[1].cells[0].words[0].text, "Budget");
}

}  // namespace
}  // namespace finsam
