#include "extractors/dates.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace finsam {
namespace {

struct PeriodCase {
  std::string text;
  std::string start, end;
  DatePrecision start_precision, end_precision;
};

TEST(PeriodTest, FindsWrittenPeriods) {
  using P = DatePrecision;
  const std::vector<PeriodCase> cases = {
      {"2017-01-01 till 2018-12-31", "2017-01-01", "2018-12-31", P::kDay, P::kDay},
      {"2017-01-01 – 2018-12-31", "2017-01-01", "2018-12-31", P::kDay, P::kDay},
      {"2017-01-01—2018-12-31", "2017-01-01", "2018-12-31", P::kDay, P::kDay},
      {"220501-240430", "2022-05-01", "2024-04-30", P::kDay, P::kDay},
      {"fr o m 240901 t o m 250630", "2024-09-01", "2025-06-30", P::kDay, P::kDay},
      {"fr o m\tl o m\n240901\t250630", "2024-09-01", "2025-06-30", P::kDay, P::kDay},
      {"250101 250430", "2025-01-01", "2025-04-30", P::kDay, P::kDay},
      {"240901 till 250630", "2024-09-01", "2025-06-30", P::kDay, P::kDay},
      {"20240901-20250630", "2024-09-01", "2025-06-30", P::kDay, P::kDay},
      {"1 oktober till och med 31 december 2018", "2018-10-01", "2018-12-31", P::kDay, P::kDay},
      {"1 november till 31 januari 2019", "2018-11-01", "2019-01-31", P::kDay, P::kDay},
      {"1 september 2023 – 30 juni", "2023-09-01", "2024-06-30", P::kDay, P::kDay},
      {"november 2018 tom december 2022", "2018-11-01", "2022-12-31", P::kMonth, P::kMonth},
      {"september 2016 till december 2017", "2016-09-01", "2017-12-31", P::kMonth, P::kMonth},
      {"mars–juni 2023", "2023-03-01", "2023-06-30", P::kMonth, P::kMonth},
      {"FEB - Aug. 2024", "2024-02-01", "2024-08-31", P::kMonth, P::kMonth},
      {"fr.o.m. 2023-03-01 t.o.m. 2024-02-29", "2023-03-01", "2024-02-29", P::kDay, P::kDay},
      {"from 2023-03-01 tom 2024-02-29", "2023-03-01", "2024-02-29", P::kDay, P::kDay},
      {"fr o m 2023-03-01 t.o.m 2024-02-29", "2023-03-01", "2024-02-29", P::kDay, P::kDay},
      {"1/3 2023 - 31/12 2023", "2023-03-01", "2023-12-31", P::kDay, P::kDay},
      {"1/3-2023 – 28/2-2024", "2023-03-01", "2024-02-28", P::kDay, P::kDay},
      {"vt 2018 – ht 2019", "2018-01-01", "2019-12-31", P::kTerm, P::kTerm},
      {"VT18-HT18", "2018-01-01", "2018-12-31", P::kTerm, P::kTerm},
      {"vårterminen 2018 till höstterminen 2018", "2018-01-01", "2018-12-31", P::kTerm, P::kTerm},
      {"HT23 - VT24", "2023-08-01", "2024-06-30", P::kTerm, P::kTerm},
      {"2022–2024", "2022-01-01", "2024-12-31", P::kYear, P::kYear},
      {"2022-2024", "2022-01-01", "2024-12-31", P::kYear, P::kYear},
      {"2015 – vårterminen 2018", "2015-01-01", "2018-06-30", P::kYear, P::kTerm},
      {"Projekttid: 2023-01-01 till 2023-12-31.", "2023-01-01", "2023-12-31", P::kDay, P::kDay},
  };
  for (const PeriodCase& c : cases) {
    SCOPED_TRACE(c.text);
    std::optional<PeriodValue> p = FindPeriod(c.text);
    ASSERT_TRUE(p.has_value());
    ASSERT_TRUE(p->start.has_value());
    ASSERT_TRUE(p->end.has_value());
    EXPECT_EQ(p->start->iso, c.start);
    EXPECT_EQ(p->end->iso, c.end);
    EXPECT_EQ(p->start->precision, c.start_precision);
    EXPECT_EQ(p->end->precision, c.end_precision);
  }
}

TEST(PeriodTest, SpanCoversBothEnds) {
  const std::string text = "Period: 2017-01-01 – 2018-12-31, sedan slut.";
  std::optional<PeriodValue> p = FindPeriod(text);
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(text.substr(p->begin, p->end_offset - p->begin), "2017-01-01 – 2018-12-31");
  EXPECT_EQ(text.substr(p->start->begin, p->start->end - p->start->begin), "2017-01-01");
  EXPECT_EQ(text.substr(p->end->begin, p->end->end - p->end->begin), "2018-12-31");
}

TEST(PeriodTest, RejectsIncompleteOrUnrelatedDates) {
  const std::vector<std::string> texts = {
      "Total Tidsperiod för insatsen: till",
      "2022-08-18",
      "den 8 april 2022",
      "till",
      "",
      "2017-01-01, 2018-12-31",  // a list, not a period
      "2017-01-01 och 2018-12-31",
      "2018-12-31 – 2017-01-01",  // end before start
      "2022 2024",                // bare years need a dash or "till"
      "480 000 kr – 2 000 000 kr",
      "070-123 45 67",
      "2023-02-30 – 2023-03-05",  // the start is no date
      "mars – juni",              // no year anywhere
  };
  for (const std::string& text : texts) {
    SCOPED_TRACE(text);
    EXPECT_FALSE(FindPeriod(text).has_value());
  }
}

TEST(PeriodTest, YearsOfCoversEveryTouchedYear) {
  std::optional<PeriodValue> p = FindPeriod("2024-09-01 – 2025-06-30");
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(YearsOf(*p), (std::vector<int>{2024, 2025}));
  p = FindPeriod("2015 – vårterminen 2018");
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(YearsOf(*p), (std::vector<int>{2015, 2016, 2017, 2018}));
  p = FindPeriod("mars–juni 2023");
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(YearsOf(*p), (std::vector<int>{2023}));
  PeriodValue start_only;
  start_only.start = DateValue{"2021-05-01", DatePrecision::kDay, 0, 0};
  EXPECT_EQ(YearsOf(start_only), (std::vector<int>{2021}));
  EXPECT_TRUE(YearsOf(PeriodValue{}).empty());
}

struct DateCase {
  std::string text;
  std::string iso;
  DatePrecision precision;
};

TEST(DatesTest, ParsesSingleDates) {
  using P = DatePrecision;
  const std::vector<DateCase> cases = {
      {"2017-01-01", "2017-01-01", P::kDay},
      {"Datum: 2022-08-18", "2022-08-18", P::kDay},
      {"2024-02-29", "2024-02-29", P::kDay},
      {"den 8 april 2022", "2022-04-08", P::kDay},
      {"Stockholm 1:a oktober 2019", "2019-10-01", P::kDay},
      {"31 DEC. 2018", "2018-12-31", P::kDay},
      {"1/3 2023", "2023-03-01", P::kDay},
      {"1/3-2023", "2023-03-01", P::kDay},
      {"15/11/2021", "2021-11-15", P::kDay},
      {"AU 161003", "2016-10-03", P::kDay},
      {"beslut 991231", "1999-12-31", P::kDay},
      {"20240901", "2024-09-01", P::kDay},
      {"november 2018", "2018-11-01", P::kMonth},
      {"Augusti 2020", "2020-08-01", P::kMonth},
      {"sept 2020", "2020-09-01", P::kMonth},
      {"vårterminen 2018", "2018-01-01", P::kTerm},
      {"VÅRTERMINEN 2018", "2018-01-01", P::kTerm},
      {"vt 2018", "2018-01-01", P::kTerm},
      {"VT18", "2018-01-01", P::kTerm},
      {"hösttermin 2023", "2023-08-01", P::kTerm},
      {"ht 2023", "2023-08-01", P::kTerm},
      {"HT23", "2023-08-01", P::kTerm},
      {"hösten 2021", "2021-08-01", P::kTerm},
  };
  for (const DateCase& c : cases) {
    SCOPED_TRACE(c.text);
    std::optional<DateValue> d = ParseDate(c.text);
    ASSERT_TRUE(d.has_value());
    EXPECT_EQ(d->iso, c.iso);
    EXPECT_EQ(d->precision, c.precision);
  }
}

TEST(DatesTest, IgnoresThingsThatAreNotDates) {
  const std::vector<std::string> texts = {
      "2023-02-30",    "991332",
      "480 000",       "1 380 000 kronor",
      "39%",           "100 %",
      "070-123 45 67", "08-123 456 78",
      "2024",          "2022–2024",
      "12 345,50 kr",  "1,2 Mkr",
      "maj",           "vår verksamhet 2019",
      "31 april 2022", "0701234567",
      "Lönekostnad",   "mars",
  };
  for (const std::string& text : texts) {
    SCOPED_TRACE(text);
    EXPECT_TRUE(FindDates(text).empty());
  }
}

TEST(DatesTest, FindsEveryDateInOrderWithOffsets) {
  const std::string text = "Ansökan inkom 2022-08-18 och beslutades den 8 april 2022 (AU 161003).";
  std::vector<DateValue> dates = FindDates(text);
  ASSERT_EQ(dates.size(), 3u);
  EXPECT_EQ(dates[0].iso, "2022-08-18");
  EXPECT_EQ(dates[1].iso, "2022-04-08");
  EXPECT_EQ(dates[2].iso, "2016-10-03");
  EXPECT_EQ(text.substr(dates[1].begin, dates[1].end - dates[1].begin), "8 april 2022");
  EXPECT_EQ(text.substr(dates[2].begin, dates[2].end - dates[2].begin), "161003");
}

TEST(DatesTest, YearlessDatesTakeTheYearOfTheirPeriod) {
  std::vector<DateValue> dates = FindDates("1 oktober till och med 31 december 2018");
  ASSERT_EQ(dates.size(), 2u);
  EXPECT_EQ(dates[0].iso, "2018-10-01");
  EXPECT_EQ(dates[1].iso, "2018-12-31");
}

TEST(DatesTest, ValidatesCalendarDates) {
  struct Case {
    int y, m, d;
    bool valid;
  };
  const std::vector<Case> cases = {
      {2024, 2, 29, true},  {2023, 2, 29, false}, {1900, 2, 29, false},
      {2000, 2, 29, true},  {2023, 4, 31, false}, {2023, 12, 31, true},
      {2023, 13, 1, false}, {2023, 0, 1, false},  {2023, 1, 0, false},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(IsValidDate(c.y, c.m, c.d), c.valid) << c.y << "-" << c.m << "-" << c.d;
  }
}

}  // namespace
}  // namespace finsam
