// Value types for grammar fields (see value_types.h).
// Tested by record_builder_test.cc.
#include "record/value_types.h"

#include <re2/re2.h>

#include <algorithm>

#include "grammar/label_match.h"

namespace finsam {
namespace {

bool IsPromptText(std::string_view text) {
  static const RE2 kPrompt("(?i)^(klicka|click|skriv här|ange\\b.*\\.\\.\\.|#+$|x+$|-+$|…$)");
  return RE2::PartialMatch(std::string(text), kPrompt);
}

std::vector<std::string> SplitList(std::string_view text) {
  static const RE2 kSeparator("(\\s*,\\s*|\\s+och\\s+|\\s+samt\\s+|\\s*;\\s*|\\s+&\\s+)");
  std::vector<std::string> parts;
  re2::StringPiece input(text.data(), text.size()), sep;
  while (RE2::PartialMatch(input, kSeparator, &sep)) {
    parts.emplace_back(input.data(), static_cast<size_t>(sep.data() - input.data()));
    input.remove_prefix(static_cast<size_t>(sep.data() - input.data()) + sep.size());
  }
  parts.emplace_back(input.data(), input.size());
  return parts;
}

bool IsGenericBody(const std::string& part) {
  static const RE2 kGeneric("(?i)^(landstinget|regionen|kommunen|länsstyrelsen)$");
  return RE2::FullMatch(part, kGeneric);
}

size_t WordCount(std::string_view text) {
  size_t words = 0;
  bool in_word = false;
  for (char c : text) {
    bool space = c == ' ' || c == '\t';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

}  // namespace

std::optional<std::string> ParseTextValue(std::string_view raw) {
  std::string text(TrimValue(raw));
  for (char& c : text) if (c == '\t') c = ' ';
  while (!text.empty() && (text.back() == '.' || text.back() == ',' || text.back() == ';' || text.back() == ':')) text.pop_back();
  // Quotes around the whole answer or around its first part ("Lotsen" –
  // stöd till …) are typography, not part of the value.
  if (text.size() >= 2 && text.front() == '"') {
    text.erase(0, 1);
    size_t close = text.find('"');
    if (close != std::string::npos && text.find('"', close + 1) == std::string::npos) text.erase(close, 1);
  }
  if (!text.empty() && text.back() == '"' && std::count(text.begin(), text.end(), '"') == 1) text.pop_back();
  std::string collapsed;
  for (char c : text) if (!(c == ' ' && (collapsed.empty() || collapsed.back() == ' '))) collapsed += c;
  while (!collapsed.empty() && collapsed.back() == ' ') collapsed.pop_back();
  if (collapsed.empty() || IsPromptText(collapsed) || collapsed.size() > 300) return std::nullopt;
  return collapsed;
}

std::vector<OrgRef> ParseOrgsValue(std::string_view raw, const OrgRegistry& registry) {
  std::string text(TrimValue(raw));
  size_t stop = text.find(". ");
  if (stop != std::string::npos) text.resize(stop);
  while (!text.empty() && (text.back() == '.' || text.back() == ',')) text.pop_back();
  std::vector<OrgRef> out;
  if (text.empty() || IsPromptText(text)) return out;
  // A sentence is not a list of organisations: rules with sentence
  // patterns (owners.stated) read those.
  if (WordCount(text) > 14) return out;
  std::vector<OrgRef> mentions = registry.FindMentions(text);
  if (mentions.size() == 1 && WordCount(text) <= 12) {
    if (std::optional<OrgRef> org = registry.Resolve(text)) out.push_back(*org);
    return out;
  }
  if (mentions.empty()) {
    // An organisation the registry does not know is kept as written, when
    // it reads like one: capitalised, no digits, a word that names a body.
    static const RE2 kBodyWord(
        "(?i)(kommun|region|landsting|förbund|myndighet|förvaltning|stiftelse|förening|\\bAB\\b|universitet|"
        "sjukhus|högskola|bolag|enhet|center|centrum|verket|styrelse|nämnd|kassan|förmedling|klinik|mottagning|^landstinget$)");
    unsigned char first = static_cast<unsigned char>(text[0]);
    bool capitalised = (first >= 'A' && first <= 'Z') || first == 0xC3;
    bool digits = text.find_first_of("0123456789") != std::string::npos;
    if (capitalised && !digits && WordCount(text) <= 6 && RE2::PartialMatch(text, kBodyWord)) {
      if (std::optional<OrgRef> org = registry.Resolve(text)) out.push_back(*org);
    }
    return out;
  }
  for (const std::string& part : SplitList(text)) {
    std::string trimmed(TrimValue(part));
    if (IsGenericBody(trimmed)) {
      if (std::optional<OrgRef> org = registry.Resolve(trimmed)) out.push_back(*org);
      continue;
    }
    for (const OrgRef& m : registry.FindMentions(trimmed)) {
      if (std::optional<OrgRef> org = registry.Resolve(WordCount(trimmed) <= 10 ? trimmed : m.name)) out.push_back(*org);
      break;
    }
  }
  return out;
}

std::optional<OrgRef> ParseFunderValue(std::string_view raw, const OrgRegistry& registry) {
  for (const OrgRef& m : registry.FindMentions(raw)) {
    if (m.kind == OrgKind::kForbund && m.known) return m;
  }
  return std::nullopt;
}

}  // namespace finsam
