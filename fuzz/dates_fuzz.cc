// libFuzzer target: dates and periods (extractors/dates.h) parse any text or
// refuse it; what they report is a real calendar date inside the input.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string_view>

#include "extractors/dates.h"
#include "fuzz/fuzz_support.h"

namespace {

using finsam::fuzz::Check;

void CheckDate(const finsam::DateValue& date, size_t size) {
  int year = 0, month = 0, day = 0;
  Check(date.iso.size() == 10 && std::sscanf(date.iso.c_str(), "%4d-%2d-%2d", &year, &month, &day) == 3,
        "a date is YYYY-MM-DD");
  Check(finsam::IsValidDate(year, month, day), "a date exists in the calendar");
  Check(date.begin <= date.end && date.end <= size, "a date's span lies inside the input");
}

void CheckPeriod(const finsam::PeriodValue& period, size_t size) {
  if (period.start) CheckDate(*period.start, size);
  if (period.end) CheckDate(*period.end, size);
  Check(period.begin <= period.end_offset && period.end_offset <= size, "a period's span lies inside the input");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  for (const finsam::DateValue& date : finsam::FindDates(text)) CheckDate(date, size);
  if (auto date = finsam::ParseDate(text)) CheckDate(*date, size);
  if (auto period = finsam::FindPeriod(text)) {
    CheckPeriod(*period, size);
    if (period->start && period->end) Check(period->start->iso <= period->end->iso, "FindPeriod is not reversed");
  }
  if (auto period = finsam::FindPeriodAllowReversed(text)) {
    CheckPeriod(*period, size);
    Check(finsam::YearsOf(*period).size() <= 10000, "a period touches a bounded number of years");
  }
  return 0;
}
