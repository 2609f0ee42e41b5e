// Scanning JSON text for a top-level member (see json_text.h). Tested by
// json_text_test.cc.
#include "emit/json_text.h"

namespace finsam {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

size_t SkipSpace(std::string_view s, size_t i) {
  while (i < s.size() && IsSpace(s[i])) ++i;
  return i;
}

// One past the closing quote of the string opening at `i`; npos if cut short.
size_t SkipString(std::string_view s, size_t i) {
  for (++i; i < s.size(); ++i) {
    if (s[i] == '\\') {
      ++i;
    } else if (s[i] == '"') {
      return i + 1;
    }
  }
  return std::string_view::npos;
}

// One past the value starting at `i`: a string, an object or array (with
// whatever it holds), or a bare literal or number; npos if cut short.
size_t SkipValue(std::string_view s, size_t i) {
  if (i >= s.size()) return std::string_view::npos;
  if (s[i] == '"') return SkipString(s, i);
  if (s[i] != '{' && s[i] != '[') {
    while (i < s.size() && s[i] != ',' && s[i] != '}' && s[i] != ']' && !IsSpace(s[i])) ++i;
    return i;
  }
  int depth = 0;
  while (i < s.size()) {
    char c = s[i];
    if (c == '"') {
      i = SkipString(s, i);
      if (i == std::string_view::npos) return i;
      continue;
    }
    if (c == '{' || c == '[') ++depth;
    if ((c == '}' || c == ']') && --depth == 0) return i + 1;
    ++i;
  }
  return std::string_view::npos;
}

}  // namespace

std::optional<JsonSpan> TopLevelMember(std::string_view json, std::string_view key) {
  size_t i = SkipSpace(json, 0);
  if (i >= json.size() || json[i] != '{') return std::nullopt;
  i = SkipSpace(json, i + 1);
  while (i < json.size() && json[i] == '"') {
    size_t key_end = SkipString(json, i);
    if (key_end == std::string_view::npos) return std::nullopt;
    // Keys are compared as written: an escaped spelling of `key` is missed.
    bool wanted = json.substr(i + 1, key_end - i - 2) == key;
    i = SkipSpace(json, key_end);
    if (i >= json.size() || json[i] != ':') return std::nullopt;
    size_t value = SkipSpace(json, i + 1);
    size_t value_end = SkipValue(json, value);
    if (value_end == std::string_view::npos || value_end == value) return std::nullopt;
    if (wanted) return JsonSpan{value, value_end};
    i = SkipSpace(json, value_end);
    if (i >= json.size() || json[i] != ',') return std::nullopt;
    i = SkipSpace(json, i + 1);
  }
  return std::nullopt;
}

}  // namespace finsam
