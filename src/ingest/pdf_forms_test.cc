// Tests for ReadFormValues (the fillable form of corpus/45_*) and
// FormValueWords: values laid out in their widget boxes, rotated pages,
// values the page already shows left out, multi-line fields wrapped.
#include "ingest/pdf_forms.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace finsam {
namespace {

const char kFormPdf[] = FINSAM_SOURCE_DIR "/corpus/45_halland_acroform_fields/input.pdf";

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string Joined(const std::vector<Word>& words) {
  std::string out;
  for (const Word& w : words) out += (out.empty() ? "" : " ") + w.text;
  return out;
}

TEST(ReadFormValuesTest, ReadsEveryFilledWidgetOfTheCorpusForm) {
  std::vector<std::vector<FormValue>> pages = ReadFormValues(ReadAll(kFormPdf), "");
  ASSERT_EQ(pages.size(), 1u);
  std::vector<std::string> texts;
  for (const FormValue& v : pages[0]) texts.push_back(v.text);
  // 16 text fields and the one checked box; the unchecked box holds nothing.
  EXPECT_EQ(texts.size(), 17u);
  auto has = [&texts](const std::string& t) { return std::find(texts.begin(), texts.end(), t) != texts.end(); };
  EXPECT_TRUE(has("Stegvis tillbaka i Falkenberg"));
  EXPECT_TRUE(has("Region Halland; Försäkringskassan"));   // a UTF-16 /V
  EXPECT_TRUE(has("1 050 000 kr"));
  EXPECT_TRUE(has("X"));
  for (const FormValue& v : pages[0]) {
    EXPECT_GT(v.x1, v.x0) << v.text;
    EXPECT_GT(v.y1, v.y0) << v.text;
  }
}

TEST(FormTextTest, DecodesAsPopplerGlibDid) {
  using namespace std::string_literals;
  EXPECT_EQ(FormText("Plain ASCII"), "Plain ASCII");
  EXPECT_EQ(FormText("\xfe\xff\x00\xc5\x00r"s), "År");                                    // UTF-16BE
  EXPECT_EQ(FormText("\xff\xfe\xc5\x00r\x00"s), "År");                                    // UTF-16LE
  EXPECT_EQ(FormText("\xfe\xff\xd8\x3d\xde\x00"s), "\xf0\x9f\x98\x80");                    // a surrogate pair
  EXPECT_EQ(FormText("\xfe\xff\x00\x41\x00"s), "");                                      // odd byte count
  EXPECT_EQ(FormText("\xfe\xff\x00\x41\xdc\x00"s), "");                                  // unpaired low surrogate
  EXPECT_EQ(FormText("\xfe\xff\x00\x41\x00\x00\x00\x42"s), "A");                         // ends at U+0000
  EXPECT_EQ(FormText("\xc5sa \x80"s), "Åsa \xe2\x80\xa2");                                // PDFDocEncoding: Å, bullet
  EXPECT_EQ(FormText(std::string("ab\0cd", 5)), "ab");                                                 // ends at a byte without a character
  EXPECT_EQ(FormText(""), "");
}

TEST(ReadFormValuesTest, NoFormGivesNothing) {
  EXPECT_TRUE(ReadFormValues(ReadAll(FINSAM_SOURCE_DIR "/corpus/39_sundsvall_beslut_signed_late/input.pdf"), "").empty());
  EXPECT_TRUE(ReadFormValues("%PDF-1.7\n/AcroForm garbage", "").empty());
}

FormValue Value(std::string text, double x0, double y0, double x1, double y1) {
  FormValue v;
  v.text = std::move(text);
  v.x0 = x0, v.y0 = y0, v.x1 = x1, v.y1 = y1;
  v.font_size = 10;
  return v;
}

TEST(FormValueWordsTest, PlacesAValueInItsBoxOnTheDisplayedPage) {
  struct Case {
    int rotation;
    Box box;   // the widget box as displayed
  };
  // Box 200..400 x 700..716 on a 600 x 800 page (before rotation).
  const std::vector<Case> cases = {
      {0, Box{200, 84, 400, 100}},
      {90, Box{700, 200, 716, 400}},
      {180, Box{200, 700, 400, 716}},
      {270, Box{84, 200, 100, 400}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.rotation);
    std::vector<Word> words = FormValueWords({Value("Åre kommun", 200, 700, 400, 716)}, PageFrame{600, 800, c.rotation}, {});
    ASSERT_EQ(words.size(), 2u);
    EXPECT_EQ(words[0].text, "Åre");
    EXPECT_EQ(words[1].text, "kommun");
    EXPECT_NEAR(words[0].box.y1 - words[0].box.y0, 10, 0.01);
    EXPECT_NEAR(words[0].box.x0, c.box.x0 + 2, 0.01);   // inset by the viewer's padding
    double centre = (c.box.y0 + c.box.y1) / 2;          // one line sits in the middle
    EXPECT_NEAR((words[0].box.y0 + words[0].box.y1) / 2, centre, 0.01);
    EXPECT_GT(words[1].box.x0, words[0].box.x1);        // a space apart, same row
    EXPECT_EQ(words[1].box.y0, words[0].box.y0);
  }
}

TEST(FormValueWordsTest, ValuesThePageAlreadyShowsAreLeftOut) {
  Word shown;
  shown.text = "Åre";
  shown.box = Box{203, 90, 220, 99};
  Word shown2 = shown;
  shown2.text = "kommun";
  shown2.box = Box{224, 90, 260, 99};
  FormValue box = Value("Åre kommun", 200, 700, 400, 716);
  EXPECT_TRUE(FormValueWords({box}, PageFrame{600, 800, 0}, {shown, shown2}).empty());
  // A different text in the box (a stale appearance) does not hide the value.
  shown.text = "Klicka";
  shown2.text = "här";
  EXPECT_EQ(Joined(FormValueWords({box}, PageFrame{600, 800, 0}, {shown, shown2})), "Åre kommun");
  // A check mark of any glyph shows a checked box.
  FormValue check = Value("X", 200, 700, 212, 712);
  check.check = true;
  shown.text = "✔";
  shown.box = Box{202, 90, 210, 98};
  EXPECT_TRUE(FormValueWords({check}, PageFrame{600, 800, 0}, {shown}).empty());
}

TEST(FormValueWordsTest, MultiLineFieldsWrapAtTheBoxWidth) {
  FormValue v = Value("ett två tre fyra fem sex sju åtta nio tio", 100, 600, 200, 700);
  v.multiline = true;
  std::vector<Word> words = FormValueWords({v}, PageFrame{600, 800, 0}, {});
  ASSERT_EQ(words.size(), 10u);
  EXPECT_NEAR(words[0].box.y0, 102, 0.01);   // the first line at the top of the box
  double last_y = words[0].box.y0;
  int lines = 1;
  for (const Word& w : words) {
    EXPECT_LE(w.box.x1, 200.5) << w.text;
    if (w.box.y0 > last_y) ++lines, last_y = w.box.y0;
  }
  EXPECT_GE(lines, 3);
  // Line breaks in the value are kept even in a one-line field.
  std::vector<Word> two = FormValueWords({Value("rad ett\nrad två", 100, 600, 400, 700)}, PageFrame{600, 800, 0}, {});
  ASSERT_EQ(two.size(), 4u);
  EXPECT_GT(two[2].box.y0, two[0].box.y1);
}

}  // namespace
}  // namespace finsam
