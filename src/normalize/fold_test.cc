#include "normalize/fold.h"

#include <gtest/gtest.h>
#include <unicode/umachine.h>

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

TEST(FoldTest, Latin1ByTableAgreesWithIcu) {
  // A final "A" keeps a text of Latin-1 on the table path, a final U+0100
  // (A with macron, folds to "a" too) sends it through ICU: every pair of
  // Latin-1 code points must fold alike both ways.
  for (int a = 0; a < 256; ++a) {
    for (int b = 0; b < 256; ++b) {
      std::string text;
      for (int c : {a, b}) {
        if (c < 0x80) {
          text += static_cast<char>(c);
        } else {
          text += static_cast<char>(0xC0 | (c >> 6));
          text += static_cast<char>(0x80 | (c & 0x3F));
        }
      }
      ASSERT_EQ(FoldForMatch(text + "A"), FoldForMatch(text + "\xC4\x80")) << a << " " << b;
    }
  }
}

TEST(FoldTest, BeyondLatin1AgreesWithIcu) {
  // A final U+0344 (a non-spacing mark NFD splits in two, both dropped)
  // sends any text through ICU without changing its fold: every code point
  // of the Basic Multilingual Plane, between letters, next to a Latin-1
  // letter with a mark and after a space, folds alike both ways.
  const std::string kViaIcu = "\xCD\x84";
  for (UChar32 c = 0x100; c < 0x10000; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    std::string cp;
    if (c < 0x800) {
      cp = {static_cast<char>(0xC0 | (c >> 6)), static_cast<char>(0x80 | (c & 0x3F))};
    } else {
      cp = {static_cast<char>(0xE0 | (c >> 12)), static_cast<char>(0x80 | ((c >> 6) & 0x3F)),
            static_cast<char>(0x80 | (c & 0x3F))};
    }
    std::string text = "a" + cp + "\xC3\xA4" + cp + " " + cp + "B";
    ASSERT_EQ(FoldForMatch(text), FoldForMatch(text + kViaIcu)) << std::hex << c;
  }
}

TEST(FoldTest, OddCharactersFoldAsIcuSays) {
  EXPECT_EQ(FoldForMatch("\xC2\xA0Stra\xC3\x9F""e\xC2\x85 \xC2\xB5"), "stra\xC3\x9F""e \xCE\xBC");  // NBSP, sharp s, NEL, micro
  EXPECT_EQ(FoldForMatch("\xC3\x86RENDE"), "\xC3\xA6rende");   // AE ligature letter stays a letter
  EXPECT_EQ(FoldForMatch("\xC3"), "\xEF\xBF\xBD");             // ill-formed: U+FFFD
  EXPECT_EQ(FoldForMatch("\xC3\x85r \xE2\x80\x93 \xC5\x81\xC3\xB3""d\xC5\xBA"), "ar \xE2\x80\x93 \xC5\x82odz");  // beyond Latin-1
  EXPECT_EQ(FoldForMatch(""), "");
  EXPECT_EQ(FoldForMatch(" \t "), "");
}

TEST(EditDistanceTest, CountsCodePointsAndStopsAtLimit) {
  EXPECT_EQ(BoundedEditDistance("lnsatsägare", "insatsägare", 2), 1);
  EXPECT_EQ(BoundedEditDistance("Försäkringskasssan", "Försäkringskassan", 2), 1);
  EXPECT_EQ(BoundedEditDistance("abc", "xyz", 1), 2);
  EXPECT_EQ(BoundedEditDistance("", "", 0), 0);
}

}  // namespace
}  // namespace finsam
