// Tests for TextQuarterTurns and TurnUpright: a line of words set in each
// of the four directions is found and turned back to left-to-right.
#include "ingest/text_rotation.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace finsam {
namespace {

// Three 20 x 10 words of one line, laid out left to right on a 600 x 800
// page, then turned `turns` quarter turns clockwise with the page.
std::vector<Word> Line(int turns) {
  std::vector<Word> words;
  for (int i = 0; i < 3; ++i) {
    Word w;
    w.text = "ord" + std::to_string(i);
    w.box = Box{100.0 + 25 * i, 50, 120.0 + 25 * i, 60};
    words.push_back(w);
  }
  double width = 600, height = 800;
  for (int t = 0; t < turns; ++t) {   // one clockwise quarter turn of the page
    for (Word& w : words) w.box = Box{height - w.box.y1, w.box.x0, height - w.box.y0, w.box.x1};
    std::swap(width, height);
  }
  return words;
}

TEST(TextRotationTest, FindsAndUndoesEachDirection) {
  for (int turns = 0; turns < 4; ++turns) {
    SCOPED_TRACE(turns);
    std::vector<Word> words = Line(turns);
    ASSERT_EQ(TextQuarterTurns(words), turns);
    double width = turns % 2 ? 800 : 600, height = turns % 2 ? 600 : 800;
    TurnUpright(turns, words, width, height);
    EXPECT_EQ(width, 600);
    EXPECT_EQ(height, 800);
    for (int i = 0; i < 3; ++i) {
      EXPECT_DOUBLE_EQ(words[static_cast<size_t>(i)].box.x0, 100.0 + 25 * i);
      EXPECT_DOUBLE_EQ(words[static_cast<size_t>(i)].box.y0, 50);
    }
  }
}

TEST(TextRotationTest, UprightPagesWithStrayTurnedWordsStayAsTheyAre) {
  std::vector<Word> words = Line(0);
  std::vector<Word> turned = Line(1);
  words.insert(words.end(), turned.begin(), turned.end());
  EXPECT_EQ(TextQuarterTurns(words), 0);
  EXPECT_EQ(TextQuarterTurns({}), 0);
}

}  // namespace
}  // namespace finsam
