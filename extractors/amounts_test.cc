#include "extractors/amounts.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace finsam {
namespace {

struct CellCase {
  std::string cell;
  AmountUnit default_unit;
  int64_t sek;
  bool unit_written;
  AmountUnit unit;
};

TEST(AmountsTest, ParsesAmountCells) {
  using U = AmountUnit;
  const std::vector<CellCase> cases = {
      {"480 000 kr", U::kKronor, 480000, true, U::kKronor},
      {"240 000", U::kKronor, 240000, false, U::kKronor},
      {"  240 000\n", U::kKronor, 240000, false, U::kKronor},
      {"1 380 000 kronor", U::kKronor, 1380000, true, U::kKronor},
      {"1.380.000:-", U::kKronor, 1380000, true, U::kKronor},
      {"12 345,50 kr", U::kKronor, 12346, true, U::kKronor},
      {"12 345,49 kr", U::kKronor, 12345, true, U::kKronor},
      {"350 tkr", U::kKronor, 350000, true, U::kTkr},
      {"350 TKR", U::kKronor, 350000, true, U::kTkr},
      {"111", U::kTkr, 111000, false, U::kTkr},
      {"1,5", U::kTkr, 1500, false, U::kTkr},
      {"1,2 Mkr", U::kKronor, 1200000, true, U::kMkr},
      {"1.5 Mkr", U::kKronor, 1500000, true, U::kMkr},
      {"2 miljoner kronor", U::kKronor, 2000000, true, U::kMkr},
      {"270 000 SEK", U::kKronor, 270000, true, U::kKronor},
      {"480\u00a0000 kr", U::kKronor, 480000, true, U::kKronor},
      {"480\u2009000\u00a0kr", U::kKronor, 480000, true, U::kKronor},
      {"1\u202f380\u202f000", U::kKronor, 1380000, false, U::kKronor},
      {"170 000:-", U::kKronor, 170000, true, U::kKronor},
      {"170 000 :-", U::kKronor, 170000, true, U::kKronor},
      {"170 000,-", U::kKronor, 170000, true, U::kKronor},
      {"480000 kr.", U::kKronor, 480000, true, U::kKronor},
      {"0", U::kKronor, 0, false, U::kKronor},
      {"0", U::kTkr, 0, false, U::kTkr},
      {"-50 000", U::kKronor, -50000, false, U::kKronor},
      {"2024 kr", U::kKronor, 2024, true, U::kKronor},
      {"2 024", U::kKronor, 2024, false, U::kKronor},
      {"150000", U::kKronor, 150000, false, U::kKronor},  // 15-00-00 is no date
  };
  for (const CellCase& c : cases) {
    SCOPED_TRACE(c.cell);
    std::optional<AmountValue> v = ParseAmountCell(c.cell, c.default_unit);
    ASSERT_TRUE(v.has_value());
    EXPECT_EQ(v->sek, c.sek);
    EXPECT_EQ(v->unit_written, c.unit_written);
    EXPECT_EQ(v->unit, c.unit);
  }
}

TEST(AmountsTest, CellSpanExcludesSurroundingSpace) {
  const std::string cell = "  480 000 kr ";
  std::optional<AmountValue> v = ParseAmountCell(cell, AmountUnit::kKronor);
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(cell.substr(v->begin, v->end - v->begin), "480 000 kr");
}

TEST(AmountsTest, RejectsCellsThatAreNotAmounts) {
  const std::vector<std::string> cells = {
      "39%",
      "100 %",
      "0%",
      "250101 250430",
      "2024",
      "2021-11-23",
      "#",
      "x",
      "3.",
      "",
      "   ",
      "Lönekostnad",
      "070-123 45 67",
      "-",
      "2 projektledare",
      "240430",
      "20240901",
      "1,380,000",
      "480 000 kr/år",
      "ca 480 000 kr",
      "12345678901234567890",
      "00",
      "1 23",
  };
  for (const std::string& cell : cells) {
    SCOPED_TRACE(cell);
    EXPECT_FALSE(ParseAmountCell(cell, AmountUnit::kKronor).has_value());
    EXPECT_FALSE(ParseAmountCell(cell, AmountUnit::kTkr).has_value());
  }
}

struct FoundAmount {
  int64_t sek;
  std::string written;  // the text the span covers
};

struct TextCase {
  std::string text;
  std::vector<FoundAmount> amounts;
};

TEST(AmountsTest, FindsAmountsWithUnitsInText) {
  const std::vector<TextCase> cases = {
      {"med maximalt 1 380 000 kronor för två år", {{1380000, "1 380 000 kronor"}}},
      {"Beviljas 350 tkr och 270 000:- samt 1,2 Mkr.",
       {{350000, "350 tkr"}, {270000, "270 000:-"}, {1200000, "1,2 Mkr"}}},
      {"8 846 och 9 837 kronor", {{9837, "9 837 kronor"}}},
      {"2 projektledare, 39 % och 2021-11-23", {}},
      {"år 2023 480 000 kr", {{480000, "480 000 kr"}}},
      {"totalt 480\u00a0000\u00a0kr per år", {{480000, "480\u00a0000\u00a0kr"}}},
      {"2 tusen kronor", {{2000, "2 tusen kronor"}}},
      {"240 000 480 000 kr", {{480000, "480 000 kr"}}},  // a flattened table row
      {"ring 070-123 45 67 om 2 000 barn", {}},
      {"12 345,50 SEK.", {{12346, "12 345,50 SEK"}}},
      {"3 krukor", {}},
  };
  for (const TextCase& c : cases) {
    SCOPED_TRACE(c.text);
    std::vector<AmountValue> found = FindAmounts(c.text);
    ASSERT_EQ(found.size(), c.amounts.size());
    for (size_t i = 0; i < found.size(); ++i) {
      EXPECT_EQ(found[i].sek, c.amounts[i].sek);
      EXPECT_TRUE(found[i].unit_written);
      EXPECT_EQ(c.text.substr(found[i].begin, found[i].end - found[i].begin), c.amounts[i].written);
    }
  }
}

TEST(AmountsTest, ReadsUnitFromHeader) {
  using U = AmountUnit;
  const std::vector<std::pair<std::string, std::optional<U>>> cases = {
      {"Kostnader i tkr", U::kTkr},
      {"Belopp (tkr)", U::kTkr},
      {"TKR", U::kTkr},
      {"Belopp i tusen kronor", U::kTkr},
      {"Mkr", U::kMkr},
      {"miljoner kronor", U::kMkr},
      {"kr", U::kKronor},
      {"Belopp i kronor", U::kKronor},
      {"SEK", U::kKronor},
      {"Summa :-", U::kKronor},
      {"Kostnader", std::nullopt},
      {"", std::nullopt},
      {"Antal kronologiska poster", std::nullopt},
      {"Belopp KSEK", U::kTkr},
      {"MSEK", U::kMkr},
      {"mnkr", U::kMkr},
      {"tusen", std::nullopt},            // a scale word alone names no unit
      {"Tusentals deltagare", std::nullopt},
      {"beskrivning av sektorn", std::nullopt},   // "kr" and "sek" inside words are not units
      {"Belopp i Kronor", U::kKronor},
  };
  for (const auto& [header, unit] : cases) {
    SCOPED_TRACE(header);
    EXPECT_EQ(UnitFromHeader(header), unit);
  }
}

}  // namespace
}  // namespace finsam
