// Two-column detection over rows of word boxes (see column_layout.h).
// Tested by column_layout_test.cc.
//
// A gutter is an x position that no word of a run of rows crosses and that
// splits many of those rows into two sides which both read like prose: a
// side fills most of its column's width and has no cell-sized gap inside
// (a table row has; a signature block's short names do not fill their
// column). The band of rows read column by column runs from the first to
// the last such prose row, widened over neighbouring rows that do not
// cross the gutter and follow at a line's distance (a paragraph's last,
// short line), but not over a block set apart by white space.
#include "ingest/column_layout.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace finsam {
namespace {

constexpr size_t kMinProseRows = 6;

struct Extent {
  double x0 = 1e18, x1 = -1e18;
};

Extent TextExtent(const std::vector<std::vector<Word>>& rows) {
  Extent e;
  for (const auto& row : rows) {
    for (const Word& w : row) {
      e.x0 = std::min(e.x0, w.box.x0);
      e.x1 = std::max(e.x1, w.box.x1);
    }
  }
  return e;
}

double Em(const Word& w) { return w.font_size > 0 ? w.font_size : std::max(1.0, w.box.y1 - w.box.y0); }

// Where a row's words stand in the way of a gutter: a word, widened by its
// clearance (a space between two words of one line is no gutter), crosses
// the x positions strictly inside it. Built once per row, so that the
// hundreds of gutter positions tried on a page cost a binary search each.
class RowBlocks {
 public:
  explicit RowBlocks(const std::vector<Word>& row) {
    std::vector<std::pair<double, double>> spans;
    spans.reserve(row.size());
    for (const Word& w : row) {
      double clearance = 0.6 * Em(w);
      double left = w.box.x0 - clearance, right = w.box.x1 + clearance;
      if (std::isnan(left) || std::isnan(right)) continue;   // crosses nothing, and would not sort
      spans.push_back({left, right});
    }
    std::sort(spans.begin(), spans.end());
    double reach = -std::numeric_limits<double>::infinity();
    for (const auto& [left, right] : spans) {
      lefts_.push_back(left);
      reach = std::max(reach, right);
      reach_.push_back(reach);
    }
  }
  // Whether a word lies across `x` or too near it for a gutter.
  bool Crosses(double x) const {
    // The spans that start left of x; one of them crosses x if it reaches past it.
    size_t n = static_cast<size_t>(std::lower_bound(lefts_.begin(), lefts_.end(), x) - lefts_.begin());
    return n > 0 && reach_[n - 1] > x;
  }
  // Calls `clear(from, to)` for each stretch [from, to] that Crosses calls
  // clear, left to right (from may be -inf, to +inf).
  template <typename F>
  void ForEachClear(F clear) const {
    double from = -std::numeric_limits<double>::infinity();
    for (size_t i = 0; i < lefts_.size(); ++i) {
      if (i == 0 || reach_[i - 1] <= lefts_[i]) clear(from, lefts_[i]);
      from = reach_[i];
    }
    clear(from, std::numeric_limits<double>::infinity());
  }

 private:
  std::vector<double> lefts_;   // left ends, ascending
  std::vector<double> reach_;   // the furthest right end among spans [0, i]
};

std::vector<RowBlocks> BlocksOf(const std::vector<std::vector<Word>>& rows) {
  std::vector<RowBlocks> blocks;
  blocks.reserve(rows.size());
  for (const auto& row : rows) blocks.emplace_back(row);
  return blocks;
}

// Whether words i-1 and i of a row stand further apart than a line's spaces.
bool GapInside(const std::vector<Word>& row, size_t i) {
  return row[i].box.x0 - row[i - 1].box.x1 > 1.2 * Em(row[i - 1]);
}

// One side of a split row reads like a line of prose: no gap wider than
// two spaces' worth inside, and it fills `fill` of the column width.
// The words [begin, end) of a row.
bool ProseSide(const std::vector<Word>& row, size_t begin, size_t end, double column_width) {
  if (end < begin + 3) return false;
  for (size_t i = begin + 1; i < end; ++i) {
    if (GapInside(row, i)) return false;
  }
  return row[end - 1].box.x1 - row[begin].box.x0 >= 0.6 * column_width;
}

// The first word of the right side (rows are sorted left to right).
size_t SplitIndex(const std::vector<Word>& row, double x) {
  size_t i = 0;
  while (i < row.size() && (row[i].box.x0 + row[i].box.x1) / 2 < x) ++i;
  return i;
}

// Which sides of a row read as prose: bit 1 left, bit 2 right; 0 when a
// side holds something else (a short cell, a table's run of cells). The two
// columns' lines need not share baselines, so one side may be empty.
int ProseSides(const std::vector<Word>& row, double x, const Extent& e) {
  size_t split = SplitIndex(row, x);
  bool left = ProseSide(row, 0, split, x - e.x0), right = ProseSide(row, split, row.size(), e.x1 - x);
  if ((!left && split > 0) || (!right && split < row.size())) return 0;
  return (left ? 1 : 0) | (right ? 2 : 0);
}

// Where a gutter could find a side of the row reading as prose, from the
// conditions ProseSide checks that do not depend on the column's width:
// at least three words on the side and no wide gap among them. A row's
// side is split at x after the leading words whose centres lie left of x,
// so with m[k] the largest of the first k centres, x > m[k] puts at least
// k words on the left and x <= m[k + 1] at most k.
struct ProseReach {
  double left_from = 0, left_to = 0;     // left side may be prose for x in (from, to]
  double right_from = 0, right_to = 0;   // right side likewise
  bool left = false, right = false;
};

ProseReach ReachOf(const std::vector<Word>& row) {
  const double inf = std::numeric_limits<double>::infinity();
  const size_t n = row.size();
  ProseReach reach;
  if (n < 3) return reach;
  std::vector<double> m(n + 1, -inf);   // m[k]: the largest of the first k centres
  for (size_t k = 1; k <= n; ++k) {
    double centre = (row[k - 1].box.x0 + row[k - 1].box.x1) / 2;
    // A centre that is no number stops SplitIndex wherever x is: no bound.
    if (std::isnan(centre)) return ProseReach{-inf, inf, -inf, inf, true, true};
    m[k] = std::max(m[k - 1], centre);
  }
  size_t first_gap = n, last_gap = 0;   // gap-free: words [0, first_gap) and [last_gap, n)
  for (size_t i = 1; i < n; ++i) {
    if (!GapInside(row, i)) continue;
    first_gap = std::min(first_gap, i);
    last_gap = i;
  }
  if (first_gap >= 3) {
    reach.left = true;
    reach.left_from = m[3];
    reach.left_to = first_gap == n ? inf : m[first_gap + 1];
  }
  if (last_gap + 3 <= n) {
    reach.right = true;
    reach.right_from = last_gap == 0 ? -inf : m[last_gap];
    reach.right_to = m[n - 2];
  }
  return reach;
}

double Centre(const std::vector<Word>& row) { return (row.front().box.y0 + row.front().box.y1) / 2; }

struct Band {
  size_t begin = 0, end = 0;   // rows [begin, end)
  double gutter = 0;
};

// The band around the prose rows at gutter `x`, or an empty one.
Band FindBand(const std::vector<std::vector<Word>>& rows, const std::vector<RowBlocks>& blocks, double x,
              const Extent& e) {
  std::vector<size_t> prose;
  size_t left = 0, right = 0;
  for (size_t i = 0; i < rows.size(); ++i) {
    int sides = blocks[i].Crosses(x) ? -1 : ProseSides(rows[i], x, e);
    if (sides < 0) {
      if (std::min(left, right) >= kMinProseRows) break;
      prose.clear();
      left = right = 0;
    } else if (sides > 0) {
      prose.push_back(i);
      left += sides & 1;
      right += (sides & 2) >> 1;
    }
  }
  if (std::min(left, right) < kMinProseRows) return {};
  // The columns run while prose sits on both sides of the gutter (in one
  // row, or in two neighbouring rows when their baselines differ); prose
  // on one side only before or after is a full-width block that happens
  // to be short, unless it follows at a line's distance (below).
  auto presence = [&rows, x](size_t i) {
    size_t split = SplitIndex(rows[i], x);
    return (split > 0 ? 1 : 0) | (split < rows[i].size() ? 2 : 0);
  };
  // Both sides: in the row, or the other side in a row less than a line
  // away (the two columns' baselines differ).
  auto both = [&rows, &presence](size_t i, size_t next) {
    double line = 1.2 * (rows[i].front().box.y1 - rows[i].front().box.y0);
    return presence(i) == 3 ||
           (presence(next) == 3 - presence(i) && std::abs(Centre(rows[next]) - Centre(rows[i])) < line);
  };
  size_t first = prose.front(), last = prose.back();
  while (first < last && !both(first, first + 1)) ++first;
  while (last > first && !both(last, last - 1)) --last;
  std::erase_if(prose, [first, last](size_t i) { return i < first || i > last; });
  if (prose.size() < 2) return {};
  Band band{first, last + 1, x};
  // The line pitch: the median distance between neighbouring prose rows.
  std::vector<double> steps;
  for (size_t k = 1; k < prose.size(); ++k) steps.push_back(Centre(rows[prose[k]]) - Centre(rows[prose[k - 1]]));
  std::nth_element(steps.begin(), steps.begin() + static_cast<long>(steps.size() / 2), steps.end());
  double pitch = steps[steps.size() / 2];
  while (band.begin > 0 && !blocks[band.begin - 1].Crosses(x) &&
         Centre(rows[band.begin]) - Centre(rows[band.begin - 1]) <= 1.25 * pitch) {
    --band.begin;
  }
  while (band.end < rows.size() && !blocks[band.end].Crosses(x) &&
         Centre(rows[band.end]) - Centre(rows[band.end - 1]) <= 1.25 * pitch) {
    ++band.end;
  }
  return band;
}

// The gutter position with the most prose rows, searched in the middle
// third of the text's width every 2 points, or in kMaxGutterTries even
// steps when that third is wider than a page's (a damaged file's word far
// off the page would otherwise ask for millions of tries).
Band BestBand(const std::vector<std::vector<Word>>& rows, bool prune) {
  constexpr double kMaxGutterTries = 400;
  Extent e = TextExtent(rows);
  Band best;
  double third = (e.x1 - e.x0) / 3;
  if (!(third >= 100.0 / 3) || !std::isfinite(third)) return best;
  double step = std::max(2.0, third / kMaxGutterTries);
  const std::vector<RowBlocks> blocks = BlocksOf(rows);
  size_t tries = 0;
  for (double k = 0; k * step <= third; ++k) ++tries;
  // A band needs kMinProseRows rows with prose left of the gutter and as
  // many with prose right of it, each clear of words at the gutter: per
  // position, rows that could be either are counted from their stretches
  // (clear and ProseReach), and positions short of either are passed over.
  // A stretch is widened by two positions each way, so that rounding can
  // only count a row too many.
  const double base = e.x0 + third;
  std::vector<int> left(tries + 1, 0), right(tries + 1, 0);
  auto count = [&](std::vector<int>& rows_at, double from, double to) {
    auto index = [&](double x) {
      return static_cast<long>(std::floor(std::clamp((x - base) / step, -4.0, static_cast<double>(tries) + 4)));
    };
    long lo = std::max(0L, index(from) - 2), hi = std::min(static_cast<long>(tries) - 1, index(to) + 2);
    if (lo > hi) return;
    ++rows_at[static_cast<size_t>(lo)];
    --rows_at[static_cast<size_t>(hi) + 1];
  };
  for (size_t r = 0; r < rows.size(); ++r) {
    ProseReach reach = ReachOf(rows[r]);
    if (!reach.left && !reach.right) continue;
    blocks[r].ForEachClear([&](double from, double to) {
      if (reach.left && std::max(from, reach.left_from) <= std::min(to, reach.left_to)) {
        count(left, std::max(from, reach.left_from), std::min(to, reach.left_to));
      }
      if (reach.right && std::max(from, reach.right_from) <= std::min(to, reach.right_to)) {
        count(right, std::max(from, reach.right_from), std::min(to, reach.right_to));
      }
    });
  }
  int left_rows = 0, right_rows = 0;
  size_t tried = 0;
  for (double k = 0; k * step <= third; ++k, ++tried) {
    left_rows += left[tried];
    right_rows += right[tried];
    if (prune && std::min(left_rows, right_rows) < static_cast<int>(kMinProseRows)) continue;
    Band band = FindBand(rows, blocks, base + k * step, e);
    if (band.end - band.begin > best.end - best.begin) best = band;
  }
  return best;
}

std::vector<std::vector<Word>> Order(std::vector<std::vector<Word>> rows, bool prune) {
  if (rows.size() < kMinProseRows) return rows;
  Band band = BestBand(rows, prune);
  if (band.end == band.begin) return rows;
  std::vector<std::vector<Word>> out(std::make_move_iterator(rows.begin()),
                                     std::make_move_iterator(rows.begin() + static_cast<long>(band.begin)));
  std::vector<std::vector<Word>> right;
  for (size_t i = band.begin; i < band.end; ++i) {
    std::vector<Word>& row = rows[i];
    auto split = row.begin() + static_cast<long>(SplitIndex(row, band.gutter));
    if (split != row.end()) right.emplace_back(std::make_move_iterator(split), std::make_move_iterator(row.end()));
    row.erase(split, row.end());
    if (!row.empty()) out.push_back(std::move(row));
  }
  for (auto& row : right) out.push_back(std::move(row));
  // A page may hold a second band further down (columns, a full-width
  // block, columns again).
  std::vector<std::vector<Word>> rest(std::make_move_iterator(rows.begin() + static_cast<long>(band.end)),
                                      std::make_move_iterator(rows.end()));
  for (auto& row : Order(std::move(rest), prune)) out.push_back(std::move(row));
  return out;
}

}  // namespace

std::vector<std::vector<Word>> OrderColumns(std::vector<std::vector<Word>> rows) {
  return Order(std::move(rows), true);
}

std::vector<std::vector<Word>> OrderColumnsTryingEveryGutter(std::vector<std::vector<Word>> rows) {
  return Order(std::move(rows), false);
}

}  // namespace finsam
