// A full match with groups that asks RE2's DFA first. Asked to fill groups
// for an anchored pattern (FullMatch, or a pattern that starts with ^),
// RE2 skips its DFA and runs a slower engine (one-pass or backtracking)
// over the text whether it matches or not; most texts the extractors try a
// pattern on do not match, and the DFA refuses those at a fraction of the
// cost. A text that matches is matched twice, which costs less than the
// refusals save wherever matches are rare. Tested by regex_test.cc.
#pragma once

#include <re2/re2.h>

#include <string_view>
#include <utility>

namespace finsam {

template <typename... Groups>
bool FullMatchDfaFirst(std::string_view text, const RE2& re, Groups&&... groups) {
  if (!re.Match(text, 0, text.size(), RE2::ANCHOR_BOTH, nullptr, 0)) return false;
  return RE2::FullMatch(text, re, std::forward<Groups>(groups)...);
}

}  // namespace finsam
