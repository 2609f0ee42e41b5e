// Finds Swedish dates and periods in form text (see dates.h). Tested by dates_test.cc.
#include "extractors/dates.h"

#include <cstdio>
#include <cstdlib>
#include <initializer_list>
#include <iterator>

namespace finsam {
namespace {

// Bare four-digit years outside this window are far more often counts,
// amounts or reference numbers than years in FINSAM documents.
constexpr int kMinBareYear = 1990;
constexpr int kMaxBareYear = 2099;
constexpr int kMinYear = 1900;
constexpr int kMaxYear = 2099;
constexpr int kSpring = 1;
constexpr int kAutumn = 2;

enum class TokenKind { kNumber, kWord, kSpace, kDash, kPunct };

struct Token {
  TokenKind kind;
  size_t begin, end;
  std::string text;  // digits, a lower-cased word, or the character itself
};

struct NamedValue {
  std::string_view name;
  int value;
};

constexpr NamedValue kMonthNames[] = {
    {"januari", 1},   {"jan", 1},   {"februari", 2},  {"feb", 2},      {"mars", 3},
    {"mar", 3},       {"april", 4}, {"apr", 4},       {"maj", 5},      {"juni", 6},
    {"jun", 6},       {"juli", 7},  {"jul", 7},       {"augusti", 8},  {"aug", 8},
    {"september", 9}, {"sept", 9},  {"sep", 9},       {"oktober", 10}, {"okt", 10},
    {"november", 11}, {"nov", 11},  {"december", 12}, {"dec", 12}};

// Not "vår"/"höst": "vår" is also the pronoun "our".
constexpr NamedValue kTermNames[] = {
    {"vt", kSpring}, {"vårtermin", kSpring},  {"vårterminen", kSpring},  {"våren", kSpring},
    {"ht", kAutumn}, {"hösttermin", kAutumn}, {"höstterminen", kAutumn}, {"hösten", kAutumn}};

// Words that may stand between the two ends of a period, glued together
// without spaces or dots so "t o m", "t.o.m." and "tom" all read "tom".
// "lom" is a frequent OCR misreading of "tom".
constexpr std::string_view kConnectors[] = {"till", "tillochmed", "tom", "lom", "to"};

int Lookup(const NamedValue* table, size_t size, std::string_view word) {
  for (size_t i = 0; i < size; ++i) {
    if (table[i].name == word) return table[i].value;
  }
  return 0;
}

// Invalid UTF-8 decodes as U+FFFD one byte at a time so scanning never stalls.
char32_t DecodeAt(std::string_view s, size_t pos, size_t* len) {
  auto lead = static_cast<unsigned char>(s[pos]);
  size_t n = lead < 0x80           ? 1
             : (lead >> 5) == 0x6  ? 2
             : (lead >> 4) == 0xE  ? 3
             : (lead >> 3) == 0x1E ? 4
                                   : 0;
  *len = 1;
  if (n == 0 || pos + n > s.size()) return 0xFFFD;
  char32_t cp = n == 1 ? lead : (lead & (0x7F >> n));
  for (size_t i = 1; i < n; ++i) {
    auto c = static_cast<unsigned char>(s[pos + i]);
    if ((c & 0xC0) != 0x80) return 0xFFFD;
    cp = (cp << 6) | (c & 0x3F);
  }
  *len = n;
  return cp;
}

TokenKind Classify(char32_t c) {
  if (c >= '0' && c <= '9') return TokenKind::kNumber;
  if (c == ' ' || (c >= '\t' && c <= '\r') || c == 0xA0 || (c >= 0x2000 && c <= 0x200A) ||
      c == 0x202F || c == 0x205F || c == 0x3000) {
    return TokenKind::kSpace;
  }
  if (c == '-' || (c >= 0x2010 && c <= 0x2015) || c == 0x2212) return TokenKind::kDash;
  bool ascii_letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  bool latin_letter = c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7;
  return ascii_letter || latin_letter ? TokenKind::kWord : TokenKind::kPunct;
}

// Lower-cases ASCII and the Latin-1 capitals (Å, Ä, Ö, É...) that Swedish uses.
void AppendLower(char32_t cp, std::string_view bytes, std::string* out) {
  if (cp >= 'A' && cp <= 'Z') {
    out->push_back(static_cast<char>(cp + 0x20));
  } else if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) {
    char32_t lower = cp + 0x20;
    out->push_back(static_cast<char>(0xC0 | (lower >> 6)));
    out->push_back(static_cast<char>(0x80 | (lower & 0x3F)));
  } else {
    out->append(bytes);
  }
}

std::vector<Token> Tokenize(std::string_view text) {
  std::vector<Token> tokens;
  for (size_t pos = 0; pos < text.size();) {
    size_t len = 1;
    char32_t cp = DecodeAt(text, pos, &len);
    TokenKind kind = Classify(cp);
    bool merges =
        kind == TokenKind::kNumber || kind == TokenKind::kWord || kind == TokenKind::kSpace;
    if (!merges || tokens.empty() || tokens.back().kind != kind) {
      tokens.push_back(Token{kind, pos, pos, ""});
    }
    tokens.back().end = pos + len;
    AppendLower(cp, text.substr(pos, len), &tokens.back().text);
    pos += len;
  }
  return tokens;
}

int LastDayOfMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

std::string FormatIso(int year, int month, int day) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%04d-%02d-%02d", year, month, day);
  return buf;
}

// A date as written, before vague units are resolved to a start or end day.
struct RawDate {
  int year = 0;            // 0 while the text omits it ("1 oktober")
  int month = 0, day = 0;  // 0 when vaguer than a month / a day
  int term = 0;            // kSpring or kAutumn
  DatePrecision precision = DatePrecision::kDay;
  bool valid = true;  // false: date-shaped but not a calendar date
  bool bare_year = false;
  size_t first = 0, last = 0;  // token range [first, last)
};

bool Complete(const RawDate& r) { return r.valid && r.year != 0; }

std::string ResolveIso(const RawDate& r, bool as_end) {
  switch (r.precision) {
    case DatePrecision::kDay:
      return FormatIso(r.year, r.month, r.day);
    case DatePrecision::kMonth:
      return FormatIso(r.year, r.month, as_end ? LastDayOfMonth(r.year, r.month) : 1);
    case DatePrecision::kTerm:
      if (r.term == kSpring) return FormatIso(r.year, as_end ? 6 : 1, as_end ? 30 : 1);
      return FormatIso(r.year, as_end ? 12 : 8, as_end ? 31 : 1);
    case DatePrecision::kYear:
      return FormatIso(r.year, as_end ? 12 : 1, as_end ? 31 : 1);
  }
  return "";
}

class Scanner {
 public:
  explicit Scanner(std::string_view text) : tokens_(Tokenize(text)) {}

  std::vector<RawDate> ScanAll() const;
  bool Connected(const RawDate& a, const RawDate& b) const;
  DateValue Resolve(const RawDate& r, bool as_end) const;

 private:
  std::optional<RawDate> TryAt(size_t i) const;
  std::optional<RawDate> TryIso(size_t i) const;
  std::optional<RawDate> TryCompact(size_t i) const;
  std::optional<RawDate> TrySlash(size_t i) const;
  std::optional<RawDate> TryDayMonth(size_t i) const;
  std::optional<RawDate> TryMonth(size_t i) const;
  std::optional<RawDate> TryTerm(size_t i) const;
  std::optional<RawDate> TryBareYear(size_t i) const;

  bool IsKind(size_t i, TokenKind kind) const {
    return i < tokens_.size() && tokens_[i].kind == kind;
  }
  bool IsNum(size_t i, size_t min_digits, size_t max_digits) const {
    return IsKind(i, TokenKind::kNumber) && tokens_[i].text.size() >= min_digits &&
           tokens_[i].text.size() <= max_digits;
  }
  bool IsChar(size_t i, std::string_view c) const {
    return i < tokens_.size() && tokens_[i].text == c &&
           (IsKind(i, TokenKind::kPunct) || IsKind(i, TokenKind::kDash));
  }
  int NumValue(size_t i) const { return std::stoi(tokens_[i].text); }
  size_t SkipSpace(size_t i) const { return IsKind(i, TokenKind::kSpace) ? i + 1 : i; }
  bool InLargerNumber(size_t i) const;
  bool IsYearAt(size_t i) const;
  size_t AfterAbbreviationDot(size_t i) const { return IsChar(i, ".") ? i + 1 : i; }
  RawDate YearOnly(size_t i) const;

  std::vector<Token> tokens_;
};

std::vector<RawDate> Scanner::ScanAll() const {
  std::vector<RawDate> out;
  for (size_t i = 0; i < tokens_.size();) {
    std::optional<RawDate> r = TryAt(i);
    if (r) {
      out.push_back(*r);
      i = r->last;
    } else {
      ++i;
    }
  }
  return out;
}

std::optional<RawDate> Scanner::TryAt(size_t i) const {
  if (IsKind(i, TokenKind::kWord)) {
    if (auto r = TryTerm(i)) return r;
    return TryMonth(i);
  }
  if (!IsKind(i, TokenKind::kNumber)) return std::nullopt;
  for (auto attempt : {&Scanner::TryIso, &Scanner::TryCompact, &Scanner::TrySlash,
                       &Scanner::TryDayMonth, &Scanner::TryBareYear}) {
    if (auto r = (this->*attempt)(i)) return r;
  }
  return std::nullopt;
}

// "1,201231" or "2024.5" are decimals, not dates.
bool Scanner::InLargerNumber(size_t i) const {
  bool before =
      i >= 2 && (IsChar(i - 1, ".") || IsChar(i - 1, ",")) && IsKind(i - 2, TokenKind::kNumber);
  bool after = (IsChar(i + 1, ".") || IsChar(i + 1, ",")) && IsKind(i + 2, TokenKind::kNumber);
  return before || after;
}

// A year written after a month or term: not the start of an ISO date.
bool Scanner::IsYearAt(size_t i) const {
  if (!IsNum(i, 4, 4) || InLargerNumber(i) || TryIso(i)) return false;
  int year = NumValue(i);
  return year >= kMinYear && year <= kMaxYear;
}

std::optional<RawDate> Scanner::TryIso(size_t i) const {
  if (!IsNum(i, 4, 4) || !IsNum(i + 2, 1, 2) || !IsNum(i + 4, 1, 2)) return std::nullopt;
  const std::string& sep = tokens_[i + 1].text;
  bool sep_ok =
      (sep == "-" || sep == "." || sep == "/") && IsChar(i + 1, sep) && IsChar(i + 3, sep);
  int year = NumValue(i);
  if (!sep_ok || year < kMinYear || year > kMaxYear) return std::nullopt;
  RawDate r;
  r.year = year;
  r.month = NumValue(i + 2);
  r.day = NumValue(i + 4);
  r.valid = IsValidDate(r.year, r.month, r.day);
  r.first = i;
  r.last = i + 5;
  return r;
}

// yymmdd and yyyymmdd; only reported when they form a real date.
std::optional<RawDate> Scanner::TryCompact(size_t i) const {
  if (!IsNum(i, 6, 6) && !IsNum(i, 8, 8)) return std::nullopt;
  if (InLargerNumber(i)) return std::nullopt;
  const std::string& digits = tokens_[i].text;
  size_t year_len = digits.size() - 4;
  RawDate r;
  r.year = std::stoi(digits.substr(0, year_len));
  if (year_len == 2) r.year += r.year <= 49 ? 2000 : 1900;
  r.month = std::stoi(digits.substr(year_len, 2));
  r.day = std::stoi(digits.substr(year_len + 2, 2));
  if (r.year < kMinYear || r.year > kMaxYear || !IsValidDate(r.year, r.month, r.day)) {
    return std::nullopt;
  }
  r.first = i;
  r.last = i + 1;
  return r;
}

// "1/3 2023", "1/3-2023", "1/3/2023"; "1/3" alone waits for a year from a period.
std::optional<RawDate> Scanner::TrySlash(size_t i) const {
  if (!IsNum(i, 1, 2) || !IsChar(i + 1, "/") || !IsNum(i + 2, 1, 2)) return std::nullopt;
  if (IsChar(i + 3, "/") && IsNum(i + 4, 1, 2)) return std::nullopt;  // "1/3/23": ambiguous
  RawDate r;
  r.day = NumValue(i);
  r.month = NumValue(i + 2);
  r.first = i;
  r.last = i + 3;
  bool joined = IsKind(i + 3, TokenKind::kSpace) || IsChar(i + 3, "-") || IsChar(i + 3, "/");
  if (joined && IsYearAt(i + 4)) {
    r.year = NumValue(i + 4);
    r.last = i + 5;
  }
  r.valid = IsValidDate(r.year != 0 ? r.year : 2000, r.month, r.day);
  if (!r.valid && r.year == 0) return std::nullopt;  // likely a fraction
  return r;
}

// "8 april 2022", "1:a oktober", "31 dec. 2018", "1 oktober" (year from context).
std::optional<RawDate> Scanner::TryDayMonth(size_t i) const {
  if (!IsNum(i, 1, 2)) return std::nullopt;
  size_t j = i + 1;
  if (IsChar(j, ":") && IsKind(j + 1, TokenKind::kWord) &&
      (tokens_[j + 1].text == "a" || tokens_[j + 1].text == "e")) {
    j += 2;
  }
  j = SkipSpace(j);
  if (!IsKind(j, TokenKind::kWord)) return std::nullopt;
  int month = Lookup(kMonthNames, std::size(kMonthNames), tokens_[j].text);
  if (month == 0) return std::nullopt;
  RawDate r;
  r.day = NumValue(i);
  r.month = month;
  r.first = i;
  r.last = AfterAbbreviationDot(j + 1);
  size_t y = SkipSpace(r.last);
  if (IsChar(y, ",")) y = SkipSpace(y + 1);
  if (IsYearAt(y)) {
    r.year = NumValue(y);
    r.last = y + 1;
  }
  r.valid = IsValidDate(r.year != 0 ? r.year : 2000, r.month, r.day);
  return r;
}

// "november 2018", "dec. 2022"; "mars" alone waits for a year from a period.
std::optional<RawDate> Scanner::TryMonth(size_t i) const {
  int month = Lookup(kMonthNames, std::size(kMonthNames), tokens_[i].text);
  if (month == 0) return std::nullopt;
  RawDate r;
  r.month = month;
  r.precision = DatePrecision::kMonth;
  r.first = i;
  r.last = AfterAbbreviationDot(i + 1);
  size_t y = SkipSpace(r.last);
  if (IsYearAt(y)) {
    r.year = NumValue(y);
    r.last = y + 1;
  }
  return r;
}

// "vårterminen 2018", "vt 2018", "VT18", "ht-23"; "vt" alone waits for a year.
std::optional<RawDate> Scanner::TryTerm(size_t i) const {
  int term = Lookup(kTermNames, std::size(kTermNames), tokens_[i].text);
  if (term == 0) return std::nullopt;
  RawDate r;
  r.term = term;
  r.precision = DatePrecision::kTerm;
  r.first = i;
  r.last = i + 1;
  size_t y = IsChar(i + 1, "-") ? i + 2 : SkipSpace(i + 1);
  if (IsYearAt(y)) {
    r.year = NumValue(y);
    r.last = y + 1;
  } else if (IsNum(y, 2, 2) && !InLargerNumber(y)) {
    r.year = 2000 + NumValue(y);
    r.last = y + 1;
  }
  return r;
}

std::optional<RawDate> Scanner::TryBareYear(size_t i) const {
  if (!IsNum(i, 4, 4) || InLargerNumber(i) || IsChar(i + 1, "%")) return std::nullopt;
  if (IsKind(i + 1, TokenKind::kSpace) && IsChar(i + 2, "%")) return std::nullopt;
  int year = NumValue(i);
  if (year < kMinBareYear || year > kMaxBareYear) return std::nullopt;
  return YearOnly(i);
}

RawDate Scanner::YearOnly(size_t i) const {
  RawDate r;
  r.year = NumValue(i);
  r.precision = DatePrecision::kYear;
  r.bare_year = true;
  r.first = i;
  r.last = i + 1;
  return r;
}

// Only white space, dashes and "till (och med)" / "t.o.m." may separate the
// ends of a period; white space alone only between two full dates.
bool Scanner::Connected(const RawDate& a, const RawDate& b) const {
  std::string words;
  int dashes = 0, dots = 0;
  for (size_t i = a.last; i < b.first; ++i) {
    const Token& t = tokens_[i];
    if (t.kind == TokenKind::kNumber) return false;
    if (t.kind == TokenKind::kDash) ++dashes;
    if (t.kind == TokenKind::kWord) words += t.text;
    if (t.kind == TokenKind::kPunct) {
      if (t.text != ".") return false;
      ++dots;
    }
  }
  if (dashes > 2) return false;
  if (words.empty()) {
    bool full_days = Complete(a) && Complete(b) && a.precision == DatePrecision::kDay &&
                     b.precision == DatePrecision::kDay;
    return dots == 0 && (dashes > 0 || full_days);
  }
  for (std::string_view c : kConnectors) {
    if (words == c) return true;
  }
  return false;
}

DateValue Scanner::Resolve(const RawDate& r, bool as_end) const {
  DateValue v;
  v.iso = ResolveIso(r, as_end);
  v.precision = r.precision;
  v.begin = tokens_[r.first].begin;
  v.end = tokens_[r.last - 1].end;
  return v;
}

// Gives a year-less date ("1 oktober", "mars") the year of the period end
// (or start) it is joined to; a start after its end crosses New Year.
bool BorrowYear(const Scanner& s, RawDate* partial, const RawDate& other, bool other_is_end) {
  if (!Complete(other) || other.bare_year) return false;
  if (!(other_is_end ? s.Connected(*partial, other) : s.Connected(other, *partial))) {
    return false;
  }
  partial->year = other.year;
  if (other_is_end && ResolveIso(*partial, false) > ResolveIso(other, true)) {
    --partial->year;
  } else if (!other_is_end && ResolveIso(*partial, true) < ResolveIso(other, false)) {
    ++partial->year;
  }
  if (partial->precision == DatePrecision::kDay) {
    partial->valid = IsValidDate(partial->year, partial->month, partial->day);
  }
  return true;
}

// Every complete date has a year, and a year is ASCII digits (Classify):
// text without one needs no tokens.
bool HasDigit(std::string_view text) { return text.find_first_of("0123456789") != std::string_view::npos; }

std::vector<RawDate> ScanWithYears(const Scanner& s) {
  std::vector<RawDate> raws = s.ScanAll();
  for (size_t i = 0; i < raws.size(); ++i) {
    if (raws[i].year != 0 || !raws[i].valid) continue;
    if (i + 1 < raws.size() && BorrowYear(s, &raws[i], raws[i + 1], true)) continue;
    if (i > 0) BorrowYear(s, &raws[i], raws[i - 1], false);
  }
  return raws;
}

}  // namespace

bool IsValidDate(int year, int month, int day) {
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  return day <= LastDayOfMonth(year, month);
}

std::vector<DateValue> FindDates(std::string_view text) {
  if (!HasDigit(text)) return {};
  Scanner scanner(text);
  std::vector<DateValue> out;
  for (const RawDate& r : ScanWithYears(scanner)) {
    if (Complete(r) && !r.bare_year) out.push_back(scanner.Resolve(r, false));
  }
  return out;
}

std::optional<DateValue> ParseDate(std::string_view text) {
  std::vector<DateValue> dates = FindDates(text);
  if (dates.empty()) return std::nullopt;
  return dates.front();
}

namespace {

std::optional<PeriodValue> ScanPeriod(std::string_view text, bool allow_reversed) {
  if (!HasDigit(text)) return std::nullopt;
  Scanner scanner(text);
  std::vector<RawDate> raws = ScanWithYears(scanner);
  for (size_t i = 0; i + 1 < raws.size(); ++i) {
    const RawDate& a = raws[i];
    const RawDate& b = raws[i + 1];
    if (!Complete(a) || !Complete(b) || !scanner.Connected(a, b)) continue;
    PeriodValue period;
    period.start = scanner.Resolve(a, false);
    period.end = scanner.Resolve(b, true);
    if (!allow_reversed && period.start->iso > period.end->iso) continue;
    period.begin = period.start->begin;
    period.end_offset = period.end->end;
    return period;
  }
  return std::nullopt;
}

}  // namespace

std::optional<PeriodValue> FindPeriod(std::string_view text) { return ScanPeriod(text, false); }

std::optional<PeriodValue> FindPeriodAllowReversed(std::string_view text) { return ScanPeriod(text, true); }

std::vector<int> YearsOf(const PeriodValue& period) {
  const std::optional<DateValue>& first = period.start ? period.start : period.end;
  const std::optional<DateValue>& last = period.end ? period.end : period.start;
  if (!first || !last || first->iso.size() < 4 || last->iso.size() < 4) return {};
  int from = std::atoi(first->iso.substr(0, 4).c_str());
  int to = std::atoi(last->iso.substr(0, 4).c_str());
  std::vector<int> years;
  // The cap guards against garbage ISO strings built by callers.
  for (int y = from; y <= to && years.size() < 200; ++y) years.push_back(y);
  return years;
}

}  // namespace finsam
