// Tests for ExtractParticipants: gender tables (Planerat/Faktiskt), stated totals and running text.
#include "extractors/participants.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "support/shipped_grammar.h"

namespace finsam {
namespace {

// `family` is the document's: reports add up gender counts, applications
// read counts in running text as plans.
std::optional<Participants> Extract(const std::string& text, const std::string& family) {
  Document doc = NormalizedText(text);
  ExtractContext context{doc.lines, 0, doc.lines.size(), ShippedGrammar(), ShippedRegistry(), family};
  return ExtractParticipants(context);
}

std::string Show(const std::optional<int>& n) { return n ? std::to_string(*n) : "-"; }

TEST(ParticipantsTest, FindsCounts) {
  struct Case {
    const char* name;
    const char* family;
    std::string text;
    const char* women;
    const char* men;
    const char* total;
  };
  const std::vector<Case> cases = {
      {"Faktiskt column preferred over Planerat", "slutrapport",
       "Deltagare\tPlanerat\tFaktiskt\nKvinnor\t20\t18\nMän\t20\t23\n", "18", "23", "41"},
      {"Faktiskt column first", "slutrapport", "Deltagare\tFaktiskt utfall\tPlanerat\nKvinnor\t31\t25\nMän\t12\t25\n",
       "31", "12", "43"},
      {"no actual column: the last count", "lagesrapport", "Deltagare\tHösten\tVåren\nKvinnor\t12\t14\nMän\t9\t11\n",
       "14", "11", "25"},
      {"gender table in an application: no total added", "ansokan", "Deltagare\tPlanerat\nKvinnor\t20\nMän\t15\n",
       "20", "15", "-"},
      {"a printed total row", "slutrapport", "Deltagare\tFaktiskt\nKvinnor\t20\nMän\t15\nTotalt\t40\n", "20", "15",
       "40"},
      {"counts in the label cell", "slutrapport", "Kvinnor: 58 st\nMän: 41 st\n", "58", "41", "99"},
      {"stated total", "slutrapport", "Antal deltagare: 124\n", "-", "-", "124"},
      {"stated total with a unit", "slutrapport", "Totalt antal deltagare: 626 individer\n", "-", "-", "626"},
      {"planned total in an application", "ansokan", "Planerat antal deltagare: 40\n", "-", "-", "40"},
      {"stated total beats the gender sum", "slutrapport", "Antal deltagare: 45\nKvinnor\t22\nMän\t18\n", "22",
       "18", "45"},
      {"running text", "slutrapport", "Under året deltog 312 kvinnor och 140 män i insatsen.\n", "312", "140", "452"},
      {"planned count in an application's text", "ansokan", "Vi räknar med att 60 deltagare skrivs in.\n", "-", "-",
       "60"},
      {"a goal in a report's text is no count", "slutrapport", "Målet var att 100 personer skulle delta.\n", "-", "-",
       "-"},
      {"Mängd is not Män, Kvinnorna not Kvinnor", "slutrapport", "Mängd material\t40\nKvinnorna i gruppen\t3\n", "-",
       "-", "-"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    std::optional<Participants> p = Extract(c.text, c.family);
    if (std::string(c.women) == "-" && std::string(c.men) == "-" && std::string(c.total) == "-") {
      EXPECT_FALSE(p.has_value());
      continue;
    }
    ASSERT_TRUE(p.has_value());
    EXPECT_EQ(Show(p->women), c.women);
    EXPECT_EQ(Show(p->men), c.men);
    EXPECT_EQ(Show(p->total), c.total);
  }
}

TEST(ParticipantsTest, RemembersWhereTheFirstCountWas) {
  std::optional<Participants> p = Extract(
      "Slutrapport\n\nDeltagare\tPlanerat\tFaktiskt\nKvinnor\t20\t18\nMän\t20\t23\n", "slutrapport");
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->page, 1);
  EXPECT_EQ(p->line, 4);
  EXPECT_EQ(p->text, "Kvinnor\t20\t18");
}

TEST(ParticipantsTest, OnlyTheDocumentsLinesCount) {
  Document doc = NormalizedText("Antal deltagare: 124\nAnsökan\nAntal deltagare: 30\n");
  ExtractContext context{doc.lines, 1, doc.lines.size(), ShippedGrammar(), ShippedRegistry(), "slutrapport"};
  std::optional<Participants> p = ExtractParticipants(context);
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->total, 30);
}

}  // namespace
}  // namespace finsam
