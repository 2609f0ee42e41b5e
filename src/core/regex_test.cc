// Tests for the DFA-first full match (regex.h): the same answers and groups
// as RE2's own FullMatch, on texts that match, that do not, and that match
// only in part.
#include "core/regex.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace finsam {
namespace {

TEST(RegexTest, FullMatchDfaFirstAgreesWithFullMatch) {
  const RE2 re("^(.*[^\\d\\s])\\s+(\\d{1,3}(?: \\d{3})+)$");
  for (std::string text : {"Total summa 270 000", "Lön 1 200 000", "Lön", "270 000", "Summa 12", "", "a 1 000 x"}) {
    std::string want_head = "-", want_tail = "-", head = "-", tail = "-";
    bool want = RE2::FullMatch(text, re, &want_head, &want_tail);
    EXPECT_EQ(FullMatchDfaFirst(text, re, &head, &tail), want) << text;
    EXPECT_EQ(head, want_head) << text;
    EXPECT_EQ(tail, want_tail) << text;
  }
  std::string head;
  EXPECT_TRUE(FullMatchDfaFirst("Lön 1 200 000", re, &head, nullptr));
  EXPECT_EQ(head, "Lön");
  EXPECT_FALSE(FullMatchDfaFirst("Lön 1 200 000 kr", re, &head, nullptr));   // the whole text or nothing
}

}  // namespace
}  // namespace finsam
