// Tests for NormalizeText: NFC, ligatures, spaces, dashes, quotes, invisible
// and control characters, replacement counting, and the ASCII fast path.
#include "normalize/text_normalizer.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

namespace finsam {
namespace {

std::string Norm(std::string_view in) { return NormalizeText(in).text; }

TEST(NormalizeTextTest, PlainAsciiIsUnchanged) {
  EXPECT_EQ(Norm(""), "");
  EXPECT_EQ(Norm("Dnr 2016:41\tSumma 350 tkr\n"), "Dnr 2016:41\tSumma 350 tkr\n");
  EXPECT_EQ(Norm("2015 - 2018 and hälso-"), "2015 - 2018 and hälso-");
  EXPECT_EQ(NormalizeText("abc").replacement_chars, 0);
}

TEST(NormalizeTextTest, ComposesToNfc) {
  // "a" + combining ring above, "o" + combining diaeresis.
  EXPECT_EQ(Norm("Sa\u030Angsta\u0308lla Fo\u0308rs"), "Sångställa Förs");
  EXPECT_EQ(Norm("Försäkringskassan"), "Försäkringskassan");
  // A soft hyphen between a letter and its combining mark still composes.
  EXPECT_EQ(Norm("a\u00AD\u030A"), "å");
}

TEST(NormalizeTextTest, ExpandsLigatures) {
  EXPECT_EQ(Norm("\uFB01nansiering \uFB02ik e\uFB00ekt e\uFB03cient \uFB04"),
            "finansiering flik effekt efficient ffl");
  EXPECT_EQ(Norm("\uFB06"), "st");
}

TEST(NormalizeTextTest, RemovesSoftHyphensAndZeroWidth) {
  EXPECT_EQ(Norm("samord\u00ADnings\u200Bförbund\u200C\u200D\u2060\uFEFF"),
            "samordningsförbund");
  EXPECT_EQ(Norm("\u200Eleft\u200F"), "left");
}

TEST(NormalizeTextTest, MapsSpacesToSpace) {
  EXPECT_EQ(Norm("480\u00A0000\u2009kr\u2007x\u202Fy\u3000z"), "480 000 kr x y z");
}

TEST(NormalizeTextTest, DashesBecomeHyphens) {
  EXPECT_EQ(Norm("hälso\u2010 och"), "hälso- och");
  EXPECT_EQ(Norm("220501\u2013240430"), "220501-240430");
  EXPECT_EQ(Norm("a\u2014b c\u2212d e\u2011f g\u2012h"), "a-b c-d e-f g-h");
  EXPECT_EQ(Norm("\u22125"), "-5");
}

TEST(NormalizeTextTest, FreeStandingDashStaysEnDash) {
  EXPECT_EQ(Norm("2015 \u2013 2018"), "2015 \u2013 2018");
  EXPECT_EQ(Norm("2015 \u2014 2018"), "2015 \u2013 2018");
  EXPECT_EQ(Norm("2015\u00A0\u2212\u00A02018"), "2015 \u2013 2018");
  EXPECT_EQ(Norm("Budget/tidsperiod \u2013\n1 oktober"), "Budget/tidsperiod \u2013\n1 oktober");
  // A word on its own (the engine normalizes word by word).
  EXPECT_EQ(Norm("\u2013"), "\u2013");
  EXPECT_EQ(Norm("\u2014"), "\u2013");
  // Zero-width characters beside the dash do not hide the spaces.
  EXPECT_EQ(Norm("a \u200B\u2013 b"), "a \u2013 b");
}

TEST(NormalizeTextTest, TypographicQuotesBecomePlain) {
  EXPECT_EQ(Norm("\u201DAKTIV\u201D \u201Cx\u201D \u201Ey\u201C \u00ABz\u00BB"),
            "\"AKTIV\" \"x\" \"y\" \"z\"");
  EXPECT_EQ(Norm("f\u00F6rbundets \u2019x\u2019 \u2018y\u2019 \u201Az\u2018"),
            "förbundets 'x' 'y' 'z'");
}

TEST(NormalizeTextTest, RemovesControlsButKeepsTabAndNewline) {
  EXPECT_EQ(Norm("a\x01" "b\x07\tc\nd\x7F" "e\x0C" "f"), "ab\tc\ndef");
  EXPECT_EQ(Norm(std::string("a\0b", 3)), "ab");
  EXPECT_EQ(Norm("x\u0085y\u0090z"), "x\nyz");  // NEL is a line break, other C1 go
}

TEST(NormalizeTextTest, CarriageReturnsBecomeNewlines) {
  EXPECT_EQ(Norm("a\r\nb\rc"), "a\nb\nc");
  EXPECT_EQ(Norm("a\u2028b\u2029c"), "a\nb\nc");
}

TEST(NormalizeTextTest, CountsReplacementAndPrivateUse) {
  NormalizedText r = NormalizeText("F\uFFFDrs\uE000kring\U000F0001");
  EXPECT_EQ(r.replacement_chars, 3);
  EXPECT_EQ(r.text, "F\uFFFDrs\uE000kring\U000F0001");
}

TEST(NormalizeTextTest, InvalidUtf8BecomesReplacementCharacters) {
  NormalizedText r = NormalizeText("F\xF6rs\xE4k");
  EXPECT_EQ(r.text, "F\uFFFDrs\uFFFDk");
  EXPECT_EQ(r.replacement_chars, 2);
  EXPECT_EQ(NormalizeText("\xED\xA0\x80").replacement_chars, 3);  // encoded surrogate
  EXPECT_EQ(NormalizeText("\xE2\x82").text, "\uFFFD");             // truncated sequence
}

TEST(NormalizeTextTest, IsIdempotent) {
  const std::string in =
      "Sa\u030Ang \uFB01n\u00A0x \u201Cq\u201D 2015 \u2014 2018 a\u2013b\r\n\u00AD";
  const std::string once = Norm(in);
  EXPECT_EQ(Norm(once), once);
}

TEST(NormalizeTextTest, LargeInputIsFast) {
  std::string text;
  for (int i = 0; i < 20000; ++i) text += "Försäkringskassan \uFB01nansierar 2015 \u2013 2018. ";
  const auto start = std::chrono::steady_clock::now();
  NormalizedText r = NormalizeText(text);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(r.text.find("\uFB01"), std::string::npos);
  EXPECT_LT(elapsed, std::chrono::seconds(2));  // ~1 MB; generous for sanitizers
}

}  // namespace
}  // namespace finsam
