// libFuzzer target: the section-level extractors — budget tables
// (extractors/budget_table.h), signatures (signatures.h) and participant
// counts (participants.h) — over any text read as a document, with the
// grammars' vocabulary. Budget rows must stay on lines of the input.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "extractors/budget_table.h"
#include "extractors/participants.h"
#include "extractors/signatures.h"
#include "fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using finsam::fuzz::Check;
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  std::optional<finsam::Document> doc = finsam::fuzz::NormalizedText(bytes);
  if (!doc) return 0;
  const finsam::Engine& engine = finsam::fuzz::FuzzEngine();
  finsam::ExtractContext context{doc->lines, 0, doc->lines.size(), engine.grammar, *engine.registry, "ansokan"};
  finsam::BudgetValue budget = finsam::ExtractBudget(context);
  for (const finsam::BudgetRow& row : budget.rows) {
    Check(row.page >= 1 && row.line >= 1, "a budget row names its page and line");
  }
  finsam::ExtractSignatures(context);
  finsam::ExtractParticipants(context);
  finsam::NormalizePersonName(bytes.substr(0, 200));
  return 0;
}
