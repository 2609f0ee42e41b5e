// Direction of a page's text and turning it upright (see text_rotation.h).
// Tested by text_rotation_test.cc.
#include "ingest/text_rotation.h"

#include <array>
#include <cmath>
#include <utility>

namespace finsam {
namespace {

double CentreX(const Box& b) { return (b.x0 + b.x1) / 2; }
double CentreY(const Box& b) { return (b.y0 + b.y1) / 2; }

}  // namespace

// Each pair of consecutive words on one line votes for the way the line
// runs: to the right (0), down (1), to the left (2) or up (3).
int TextQuarterTurns(const std::vector<Word>& words) {
  std::array<int, 4> votes{};
  for (size_t i = 1; i < words.size(); ++i) {
    const Box& a = words[i - 1].box;
    const Box& b = words[i].box;
    double dx = CentreX(b) - CentreX(a), dy = CentreY(b) - CentreY(a);
    double h = std::min(a.y1 - a.y0, a.x1 - a.x0);   // the line's thickness, whichever way it runs
    if (std::abs(dy) < 0.5 * h && std::abs(dx) > 0) {
      ++votes[dx > 0 ? 0 : 2];
    } else if (std::abs(dx) < 0.5 * h && std::abs(dy) > 0) {
      ++votes[dy > 0 ? 1 : 3];
    }
  }
  int best = 0;
  for (int t = 1; t < 4; ++t) {
    if (votes[static_cast<size_t>(t)] > votes[static_cast<size_t>(best)]) best = t;
  }
  // Upright text needs no majority: turn only when the other way clearly wins.
  int won = votes[static_cast<size_t>(best)];
  return won >= 2 && won > 2 * votes[0] ? best : 0;
}

void TurnUpright(int turns, std::vector<Word>& words, double& width, double& height) {
  const double w = width, h = height;
  for (Word& word : words) {
    const Box b = word.box;
    switch (turns) {
      case 1: word.box = Box{b.y0, w - b.x1, b.y1, w - b.x0}; break;          // ran down
      case 2: word.box = Box{w - b.x1, h - b.y1, w - b.x0, h - b.y0}; break;  // upside down
      case 3: word.box = Box{h - b.y1, b.x0, h - b.y0, b.x1}; break;          // ran up
      default: break;
    }
  }
  if (turns % 2 == 1) std::swap(width, height);
}

}  // namespace finsam
