// Reading a pattern's required literal from its source (see
// literal_gate.h). Tested by literal_gate_test.cc.
#include "grammar/literal_gate.h"

#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <cstdint>
#include <optional>

namespace finsam {
namespace {

// Non-ASCII punctuation grammars write, which no other character matches
// case-insensitively.
bool IsCaselessPunctuation(UChar32 c) {
  return c == 0x00A7 || c == 0x00AB || c == 0x00BB || c == 0x2013 || c == 0x2014 || c == 0x2019 || c == 0x201C ||
         c == 0x201D;
}

// The Latin-1 letters with one upper and one lower case (À-Þ, à-þ; not ß,
// whose capital is U+1E9E, nor ÿ, whose capital is Ÿ).
bool IsLatin1CasePair(UChar32 c) { return c >= 0xC0 && c <= 0xFE && c != 0xD7 && c != 0xF7 && c != 0xDF; }

char AsciiLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c; }

// The byte at `i` of UTF-8 text with ASCII and Latin-1 capitals lowered: a
// Latin-1 capital is C3 80-9E, its small letter C3 A0-BE.
char FoldedByte(std::string_view text, size_t i) {
  auto b = static_cast<unsigned char>(text[i]);
  if (b >= 'A' && b <= 'Z') return static_cast<char>(b + 0x20);
  if (b >= 0x80 && b <= 0x9E && b != 0x97 && i > 0 && static_cast<unsigned char>(text[i - 1]) == 0xC3) {
    return static_cast<char>(b + 0x20);
  }
  return text[i];
}

// Characters outside ASCII and Latin-1 that RE2 folds onto a letter a
// literal may hold: the Kelvin sign (k), the long s (s), the Angstrom sign (å).
struct WideFold {
  const char* letter;
  const char* other;
};
constexpr WideFold kWideFolds[] = {{"k", "\xE2\x84\xAA"}, {"s", "\xC5\xBF"}, {"\xC3\xA5", "\xE2\x84\xAB"}};

class SourceReader {
 public:
  explicit SourceReader(std::string_view p) : p_(p) {}

  struct Literal {
    std::string text;
    bool anchored = false;   // right after a leading '^': at the start of every match
  };

  // The longest required literal, or nothing for a pattern it cannot read
  // (top-level alternatives, \Q…\E, unbalanced groups).
  std::optional<Literal> Read() {
    Literal best, run;
    auto end_run = [&] {
      if (run.text.size() > best.text.size()) best = run;
      run = Literal{};
    };
    bool caret_first = p_.starts_with('^');
    for (size_t atoms = 0; i_ < p_.size(); ++atoms) {
      char c = p_[i_];
      if (c == '|' || c == ')' || c == '*' || c == '+' || c == '?') return std::nullopt;
      std::optional<std::string> literal;   // the atom's text when it is a plain character
      if (c == '(') {
        if (!SkipGroup()) return std::nullopt;
      } else if (c == '[') {
        if (!SkipClass()) return std::nullopt;
      } else if (c == '\\') {
        if (!Escape(literal)) return std::nullopt;
      } else if (static_cast<unsigned char>(c) >= 0x80) {
        literal = NonAscii();
      } else {
        ++i_;
        if (c != '.' && c != '^' && c != '$') literal = std::string(1, AsciiLower(c));
      }
      if (SkipQuantifier() || !literal) {
        end_run();
      } else {
        if (run.text.empty()) run.anchored = caret_first && atoms == 1;
        run.text += *literal;
      }
    }
    end_run();
    return best;
  }

 private:
  bool SkipGroup() {
    int depth = 0;
    while (i_ < p_.size()) {
      char c = p_[i_];
      if (c == '\\') {
        i_ += 2;
        continue;
      }
      if (c == '[') {
        if (!SkipClass()) return false;
        continue;
      }
      ++i_;
      if (c == '(') ++depth;
      if (c == ')' && --depth == 0) return true;
    }
    return false;
  }

  bool SkipClass() {
    ++i_;   // '['
    if (i_ < p_.size() && p_[i_] == '^') ++i_;
    if (i_ < p_.size() && p_[i_] == ']') ++i_;   // a leading ']' is a member
    while (i_ < p_.size()) {
      if (p_[i_] == '\\') {
        i_ += 2;
      } else if (p_.substr(i_, 2) == "[:") {
        size_t close = p_.find(":]", i_ + 2);
        if (close == std::string_view::npos) return false;
        i_ = close + 2;
      } else if (p_[i_] == ']') {
        ++i_;
        return true;
      } else {
        ++i_;
      }
    }
    return false;
  }

  // An escape: a plain character for escaped ASCII punctuation, anything
  // else (classes, assertions, code points) an atom of its own.
  bool Escape(std::optional<std::string>& literal) {
    if (i_ + 1 >= p_.size()) return false;
    char n = p_[i_ + 1];
    i_ += 2;
    if (n == 'Q') return false;
    if ((n == 'p' || n == 'P' || n == 'x') && i_ < p_.size() && p_[i_] == '{') {
      size_t close = p_.find('}', i_);
      if (close == std::string_view::npos) return false;
      i_ = close + 1;
    } else if (n == 'p' || n == 'P') {
      ++i_;
    } else if (n == 'x') {
      i_ += 2;
    } else if (n >= '0' && n <= '7') {
      while (i_ < p_.size() && p_[i_] >= '0' && p_[i_] <= '7') ++i_;
    } else if (static_cast<unsigned char>(n) < 0x80 && !std::isalnum(static_cast<unsigned char>(n))) {
      literal = std::string(1, n);
    } else if (static_cast<unsigned char>(n) >= 0x80) {
      --i_;
      NonAscii();
    }
    return i_ <= p_.size();
  }

  // A code point in UTF-8: its bytes when it is caseless punctuation, its
  // small letter's when it is a Latin-1 letter.
  std::optional<std::string> NonAscii() {
    int32_t at = static_cast<int32_t>(i_), length = static_cast<int32_t>(p_.size());
    UChar32 c;
    U8_NEXT(reinterpret_cast<const uint8_t*>(p_.data()), at, length, c);
    std::string bytes(p_.substr(i_, static_cast<size_t>(at) - i_));
    i_ = static_cast<size_t>(at);
    if (c >= 0 && IsCaselessPunctuation(c)) return bytes;
    if (c >= 0 && IsLatin1CasePair(c)) {
      UChar32 lower = c <= 0xDE ? c + 0x20 : c;
      return std::string{static_cast<char>(0xC0 | (lower >> 6)), static_cast<char>(0x80 | (lower & 0x3F))};
    }
    return std::nullopt;
  }

  // Steps over a quantifier (?, *, +, {n}, {n,}, {n,m}, and a lazy '?').
  bool SkipQuantifier() {
    if (i_ >= p_.size()) return false;
    char c = p_[i_];
    if (c == '?' || c == '*' || c == '+') {
      ++i_;
    } else if (c == '{') {
      size_t k = i_ + 1;
      size_t digits = 0;
      while (k < p_.size() && std::isdigit(static_cast<unsigned char>(p_[k]))) ++k, ++digits;
      if (digits == 0) return false;   // RE2 reads a '{' that opens no count as itself
      if (k < p_.size() && p_[k] == ',') {
        ++k;
        while (k < p_.size() && std::isdigit(static_cast<unsigned char>(p_[k]))) ++k;
      }
      if (k >= p_.size() || p_[k] != '}') return false;
      i_ = k + 1;
    } else {
      return false;
    }
    if (i_ < p_.size() && p_[i_] == '?') ++i_;
    return true;
  }

  std::string_view p_;
  size_t i_ = 0;
};

}  // namespace

LiteralGate::LiteralGate(std::string_view pattern) {
  auto literal = SourceReader(pattern).Read();
  if (!literal) return;
  literal_ = std::move(literal->text);
  anchored_ = literal->anchored;
  for (const WideFold& fold : kWideFolds) {
    if (literal_.find(fold.letter) != std::string::npos) wide_folds_.push_back(fold.other);
  }
}

bool LiteralGate::MayMatch(std::string_view text) const {
  if (literal_.empty()) return true;
  for (const char* other : wide_folds_) {
    if (text.find(other) != std::string_view::npos) return true;
  }
  if (text.size() < literal_.size()) return false;
  auto here = [&](size_t i) {
    size_t k = 0;
    while (k < literal_.size() && FoldedByte(text, i + k) == literal_[k]) ++k;
    return k == literal_.size();
  };
  if (anchored_) return here(0);
  // Candidates are where the first byte stands in either case.
  const char first = literal_[0];
  const char other = first >= 'a' && first <= 'z' ? static_cast<char>(first - 0x20) : first;
  const size_t last = text.size() - literal_.size();
  for (size_t i = 0; i <= last;) {
    const void* a = std::memchr(text.data() + i, first, last + 1 - i);
    const void* b = other == first ? nullptr : std::memchr(text.data() + i, other, last + 1 - i);
    const char* at = static_cast<const char*>(!a ? b : !b ? a : std::min(a, b));
    if (!at) return false;
    i = static_cast<size_t>(at - text.data());
    if (here(i)) return true;
    ++i;
  }
  return false;
}

}  // namespace finsam
