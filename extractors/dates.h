// Dates and periods as Swedish forms write them, normalized to ISO 8601.
// Covers ISO dates and ranges, yymmdd and yyyymmdd (single and pairs such as
// "220501-240430" or "240901 250630"), Swedish month names ("1 oktober till
// och med 31 december 2018", "november 2018"), "fr.o.m./t.o.m." and
// "fr o m ... t o m ...", "1/3 2023", "den 8 april 2022", school terms
// ("vårterminen 2018", "ht 2023"), and year-only ranges ("2022–2024").
// Where the source is vaguer than a day, `precision` says so and the date is
// the first (start) or last (end) day of that month/term/year.
// Pure functions; no state. Tested by dates_test.cc.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace finsam {

enum class DatePrecision { kDay, kMonth, kTerm, kYear };

struct DateValue {
  std::string iso;                   // "YYYY-MM-DD"
  DatePrecision precision = DatePrecision::kDay;
  size_t begin = 0, end = 0;         // byte offsets of the source text in the input
};

struct PeriodValue {
  std::optional<DateValue> start, end;
  size_t begin = 0, end_offset = 0;  // byte span of the whole period in the input
};

// Is y-m-d a real calendar date (leap years included)?
bool IsValidDate(int year, int month, int day);

// Every date mentioned in `text`, in order. A vague date (month, term, year)
// resolves to its first day. Bare years are NOT reported here (too noisy);
// six-digit yymmdd tokens are reported only when they form a valid date.
std::vector<DateValue> FindDates(std::string_view text);

// The first date in `text`, if any (see FindDates).
std::optional<DateValue> ParseDate(std::string_view text);

// The first period (a start and an end) in `text`: "A – B", "A till B",
// "fr o m A t o m B", "A till och med B", "yymmdd-yymmdd", "2022-2024",
// "vt 2018 – ht 2019", "1 oktober till och med 31 december 2018" (the start's
// year taken from the end when omitted). Ends resolve to the LAST day of a
// vague unit (month → last day, year → 12-31, vt → 06-30, ht → 12-31).
// Returns nullopt when there is no complete period; "till" alone is nothing.
std::optional<PeriodValue> FindPeriod(std::string_view text);

// As FindPeriod, but also returns a period whose end lies before its start
// (a form field filled in wrongly), for the audit to report.
std::optional<PeriodValue> FindPeriodAllowReversed(std::string_view text);

// Calendar years a period touches (2024-09-01..2025-06-30 → {2024, 2025}).
std::vector<int> YearsOf(const PeriodValue& period);

}  // namespace finsam
