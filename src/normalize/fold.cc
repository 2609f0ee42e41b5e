// Folding for tolerant matching (see fold.h). Tested by fold_test.cc.
#include "normalize/fold.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <vector>

namespace finsam {

std::string FoldForMatch(std::string_view utf8) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  if (U_FAILURE(status)) return std::string(utf8);
  icu::UnicodeString in = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  icu::UnicodeString decomposed = nfd->normalize(in, status);
  if (U_FAILURE(status)) return std::string(utf8);
  icu::UnicodeString out;
  bool pending_space = false;
  for (int32_t i = 0; i < decomposed.length();) {
    UChar32 c = decomposed.char32At(i);
    i += U16_LENGTH(c);
    if (u_charType(c) == U_NON_SPACING_MARK) continue;
    if (u_isUWhiteSpace(c)) {
      pending_space = !out.isEmpty();
      continue;
    }
    if (pending_space) out.append(static_cast<UChar32>(' '));
    pending_space = false;
    out.append(u_foldCase(c, U_FOLD_CASE_DEFAULT));
  }
  std::string result;
  out.toUTF8String(result);
  return result;
}

int BoundedEditDistance(std::string_view a, std::string_view b, int limit) {
  icu::UnicodeString ua = icu::UnicodeString::fromUTF8(
      icu::StringPiece(a.data(), static_cast<int32_t>(a.size())));
  icu::UnicodeString ub = icu::UnicodeString::fromUTF8(
      icu::StringPiece(b.data(), static_cast<int32_t>(b.size())));
  std::vector<UChar32> x, y;
  for (int32_t i = 0; i < ua.length(); i += U16_LENGTH(ua.char32At(i))) x.push_back(ua.char32At(i));
  for (int32_t i = 0; i < ub.length(); i += U16_LENGTH(ub.char32At(i))) y.push_back(ub.char32At(i));
  int diff = static_cast<int>(x.size()) - static_cast<int>(y.size());
  if (std::abs(diff) > limit) return limit + 1;
  std::vector<int> prev(y.size() + 1), cur(y.size() + 1);
  for (size_t j = 0; j <= y.size(); ++j) prev[j] = static_cast<int>(j);
  for (size_t i = 1; i <= x.size(); ++i) {
    cur[0] = static_cast<int>(i);
    int row_min = cur[0];
    for (size_t j = 1; j <= y.size(); ++j) {
      int cost = x[i - 1] == y[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min > limit) return limit + 1;
    std::swap(prev, cur);
  }
  return std::min(prev[y.size()], limit + 1);
}

}  // namespace finsam
