#include "normalize/fold.h"

#include <gtest/gtest.h>

namespace finsam {
namespace {

TEST(FoldTest, FoldsCaseAndDiacritics) {
  EXPECT_EQ(FoldForMatch("Försäkringskassan"), "forsakringskassan");
  EXPECT_EQ(FoldForMatch("FÖRSÄKRINGSKASSAN"), "forsakringskassan");
  EXPECT_EQ(FoldForMatch("Insatsa\xCC\x88gare"), "insatsagare");  // a + combining diaeresis
}

TEST(FoldTest, CollapsesWhiteSpace) {
  EXPECT_EQ(FoldForMatch("  Region \t Skåne\n"), "region skane");
}

TEST(EditDistanceTest, CountsCodePointsAndStopsAtLimit) {
  EXPECT_EQ(BoundedEditDistance("lnsatsägare", "insatsägare", 2), 1);
  EXPECT_EQ(BoundedEditDistance("Försäkringskasssan", "Försäkringskassan", 2), 1);
  EXPECT_EQ(BoundedEditDistance("abc", "xyz", 1), 2);
  EXPECT_EQ(BoundedEditDistance("", "", 0), 0);
}

}  // namespace
}  // namespace finsam
