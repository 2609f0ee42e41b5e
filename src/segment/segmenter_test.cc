// Tests for SegmentDocument/ClassifyLines with the shipped grammars: splits, letterheads, families.
#include "segment/segmenter.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "grammar/grammar_loader.h"
#include "support/shipped_grammar.h"

namespace finsam {
namespace {

// A fictional application of well over 2500 characters (copies of one
// document split only when that long), with the given letterhead above its
// title. It ends with a dated line, which is no letterhead.
std::string Application(const std::string& letterhead, const std::string& owner) {
  std::string text = letterhead + "\n\nAnsökan om samverkansmedel - Vägen vidare\n\n";
  text += "Insatsens namn: Vägen vidare\n";
  text += "Insatsägare: " + owner + "\n";
  text += "Samverkansparter: Försäkringskassan och Arbetsförmedlingen\n";
  text += "Insatsperiod: 2025-01-01 till 2026-12-31\n\n";
  text += "Beskriv bakgrunden till insatsen\n";
  for (int i = 0; i < 12; ++i) {
    text += "Många unga vuxna i kommunen har varken arbete eller studier och har kontakt med flera "
            "myndigheter samtidigt utan att någon håller ihop planeringen. Insatsen samlar stödet hos "
            "ett gemensamt team med en coach från varje part.\n";
  }
  text += "Sökt belopp: 1 200 000 kr\n\nUnderskrift\nNamnförtydligande: Petra Lindqvist\n";
  text += "Ort och datum: Mora 2024-11-05\n\n";
  return text;
}

TEST(SegmenterTest, OneApplicationIsOneSegment) {
  Document doc = NormalizedText(Application("Samordningsförbundet Norra Dalarna", "Mora kommun"));
  std::vector<Segment> segments = SegmentDocument(doc, ShippedGrammar());
  ASSERT_EQ(segments.size(), 1u);
  EXPECT_EQ(segments[0].family, "ansokan");
  EXPECT_EQ(segments[0].begin, 0u);
  EXPECT_EQ(segments[0].end, doc.lines.size());
  EXPECT_EQ(segments[0].part, 1);
  EXPECT_EQ(segments[0].parts, 1);
  EXPECT_EQ(segments[0].template_name, "");
}

TEST(SegmenterTest, ThreeCopiesSplitWithTheirLetterheads) {
  const std::vector<std::string> letterheads = {
      "Samordningsförbundet Norra Dalarna\nFinsam i samverkan",
      "Samordningsförbundet Centrala Östergötland\nKansliet",
      "Samordningsförbundet Västra Mälardalen\nFörbundschefen",
  };
  std::string text;
  for (const std::string& head : letterheads) text += Application(head, "Mora kommun");
  ASSERT_GE(Application(letterheads[0], "Mora kommun").size(), 2500u);
  Document doc = NormalizedText(text);
  std::vector<Segment> segments = SegmentDocument(doc, ShippedGrammar());
  ASSERT_EQ(segments.size(), 3u);
  size_t expected_begin = 0;
  for (size_t s = 0; s < segments.size(); ++s) {
    SCOPED_TRACE(s);
    const Segment& seg = segments[s];
    EXPECT_EQ(seg.family, "ansokan");
    EXPECT_EQ(seg.part, static_cast<int>(s) + 1);
    EXPECT_EQ(seg.parts, 3);
    EXPECT_EQ(seg.begin, expected_begin);   // segments tile the file
    EXPECT_LT(seg.begin, seg.end);
    expected_begin = seg.end;
    // Each segment opens with its own letterhead, then its title.
    const std::string first_line = letterheads[s].substr(0, letterheads[s].find('\n'));
    EXPECT_EQ(doc.lines[seg.begin].text, first_line);
    EXPECT_EQ(doc.lines[seg.begin + 1].text, letterheads[s].substr(letterheads[s].find('\n') + 1));
    // The previous segment ends with its own signature date, not the next letterhead.
    if (s > 0) {
      bool previous_has_date = false;
      for (size_t i = segments[s - 1].begin; i < segments[s - 1].end; ++i) {
        previous_has_date = previous_has_date || doc.lines[i].text == "Ort och datum: Mora 2024-11-05";
        EXPECT_NE(doc.lines[i].text, first_line);
      }
      EXPECT_TRUE(previous_has_date);
    }
  }
  EXPECT_EQ(segments.back().end, doc.lines.size());
}

TEST(SegmenterTest, ShortDocumentsAreNotSplit) {
  // A second start line after little content is part of the first document.
  Document doc = NormalizedText(
      "Ansökan om medel - Kort\nInsatsens namn: Kort\n\nAnsökan om medel - Kort igen\nInsatsägare: Mora kommun\n");
  std::vector<Segment> segments = SegmentDocument(doc, ShippedGrammar());
  ASSERT_EQ(segments.size(), 1u);
  EXPECT_EQ(segments[0].family, "ansokan");
}

TEST(SegmenterTest, ClassifiesFamilies) {
  struct Case {
    const char* name;
    std::string text;
    const char* family;
  };
  const std::vector<Case> cases = {
      {"förslag till beslut",
       "Förslag till beslut\n"
       "Dnr 2024/31\n"
       "Ärende: Ansökan om medel för insatsen Vägen vidare\n"
       "Förbundschefen föreslår att styrelsen beslutar att bevilja insatsen 600 000 kr.\n"
       "- att bevilja Mora kommun medel för perioden 2025-01-01 till 2025-12-31\n"
       "Karin Sjöberg, förbundschef\n",
       "beslut"},
      {"protokollsutdrag",
       "Protokollsutdrag\nStyrelsen för Samordningsförbundet Norra Dalarna\n§ 12 Vägen vidare\n"
       "Styrelsen beslutade att bevilja ansökan.\nJusteras\nOla Persson\n",
       "beslut"},
      {"slutrapport",
       "Slutrapport för insatsen Vägen vidare\n"
       "Insatsägare: Mora kommun\n"
       "Har målen uppnåtts?\n"
       "Ja, 34 av 40 deltagare har gått vidare till arbete eller studier.\n"
       "Faktiskt antal deltagare: 40\n",
       "slutrapport"},
      {"lägesrapport",
       "Lägesrapport 1 - Vägen vidare\nInsatsen har pågått i sex månader.\n", "lagesrapport"},
      {"ansökan with a numbered form",
       "Ansökningsblankett samverkansinsatser\n1. Projektnamn: Vägen vidare\n2. Projektägare: Mora kommun\n"
       "Beskriv syfte med insatsen\nAtt fler ska nå arbete.\n",
       "ansokan"},
      {"nonsense", "Lorem ipsum dolor sit amet\nKaffe och kanelbullar serveras klockan tre\n", "okand"},
      {"a letter about something else",
       "Hej!\nVälkommen till vårens nätverksträff för handläggare i länet.\nVänliga hälsningar\nAnna\n",
       "okand"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Document doc = NormalizedText(c.text);
    std::vector<Segment> segments = SegmentDocument(doc, ShippedGrammar());
    ASSERT_EQ(segments.size(), 1u);
    EXPECT_EQ(segments[0].family, c.family);
    EXPECT_EQ(ClassifyLines(doc.lines, 0, doc.lines.size(), ShippedGrammar()), c.family);
  }
}

TEST(SegmenterTest, HeadOnlyEvidenceCountsInTheFirstLines) {
  std::string text;
  for (int i = 0; i < 16; ++i) text += "Inledande rad nummer " + std::to_string(i) + " utan särskilt innehåll\n";
  text += "Ansökan om medel\n";
  Document doc = NormalizedText(text);
  // Only the title line's weak "ansökan" mention counts (3 < 5).
  EXPECT_EQ(ClassifyLines(doc.lines, 0, doc.lines.size(), ShippedGrammar()), "okand");
  // The same title within the first lines wins.
  EXPECT_EQ(ClassifyLines(doc.lines, 16, doc.lines.size(), ShippedGrammar()), "ansokan");
}

TEST(SegmenterTest, SelectsATemplateOfTheFamily) {
  Grammar g;
  ASSERT_TRUE(ParseGrammarText("family ansokan\n  score 10 /^ansökan/\n"
                               "template dalarna_2024 ansokan\n  match /Blankett Dalarna 2024/\n"
                               "template annan beslut\n  match /ansökan/\n"
                               "family beslut\n  score 10 /^beslut/\n",
                               "t.fg", g)
                  .ok());
  ASSERT_TRUE(FinishGrammar(g).ok());
  Document with = NormalizedText("Ansökan om medel\nBlankett Dalarna 2024, version 2\n");
  std::vector<Segment> segments = SegmentDocument(with, g);
  ASSERT_EQ(segments.size(), 1u);
  EXPECT_EQ(segments[0].family, "ansokan");
  EXPECT_EQ(segments[0].template_name, "dalarna_2024");
  Document without = NormalizedText("Ansökan om medel\nEn annan blankett\n");
  EXPECT_EQ(SegmentDocument(without, g)[0].template_name, "");
}

}  // namespace
}  // namespace finsam
