// Character-level normalization of extracted text (see text_normalizer.h).
// Tested by text_normalizer_test.cc.
#include "normalize/text_normalizer.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cstdint>
#include <vector>

namespace finsam {
namespace {

constexpr UChar32 kEnDash = 0x2013;
constexpr UChar32 kReplacement = 0xFFFD;

// True when NormalizeText would return the input unchanged because it is
// printable ASCII plus tab/newline (already NFC, nothing to map).
bool IsPlainAscii(std::string_view text) {
  bool plain = true;
  for (unsigned char c : text) {
    plain &= (c >= 0x20 && c < 0x7F) || c == '\t' || c == '\n';
  }
  return plain;
}

// What happens to one code point.
enum class Action {
  kKeep,
  kDrop,         // zero-width/format characters, soft hyphen, controls
  kSpace,        // no-break, thin, figure, narrow... spaces
  kNewline,      // line/paragraph separators, NEL, a lone CR
  kDash,         // "-" or, when free-standing, U+2013
  kDoubleQuote,  // “ ” „ ‟ « »
  kSingleQuote,  // ‘ ’ ‚ ‛ ‹ ›
  kLigature,     // ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ
};

bool IsDash(UChar32 c) {
  switch (c) {
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015:
    case 0x2212: case 0xFE58: case 0xFE63: case 0xFF0D:
      return true;
    default:
      return false;
  }
}

bool IsZeroWidth(UChar32 c) {
  return c == 0x00AD || c == 0x180E || (c >= 0x200B && c <= 0x200F) ||
         (c >= 0x202A && c <= 0x202E) || (c >= 0x2060 && c <= 0x2064) ||
         (c >= 0x2066 && c <= 0x206F) || c == 0xFEFF;
}

bool IsControl(UChar32 c) {
  return (c < 0x20 && c != '\t' && c != '\n') || (c >= 0x7F && c <= 0x9F);
}

bool IsPrivateUse(UChar32 c) {
  return (c >= 0xE000 && c <= 0xF8FF) || (c >= 0xF0000 && c <= 0xFFFFD) ||
         (c >= 0x100000 && c <= 0x10FFFD);
}

Action Classify(UChar32 c) {
  if (c < 0x80 && c != '\r' && !IsControl(c)) return Action::kKeep;
  if (c == '\r' || c == 0x85 || c == 0x2028 || c == 0x2029) return Action::kNewline;
  if (IsControl(c) || IsZeroWidth(c)) return Action::kDrop;
  if (IsDash(c)) return Action::kDash;
  switch (c) {
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x00AB: case 0x00BB:
      return Action::kDoubleQuote;
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2039: case 0x203A:
      return Action::kSingleQuote;
    default:
      break;
  }
  if (c >= 0xFB00 && c <= 0xFB06) return Action::kLigature;
  if (u_charType(c) == U_SPACE_SEPARATOR) return Action::kSpace;
  return Action::kKeep;
}

const char* LigatureText(UChar32 c) {
  static constexpr const char* kTexts[] = {"ff", "fi", "fl", "ffi", "ffl", "st", "st"};
  return kTexts[c - 0xFB00];
}

// Decodes UTF-8; ill-formed sequences become U+FFFD.
std::vector<UChar32> DecodeUtf8(std::string_view utf8) {
  std::vector<UChar32> out;
  out.reserve(utf8.size());
  const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
  const int32_t length = static_cast<int32_t>(utf8.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(s, i, length, c);
    out.push_back(c < 0 ? kReplacement : c);
  }
  return out;
}

void AppendUtf8(UChar32 c, std::string* out) {
  uint8_t buffer[U8_MAX_LENGTH];
  int32_t length = 0;
  U8_APPEND_UNSAFE(buffer, length, c);
  out->append(reinterpret_cast<const char*>(buffer), static_cast<size_t>(length));
}

// The nearest code point before (step -1) or after (step +1) `i` that is not
// dropped is white space, or there is none: the dash at `i` stands free.
bool BoundaryAt(const std::vector<UChar32>& cps, size_t i, int step) {
  size_t j = i;
  while (true) {
    if (step < 0) {
      if (j == 0) return true;
      --j;
    } else {
      if (j + 1 >= cps.size()) return true;
      ++j;
    }
    if (Classify(cps[j]) != Action::kDrop) return u_isUWhiteSpace(cps[j]);
  }
}

void MapCodePoints(const std::vector<UChar32>& cps, NormalizedText* result) {
  std::string& out = result->text;
  out.reserve(cps.size() + 8);
  for (size_t i = 0; i < cps.size(); ++i) {
    const UChar32 c = cps[i];
    switch (Classify(c)) {
      case Action::kKeep:
        if (c == kReplacement || IsPrivateUse(c)) ++result->replacement_chars;
        AppendUtf8(c, &out);
        break;
      case Action::kDrop:
        break;
      case Action::kSpace:
        out += ' ';
        break;
      case Action::kNewline:
        if (!(c == '\r' && i + 1 < cps.size() && cps[i + 1] == '\n')) out += '\n';
        break;
      case Action::kDash:
        if (BoundaryAt(cps, i, -1) && BoundaryAt(cps, i, +1)) {
          AppendUtf8(kEnDash, &out);
        } else {
          out += '-';
        }
        break;
      case Action::kDoubleQuote:
        out += '"';
        break;
      case Action::kSingleQuote:
        out += '\'';
        break;
      case Action::kLigature:
        out += LigatureText(c);
        break;
    }
  }
}

// NFC in place; leaves the text as is if ICU fails (it is valid UTF-8 here).
void ToNfc(std::string* text) {
  UErrorCode status = U_ZERO_ERROR;
  static const icu::Normalizer2* const kNfc = icu::Normalizer2::getNFCInstance(status);
  if (kNfc == nullptr) return;
  status = U_ZERO_ERROR;
  icu::StringPiece piece(text->data(), static_cast<int32_t>(text->size()));
  if (kNfc->isNormalizedUTF8(piece, status) || U_FAILURE(status)) return;
  std::string composed;
  composed.reserve(text->size());
  icu::StringByteSink<std::string> sink(&composed);
  status = U_ZERO_ERROR;
  kNfc->normalizeUTF8(0, piece, sink, nullptr, status);
  if (U_SUCCESS(status)) text->swap(composed);
}

}  // namespace

NormalizedText NormalizeText(std::string_view utf8) {
  NormalizedText result;
  if (IsPlainAscii(utf8)) {
    result.text.assign(utf8);
    return result;
  }
  MapCodePoints(DecodeUtf8(utf8), &result);
  ToNfc(&result.text);
  return result;
}

}  // namespace finsam
