// libFuzzer target: resolving and finding organisations (extractors/
// organisations.h) in any text, and loading any registry text.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "extractors/organisations.h"
#include "fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using finsam::fuzz::Check;
  const finsam::OrgRegistry& registry = *finsam::fuzz::FuzzEngine().registry;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  registry.Resolve(text);
  for (const finsam::OrgRef& mention : registry.FindMentions(text)) {
    Check(mention.begin <= mention.end && mention.end <= size, "a mention's span lies inside the input");
  }
  finsam::OrgRegistry::FromText(text, "fuzz.tsv");
  return 0;
}
