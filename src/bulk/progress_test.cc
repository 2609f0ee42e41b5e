#include "bulk/progress.h"

#include <gtest/gtest.h>

namespace finsam {
namespace {

TEST(ProgressTest, LineShowsDoneTotalRateEtaAndErrors) {
  ProgressCounts counts{.total = 1000, .done = 250, .skipped = 10, .documents = 300, .errors = 2};
  EXPECT_EQ(Progress::Line(counts, 50), "250/1000 files  5.0 files/s  ETA 2m30s  2 errors");
}

TEST(ProgressTest, SummaryCountsDocumentsSkipsAndErrors) {
  ProgressCounts counts{.total = 4, .done = 4, .skipped = 1, .documents = 5, .errors = 1};
  EXPECT_EQ(Progress::Summary(counts, 2),
            "4 files in 2s: 5 documents stored, 1 files already stored, 1 errors (2.0 files/s)");
}

}  // namespace
}  // namespace finsam
