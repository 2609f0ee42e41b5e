// libFuzzer target: dates, periods and amounts parse any text or refuse it.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "extractors/amounts.h"
#include "extractors/dates.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  finsam::FindDates(text);
  if (auto p = finsam::FindPeriodAllowReversed(text)) finsam::YearsOf(*p);
  finsam::FindAmounts(text);
  finsam::ParseAmountCell(text, finsam::AmountUnit::kTkr);
  finsam::UnitFromHeader(text);
  return 0;
}
