// Tests for StripLineMarkup: HTML tags, markdown bold/headings/escapes/italics and rules.
#include "normalize/markup.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace finsam {
namespace {

// A line built by hand: each inner vector is one cell's words.
Line MakeLine(const std::vector<std::vector<std::string>>& cells) {
  Line line;
  for (const auto& words : cells) {
    Cell cell;
    for (const std::string& text : words) {
      Word word;
      word.text = text;
      cell.words.push_back(word);
    }
    line.cells.push_back(cell);
  }
  return line;
}

struct Flat {
  std::vector<std::string> words;
  std::vector<bool> bold;
};

// Every word of the line in order, with its bold flag.
Flat Flatten(const Line& line) {
  Flat out;
  for (const Cell& cell : line.cells) {
    for (const Word& word : cell.words) {
      out.words.push_back(word.text);
      out.bold.push_back(word.bold);
    }
  }
  return out;
}

struct MarkupCase {
  const char* name;
  std::vector<std::vector<std::string>> input;
  std::vector<std::string> words;
  std::vector<bool> bold;
  LineKind kind;
};

TEST(MarkupTest, StripsMarkupAndKeepsItsMeaning) {
  const std::vector<MarkupCase> cases = {
      {"html bold label only",
       {{"<b>Insatsens", "namn</b>", "Jobbspåret"}},
       {"Insatsens", "namn", "Jobbspåret"},
       {true, true, false},
       LineKind::kText},
      {"strong tag",
       {{"<strong>Dnr:</strong>", "2024:7"}},
       {"Dnr:", "2024:7"},
       {true, false},
       LineKind::kText},
      {"tag spanning several words",
       {{"<ul", "style=\"list-style-type:", "none\"><li>•", "A</li>"}},
       {"•", "A"},
       {false, false},
       LineKind::kText},
      {"markdown bold label",
       {{"**Antal", "deltagare:**", "124"}},
       {"Antal", "deltagare:", "124"},
       {true, true, false},
       LineKind::kText},
      {"escaped required marker inside bold",
       {{"**Insatsägare", "(\\*)**", "Region", "Uppsala"}},
       {"Insatsägare", "(*)", "Region", "Uppsala"},
       {true, true, false, false},
       LineKind::kText},
      {"escaped star alone",
       {{"Målgrupp", "(\\*)"}},
       {"Målgrupp", "(*)"},
       {false, false},
       LineKind::kText},
      {"markdown heading marker dropped",
       {{"####", "Rubrik"}},
       {"Rubrik"},
       {false},
       LineKind::kHeading},
      {"heading marker with bold text",
       {{"##", "**Budget", "(kr)**"}},
       {"Budget", "(kr)"},
       {true, true},
       LineKind::kHeading},
      {"table rule",
       {{"---|---"}},
       {"---|---"},
       {false},
       LineKind::kRule},
      {"table rule across cells",
       {{"|:---"}, {"---:|"}},
       {"|:---", "---:|"},
       {false, false},
       LineKind::kRule},
      {"italic stars dropped",
       {{"*Detta", "är", "kursivt*"}},
       {"Detta", "är", "kursivt"},
       {false, false, false},
       LineKind::kText},
      {"italic single word",
       {{"*Text*"}},
       {"Text"},
       {false},
       LineKind::kText},
      {"required marker and lone star kept",
       {{"Period", "(*)", "*"}},
       {"Period", "(*)", "*"},
       {false, false, false},
       LineKind::kText},
      {"bold carries across cells",
       {{"**Summa"}, {"594", "000**"}, {"12"}},
       {"Summa", "594", "000", "12"},
       {true, true, true, false},
       LineKind::kText},
      {"less-than that opens no tag",
       {{"Kostnad", "<", "5", "<10"}},
       {"Kostnad", "<", "5", "<10"},
       {false, false, false, false},
       LineKind::kText},
      {"hash after the first word is text",
       {{"Rad", "#"}},
       {"Rad", "#"},
       {false, false},
       LineKind::kText},
  };
  for (const MarkupCase& c : cases) {
    SCOPED_TRACE(c.name);
    Line line = MakeLine(c.input);
    StripLineMarkup(line);
    Flat flat = Flatten(line);
    EXPECT_EQ(flat.words, c.words);
    EXPECT_EQ(flat.bold, c.bold);
    EXPECT_EQ(line.kind, c.kind);
  }
}

TEST(MarkupTest, KeepsBoldAlreadySetByTheFont) {
  Line line = MakeLine({{"Insatsägare", "Region"}});
  line.cells[0].words[0].bold = true;   // a PDF bold font
  StripLineMarkup(line);
  Flat flat = Flatten(line);
  EXPECT_EQ(flat.bold, (std::vector<bool>{true, false}));
}

TEST(MarkupTest, WordsThatAreOnlyMarkupLeaveTheirCellEmpty) {
  Line line = MakeLine({{"<b>", "</b>"}, {"Värde"}});
  StripLineMarkup(line);
  ASSERT_EQ(line.cells.size(), 2u);
  EXPECT_TRUE(line.cells[0].words.empty());
  ASSERT_EQ(line.cells[1].words.size(), 1u);
  EXPECT_EQ(line.cells[1].words[0].text, "Värde");
  EXPECT_FALSE(line.cells[1].words[0].bold);
}

}  // namespace
}  // namespace finsam
