// Signature blocks and e-signature pages into signers (see signatures.h).
// Tested by signatures_test.cc.
#include "extractors/signatures.h"

#include <re2/re2.h>

#include <algorithm>
#include <map>

#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include "core/regex.h"
#include "extractors/dates.h"
#include "normalize/fold.h"

namespace finsam {
namespace {

constexpr size_t kMaxBlockLines = 30;

std::optional<std::string> PersonName(std::string_view text, std::string* rest) {
  // Explicit letter classes keep the automaton small (\\p{Lu} is huge).
  static const std::string kUpper = "[A-ZÅÄÖÉÜØÆÁÀÈÍÓÚÇÑĆČĐŠŽŁŃŚŹŻŐŰŘĚŮÝ]";
  static const std::string kLower = "[a-zåäöéüøæáàèíóúçñćčđšžłńśźżőűřěůýâêîôûãõëïß'’]";
  static const std::string kWord = "(?:" + kUpper + kLower + "+(?:-" + kUpper + kLower + "+)?|" + kUpper +
                                   "{2,}(?:-" + kUpper + "{2,})?)";
  static const RE2 kName("^\\s*(" + kWord + "(?:\\s+(?:" + kWord + "|af|von|de|van)){1,4})" +
                         "\\s*(?:,\\s*(.*?))?\\s*\\.?\\s*$");
  std::string name, tail;
  if (!FullMatchDfaFirst(text, kName, &name, &tail)) return std::nullopt;
  if (rest) *rest = tail;
  return NormalizePersonName(name);
}

// What one cell or line of a signature section says.
struct Item {
  enum class Kind { kName, kOrg, kDate, kEmail, kPlace } kind;
  std::string text;
  std::optional<OrgRef> org;
  std::string place;
  const Line* line;
};

std::string PlaceBefore(std::string_view text, const DateValue& date) {
  static const RE2 kTrailingDen("(?i)\\s+(den|d\\.)$");
  std::string place(TrimValue(text.substr(0, date.begin)));
  RE2::Replace(&place, kTrailingDen, "");
  while (!place.empty() && (place.back() == ',' || place.back() == ' ')) place.pop_back();
  if (place.size() > 40 || place.find_first_of("0123456789:") != std::string::npos) return "";
  return place;
}

bool LooksLikeEmail(std::string_view text) {
  return text.find('@') != std::string_view::npos && text.find(' ') == std::string_view::npos;
}

std::optional<std::string> RoleOfHeading(const ExtractContext& ctx, const std::string& text) {
  for (const char* set : {"signature.place_date", "signature.name", "signature.email", "signature.organisation",
                          "signature.date", "signature.place", "signature.ink"}) {
    if (auto m = ctx.Label(set, text); m && TrimValue(std::string_view(text).substr(m->end)).empty()) return std::string(set);
  }
  return std::nullopt;
}

class ItemReader {
 public:
  explicit ItemReader(const ExtractContext& ctx) : ctx_(ctx) {}

  // Items of a cell; `next` is the following cell (a label's value may sit there).
  std::vector<Item> Read(std::string_view text, std::string_view next, const Line& line, bool* consumed_next) const {
    std::vector<Item> out;
    if (consumed_next) *consumed_next = false;
    // A label's value is the rest of its cell, or the cell beside it unless
    // that cell is another label ("Ort<TAB>Datum" left blank).
    auto value_of = [&](const LabelMatch& m) {
      std::string v(TrimValue(text.substr(m.end)));
      if (v.empty() && !next.empty() && !RoleOfHeading(ctx_, std::string(next))) {
        v = std::string(next);
        if (consumed_next) *consumed_next = true;
      }
      return v;
    };
    if (auto m = ctx_.Label("signature.place_date", text)) { Dated(value_of(*m), line, out); return out; }
    if (auto m = ctx_.Label("signature.name", text)) { Named(value_of(*m), line, out); return out; }
    if (auto m = ctx_.Label("signature.email", text)) {
      std::string v = value_of(*m);
      if (!v.empty()) out.push_back({Item::Kind::kEmail, v, {}, "", &line});
      return out;
    }
    if (auto m = ctx_.Label("signature.organisation", text)) {
      std::string v = value_of(*m);
      if (auto org = Org(v)) out.push_back({Item::Kind::kOrg, v, org, "", &line});
      Dated(v, line, out);
      return out;
    }
    if (auto m = ctx_.Label("signature.date", text)) { Dated(value_of(*m), line, out); return out; }
    if (auto m = ctx_.Label("signature.place", text)) {
      std::string v = value_of(*m);
      if (!Dated(v, line, out) && !v.empty() && v.size() < 40) out.push_back({Item::Kind::kPlace, v, {}, v, &line});
      return out;
    }
    Unlabelled(text, line, out);
    return out;
  }

  // A cell under a known column heading.
  std::vector<Item> ReadAs(const std::string& role, std::string_view text, const Line& line) const {
    std::vector<Item> out;
    if (text.empty()) return out;
    if (role == "signature.place_date" || role == "signature.date") Dated(text, line, out);
    else if (role == "signature.email") out.push_back({Item::Kind::kEmail, std::string(text), {}, "", &line});
    else if (role == "signature.organisation") { if (auto org = Org(text)) out.push_back({Item::Kind::kOrg, std::string(text), org, "", &line}); }
    else if (role == "signature.place") out.push_back({Item::Kind::kPlace, std::string(text), {}, std::string(text), &line});
    else Unlabelled(text, line, out);
    return out;
  }

 private:
  std::optional<OrgRef> Org(std::string_view text) const {
    if (text.empty()) return std::nullopt;
    std::optional<OrgRef> org = ctx_.registry.Resolve(text);
    return org && org->known ? org : std::nullopt;
  }

  bool Dated(std::string_view text, const Line& line, std::vector<Item>& out) const {
    std::optional<DateValue> d = ParseDate(text);
    if (!d) return false;
    out.push_back({Item::Kind::kDate, d->iso, {}, PlaceBefore(text, *d), &line});
    return true;
  }

  void Named(std::string_view text, const Line& line, std::vector<Item>& out) const {
    static const RE2 kInitials("\\s*\\([^)]{1,6}\\)\\s*$");
    std::string clean(text);
    RE2::Replace(&clean, kInitials, "");
    std::string tail;
    std::optional<std::string> name = PersonName(clean, &tail);
    if (!name) return;
    // "Karl Berg, Region Dalarna": one item, so the name can go to the
    // signer that waits for that organisation.
    Item item{Item::Kind::kName, *name, {}, "", &line};
    for (const OrgRef& m : ctx_.registry.FindMentions(tail)) {
      if (m.known) { item.org = ctx_.registry.Resolve(tail).value_or(m); break; }
    }
    out.push_back(std::move(item));
  }

  void Unlabelled(std::string_view text, const Line& line, std::vector<Item>& out) const {
    static const RE2 kFor("(?i)^för\\s+(.+)$");
    std::string t(TrimValue(text));
    if (t.empty() || ctx_.Label("signature.ink", t)) return;
    if (Dated(t, line, out)) return;
    if (LooksLikeEmail(t)) { out.push_back({Item::Kind::kEmail, t, {}, "", &line}); return; }
    std::string after_for;
    if (RE2::FullMatch(t, kFor, &after_for)) t = after_for;
    size_t words = 1 + static_cast<size_t>(std::count(t.begin(), t.end(), ' '));
    std::vector<OrgRef> mentions = ctx_.registry.FindMentions(t);
    size_t known = 0;
    for (const OrgRef& m : mentions) known += m.known;
    bool whole = known == 1 && mentions[0].known && mentions[0].begin == 0 && mentions[0].end + 2 >= t.size();
    if (whole || (known == 1 && words <= 8 && !PersonName(t, nullptr))) {
      for (const OrgRef& m : mentions) {
        if (m.known) out.push_back({Item::Kind::kOrg, t, mentions[0].begin == 0 ? ctx_.registry.Resolve(t).value_or(m) : m, "", &line});
      }
      return;
    }
    if (words <= 8) Named(t, line, out);
  }

  const ExtractContext& ctx_;
};

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

// Feeds items in reading order into signers: a kind already filled on the
// current signer starts the next one. A person named with an organisation
// goes to the column of that organisation when it waits for a signer.
class Assembler {
 public:
  void Feed(const Item& item) {
    switch (item.kind) {
      case Item::Kind::kName:
        // The same person twice in one row (signature and name clarification).
        if (cur_.name && SamePerson(*cur_.name, item.text)) return;
        if (item.org && PlaceWithOrganisation(item)) return;
        if (cur_.name) Flush();
        Touch(item);
        cur_.name = item.text;
        if (item.org && !cur_.organisation) cur_.organisation = item.org;
        return;
      case Item::Kind::kOrg:
        if (cur_.organisation && item.org && cur_.organisation->canonical == item.org->canonical) return;
        if (cur_.name && !cur_.organisation) { cur_.organisation = item.org; return; }
        if (cur_.organisation) Flush();
        Touch(item);
        cur_.organisation = item.org;
        return;
      case Item::Kind::kDate:
        if (cur_.date) Flush();
        Touch(item);
        cur_.date = item.text;
        if (!item.place.empty()) cur_.place = item.place;
        return;
      case Item::Kind::kEmail:
        if (cur_.email) Flush();
        Touch(item);
        cur_.email = item.text;
        return;
      case Item::Kind::kPlace:
        if (cur_.place) Flush();
        Touch(item);
        cur_.place = item.place;
        return;
    }
  }
  void Role(const std::optional<std::string>& role) { cur_.role = role; }
  std::vector<Signature> Finish() { Flush(); return std::move(done_); }

 private:
  // A person named with an organisation goes to the signer of that
  // organisation that still waits for a name (two-column layouts flattened:
  // "Region Dalarna", "Försäkringskassan", then "Maria Ek, FK").
  bool PlaceWithOrganisation(const Item& item) {
    auto waiting = [&](const Signature& s) {
      return s.organisation && s.organisation->canonical == item.org->canonical && !s.name;
    };
    if (used_ && waiting(cur_)) {
      cur_.name = item.text;
      return true;
    }
    for (Signature& s : done_) {
      if (!waiting(s)) continue;
      s.name = item.text;
      return true;
    }
    return false;
  }
  void Touch(const Item& item) {
    if (!used_) { cur_.page = item.line->page; cur_.line = item.line->number; cur_.text = item.line->text; }
    used_ = true;
  }
  void Flush() {
    if (used_) done_.push_back(cur_);
    std::optional<std::string> role = cur_.role;
    cur_ = Signature{};
    cur_.role = role;
    used_ = false;
  }
  Signature cur_;
  bool used_ = false;
  std::vector<Signature> done_;
};

// The column of a cell: its index for text input, the overlapping column
// of `columns` for PDF input.
size_t ColumnOf(const Cell& cell, size_t index, std::vector<Box>& columns) {
  for (size_t c = 0; c < columns.size(); ++c) {
    if (cell.box.x0 < columns[c].x1 && columns[c].x0 < cell.box.x1) return c;
  }
  columns.push_back(cell.box);
  (void)index;
  return columns.size() - 1;
}

class BlockParser {
 public:
  explicit BlockParser(const ExtractContext& ctx) : ctx_(ctx), reader_(ctx) {}

  // Parses the block whose label is on line `first`; returns the line after it.
  size_t Block(size_t first, std::vector<Signature>& out) {
    std::vector<const Line*> lines;
    size_t i = first + 1;
    for (; i < ctx_.end && i < first + kMaxBlockLines; ++i) {
      const Line& line = ctx_.lines[i];
      if (line.blank() || line.kind == LineKind::kRule) continue;
      if (EndsBlock(line, lines)) break;
      lines.push_back(&line);
    }
    std::vector<Item> shared;
    const Line& head = ctx_.lines[first];
    if (auto m = ctx_.Label("signature.block", head.text)) {
      for (const Item& it : reader_.Read(TrimValue(std::string_view(head.text).substr(m->end)), "", head, nullptr)) shared.push_back(it);
    } else {
      for (const Item& it : reader_.Read(head.text, "", head, nullptr)) shared.push_back(it);
    }
    std::vector<Signature> signers = Columns(lines) ? ColumnBlock(lines, shared) : Sequential(head, lines, shared);
    out.insert(out.end(), signers.begin(), signers.end());
    return i;
  }

 private:
  static bool HasTimestamp(const Line& line) {
    static const RE2 kStamp("\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}");
    return RE2::PartialMatch(line.text, kStamp);
  }

  bool EndsBlock(const Line& line, const std::vector<const Line*>& so_far) const {
    if (HasTimestamp(line)) return true;
    if (line.kind == LineKind::kHeading && !ctx_.Label("signature.block", line.text)) return true;
    bool ink_only = ctx_.Label("signature.ink", line.text) && line.NonEmptyCells() <= 1 &&
                    TrimValue(std::string_view(line.text).substr(ctx_.Label("signature.ink", line.text)->end)).empty();
    if (ctx_.Label("signature.block", line.text) && !IsHeaderRow(line) && !ink_only && !so_far.empty()) return true;
    return line.NonEmptyCells() <= 1 && std::count(line.text.begin(), line.text.end(), ' ') >= 9;
  }

  bool IsHeaderRow(const Line& line) const {
    size_t roles = 0;
    for (const Cell& c : line.cells) roles += RoleOfHeading(ctx_, c.text).has_value();
    return roles >= 2;
  }

  // "Ort Nyköping<TAB>Datum 2022-08-18": labels with their values side by
  // side are one signer's fields, not columns of several signers.
  bool LabelledPair(const Line& line) const {
    for (const Cell& c : line.cells) {
      if (c.text.empty()) continue;
      bool labelled = false;
      for (const char* set : {"signature.place_date", "signature.name", "signature.email", "signature.organisation",
                              "signature.date", "signature.place"}) {
        if (auto m = ctx_.Label(set, c.text); m && !TrimValue(std::string_view(c.text).substr(m->end)).empty()) labelled = true;
      }
      if (!labelled) return false;
    }
    return true;
  }

  // Columns need a row of values side by side; a heading row alone
  // ("Ort<TAB>Datum" left blank) is one signer's empty fields.
  bool Columns(const std::vector<const Line*>& lines) const {
    for (const Line* l : lines) {
      if (l->NonEmptyCells() >= 2 && !LabelledPair(*l) && !IsHeaderRow(*l)) return true;
    }
    return false;
  }

  std::vector<Signature> Sequential(const Line& head, const std::vector<const Line*>& lines, const std::vector<Item>& shared) {
    Assembler a;
    std::string folded = FoldForMatch(head.text);
    if (folded.find("insatsagare") != std::string::npos) a.Role("insatsagare");
    if (folded.find("samverkanspart") != std::string::npos) a.Role("samverkanspart");
    for (const Item& it : shared) a.Feed(it);
    for (const Line* line : lines) {
      for (size_t c = 0; c < line->cells.size(); ++c) {
        std::string_view next = c + 1 < line->cells.size() ? std::string_view(line->cells[c + 1].text) : "";
        bool consumed = false;
        for (const Item& it : reader_.Read(line->cells[c].text, next, *line, &consumed)) a.Feed(it);
        if (consumed) ++c;
      }
    }
    return a.Finish();
  }

  // Multi-column blocks: a heading row names each column's role (a signature
  // table, one signer per row), or each column is one signer read top-down.
  // Single-cell lines (a shared "Ort den datum") apply to every column.
  std::vector<Signature> ColumnBlock(const std::vector<const Line*>& lines, std::vector<Item> shared) {
    std::vector<Box> columns;
    std::map<size_t, std::string> roles;
    std::map<size_t, Assembler> streams;
    std::vector<Signature> rows;
    bool table = false;
    for (const Line* line : lines) {
      if (!table && IsHeaderRow(*line)) {
        for (size_t c = 0; c < line->cells.size(); ++c) {
          if (auto role = RoleOfHeading(ctx_, line->cells[c].text)) roles[ColumnOf(line->cells[c], c, columns)] = *role;
        }
        table = true;
        continue;
      }
      if (line->NonEmptyCells() <= 1) {
        for (const Cell& cell : line->cells) {
          for (const Item& it : reader_.Read(cell.text, "", *line, nullptr)) shared.push_back(it);
        }
        continue;
      }
      Assembler row;
      for (size_t c = 0; c < line->cells.size(); ++c) {
        size_t col = ColumnOf(line->cells[c], c, columns);
        std::vector<Item> items = table ? reader_.ReadAs(roles.count(col) ? roles[col] : "", line->cells[c].text, *line)
                                        : reader_.Read(line->cells[c].text, "", *line, nullptr);
        for (const Item& it : items) (table ? row : streams[col]).Feed(it);
      }
      if (table) for (Signature& s : row.Finish()) rows.push_back(std::move(s));
    }
    if (!table) for (auto& [col, stream] : streams) for (Signature& s : stream.Finish()) rows.push_back(std::move(s));
    for (Signature& s : rows) {
      for (const Item& it : shared) {
        if (it.kind == Item::Kind::kDate && !s.date) { s.date = it.text; if (!it.place.empty()) s.place = it.place; }
      }
    }
    return rows;
  }

  const ExtractContext& ctx_;
  ItemReader reader_;
};

// A line that opens a signature section without a label: "Östersund den
// 16 januari 2023" alone, or "För <organisation>".
bool OpensUnlabelledBlock(const ExtractContext& ctx, const Line& line) {
  static const RE2 kFor("(?i)^för\\s+(.+)$");
  std::string org;
  if (line.NonEmptyCells() == 1 && RE2::FullMatch(line.text, kFor, &org)) {
    std::optional<OrgRef> ref = ctx.registry.Resolve(org);
    if (ref && ref->known) return true;
  }
  if (line.text.size() > 40) return false;
  std::optional<DateValue> d = ParseDate(line.text);
  if (!d) return false;
  std::string place = PlaceBefore(line.text, *d);
  return !place.empty() && std::string(TrimValue(std::string_view(line.text).substr(d->end))).empty();
}

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
    // The signer's name stands a few lines above the timestamp, perhaps with
    // initials "(CÅ)", an organisation and an e-mail address between.
    static const RE2 kInitials("\\s*\\([^)]{1,6}\\)\\s*$");
    std::optional<OrgRef> org;
    size_t seen = 0;
    for (size_t k = i; k-- > ctx.begin && seen < 5;) {
      const Line& line = ctx.lines[k];
      if (line.blank()) continue;
      ++seen;
      std::string text = line.text;
      RE2::Replace(&text, kInitials, "");
      std::optional<OrgRef> ref = ctx.registry.Resolve(text);
      if (ref && ref->known) { org = ref; continue; }
      std::optional<std::string> name = PersonName(text, nullptr);
      if (!name) continue;
      Signature s;
      s.name = name;
      s.organisation = org;
      s.date = date;
      s.method = "e-signature";
      s.page = line.page;
      s.line = line.number;
      s.text = line.text + " " + ctx.lines[i].text;
      out.push_back(std::move(s));
      break;
    }
  }
  return out;
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
  // Nobility and Dutch/German particles stay lower case inside a name.
  static const RE2 kParticle(" (Af|Von|De|Van|Der|Du|Da|Di|La|Le) ");
  std::string particle;
  while (RE2::PartialMatch(result, kParticle, &particle)) {
    std::string lower = particle;
    lower[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(lower[0])));
    RE2::Replace(&result, " " + particle + " ", " " + lower + " ");
  }
  return result;
}

std::vector<Signature> ExtractSignatures(const ExtractContext& ctx) {
  BlockParser parser(ctx);
  std::vector<Signature> found;
  // A bare "Ort datum" line opens a signature only after some body text:
  // at the top of a letter it is the letterhead's date.
  size_t prose_lines = 0;
  for (size_t i = ctx.begin; i < ctx.end;) {
    const Line& line = ctx.lines[i];
    prose_lines += std::count(line.text.begin(), line.text.end(), ' ') >= 8;
    bool opens = line.kind != LineKind::kRule &&
                 (ctx.Label("signature.block", line.text) || (prose_lines >= 1 && OpensUnlabelledBlock(ctx, line)));
    i = opens ? parser.Block(i, found) : i + 1;
  }
  std::vector<Signature> signers;
  for (Signature& s : found) {
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
        if (!s.organisation) s.organisation = e.organisation;
        merged = true;
        break;
      }
    }
    if (!merged) signers.push_back(std::move(e));
  }
  return signers;
}

}  // namespace finsam
