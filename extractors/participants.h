// Participant counts: by gender from a table (Kvinnor/Män rows, preferring
// the Faktiskt/Utfall column over Planerat), or a stated total ("Antal
// deltagare: 124", "Totalt antal deltagare: 626 individer"), or running text
// ("312 kvinnor och 140 män"). Tested by participants_test.cc.
#pragma once

#include <optional>

#include "extractors/context.h"

namespace finsam {

struct Participants {
  std::optional<int> women, men, total;
  int page = 0, line = 0;
  std::string text;
};

std::optional<Participants> ExtractParticipants(const ExtractContext& context);

}  // namespace finsam
