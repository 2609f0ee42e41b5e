// libFuzzer target: the grammar loader must reject any text with an error
// value (file:line:column), never crash, and compile only linear-time RE2.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "grammar/grammar_loader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  finsam::Grammar grammar;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  if (finsam::ParseGrammarText(text, "fuzz.fg", grammar).ok()) finsam::FinishGrammar(grammar);
  return 0;
}
