// Tests for ExtractBudget on text tables: units, year columns, sum rows, financing and template rows.
#include "extractors/budget_table.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "support/shipped_grammar.h"

namespace finsam {
namespace {

BudgetValue Extract(const std::string& text) {
  Document doc = NormalizedText(text);
  ExtractContext context{doc.lines, 0, doc.lines.size(), ShippedGrammar(), ShippedRegistry()};
  return ExtractBudget(context);
}

// A row as "label|year|amount" for compact comparison.
std::vector<std::string> Rows(const BudgetValue& budget) {
  std::vector<std::string> out;
  for (const BudgetRow& r : budget.rows) {
    out.push_back(r.label + "|" + (r.year ? std::to_string(*r.year) : "-") + "|" + std::to_string(r.amount_sek));
  }
  return out;
}

TEST(BudgetTableTest, TkrHeaderAndYearColumns) {
  BudgetValue b = Extract(
      "Budget\n"
      "Kostnader i tkr\t2025\t2026\tTotalt\n"
      "Lönekostnad coach\t400\t420\t820\n"
      "Lokalhyra\t60\t40\t100\n"
      "Summa\t460\t460\t920\n");
  EXPECT_EQ(Rows(b), (std::vector<std::string>{"Lönekostnad coach|2025|400000", "Lönekostnad coach|2026|420000",
                                               "Lokalhyra|2025|60000", "Lokalhyra|2026|40000"}));
  ASSERT_TRUE(b.total.has_value());
  EXPECT_EQ(*b.total, 920000);
  EXPECT_EQ(b.total_line, 5);
  EXPECT_EQ(b.total_text, "Summa\t460\t460\t920");
  EXPECT_TRUE(b.mismatches.empty());
  ASSERT_EQ(b.rows.size(), 4u);
  EXPECT_EQ(b.rows[0].category, "lonekostnad");
  EXPECT_EQ(b.rows[2].category, "lokalkostnad");
  EXPECT_EQ(b.rows[0].line, 3);
  EXPECT_EQ(b.rows[3].line, 4);
}

// With a labelled total column, a party's share equal to the other parties'
// sum is still a cost (no guessing that the first cell is a total).
TEST(BudgetTableTest, LabelledTotalColumnKeepsEveryPartyCell) {
  BudgetValue b = Extract(
      "Kostnad (kr)\tKommunen\tRegionen\tFörsäkringskassan\tTotalt\n"
      "Personal\t25 000\t20 000\t5 000\t50 000\n"
      "Summa\t25 000\t20 000\t5 000\t50 000\n");
  EXPECT_EQ(Rows(b), (std::vector<std::string>{"Personal|-|25000", "Personal|-|20000", "Personal|-|5000"}));
  EXPECT_EQ(b.total, 50000);
}

TEST(BudgetTableTest, KronorAmountsWithoutYears) {
  BudgetValue b = Extract(
      "Kostnadsslag\tBelopp (kr)\n"
      "Lön projektledare 50 %\t300 000\n"
      "Utbildning\t25 000 kr\n"
      "Totalt\t325 000\n");
  EXPECT_EQ(Rows(b), (std::vector<std::string>{"Lön projektledare 50 %|-|300000", "Utbildning|-|25000"}));
  EXPECT_EQ(b.total, 325000);
  EXPECT_TRUE(b.mismatches.empty());
}

TEST(BudgetTableTest, WrongSumIsReported) {
  BudgetValue b = Extract(
      "Kostnader i tkr\t2025\t2026\tTotalt\n"
      "Lönekostnad coach\t400\t420\t820\n"
      "Lokalhyra\t60\t40\t100\n"
      "Summa\t460\t460\t950\n");
  EXPECT_EQ(b.rows.size(), 4u);   // the rows are kept as printed
  ASSERT_EQ(b.mismatches.size(), 1u);
  EXPECT_EQ(b.mismatches[0].label, "Summa");
  EXPECT_EQ(b.mismatches[0].printed, 950000);
  EXPECT_EQ(b.mismatches[0].computed, 920000);
  EXPECT_EQ(b.mismatches[0].line, 4);
  EXPECT_EQ(b.total, 950000);     // the printed Totalt cell is what the document says
}

TEST(BudgetTableTest, SectionSumsAndGrandTotal) {
  BudgetValue b = Extract(
      "Kostnader i tkr\tBelopp\n"
      "LÖNEKOSTNADER\n"
      "Jobbcoach 100 %\t520\n"
      "Jobbcoach 50 %\t260\n"
      "SUMMA LÖNEKOSTNADER\t780\n"
      "ÖVRIGA KOSTNADER\n"
      "Resor\t40\n"
      "Material\t12\n"
      "SUMMA ÖVRIGA KOSTNADER\t52\n"
      "TOTALT\t832\n");
  EXPECT_EQ(Rows(b), (std::vector<std::string>{"Jobbcoach 100 %|-|520000", "Jobbcoach 50 %|-|260000",
                                               "Resor|-|40000", "Material|-|12000"}));
  ASSERT_EQ(b.rows.size(), 4u);
  EXPECT_EQ(b.rows[0].category, "lonekostnad");   // from the section row
  EXPECT_EQ(b.rows[1].category, "lonekostnad");
  EXPECT_EQ(b.total, 832000);
  EXPECT_TRUE(b.mismatches.empty());
}

TEST(BudgetTableTest, KostnadsfordelningRowsAreFinancingNotCosts) {
  BudgetValue b = Extract(
      "Kostnad\tBelopp (kr)\n"
      "Projektledare\t300 000\n"
      "Utvärdering\t50 000\n"
      "Summa\t350 000\n"
      "\n"
      "Kostnadsfördelning\n"
      "Samordningsförbundet Norra Dalarna\t200 000\n"
      "Mora kommun\t150 000\n");
  EXPECT_EQ(Rows(b), (std::vector<std::string>{"Projektledare|-|300000", "Utvärdering|-|50000"}));
  EXPECT_EQ(b.total, 350000);
  EXPECT_TRUE(b.mismatches.empty());
}

TEST(BudgetTableTest, ZeroAndTemplateRowsAreSkipped) {
  BudgetValue b = Extract(
      "Kostnader i tkr\t2024\t2025\tTotalt\n"
      "Projektledare\t300\t350\t650\n"
      "Övrigt\t0\t0\t0\n"
      "3.\t0\t0\t0\n"
      "Konsulttjänster\t0\t45\t45\n"
      "Summa\t300\t395\t695\n");
  EXPECT_EQ(Rows(b), (std::vector<std::string>{"Projektledare|2024|300000", "Projektledare|2025|350000",
                                               "Konsulttjänster|2025|45000"}));
  EXPECT_EQ(b.total, 695000);
  EXPECT_TRUE(b.mismatches.empty());
}

TEST(BudgetTableTest, PlaceholderCellsAreCountedNotRows) {
  BudgetValue b = Extract(
      "Kostnad\tBelopp (kr)\n"
      "Lön\t200 000\n"
      "Resor\t#\n");
  EXPECT_EQ(Rows(b), (std::vector<std::string>{"Lön|-|200000"}));
  EXPECT_EQ(b.placeholder_cells, 1);
}

TEST(BudgetTableTest, NoTableNoRows) {
  BudgetValue b = Extract("Insatsen pågår i två år.\nVi söker 350 000 kr för en coach.\n");
  EXPECT_TRUE(b.rows.empty());
  EXPECT_FALSE(b.total.has_value());
  EXPECT_TRUE(b.mismatches.empty());
}

TEST(BudgetTableTest, EqualYearAmountsAreBothCosts) {
  BudgetValue b = Extract(
      "Kostnader i tkr\t2025\t2026\n"
      "Projektledare\t400\t420\n"
      "Lokalhyra\t50\t50\n");
  EXPECT_EQ(Rows(b), (std::vector<std::string>{"Projektledare|2025|400000", "Projektledare|2026|420000",
                                               "Lokalhyra|2025|50000", "Lokalhyra|2026|50000"}));
  BudgetValue with_total = Extract(
      "Kostnader i tkr\t2025\t2026\tTotalt\n"
      "Lokalhyra\t50\t50\t100\n");
  EXPECT_EQ(Rows(with_total), (std::vector<std::string>{"Lokalhyra|2025|50000", "Lokalhyra|2026|50000"}));
}

TEST(BudgetTableTest, PerYearSumRowWithoutTotalColumn) {
  BudgetValue b = Extract(
      "Kostnader i tkr\t2025\t2026\n"
      "Lönekostnad coach\t400\t420\n"
      "Lokalhyra\t60\t50\n"
      "Summa\t460\t470\n");
  EXPECT_EQ(b.rows.size(), 4u);
  EXPECT_TRUE(b.mismatches.empty());   // each year's sum is right
  EXPECT_EQ(b.total, 930000);          // the sum of the per-year sums
}

// BUG: AddSumRow takes a sum row's largest cell for its Totalt cell when it
// is half of the row ("2 * max == all"); two equal per-year sums with no
// Totalt column ("Summa 460 460") give a total of 460 tkr instead of 920 tkr.
TEST(BudgetTableTest, EqualPerYearSumsAddUp) {
  BudgetValue b = Extract(
      "Kostnader i tkr\t2025\t2026\n"
      "Lönekostnad coach\t400\t420\n"
      "Lokalhyra\t60\t40\n"
      "Summa\t460\t460\n");
  EXPECT_TRUE(b.mismatches.empty());
  EXPECT_EQ(b.total, 920000);
}

// A cost row's own category does not carry over to the rows after it; only
// section rows (LÖNEKOSTNADER) set the category of the rows below them.
TEST(BudgetTableTest, RowCategoryDoesNotLeakToNextRow) {
  BudgetValue b = Extract(
      "Kostnad\tBelopp (kr)\n"
      "Lön projektledare\t300 000\n"
      "Resor\t20 000\n");
  ASSERT_EQ(b.rows.size(), 2u);
  EXPECT_EQ(b.rows[0].category, "lonekostnad");
  EXPECT_NE(b.rows[1].category, "lonekostnad");
}

}  // namespace
}  // namespace finsam
