// Folding for tolerant matching (see fold.h). Tested by fold_test.cc.
#include "normalize/fold.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <vector>

namespace finsam {
namespace {

// The fold itself, through ICU.
std::string FoldWithIcu(std::string_view utf8) {
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

// Text of Latin-1 code points only (every Swedish letter) folds one code
// point at a time: the NFD of each is a base letter and at most one
// combining mark, so no mark moves across letters. The table is filled by
// FoldWithIcu itself, so both paths give the same text; the audit and the
// duplicate fingerprint fold every line, and ICU costs ten times more.
struct Latin1Fold {
  struct Text {
    uint8_t size = 0;
    char bytes[7] = {};
  };
  bool ok = false;
  std::array<bool, 256> space{};
  std::array<Text, 256> text;   // inline: appending one costs no call into std::string
};

const Latin1Fold& Latin1Table() {
  static const Latin1Fold table = [] {
    Latin1Fold t;
    UErrorCode status = U_ZERO_ERROR;
    t.ok = icu::Normalizer2::getNFDInstance(status) != nullptr && U_SUCCESS(status);
    for (UChar32 c = 0; c < 256; ++c) {
      char utf8[U8_MAX_LENGTH];
      int32_t length = 0;
      U8_APPEND_UNSAFE(utf8, length, c);
      t.space[static_cast<size_t>(c)] = u_isUWhiteSpace(c);
      std::string folded = FoldWithIcu(std::string_view(utf8, static_cast<size_t>(length)));
      Latin1Fold::Text& entry = t.text[static_cast<size_t>(c)];
      if (folded.size() > sizeof entry.bytes) t.ok = false;
      entry.size = static_cast<uint8_t>(std::min(folded.size(), sizeof entry.bytes));
      std::copy_n(folded.data(), entry.size, entry.bytes);
    }
    return t;
  }();
  return table;
}

enum class Beyond { kDrop, kSpace, kFold, kIcu };

// Beyond Latin-1, a code point NFD leaves as it is folds alone too, as long
// as no canonical reordering can move it (a starter, combining class 0) or
// it is a non-spacing mark, which the fold drops wherever it stands: dashes,
// bullets, the euro sign. Anything else goes to ICU with its whole text.
Beyond ClassifyBeyond(UChar32 c) {
  if (u_getIntPropertyValue(c, UCHAR_NFD_QUICK_CHECK) != UNORM_YES) return Beyond::kIcu;
  if (u_charType(c) == U_NON_SPACING_MARK) return Beyond::kDrop;
  if (u_getCombiningClass(c) != 0) return Beyond::kIcu;
  return u_isUWhiteSpace(c) ? Beyond::kSpace : Beyond::kFold;
}

// The fold by table, or nullopt when the UTF-8 is ill-formed or a code
// point needs ICU.
std::optional<std::string> FoldLatin1(std::string_view utf8) {
  const Latin1Fold& table = Latin1Table();
  if (!table.ok) return std::nullopt;
  std::string out;
  out.reserve(utf8.size());
  bool pending_space = false;
  const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
  const int32_t length = static_cast<int32_t>(utf8.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c = s[i];
    if (c < 0x80) {
      ++i;
    } else {
      U8_NEXT(s, i, length, c);
      if (c < 0) return std::nullopt;
    }
    if (c > 0xFF) {
      Beyond kind = ClassifyBeyond(c);
      if (kind == Beyond::kIcu) return std::nullopt;
      if (kind == Beyond::kDrop) continue;
      if (kind == Beyond::kSpace) {
        pending_space = !out.empty();
        continue;
      }
      if (pending_space) out.push_back(' ');
      pending_space = false;
      char folded[U8_MAX_LENGTH];
      int32_t n = 0;
      U8_APPEND_UNSAFE(folded, n, u_foldCase(c, U_FOLD_CASE_DEFAULT));
      out.append(folded, static_cast<size_t>(n));
      continue;
    }
    if (table.space[static_cast<size_t>(c)]) {
      pending_space = !out.empty();
      continue;
    }
    const Latin1Fold::Text& folded = table.text[static_cast<size_t>(c)];
    if (folded.size == 0) continue;
    if (pending_space) out.push_back(' ');
    pending_space = false;
    if (folded.size == 1) {
      out.push_back(folded.bytes[0]);
    } else {
      out.append(folded.bytes, folded.size);
    }
  }
  return out;
}

}  // namespace

std::string FoldForMatch(std::string_view utf8) {
  if (std::optional<std::string> folded = FoldLatin1(utf8)) return std::move(*folded);
  return FoldWithIcu(utf8);
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
