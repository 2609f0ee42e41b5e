// Tests for DecodeToUtf8 / IsValidUtf8: UTF-8 with and without BOM, UTF-16
// and UTF-32 with BOM, BOM-less UTF-16, Windows-1252, DOS and Mac Swedish
// code pages, binary input, and that every success is valid UTF-8.
#include "ingest/encoding.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace finsam {
namespace {

using namespace std::string_literals;

DecodedText DecodeOk(const std::string& bytes) {
  Result<DecodedText> r = DecodeToUtf8(bytes);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().ToString());
  return r.ok() ? r.value() : DecodedText{};
}

std::string ErrorCode(const std::string& bytes) {
  Result<DecodedText> r = DecodeToUtf8(bytes);
  return r.ok() ? "ok" : r.error().code;
}

std::string Utf16(std::u16string_view text, bool little_endian) {
  std::string out;
  for (char16_t unit : text) {
    const char hi = static_cast<char>(unit >> 8), lo = static_cast<char>(unit & 0xFF);
    out += little_endian ? lo : hi;
    out += little_endian ? hi : lo;
  }
  return out;
}

TEST(DecodeToUtf8Test, EmptyInput) {
  DecodedText d = DecodeOk("");
  EXPECT_EQ(d.utf8, "");
  EXPECT_EQ(d.charset, "UTF-8");
}

TEST(DecodeToUtf8Test, Utf8PassesThrough) {
  DecodedText d = DecodeOk("Försäkringskassan – Region Skåne\n");
  EXPECT_EQ(d.utf8, "Försäkringskassan – Region Skåne\n");
  EXPECT_EQ(d.charset, "UTF-8");
}

TEST(DecodeToUtf8Test, Utf8BomIsStripped) {
  DecodedText d = DecodeOk("\xEF\xBB\xBF" "Dnr 2016:41");
  EXPECT_EQ(d.utf8, "Dnr 2016:41");
  EXPECT_EQ(d.charset, "UTF-8");
}

TEST(DecodeToUtf8Test, Utf8BomWithBrokenBytesIsRepaired) {
  DecodedText d = DecodeOk("\xEF\xBB\xBF" "a\xFF" "b");
  EXPECT_EQ(d.utf8, "a\uFFFDb");
  EXPECT_TRUE(IsValidUtf8(d.utf8));
}

TEST(DecodeToUtf8Test, Windows1252SwedishShortText) {
  DecodedText d = DecodeOk("F\xF6rs\xE4kringskassan");
  EXPECT_EQ(d.utf8, "Försäkringskassan");
  EXPECT_EQ(d.charset, "windows-1252");
}

TEST(DecodeToUtf8Test, Windows1252Punctuation) {
  // € " " – … and Swedish letters; the quotes must not make it look like DOS.
  DecodedText d = DecodeOk("\x80 350 \x93Projekt\x94 \x96 \xC5r \xE5r f\xF6r \xE4n\x85");
  EXPECT_EQ(d.utf8, "€ 350 “Projekt” – År år för än…");
  EXPECT_EQ(d.charset, "windows-1252");
}

TEST(DecodeToUtf8Test, Windows1252QuotesWithoutLettersAreNotDos) {
  // ” and … are DOS ö and Mac Ö by byte value, but stand at word edges.
  DecodedText d = DecodeOk("\x94Projekt\x94 och \x94Insats\x94\x85 slut \x84x\x94");
  EXPECT_EQ(d.utf8, "”Projekt” och ”Insats”… slut „x”");
  EXPECT_EQ(d.charset, "windows-1252");
}

TEST(DecodeToUtf8Test, LongLatin1TextStaysWindows1252) {
  std::string text;
  for (int i = 0; i < 40; ++i) {
    text += "Samordningsf\xF6rbundet bidrar till att personer i beh\xF6v av "
            "samordnade insatser f\xE5r st\xF6" "d av F\xF6rs\xE4kringskassan.\n";
  }
  DecodedText d = DecodeOk(text);
  EXPECT_EQ(d.charset, "windows-1252");
  EXPECT_NE(d.utf8.find("Samordningsförbundet bidrar"), std::string::npos);
  EXPECT_TRUE(IsValidUtf8(d.utf8));
}

TEST(DecodeToUtf8Test, LongCyrillicTextUsesIcuDetector) {
  // "Привет, как дела? Это тестовый текст на русском языке." in windows-1251.
  std::string text;
  for (int i = 0; i < 30; ++i) {
    text += "\xCF\xF0\xE8\xE2\xE5\xF2, \xEA\xE0\xEA \xE4\xE5\xEB\xE0? \xDD\xF2\xEE "
            "\xF2\xE5\xF1\xF2\xEE\xE2\xFB\xE9 \xF2\xE5\xEA\xF1\xF2 \xED\xE0 "
            "\xF0\xF3\xF1\xF1\xEA\xEE\xEC \xFF\xE7\xFB\xEA\xE5. ";
  }
  DecodedText d = DecodeOk(text);
  EXPECT_EQ(d.charset, "windows-1251");
  EXPECT_EQ(d.utf8.substr(0, 12), "Привет");
}

TEST(DecodeToUtf8Test, ShortCyrillicBytesFallBackToWindows1252) {
  EXPECT_EQ(DecodeOk("\xCF\xF0\xE8\xE2\xE5\xF2").charset, "windows-1252");
}

TEST(DecodeToUtf8Test, Utf16MostlyUndecodableIsInvalid) {
  std::string bytes = "\xFF\xFE";
  for (int i = 0; i < 20; ++i) bytes += "\x00\xDC"s;  // lone low surrogates
  EXPECT_EQ(ErrorCode(bytes), "invalid_encoding");
}

TEST(DecodeToUtf8Test, UndefinedWindows1252BytesStayValidUtf8) {
  DecodedText d = DecodeOk("a\x81" "b\x8D" "c\x8F" "d\x90" "e\x9D" "f \xE5");
  EXPECT_TRUE(IsValidUtf8(d.utf8));
  EXPECT_EQ(d.utf8.substr(d.utf8.size() - 3), " å");
}

TEST(DecodeToUtf8Test, DosCodePage850Swedish) {
  DecodedText d = DecodeOk("F\x94rs\x84kringskassan \x86r \x8Fland");
  EXPECT_EQ(d.utf8, "Försäkringskassan år Åland");
  EXPECT_EQ(d.charset, "IBM850");
}

TEST(DecodeToUtf8Test, MacRomanSwedish) {
  DecodedText d = DecodeOk("F\x9Ars\x8Akringskassan \x8Cr");
  EXPECT_EQ(d.utf8, "Försäkringskassan år");
  EXPECT_EQ(d.charset, "macintosh");
}

TEST(DecodeToUtf8Test, Utf16LeWithBom) {
  DecodedText d = DecodeOk("\xFF\xFE"s + Utf16(u"Försäkringskassan\r\n", true));
  EXPECT_EQ(d.utf8, "Försäkringskassan\r\n");
  EXPECT_EQ(d.charset, "UTF-16LE");
}

TEST(DecodeToUtf8Test, Utf16BeWithBom) {
  DecodedText d = DecodeOk("\xFE\xFF"s + Utf16(u"Region Sk\u00E5ne \u2013 \U0001F600", false));
  EXPECT_EQ(d.utf8, "Region Skåne – \U0001F600");
  EXPECT_EQ(d.charset, "UTF-16BE");
}

TEST(DecodeToUtf8Test, Utf16WithoutBom) {
  DecodedText le = DecodeOk(Utf16(u"Insatsens namn: AKTIV", true));
  EXPECT_EQ(le.utf8, "Insatsens namn: AKTIV");
  EXPECT_EQ(le.charset, "UTF-16LE");
  DecodedText be = DecodeOk(Utf16(u"Dnr 2016:41 f\u00F6r", false));
  EXPECT_EQ(be.utf8, "Dnr 2016:41 för");
  EXPECT_EQ(be.charset, "UTF-16BE");
}

TEST(DecodeToUtf8Test, Utf16OddLengthAndLoneSurrogate) {
  DecodedText d = DecodeOk("\xFF\xFE" "F\x00\xF6\x00" "x"s);
  EXPECT_EQ(d.utf8.substr(0, 3), "Fö");
  EXPECT_TRUE(IsValidUtf8(d.utf8));
  DecodedText s = DecodeOk("\xFF\xFE"s + Utf16(u"ab", true) + "\x00\xD8"s + Utf16(u"cd", true));
  EXPECT_TRUE(IsValidUtf8(s.utf8));
  EXPECT_NE(s.utf8.find("\uFFFD"), std::string::npos);
}

TEST(DecodeToUtf8Test, Utf32WithBom) {
  DecodedText d = DecodeOk("\xFF\xFE\x00\x00" "A\x00\x00\x00" "\xE5\x00\x00\x00"s);
  EXPECT_EQ(d.utf8, "Aå");
  EXPECT_EQ(d.charset, "UTF-32LE");
}

TEST(DecodeToUtf8Test, NulBytesAreBinary) {
  EXPECT_EQ(ErrorCode("abc\0def"s), "binary_input");
  EXPECT_EQ(ErrorCode("%PDF-1.4\n%\xE2\xE3\xCF\xD3\n\x00\x01\x02\x03 stream"s), "binary_input");
  EXPECT_EQ(ErrorCode("F\xF6r\0s"s), "binary_input");
  EXPECT_EQ(ErrorCode("\x89PNG\r\n\x1A\n\x00\x00\x00\rIHDR"s), "binary_input");
}

TEST(DecodeToUtf8Test, NulCharacterInUtf16IsBinary) {
  EXPECT_EQ(ErrorCode("\xFF\xFE"s + Utf16(u"ab", true) + "\x00\x00"s), "binary_input");
}

TEST(DecodeToUtf8Test, ControlBytesAreBinary) {
  EXPECT_EQ(ErrorCode("\x01\x02\x03\x04\x05 abc"), "binary_input");
  // Form feeds, tabs, CRs and an escape are text.
  EXPECT_EQ(ErrorCode("page 1\f\tpage 2\r\n\x1B"), "ok");
}

TEST(DecodeToUtf8Test, RandomBytesGiveValidUtf8OrError) {
  std::mt19937 rng(42);
  for (int round = 0; round < 500; ++round) {
    std::string bytes(rng() % 64, '\0');
    for (char& c : bytes) c = static_cast<char>(rng() % 256);
    if (round % 3 == 0) bytes.insert(0, round % 2 ? "\xFF\xFE" : "\xFE\xFF");
    Result<DecodedText> r = DecodeToUtf8(bytes);
    if (r.ok()) {
      EXPECT_TRUE(IsValidUtf8(r->utf8)) << "round " << round;
    } else {
      EXPECT_TRUE(r.error().code == "binary_input" || r.error().code == "invalid_encoding");
      EXPECT_TRUE(r.error().where.empty());
    }
  }
}

TEST(IsValidUtf8Test, AcceptsWellFormed) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("plain ascii that is longer than eight bytes"));
  EXPECT_TRUE(IsValidUtf8("Försäkringskassan €\U0010FFFF\U0001F600"));
  EXPECT_TRUE(IsValidUtf8("\xED\x9F\xBF"));  // U+D7FF, just below the surrogates
}

TEST(IsValidUtf8Test, RejectsIllFormed) {
  EXPECT_FALSE(IsValidUtf8("F\xF6rs"));                  // Latin-1 byte
  EXPECT_FALSE(IsValidUtf8("\xC0\x80"));                 // overlong NUL
  EXPECT_FALSE(IsValidUtf8("\xE0\x80\xAF"));             // overlong 3-byte
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));             // surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));         // above U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xF0\x9F\x98"));             // truncated
  EXPECT_FALSE(IsValidUtf8("\x80"));                     // lone continuation
  EXPECT_FALSE(IsValidUtf8("abcdefghijklmnop\xE4"));     // after the 8-byte fast path
}

}  // namespace
}  // namespace finsam
