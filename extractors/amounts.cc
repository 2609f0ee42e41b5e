// Finds SEK amounts in cells, headers and running text (see amounts.h). Tested by amounts_test.cc.
#include "extractors/amounts.h"

#include "extractors/dates.h"

namespace finsam {
namespace {

// Ten digits (9 999 999 999 kr) exceed any FINSAM budget; longer chains of
// digit groups are flattened table rows ("240 000 480 000 kr"), not one sum.
// It also keeps Mkr arithmetic far from int64 overflow.
constexpr int kMaxIntegerDigits = 10;
constexpr char32_t kInvalid = 0xFFFD;

enum class SepKind { kNone, kSpace, kDot };

// A number as written: "1 380 000", "12 345,50", "1.380.000", "480000".
struct Number {
  int64_t integer = 0;
  int64_t fraction = 0;  // the digits after the decimal comma, as an integer
  int fraction_digits = 0;
  int integer_digits = 0;
  bool grouped = false;
  size_t end = 0;
};

struct Unit {
  AmountUnit unit = AmountUnit::kKronor;
  bool is_word = false;  // "kr", not ":-"
  size_t end = 0;
};

// Invalid UTF-8 decodes as U+FFFD one byte at a time so scanning never stalls.
char32_t DecodeAt(std::string_view s, size_t pos, size_t* len) {
  auto lead = static_cast<unsigned char>(s[pos]);
  size_t n = lead < 0x80           ? 1
             : (lead >> 5) == 0x6  ? 2
             : (lead >> 4) == 0xE  ? 3
             : (lead >> 3) == 0x1E ? 4
                                   : 0;
  *len = 1;
  if (n == 0 || pos + n > s.size()) return kInvalid;
  char32_t cp = n == 1 ? lead : (lead & (0x7F >> n));
  for (size_t i = 1; i < n; ++i) {
    auto c = static_cast<unsigned char>(s[pos + i]);
    if ((c & 0xC0) != 0x80) return kInvalid;
    cp = (cp << 6) | (c & 0x3F);
  }
  *len = n;
  return cp;
}

bool IsDigitAt(std::string_view s, size_t pos) {
  return pos < s.size() && s[pos] >= '0' && s[pos] <= '9';
}

bool IsAsciiAlnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

size_t DigitRun(std::string_view s, size_t pos) {
  size_t n = 0;
  while (IsDigitAt(s, pos + n)) ++n;
  return n;
}

// Thousands separators: plain, no-break, figure, thin and narrow no-break spaces.
bool IsGroupSpace(char32_t c) {
  return c == ' ' || c == 0xA0 || c == 0x2007 || c == 0x2009 || c == 0x202F;
}

bool IsWhite(char32_t c) {
  return IsGroupSpace(c) || (c >= '\t' && c <= '\r') || (c >= 0x2000 && c <= 0x200A);
}

bool IsLetter(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7);
}

size_t SkipWhite(std::string_view s, size_t pos) {
  while (pos < s.size()) {
    size_t len = 1;
    if (!IsWhite(DecodeAt(s, pos, &len))) break;
    pos += len;
  }
  return pos;
}

// The lower-cased ASCII word at `pos`; non-ASCII letters make it match nothing.
std::string WordAt(std::string_view s, size_t pos, size_t* end) {
  std::string word;
  while (pos < s.size()) {
    size_t len = 1;
    char32_t c = DecodeAt(s, pos, &len);
    if (!IsLetter(c)) break;
    word.push_back(c < 0x80 ? static_cast<char>(c | 0x20) : '\x7f');
    pos += len;
  }
  *end = pos;
  return word;
}

int64_t Factor(AmountUnit unit) {
  switch (unit) {
    case AmountUnit::kKronor:
      return 1;
    case AmountUnit::kTkr:
      return 1000;
    case AmountUnit::kMkr:
      return 1000000;
  }
  return 1;
}

// The separator at `pos` if it is followed by exactly three digits.
SepKind GroupSeparatorAt(std::string_view s, size_t pos, size_t* len) {
  if (pos >= s.size()) return SepKind::kNone;
  char32_t c = DecodeAt(s, pos, len);
  SepKind kind = c == '.' ? SepKind::kDot : IsGroupSpace(c) ? SepKind::kSpace : SepKind::kNone;
  if (kind == SepKind::kNone || DigitRun(s, pos + *len) != 3) return SepKind::kNone;
  return kind;
}

// Consumes " 380 000" after a leading group of one to three digits.
size_t ScanGroups(std::string_view s, size_t pos, Number* n, SepKind* used) {
  for (;;) {
    size_t len = 1;
    SepKind kind = GroupSeparatorAt(s, pos, &len);
    if (kind == SepKind::kNone || (*used != SepKind::kNone && kind != *used)) return pos;
    *used = kind;
    for (size_t i = 0; i < 3; ++i) n->integer = n->integer * 10 + (s[pos + len + i] - '0');
    n->integer_digits += 3;
    n->grouped = true;
    pos += len + 3;
    if (n->integer_digits > kMaxIntegerDigits) return pos;
  }
}

// Decimal comma (1–3 digits) or, when dots do not group thousands, a
// decimal point with 1–2 digits ("1.5 Mkr").
size_t ScanFraction(std::string_view s, size_t pos, Number* n, SepKind used) {
  if (pos >= s.size()) return pos;
  bool comma = s[pos] == ',';
  bool point = s[pos] == '.' && used != SepKind::kDot;
  size_t run = DigitRun(s, pos + 1);
  if (!(comma || point) || run == 0 || run > (comma ? 3u : 2u)) return pos;
  for (size_t i = 0; i < run; ++i) n->fraction = n->fraction * 10 + (s[pos + 1 + i] - '0');
  n->fraction_digits = static_cast<int>(run);
  return pos + 1 + run;
}

std::optional<Number> ParseNumber(std::string_view s, size_t pos) {
  size_t run = DigitRun(s, pos);
  // Leading zeros mark phone numbers and codes, not money.
  if (run == 0 || run > kMaxIntegerDigits || (run > 1 && s[pos] == '0')) {
    return std::nullopt;
  }
  Number n;
  for (size_t i = 0; i < run; ++i) n.integer = n.integer * 10 + (s[pos + i] - '0');
  n.integer_digits = static_cast<int>(run);
  size_t p = pos + run;
  SepKind used = SepKind::kNone;
  if (run <= 3) p = ScanGroups(s, p, &n, &used);
  if (n.integer_digits > kMaxIntegerDigits) return std::nullopt;
  n.end = ScanFraction(s, p, &n, used);
  return n;
}

std::optional<AmountUnit> UnitWord(std::string_view word) {
  for (std::string_view w : {"kr", "kronor", "sek"}) {
    if (word == w) return AmountUnit::kKronor;
  }
  for (std::string_view w : {"tkr", "tsek", "ksek"}) {
    if (word == w) return AmountUnit::kTkr;
  }
  for (std::string_view w : {"mkr", "msek", "mnkr"}) {
    if (word == w) return AmountUnit::kMkr;
  }
  return std::nullopt;
}

// "tusen"/"miljoner" scale a following "kronor"; alone they are just numbers.
std::optional<AmountUnit> ScaleWord(std::string_view word) {
  for (std::string_view w : {"tusen", "tusental", "tusentals"}) {
    if (word == w) return AmountUnit::kTkr;
  }
  for (std::string_view w : {"miljon", "miljoner", "miljontals"}) {
    if (word == w) return AmountUnit::kMkr;
  }
  return std::nullopt;
}

// The unit written right after a number: "kr", " tkr", ":-", ",-", "tusen kronor".
std::optional<Unit> ParseUnit(std::string_view s, size_t pos) {
  if (s.substr(pos, 2) == ",-") return Unit{AmountUnit::kKronor, false, pos + 2};
  size_t q = SkipWhite(s, pos);
  if (s.substr(q, 2) == ":-") return Unit{AmountUnit::kKronor, false, q + 2};
  size_t end = q;
  std::string word = WordAt(s, q, &end);
  if (std::optional<AmountUnit> unit = UnitWord(word)) return Unit{*unit, true, end};
  std::optional<AmountUnit> scale = ScaleWord(word);
  if (!scale) return std::nullopt;
  size_t money_end = end;
  std::optional<AmountUnit> money = UnitWord(WordAt(s, SkipWhite(s, end), &money_end));
  if (money != AmountUnit::kKronor) return std::nullopt;
  return Unit{*scale, true, money_end};
}

int64_t ToSek(const Number& n, AmountUnit unit) {
  int64_t factor = Factor(unit);
  int64_t scale = 1;
  for (int i = 0; i < n.fraction_digits; ++i) scale *= 10;
  // Half up: 12 345,50 kr is 12 346 kr.
  int64_t fraction = (n.fraction * factor * 2 + scale) / (2 * scale);
  return n.integer * factor + fraction;
}

// Unit-less cells that read as a year or a yymmdd/yyyymmdd date.
bool LooksLikeDate(const Number& n) {
  if (n.grouped || n.fraction_digits != 0) return false;
  int64_t v = n.integer;
  if (n.integer_digits == 4) return v >= 1900 && v <= 2099;
  if (n.integer_digits == 6) {
    int yy = static_cast<int>(v / 10000);
    return IsValidDate(yy <= 49 ? 2000 + yy : 1900 + yy, static_cast<int>(v / 100 % 100),
                       static_cast<int>(v % 100));
  }
  if (n.integer_digits == 8) {
    return IsValidDate(static_cast<int>(v / 10000), static_cast<int>(v / 100 % 100),
                       static_cast<int>(v % 100));
  }
  return false;
}

// A number may start here unless it continues a word, a number or "070-".
bool IsNumberStart(std::string_view s, size_t pos) {
  if (pos == 0) return true;
  char prev = s[pos - 1];
  if (IsAsciiAlnum(prev)) return false;
  bool joined = prev == '.' || prev == ',' || prev == '-' || prev == ':' || prev == '/';
  return !(joined && pos >= 2 && IsDigitAt(s, pos - 2));
}

// Leading minus for cells only: "-50 000" (but "-" alone is a placeholder).
size_t SignLength(std::string_view s) {
  if (s.size() > 1 && s[0] == '-') return 1;
  if (s.substr(0, 3) == "\xE2\x88\x92") return 3;  // U+2212 MINUS SIGN
  return 0;
}

std::string_view Trim(std::string_view s, size_t* offset) {
  size_t begin = SkipWhite(s, 0);
  size_t end = begin;
  for (size_t pos = begin; pos < s.size();) {
    size_t len = 1;
    bool white = IsWhite(DecodeAt(s, pos, &len));
    pos += len;
    if (!white) end = pos;
  }
  *offset = begin;
  return s.substr(begin, end - begin);
}

// Whether `text` holds "kr" or "sek" in any ASCII case: every unit word
// does (kr, tkr, mkr, mnkr, kronor; sek, tsek, ksek, msek), and a scale
// word ("tusen") counts only before one.
bool MayNameUnit(std::string_view text) {
  for (size_t i = 0; i + 1 < text.size(); ++i) {
    char c = static_cast<char>(text[i] | 0x20), next = static_cast<char>(text[i + 1] | 0x20);
    if (c == 'k' && next == 'r') return true;
    if (c == 's' && next == 'e' && i + 2 < text.size() && (text[i + 2] | 0x20) == 'k') return true;
  }
  return false;
}

}  // namespace

std::optional<AmountUnit> UnitFromHeader(std::string_view header) {
  bool kronor = header.find(":-") != std::string_view::npos;
  if (!kronor && !MayNameUnit(header)) return std::nullopt;
  std::optional<AmountUnit> scale;
  std::optional<AmountUnit> pending_scale;  // "tusen" waiting for "kronor"
  for (size_t pos = 0; pos < header.size();) {
    size_t end = pos;
    std::string word = WordAt(header, pos, &end);
    if (word.empty()) {
      size_t len = 1;
      DecodeAt(header, pos, &len);
      pos += len;
      continue;
    }
    std::optional<AmountUnit> unit = UnitWord(word);
    if (unit == AmountUnit::kKronor && pending_scale) scale = pending_scale;
    if (unit == AmountUnit::kKronor) kronor = true;
    if (unit && unit != AmountUnit::kKronor) scale = unit;
    pending_scale = ScaleWord(word);
    pos = end;
  }
  if (scale) return scale;
  if (kronor) return AmountUnit::kKronor;
  return std::nullopt;
}

std::optional<AmountValue> ParseAmountCell(std::string_view cell, AmountUnit default_unit) {
  size_t offset = 0;
  std::string_view s = Trim(cell, &offset);
  size_t sign = SignLength(s);
  std::optional<Number> n = ParseNumber(s, sign);
  if (!n) return std::nullopt;
  std::optional<Unit> unit = ParseUnit(s, n->end);
  size_t end = unit ? unit->end : n->end;
  if (unit && unit->is_word && s.substr(end, 1) == ".") ++end;  // "kr."
  if (end != s.size()) return std::nullopt;
  if (!unit && sign == 0 && LooksLikeDate(*n)) return std::nullopt;
  AmountValue value;
  value.unit = unit ? unit->unit : default_unit;
  value.unit_written = unit.has_value();
  value.sek = ToSek(*n, value.unit) * (sign != 0 ? -1 : 1);
  value.begin = offset;
  value.end = offset + s.size();
  return value;
}

std::vector<AmountValue> FindAmounts(std::string_view text) {
  std::vector<AmountValue> out;
  for (size_t pos = 0; pos < text.size();) {
    if (!IsDigitAt(text, pos) || !IsNumberStart(text, pos)) {
      ++pos;
      continue;
    }
    std::optional<Number> n = ParseNumber(text, pos);
    if (!n) {
      pos += DigitRun(text, pos);
      continue;
    }
    std::optional<Unit> unit = ParseUnit(text, n->end);
    if (unit) {
      AmountValue value;
      value.unit = unit->unit;
      value.unit_written = true;
      value.sek = ToSek(*n, unit->unit);
      value.begin = pos;
      value.end = unit->end;
      out.push_back(value);
    }
    pos = unit ? unit->end : n->end;
  }
  return out;
}

}  // namespace finsam
