// Decoding of text files to UTF-8 (see encoding.h): BOMs, UTF-8 validation,
// legacy code pages via ICU ucsdet/ucnv. Tested by encoding_test.cc.
#include "ingest/encoding.h"

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/ustring.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

namespace finsam {
namespace {

constexpr char kWindows1252[] = "windows-1252";
// Below this size ICU's detector is guesswork; Swedish heuristics decide.
constexpr size_t kMinDetectorBytes = 256;
constexpr int32_t kMinDetectorConfidence = 50;
// ICU lengths are int32_t; no text file of a funding application comes near.
constexpr size_t kMaxConvertBytes = size_t{1} << 30;

Error MakeError(std::string code, std::string message) {
  return Error{std::move(code), std::move(message), ""};
}

// --- UTF-8 validation --------------------------------------------------------

// Length of the valid UTF-8 sequence at s[i], or 0 (Unicode Table 3-7:
// no overlongs, no surrogates, nothing above U+10FFFF).
size_t Utf8SequenceLength(const unsigned char* s, size_t i, size_t n) {
  const unsigned char c = s[i];
  auto trail = [&](size_t k, unsigned char lo = 0x80, unsigned char hi = 0xBF) {
    return i + k < n && s[i + k] >= lo && s[i + k] <= hi;
  };
  if (c >= 0xC2 && c <= 0xDF) return trail(1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    const unsigned char lo = c == 0xE0 ? 0xA0 : 0x80;
    const unsigned char hi = c == 0xED ? 0x9F : 0xBF;
    return trail(1, lo, hi) && trail(2) ? 3 : 0;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    const unsigned char lo = c == 0xF0 ? 0x90 : 0x80;
    const unsigned char hi = c == 0xF4 ? 0x8F : 0xBF;
    return trail(1, lo, hi) && trail(2) && trail(3) ? 4 : 0;
  }
  return 0;
}

// --- Charset choice ------------------------------------------------------------

enum class Bom { kNone, kUtf8, kUtf16Le, kUtf16Be, kUtf32Le, kUtf32Be };

Bom DetectBom(std::string_view b) {
  auto starts = [&](std::string_view prefix) { return b.substr(0, prefix.size()) == prefix; };
  using std::literals::string_view_literals::operator""sv;
  if (starts("\xEF\xBB\xBF"sv)) return Bom::kUtf8;
  if (starts("\xFF\xFE\x00\x00"sv)) return Bom::kUtf32Le;
  if (starts("\x00\x00\xFE\xFF"sv)) return Bom::kUtf32Be;
  if (starts("\xFF\xFE"sv)) return Bom::kUtf16Le;
  if (starts("\xFE\xFF"sv)) return Bom::kUtf16Be;
  return Bom::kNone;
}

struct BomInfo {
  const char* charset;
  size_t length;
};

BomInfo InfoFor(Bom bom) {
  switch (bom) {
    case Bom::kUtf8: return {"UTF-8", 3};
    case Bom::kUtf16Le: return {"UTF-16LE", 2};
    case Bom::kUtf16Be: return {"UTF-16BE", 2};
    case Bom::kUtf32Le: return {"UTF-32LE", 4};
    case Bom::kUtf32Be: return {"UTF-32BE", 4};
    case Bom::kNone: break;
  }
  return {"", 0};
}

// UTF-16 without a BOM: text in a Latin script has a NUL in (nearly) every
// other byte and (nearly) none in the other half.
const char* GuessBomlessUtf16(std::string_view b) {
  if (b.size() < 4 || b.size() % 2 != 0) return nullptr;
  size_t even_nuls = 0, odd_nuls = 0;
  for (size_t i = 0; i < b.size(); ++i) {
    if (b[i] == '\0') ++(i % 2 == 0 ? even_nuls : odd_nuls);
  }
  const size_t units = b.size() / 2;
  if (odd_nuls * 2 >= units && even_nuls * 16 <= odd_nuls) return "UTF-16LE";
  if (even_nuls * 2 >= units && odd_nuls * 16 <= even_nuls) return "UTF-16BE";
  return nullptr;
}

// Swedish letters (å ä ö Å Ä Ö é) in the single-byte code pages Swedish text
// files come in: Windows, DOS (850) and classic Mac.
struct CodePageLetters {
  const char* charset;
  std::array<unsigned char, 7> bytes;
};

constexpr std::array<CodePageLetters, 3> kSwedishLetters = {{
    {kWindows1252, {0xE5, 0xE4, 0xF6, 0xC5, 0xC4, 0xD6, 0xE9}},
    {"IBM850", {0x86, 0x84, 0x94, 0x8F, 0x8E, 0x99, 0x82}},
    {"macintosh", {0x8C, 0x8A, 0x9A, 0x81, 0x80, 0x85, 0x8E}},
}};

bool IsWordByte(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c >= 0x80;
}

// The code page whose Swedish letters the bytes use clearly most (twice as
// often as windows-1252's), or nullptr. Only bytes inside a word count, so
// Windows punctuation (” „ … at word edges) does not pass for DOS/Mac letters.
const char* GuessSwedishCodePage(std::string_view b) {
  std::array<size_t, 256> histogram{};
  const auto* s = reinterpret_cast<const unsigned char*>(b.data());
  for (size_t i = 1; i + 1 < b.size(); ++i) {
    if (s[i] >= 0x80 && IsWordByte(s[i - 1]) && IsWordByte(s[i + 1])) ++histogram[s[i]];
  }
  std::array<size_t, kSwedishLetters.size()> scores{};
  for (size_t k = 0; k < kSwedishLetters.size(); ++k) {
    for (unsigned char c : kSwedishLetters[k].bytes) scores[k] += histogram[c];
  }
  size_t best = 0;
  for (size_t k = 1; k < scores.size(); ++k) {
    if (scores[k] > scores[best]) best = k;
  }
  if (best == 0 || scores[best] < 2 || scores[best] < 2 * scores[0]) return nullptr;
  return kSwedishLetters[best].charset;
}

bool IsLatinOrUnicode(const char* name) {
  static constexpr const char* kNames[] = {
      "ISO-8859-1", "ISO-8859-2", "ISO-8859-9", "windows-1250", "windows-1252",
      "windows-1254", "UTF-8", "UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE"};
  for (const char* n : kNames) {
    if (std::strcmp(n, name) == 0) return true;
  }
  return false;
}

// ICU's detector, trusted only for long input, high confidence, and a
// non-Latin charset (for Latin text windows-1252 is the better guess).
const char* AskIcuDetector(std::string_view b) {
  if (b.size() < kMinDetectorBytes) return nullptr;
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UCharsetDetector, decltype(&ucsdet_close)> detector(ucsdet_open(&status),
                                                                      ucsdet_close);
  if (U_FAILURE(status)) return nullptr;
  ucsdet_setText(detector.get(), b.data(), static_cast<int32_t>(b.size()), &status);
  const UCharsetMatch* match = ucsdet_detect(detector.get(), &status);
  if (U_FAILURE(status) || match == nullptr) return nullptr;
  const char* name = ucsdet_getName(match, &status);
  const int32_t confidence = ucsdet_getConfidence(match, &status);
  if (U_FAILURE(status) || name == nullptr || IsLatinOrUnicode(name)) return nullptr;
  return confidence >= kMinDetectorConfidence ? name : nullptr;
}

std::string ChooseLegacyCharset(std::string_view b) {
  if (const char* swedish = GuessSwedishCodePage(b)) return swedish;
  if (const char* detected = AskIcuDetector(b)) return detected;
  return kWindows1252;
}

// --- Conversion ------------------------------------------------------------------

// Converts with ICU; unmappable or ill-formed input becomes U+FFFD (or SUB
// for single-byte code pages, which the text normalizer later drops).
Result<std::string> ConvertToUtf8(std::string_view bytes, const std::string& charset) {
  if (bytes.size() > kMaxConvertBytes) {
    return MakeError("invalid_encoding", "text file too large to convert from " + charset);
  }
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, decltype(&ucnv_close)> converter(
      ucnv_open(charset.c_str(), &status), ucnv_close);
  if (U_FAILURE(status)) {
    return MakeError("invalid_encoding", "no converter for charset " + charset);
  }
  const int32_t length = static_cast<int32_t>(bytes.size());
  // Nearly always one UTF-16 unit per byte or fewer; retry once when a code
  // page maps a byte to more.
  std::u16string utf16(bytes.size() + 16, u'\0');
  int32_t units = 0;
  for (int attempt = 0; attempt < 2; ++attempt) {
    status = U_ZERO_ERROR;
    units = ucnv_toUChars(converter.get(), utf16.data(), static_cast<int32_t>(utf16.size()),
                          bytes.data(), length, &status);
    if (status != U_BUFFER_OVERFLOW_ERROR) break;
    utf16.resize(static_cast<size_t>(units) + 1);
  }
  if (U_FAILURE(status)) {
    return MakeError("invalid_encoding",
                     "cannot decode as " + charset + ": " + u_errorName(status));
  }
  std::string utf8(static_cast<size_t>(units) * 3, '\0');
  int32_t utf8_length = 0;
  u_strToUTF8WithSub(utf8.data(), static_cast<int32_t>(utf8.size()), &utf8_length,
                     utf16.data(), units, 0xFFFD, nullptr, &status);
  if (U_FAILURE(status)) {
    return MakeError("invalid_encoding",
                     "cannot re-encode " + charset + " as UTF-8: " + u_errorName(status));
  }
  utf8.resize(static_cast<size_t>(utf8_length));
  return utf8;
}

// --- Sanity of the decoded text -------------------------------------------------

// NUL anywhere, or more than 5% control characters other than the white
// space and escape ones text files use: not text.
bool LooksBinary(std::string_view utf8) {
  if (utf8.find('\0') != std::string_view::npos) return true;
  size_t controls = 0;
  for (unsigned char c : utf8) {
    controls += c < 0x20 && (c < 0x09 || c > 0x0D) && c != 0x1B;
  }
  return controls * 20 > utf8.size();
}

// More than a quarter of the characters (and several) are U+FFFD: the bytes
// are not in that charset at all.
bool MostlyReplacement(std::string_view utf8) {
  size_t replacements = 0, chars = 0;
  for (size_t i = 0; i < utf8.size(); ++i) {
    chars += (static_cast<unsigned char>(utf8[i]) & 0xC0) != 0x80;
    if (utf8.compare(i, 3, "\xEF\xBF\xBD") == 0) ++replacements;
  }
  return replacements >= 4 && replacements * 4 > chars;
}

Result<DecodedText> Finish(std::string utf8, std::string charset) {
  if (LooksBinary(utf8)) {
    return MakeError("binary_input", "binary content (NUL or control bytes), not text");
  }
  return DecodedText{std::move(utf8), std::move(charset)};
}

Result<DecodedText> Decode(std::string_view bytes, const std::string& charset) {
  if (charset == "UTF-8" && IsValidUtf8(bytes)) return Finish(std::string(bytes), charset);
  Result<std::string> utf8 = ConvertToUtf8(bytes, charset);
  if (!utf8.ok()) return utf8.error();
  if (MostlyReplacement(*utf8)) {
    return MakeError("invalid_encoding", "text cannot be decoded as " + charset);
  }
  return Finish(std::move(utf8).value(), charset);
}

}  // namespace

bool IsValidUtf8(std::string_view bytes) {
  const auto* s = reinterpret_cast<const unsigned char*>(bytes.data());
  const size_t n = bytes.size();
  size_t i = 0;
  while (i < n) {
    // Skip ASCII eight bytes at a time.
    if (i + 8 <= n) {
      uint64_t word;
      std::memcpy(&word, s + i, sizeof(word));
      if ((word & 0x8080808080808080ULL) == 0) {
        i += 8;
        continue;
      }
    }
    if (s[i] < 0x80) {
      ++i;
      continue;
    }
    const size_t length = Utf8SequenceLength(s, i, n);
    if (length == 0) return false;
    i += length;
  }
  return true;
}

Result<DecodedText> DecodeToUtf8(std::string_view bytes) {
  if (bytes.empty()) return DecodedText{"", "UTF-8"};
  if (const Bom bom = DetectBom(bytes); bom != Bom::kNone) {
    const BomInfo info = InfoFor(bom);
    return Decode(bytes.substr(info.length), info.charset);
  }
  if (bytes.find('\0') != std::string_view::npos) {
    if (const char* utf16 = GuessBomlessUtf16(bytes)) return Decode(bytes, utf16);
    return MakeError("binary_input", "NUL bytes in input that is not UTF-16: not a text file");
  }
  if (IsValidUtf8(bytes)) return Finish(std::string(bytes), "UTF-8");
  return Decode(bytes, ChooseLegacyCharset(bytes));
}

}  // namespace finsam
