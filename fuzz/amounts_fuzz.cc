// libFuzzer target: money amounts (extractors/amounts.h) in running text, as
// table cells in each unit, and table-header units; spans stay in the input.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "extractors/amounts.h"
#include "fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using finsam::fuzz::Check;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  for (const finsam::AmountValue& amount : finsam::FindAmounts(text)) {
    Check(amount.begin <= amount.end && amount.end <= size, "an amount's span lies inside the input");
    Check(amount.unit_written, "FindAmounts reports only amounts with a unit");
  }
  for (finsam::AmountUnit unit : {finsam::AmountUnit::kKronor, finsam::AmountUnit::kTkr, finsam::AmountUnit::kMkr}) {
    if (auto amount = finsam::ParseAmountCell(text, unit)) {
      Check(amount->begin <= amount->end && amount->end <= size, "a cell amount's span lies inside the input");
    }
  }
  finsam::UnitFromHeader(text);
  return 0;
}
