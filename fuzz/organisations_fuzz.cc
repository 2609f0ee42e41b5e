// libFuzzer target: resolving and finding organisations in any text, and
// loading any registry text.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "extractors/organisations.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static std::shared_ptr<const finsam::OrgRegistry> registry = [] {
    auto r = finsam::OrgRegistry::Load(FINSAM_SOURCE_DIR "/grammars/organisations.tsv");
    return r.ok() ? r.value() : nullptr;
  }();
  std::string_view text(reinterpret_cast<const char*>(data), size);
  if (registry) {
    registry->Resolve(text);
    registry->FindMentions(text);
  }
  finsam::OrgRegistry::FromText(text, "fuzz.tsv");
  return 0;
}
