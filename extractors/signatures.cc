// Signature blocks and e-signature pages into signers (see signatures.h).
// Tested by signatures_test.cc.
#include "extractors/signatures.h"

#include <re2/re2.h>

#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include "extractors/dates.h"
#include "normalize/fold.h"

namespace finsam {
namespace {

constexpr size_t kMaxBlockLines = 30;

std::optional<std::string> PersonName(std::string_view text, std::string* rest) {
  // Explicit letter classes keep the automaton small (\\p{Lu} is huge).
  static const std::string kUpper = "[A-ZÅÄÖÉÜØÆ]";
  static const std::string kLower = "[a-zåäöéüøæáàèíóú'’]";
  static const std::string kWord = "(?:" + kUpper + kLower + "+(?:-" + kUpper + kLower + "+)?|" + kUpper +
                                   "{2,}(?:-" + kUpper + "{2,})?)";
  static const RE2 kName("^\\s*(" + kWord + "(?:\\s+(?:" + kWord + "|af|von|de|van)){1,4})" +
                         "\\s*(?:,\\s*(.*?))?\\s*\\.?\\s*$");
  std::string name, tail;
  if (!RE2::FullMatch(std::string(text), kName, &name, &tail)) return std::nullopt;
  if (rest) *rest = tail;
  return NormalizePersonName(name);
}

struct BlockParser {
  const ExtractContext& ctx;
  std::vector<Signature> signers;
  Signature current;
  bool current_used = false;

  void Flush() {
    if (current_used) signers.push_back(current);
    current = Signature{};
    current_used = false;
  }
  void Touch(const Line& line) {
    if (!current_used) { current.page = line.page; current.line = line.number; current.text = line.text; }
    current_used = true;
  }
  void SetName(const std::string& name, const Line& line) {
    if (current.name) Flush();
    Touch(line);
    current.name = name;
  }
  void SetOrg(const OrgRef& org, const Line& line) {
    if (current.organisation) Flush();
    Touch(line);
    current.organisation = org;
  }
  void SetDate(const DateValue& date, const std::string& place, const Line& line) {
    if (current.date) Flush();
    Touch(line);
    current.date = date.iso;
    if (!place.empty()) current.place = place;
  }
  // A person named with an organisation goes to the column of that
  // organisation when one is waiting for its signer (two-column layouts).
  void SetPersonWithOrg(const std::string& name, const OrgRef& org, const Line& line) {
    if (current.organisation && current.organisation->canonical == org.canonical && !current.name) {
      current.name = name;
      return;
    }
    for (Signature& s : signers) {
      if (s.organisation && s.organisation->canonical == org.canonical && !s.name) { s.name = name; return; }
    }
    SetName(name, line);
    if (!current.organisation) current.organisation = org;
  }

  std::string PlaceBefore(std::string_view text, const DateValue& date) {
    std::string place(TrimValue(text.substr(0, date.begin)));
    while (!place.empty() && (place.back() == ',' || place.back() == ' ')) place.pop_back();
    if (place.size() > 40 || place.find_first_of("0123456789") != std::string::npos) return "";
    return place;
  }

  bool LabelledCell(const Line& line, size_t c) {
    const std::string& text = line.cells[c].text;
    auto value_of = [&](const LabelMatch& m) {
      std::string v(TrimValue(std::string_view(text).substr(m.end)));
      if (v.empty() && c + 1 < line.cells.size()) v = line.cells[c + 1].text;
      return v;
    };
    if (auto m = ctx.Label("signature.place_date", text)) {
      std::string v = value_of(*m);
      if (auto d = ParseDate(v)) SetDate(*d, PlaceBefore(v, *d), line);
      return true;
    }
    if (auto m = ctx.Label("signature.name", text)) {
      std::string v = value_of(*m);
      if (auto n = PersonName(v, nullptr)) SetName(*n, line);
      return true;
    }
    if (auto m = ctx.Label("signature.organisation", text)) {
      std::string v = value_of(*m);
      if (auto org = ctx.registry.Resolve(v); org && !v.empty()) SetOrg(*org, line);
      if (auto d = ParseDate(v)) SetDate(*d, "", line);
      return true;
    }
    if (auto m = ctx.Label("signature.email", text)) {
      std::string v = value_of(*m);
      if (!v.empty()) { Touch(line); current.email = v; }
      return true;
    }
    if (auto m = ctx.Label("signature.date", text)) {
      if (auto d = ParseDate(value_of(*m))) SetDate(*d, "", line);
      return true;
    }
    if (auto m = ctx.Label("signature.place", text)) {
      std::string v = value_of(*m);
      if (auto d = ParseDate(v)) SetDate(*d, PlaceBefore(v, *d), line);
      else if (!v.empty() && v.size() < 40) { Touch(line); current.place = v; }
      return true;
    }
    return false;
  }

  void UnlabelledLine(const Line& line) {
    const std::string& text = line.text;
    if (auto d = ParseDate(text)) { SetDate(*d, PlaceBefore(text, *d), line); return; }
    std::vector<OrgRef> mentions = ctx.registry.FindMentions(text);
    if (mentions.size() == 1 && mentions[0].begin == 0 && text.size() - mentions[0].end < 3) {
      SetOrg(mentions[0], line);
      return;
    }
    std::string tail;
    if (auto name = PersonName(text, &tail)) {
      std::optional<OrgRef> org = tail.empty() ? std::nullopt : ctx.registry.Resolve(tail);
      if (org && org->known) SetPersonWithOrg(*name, *org, line);
      else SetName(*name, line);
    }
  }

  void Block(size_t first, size_t end) {
    const Line& head = ctx.lines[first];
    Flush();
    std::string folded = FoldForMatch(head.text);
    if (folded.find("insatsagare") != std::string::npos) current.role = "insatsagare";
    if (folded.find("samverkanspart") != std::string::npos) current.role = "samverkanspart";
    for (size_t i = first + 1; i < end && i < first + kMaxBlockLines; ++i) {
      const Line& line = ctx.lines[i];
      if (line.blank() || line.kind == LineKind::kRule) continue;
      if (ctx.Label("signature.block", line.text)) return;   // the next block takes over
      if (line.kind == LineKind::kHeading) return;
      bool labelled = false;
      for (size_t c = 0; c < line.cells.size(); ++c) labelled = LabelledCell(line, c) || labelled;
      if (!labelled && std::count(line.text.begin(), line.text.end(), ' ') < 8) UnlabelledLine(line);
    }
  }
};

// E-signature certificate entries: a signer's name line followed closely by
// a timestamp ("2024-06-12 15:21:40 UTC") and an e-ID (BankID, Freja eID).
std::vector<Signature> ESignatures(const ExtractContext& ctx) {
  static const RE2 kStamp("(\\d{4}-\\d{2}-\\d{2})[ T]\\d{2}:\\d{2}");
  static const RE2 kEid("(?i)(bankid|freja|e-?legitimation|eid\\b|scrive|assently|signicat|visma sign)");
  std::vector<Signature> out;
  for (size_t i = ctx.begin; i < ctx.end; ++i) {
    std::string date;
    if (!RE2::PartialMatch(ctx.lines[i].text, kStamp, &date)) continue;
    bool eid = false;
    for (size_t k = i; k < std::min(ctx.end, i + 3); ++k) eid = eid || RE2::PartialMatch(ctx.lines[k].text, kEid);
    if (!eid) continue;
    for (size_t k = i; k-- > ctx.begin && k + 4 > i;) {
      if (ctx.lines[k].blank()) continue;
      if (auto name = PersonName(ctx.lines[k].text, nullptr)) {
        Signature s;
        s.name = name;
        s.date = date;
        s.method = "e-signature";
        s.page = ctx.lines[k].page;
        s.line = ctx.lines[k].number;
        s.text = ctx.lines[k].text + " " + ctx.lines[i].text;
        out.push_back(std::move(s));
      }
      break;
    }
  }
  return out;
}

std::vector<std::string> NameTokens(const std::string& name) {
  std::vector<std::string> tokens;
  std::string folded = FoldForMatch(name);
  size_t start = 0;
  while (start < folded.size()) {
    size_t end = folded.find(' ', start);
    if (end == std::string::npos) end = folded.size();
    tokens.push_back(folded.substr(start, end - start));
    start = end + 1;
  }
  return tokens;
}

// "Nina Anundsson" is the signer "NINA MARIA ANUNDSSON": every token of the
// shorter name appears in the longer.
bool SamePerson(const std::string& a, const std::string& b) {
  std::vector<std::string> x = NameTokens(a), y = NameTokens(b);
  if (x.size() > y.size()) std::swap(x, y);
  for (const std::string& t : x) {
    if (std::find(y.begin(), y.end(), t) == y.end()) return false;
  }
  return !x.empty();
}

}  // namespace

std::string NormalizePersonName(std::string_view name) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(name.data(), static_cast<int32_t>(name.size())));
  bool all_upper = true;
  for (int32_t i = 0; i < u.length(); ++i) if (u_isULowercase(u.charAt(i))) { all_upper = false; break; }
  if (!all_upper) return std::string(name);
  icu::UnicodeString out;
  bool word_start = true;
  for (int32_t i = 0; i < u.length(); ++i) {
    UChar c = u.charAt(i);
    out.append(word_start ? c : static_cast<UChar>(u_tolower(c)));
    word_start = c == ' ' || c == '-';
  }
  std::string result;
  out.toUTF8String(result);
  return result;
}

std::vector<Signature> ExtractSignatures(const ExtractContext& ctx) {
  BlockParser parser{ctx, {}, {}, false};
  for (size_t i = ctx.begin; i < ctx.end; ++i) {
    if (ctx.lines[i].kind != LineKind::kRule && ctx.Label("signature.block", ctx.lines[i].text)) parser.Block(i, ctx.end);
  }
  parser.Flush();
  std::vector<Signature> signers;
  for (Signature& s : parser.signers) {
    if (!s.name && !(s.organisation && s.date)) continue;
    s.method = (s.date || s.place) ? "handwritten" : "unsigned";
    signers.push_back(std::move(s));
  }
  for (Signature& e : ESignatures(ctx)) {
    bool merged = false;
    for (Signature& s : signers) {
      if (s.name && SamePerson(*s.name, *e.name)) {
        s.method = "e-signature";
        s.date = e.date;
        merged = true;
        break;
      }
    }
    if (!merged) signers.push_back(std::move(e));
  }
  return signers;
}

}  // namespace finsam
