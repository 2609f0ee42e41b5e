// Organisation registry and extractor (see organisations.h): parses the TSV
// registry, folds every name into words once, indexes the names by their
// first word (plus a one-deletion index of first words for OCR slips) and
// matches text word by word, so no pattern is compiled per call.
// Tested by organisations_test.cc.
#include "extractors/organisations.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <sstream>
#include <unordered_map>
#include <utility>

#include "normalize/fold.h"

namespace finsam {

struct OrgRegistry::Entry {
  OrgKind kind = OrgKind::kOther;
  std::string canonical;
  bool generic = false;  // names a kind of body, not one body
  size_t line = 0;
};

namespace {

constexpr int kShortAliasLetters = 3;   // "FK", "AF", "RAR": upper-case only
constexpr int kFuzzyNameLetters = 8;    // names this long tolerate one edit...
constexpr int kFuzzyWordLetters = 6;    // ...inside a word at least this long

// One spelling of a body, folded into words.
struct Name {
  uint32_t entry = 0;
  std::vector<std::string> words;         // folded: no case, no diacritics
  std::vector<std::string> marked_words;  // no case, diacritics kept
  std::vector<int> word_letters;
  int letters = 0;
  bool short_alias = false;
  bool fuzzy_ok = false;
  bool has_twin = false;       // another body folds alike ("Håbo"/"Habo")
  bool needs_capital = false;  // in running text ("vara kommun" is not Vara)
};

// A field-only name ("Lund") and its body.
struct Bare {
  std::string marked;
  uint32_t entry = 0;
};

}  // namespace

struct OrgRegistry::Impl {
  std::vector<Entry> entries;
  std::vector<Name> names;
  // Folded first word → names starting with it.
  std::unordered_map<std::string, std::vector<uint32_t>> by_first;
  // A fuzzy-eligible first word and each of its one-deletion variants →
  // the first words they come from.
  std::unordered_map<std::string, std::vector<std::string>> by_deletion;
  // Folded words joined by ' ' → field-only names.
  std::unordered_map<std::string, std::vector<Bare>> field_only;
  // Marked words joined by ' ' → entry, to catch a name given to two bodies.
  std::unordered_map<std::string, uint32_t> owner, field_owner;
  // Tells registries apart in the per-thread candidate cache (an address
  // could be reused by the next registry).
  uint64_t generation = NextGeneration();

  static uint64_t NextGeneration() {
    static std::atomic<uint64_t> next{1};
    return next++;
  }
};

namespace {

using Impl = OrgRegistry::Impl;
using Entry = OrgRegistry::Entry;

// ---------------------------------------------------------------- words --

// A run of letters and digits in the text, folded for matching.
struct Word {
  size_t begin = 0, end = 0;  // bytes in the tokenized text
  std::string folded;
  int letters = 0;            // code points in `folded`
  bool upper = false;         // no lower-case letter
  bool capital = false;       // first letter upper-case
  bool joins_next = false;    // only spaces, dashes, ',', '&', '/' up to the next word
  bool tight_next = false;    // only spaces and hyphens: maybe one word split in two
  // Case-folded NFC with diacritics, computed on demand (MarkedOf).
  mutable std::string marked;
  mutable bool marked_ready = false;
};

// Case fold keeping diacritics, NFC: tells "Håbo" from "Habo".
std::string MarkedFold(std::string_view utf8) {
  icu::UnicodeString s = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_SUCCESS(status)) {
    icu::UnicodeString composed = nfc->normalize(s, status);
    if (U_SUCCESS(status)) s = composed;
  }
  s.foldCase();
  std::string out;
  s.toUTF8String(out);
  return out;
}

const std::string& MarkedOf(std::string_view text, const Word& w) {
  if (!w.marked_ready) {
    w.marked = MarkedFold(text.substr(w.begin, w.end - w.begin));
    w.marked_ready = true;
  }
  return w.marked;
}

bool IsWordChar(UChar32 c) {
  if (c < 0x80) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
  return u_isalnum(c) || u_charType(c) == U_NON_SPACING_MARK;
}

bool IsTight(UChar32 c) {
  if (c == ' ' || c == '\t' || c == '-') return true;
  return c == 0xAD || c == 0xA0;
}

bool IsJoiner(UChar32 c) {
  if (c == ' ' || c == '\t' || c == '-' || c == ',' || c == '&' || c == '/') return true;
  if (c < 0x80) return c == '\n' || c == '\r' || c == '\f' || c == '\v';
  return c == 0xAD || u_isUWhiteSpace(c) || u_charType(c) == U_DASH_PUNCTUATION;
}

// Base letter of a Latin-1 letter (index c & 0x1F), '?' when ICU must fold.
constexpr char kLatin1Base[] = "aaaaaa?ceeeeiiii?nooooo??uuuuy??";

// Appends the folded form of `c` to `out`; false when only ICU can fold it.
bool FastFold(UChar32 c, std::string* out) {
  if (c < 0x80) {
    out->push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
    return true;
  }
  if (u_charType(c) == U_NON_SPACING_MARK) return true;  // diacritic: dropped
  if (c == 0xFF) {
    out->push_back('y');
    return true;
  }
  if (c >= 0xC0 && c <= 0xFF && kLatin1Base[c & 0x1F] != '?') {
    out->push_back(kLatin1Base[c & 0x1F]);
    return true;
  }
  return false;
}

int CountCodePoints(std::string_view s) {
  int n = 0;
  for (char ch : s) n += (static_cast<unsigned char>(ch) & 0xC0) != 0x80;
  return n;
}

void UpdateCase(UChar32 c, bool first, Word* w) {
  bool lower = c < 0x80 ? (c >= 'a' && c <= 'z') : u_islower(c);
  bool upper = c < 0x80 ? (c >= 'A' && c <= 'Z') : u_isupper(c);
  if (lower) w->upper = false;
  if (first) w->capital = upper;
}

// Splits `text` into words; white space and punctuation only separate.
std::vector<Word> Tokenize(std::string_view text) {
  std::vector<Word> words;
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t n = static_cast<int32_t>(text.size());
  int32_t i = 0;
  Word* open = nullptr;  // the word being read
  bool needs_icu = false;
  bool gap_joins = true;
  bool gap_tight = true;
  while (i < n) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c >= 0 && IsWordChar(c)) {
      if (open == nullptr) {
        if (!words.empty()) {
          words.back().joins_next = gap_joins;
          words.back().tight_next = gap_tight;
        }
        words.emplace_back();
        open = &words.back();
        open->begin = static_cast<size_t>(start);
        open->upper = true;
        needs_icu = false;
        UpdateCase(c, true, open);
      } else {
        UpdateCase(c, false, open);
      }
      if (!needs_icu && !FastFold(c, &open->folded)) needs_icu = true;
      open->end = static_cast<size_t>(i);
      continue;
    }
    if (open != nullptr) {
      if (needs_icu) open->folded = FoldForMatch(text.substr(open->begin, open->end - open->begin));
      open->letters = CountCodePoints(open->folded);
      open = nullptr;
      gap_joins = true;
      gap_tight = true;
    }
    if (c < 0 || !IsJoiner(c)) gap_joins = false;
    if (c < 0 || !IsTight(c)) gap_tight = false;
  }
  if (open != nullptr) {
    if (needs_icu) open->folded = FoldForMatch(text.substr(open->begin, open->end - open->begin));
    open->letters = CountCodePoints(open->folded);
  }
  return words;
}

std::string JoinFolded(const std::vector<Word>& words) {
  std::string out;
  for (const Word& w : words) {
    if (!out.empty()) out.push_back(' ');
    out += w.folded;
  }
  return out;
}

std::string JoinMarked(std::string_view text, const std::vector<Word>& words) {
  std::string out;
  for (const Word& w : words) {
    if (!out.empty()) out.push_back(' ');
    out += MarkedOf(text, w);
  }
  return out;
}

// ------------------------------------------------------------- edit test --

bool IsAscii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char ch) { return (ch & 0x80) == 0; });
}

bool WithinOneEdit(std::string_view a, std::string_view b) {
  if (!IsAscii(a) || !IsAscii(b)) return BoundedEditDistance(a, b, 1) <= 1;
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() - a.size() > 1) return false;
  size_t i = 0;
  while (i < a.size() && a[i] == b[i]) ++i;
  if (i == a.size()) return true;  // equal, or b has one letter more at the end
  if (a.size() == b.size()) return a.substr(i + 1) == b.substr(i + 1);
  return a.substr(i) == b.substr(i + 1);
}

bool IsGenitive(std::string_view got, std::string_view want) {
  return got.size() == want.size() + 1 && got.back() == 's' && got.substr(0, want.size()) == want;
}

// Each string made by deleting one code point of `w`.
template <class Fn>
void ForEachDeletion(const std::string& w, std::string* buf, Fn fn) {
  for (size_t i = 0; i < w.size();) {
    size_t len = 1;
    while (i + len < w.size() && (static_cast<unsigned char>(w[i + len]) & 0xC0) == 0x80) ++len;
    buf->assign(w, 0, i);
    buf->append(w, i + len, std::string::npos);
    fn(*buf);
    i += len;
  }
}

// -------------------------------------------------------------- matching --

enum class Mode { kMentions, kResolve };

struct Match {
  uint32_t name = 0;
  size_t first = 0, count = 0;
  int edits = 0;
  int mark_hits = 0;  // words matching with their diacritics, for twins
};

struct Scratch {
  std::vector<uint32_t> candidates;
  std::string key, deletion;
};

void AddFirstWord(const Impl& impl, const std::string& key, std::vector<uint32_t>* out) {
  auto it = impl.by_first.find(key);
  if (it != impl.by_first.end()) out->insert(out->end(), it->second.begin(), it->second.end());
}

void AddNear(const Impl& impl, const std::string& key, std::vector<uint32_t>* out) {
  auto it = impl.by_deletion.find(key);
  if (it == impl.by_deletion.end()) return;
  for (const std::string& first : it->second) AddFirstWord(impl, first, out);
}

// Names whose first word is `folded` itself, its genitive or one OCR slip
// away from it.
void SingleWordCandidates(const Impl& impl, const std::string& folded, size_t letters, Scratch* s,
                          std::vector<uint32_t>* out) {
  AddFirstWord(impl, folded, out);
  if (folded.size() > 1 && folded.back() == 's') {
    s->key.assign(folded, 0, folded.size() - 1);
    AddFirstWord(impl, s->key, out);
  }
  if (letters >= kFuzzyWordLetters - 1 && !impl.by_deletion.empty()) {
    AddNear(impl, folded, out);
    ForEachDeletion(folded, &s->deletion, [&](const std::string& d) { AddNear(impl, d, out); });
  }
}

// SingleWordCandidates, remembered per thread: the same few thousand words
// recur in every document, and finding a word's fuzzy candidates afresh
// costs a hash lookup per letter. Bounded; emptied when full.
const std::vector<uint32_t>& CachedSingleWordCandidates(const Impl& impl, const Word& w, Scratch* s) {
  constexpr size_t kMaxCachedWords = 1 << 16;
  thread_local uint64_t generation = 0;
  thread_local std::unordered_map<std::string, std::vector<uint32_t>> cache;
  if (generation != impl.generation || cache.size() >= kMaxCachedWords) {
    cache.clear();
    generation = impl.generation;
  }
  auto [it, inserted] = cache.try_emplace(w.folded);
  if (inserted) {
    std::vector<uint32_t>& found = it->second;
    SingleWordCandidates(impl, w.folded, w.letters, s, &found);
    std::sort(found.begin(), found.end());
    found.erase(std::unique(found.begin(), found.end()), found.end());
  }
  return it->second;   // sorted, no repeats
}

// Names that could start at word i: same first word, its genitive, one OCR
// slip away, or split in two ("Försäkrings kassan").
void CollectCandidates(const Impl& impl, const std::vector<Word>& words, size_t i,
                       Scratch* s) {
  const Word& w = words[i];
  s->candidates.clear();
  if (w.tight_next && i + 1 < words.size() &&
      w.letters + words[i + 1].letters >= kFuzzyWordLetters) {
    s->key = w.folded;
    s->key += words[i + 1].folded;
    AddFirstWord(impl, s->key, &s->candidates);
  }
  const std::vector<uint32_t>& single = CachedSingleWordCandidates(impl, w, s);
  if (s->candidates.empty()) {
    s->candidates = single;
    return;
  }
  s->candidates.insert(s->candidates.end(), single.begin(), single.end());
  std::sort(s->candidates.begin(), s->candidates.end());
  s->candidates.erase(std::unique(s->candidates.begin(), s->candidates.end()),
                      s->candidates.end());
}

// True when words `a` and `b` written apart make `want` (or its genitive).
bool SplitMatches(const std::string& a, const std::string& b, const std::string& want,
                  bool last) {
  if (a.size() >= want.size() || want.compare(0, a.size(), a) != 0) return false;
  std::string joined = a + b;
  return joined == want || (last && IsGenitive(joined, want));
}

std::optional<Match> TryName(const Impl& impl, uint32_t id, std::string_view text,
                             const std::vector<Word>& words, size_t i, Mode mode) {
  const Name& name = impl.names[id];
  const size_t k = name.words.size();
  if (i + k > words.size() + 1) return std::nullopt;
  if (mode == Mode::kMentions && !words[i].capital &&
      (name.needs_capital || impl.entries[name.entry].generic)) {
    return std::nullopt;
  }
  int edits = 0, hits = 0;
  size_t t = i;  // next text word
  for (size_t j = 0; j < k; ++j) {
    if (t >= words.size()) return std::nullopt;
    if (t > i && !words[t - 1].joins_next) return std::nullopt;
    const Word& got = words[t];
    if (name.short_alias && !got.upper) return std::nullopt;
    const std::string& want = name.words[j];
    const bool last = j + 1 == k;
    if (name.has_twin) hits += MarkedOf(text, got) == name.marked_words[j];
    if (got.folded == want || (last && !name.short_alias && IsGenitive(got.folded, want))) {
      ++t;
      continue;
    }
    if (edits == 0 && name.fuzzy_ok && name.word_letters[j] >= kFuzzyWordLetters) {
      if (WithinOneEdit(got.folded, want)) {
        edits = 1;
        ++t;
        continue;
      }
      if (got.tight_next && t + 1 < words.size() &&
          SplitMatches(got.folded, words[t + 1].folded, want, last)) {
        edits = 1;
        t += 2;
        continue;
      }
    }
    return std::nullopt;
  }
  return Match{id, i, t - i, edits, hits};
}

// Longest match starting at word i; then fewest edits; then a body before a
// generic word; then registry order.
bool Better(const Impl& impl, const Match& a, const Match& b) {
  if (a.count != b.count) return a.count > b.count;
  if (a.edits != b.edits) return a.edits < b.edits;
  if (a.mark_hits != b.mark_hits) return a.mark_hits > b.mark_hits;
  bool ga = impl.entries[impl.names[a.name].entry].generic;
  bool gb = impl.entries[impl.names[b.name].entry].generic;
  if (ga != gb) return gb;
  return a.name < b.name;
}

std::optional<Match> BestAt(const Impl& impl, std::string_view text,
                            const std::vector<Word>& words, size_t i, Mode mode, Scratch* s) {
  CollectCandidates(impl, words, i, s);
  std::optional<Match> best;
  for (uint32_t id : s->candidates) {
    std::optional<Match> m = TryName(impl, id, text, words, i, mode);
    if (m && (!best || Better(impl, *m, *best))) best = m;
  }
  return best;
}

std::vector<Match> AllMatches(const Impl& impl, std::string_view text,
                              const std::vector<Word>& words, Mode mode) {
  std::vector<Match> out;
  Scratch s;
  for (size_t i = 0; i < words.size();) {
    std::optional<Match> m = BestAt(impl, text, words, i, mode, &s);
    if (!m) {
      ++i;
      continue;
    }
    out.push_back(*m);
    i += m->count;
  }
  return out;
}

const Entry& EntryOf(const Impl& impl, const Match& m) {
  return impl.entries[impl.names[m.name].entry];
}

// --------------------------------------------------------------- resolve --

bool IsSpaceAt(std::string_view s, size_t i, size_t* len) {
  unsigned char ch = static_cast<unsigned char>(s[i]);
  if (ch == ' ' || (ch >= '\t' && ch <= '\r')) {
    *len = 1;
    return true;
  }
  if (ch == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
    *len = 2;  // no-break space
    return true;
  }
  return false;
}

// Byte span of `written` without surrounding white space and trailing
// ".,:;".
std::pair<size_t, size_t> CleanSpan(std::string_view written) {
  size_t b = 0, e = written.size(), len = 0;
  while (b < e && IsSpaceAt(written, b, &len)) b += len;
  while (e > b) {
    char ch = written[e - 1];
    if (ch == '.' || ch == ',' || ch == ':' || ch == ';' || ch == ' ' ||
        (ch >= '\t' && ch <= '\r')) {
      --e;
    } else if (e - b >= 2 && written.substr(e - 2, 2) == "\xC2\xA0") {
      e -= 2;
    } else {
      break;
    }
  }
  return {b, e};
}

bool IsSeparatorByte(char ch, bool left_part) {
  if (ch == ' ' || (ch >= '\t' && ch <= '\r')) return true;
  if (ch == ',' || ch == ';' || ch == ':' || ch == '/' || ch == '-') return true;
  return left_part ? ch == '(' : ch == ')';
}

constexpr std::string_view kDashes[] = {"\xE2\x80\x93", "\xE2\x80\x94", "\xC2\xA0"};

std::string_view TrimSeparators(std::string_view s, bool left_part) {
  bool changed = true;
  while (changed && !s.empty()) {
    changed = false;
    if (left_part && IsSeparatorByte(s.back(), true)) {
      s.remove_suffix(1);
      changed = true;
    } else if (!left_part && IsSeparatorByte(s.front(), false)) {
      s.remove_prefix(1);
      changed = true;
    }
    for (std::string_view d : kDashes) {
      if (left_part && s.size() >= d.size() && s.substr(s.size() - d.size()) == d) {
        s.remove_suffix(d.size());
        changed = true;
      } else if (!left_part && s.substr(0, d.size()) == d) {
        s.remove_prefix(d.size());
        changed = true;
      }
    }
  }
  // Always trim plain white space on the outer side too.
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool IsLinkWord(std::string_view w) {
  std::string f = FoldForMatch(w);
  return f == "i" || f == "vid" || f == "inom" || f == "hos" || f == "pa";
}

// Drops "i", "vid", ... left dangling next to the removed body.
std::string_view DropLinkWord(std::string_view s, bool left_part) {
  if (s.find(' ') == std::string_view::npos && IsLinkWord(s)) return {};
  if (left_part) {
    size_t sp = s.find_last_of(' ');
    if (sp != std::string_view::npos && IsLinkWord(s.substr(sp + 1))) {
      return TrimSeparators(s.substr(0, sp), true);
    }
  } else {
    size_t sp = s.find(' ');
    if (sp != std::string_view::npos && IsLinkWord(s.substr(0, sp))) {
      return TrimSeparators(s.substr(sp + 1), false);
    }
  }
  return s;
}

std::string_view BalanceParens(std::string_view s) {
  auto count = [](std::string_view v, char ch) { return std::count(v.begin(), v.end(), ch); };
  if (s.size() >= 2 && s.front() == '(' && s.back() == ')' &&
      count(s.substr(1, s.size() - 2), '(') == 0) {
    s = s.substr(1, s.size() - 2);
  }
  if (!s.empty() && s.back() == ')' && count(s, ')') > count(s, '(')) s.remove_suffix(1);
  if (!s.empty() && s.front() == '(' && count(s, '(') > count(s, ')')) s.remove_prefix(1);
  return TrimSeparators(TrimSeparators(s, true), false);
}

std::optional<std::string> UnitAround(std::string_view name, const std::vector<Word>& words,
                                      const Match& m) {
  std::string_view before = name.substr(0, words[m.first].begin);
  std::string_view after = name.substr(words[m.first + m.count - 1].end);
  before = BalanceParens(DropLinkWord(TrimSeparators(before, true), true));
  after = BalanceParens(DropLinkWord(TrimSeparators(after, false), false));
  std::string unit(before);
  if (!before.empty() && !after.empty()) unit += ", ";
  unit += after;
  if (unit.empty()) return std::nullopt;
  return unit;
}

// The body a written organisation names: the first one if it opens the
// text, else the one that closes it, else the first one.
const Match* ChooseBody(const Impl& impl, const std::vector<Match>& matches, size_t n_words) {
  const Match* first = nullptr;
  const Match* closing = nullptr;
  for (const Match& m : matches) {
    if (EntryOf(impl, m).generic) continue;
    if (m.first == 0) return &m;
    if (first == nullptr) first = &m;
    if (m.first + m.count == n_words) closing = &m;
  }
  return closing != nullptr ? closing : first;
}

// ----------------------------------------------------------------- load --

Error SyntaxError(const std::string& origin, size_t line, std::string message) {
  return Error{"registry_syntax", std::move(message), origin + ":" + std::to_string(line)};
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    size_t pos = s.find(sep, start);
    out.push_back(s.substr(start, pos == std::string_view::npos ? std::string_view::npos
                                                                 : pos - start));
    if (pos == std::string_view::npos) break;
    start = pos + 1;
  }
  return out;
}

struct KindName {
  std::string_view text;
  OrgKind kind;
  bool generic;
};

constexpr KindName kKinds[] = {
    {"agency", OrgKind::kAgency, false},          {"region", OrgKind::kRegion, false},
    {"kommun", OrgKind::kKommun, false},          {"forbund", OrgKind::kForbund, false},
    {"generic-agency", OrgKind::kAgency, true},   {"generic-region", OrgKind::kRegion, true},
    {"generic-kommun", OrgKind::kKommun, true},   {"generic-forbund", OrgKind::kForbund, true},
};

const KindName* ParseKind(std::string_view s) {
  for (const KindName& k : kKinds) {
    if (k.text == s) return &k;
  }
  return nullptr;
}

class Builder {
 public:
  explicit Builder(const std::string& origin) : origin_(origin), impl_(std::make_unique<Impl>()) {}

  std::optional<Error> AddLine(std::string_view line, size_t line_no);
  std::unique_ptr<Impl> Finish();

 private:
  std::optional<Error> AddName(std::string_view written, uint32_t entry, size_t line_no);
  std::optional<Error> AddFieldOnly(std::string_view written, uint32_t entry, size_t line_no);
  std::optional<Error> Claim(std::unordered_map<std::string, uint32_t>* names,
                             const std::string& key, std::string_view written, uint32_t entry,
                             size_t line_no, bool* fresh);

  const std::string& origin_;
  std::unique_ptr<Impl> impl_;
};

std::optional<Error> Builder::Claim(std::unordered_map<std::string, uint32_t>* names,
                                    const std::string& key, std::string_view written,
                                    uint32_t entry, size_t line_no, bool* fresh) {
  auto [it, inserted] = names->emplace(key, entry);
  *fresh = inserted;
  if (inserted || it->second == entry) return std::nullopt;
  const Entry& other = impl_->entries[it->second];
  return SyntaxError(origin_, line_no,
                     "name '" + std::string(written) + "' already belongs to '" +
                         other.canonical + "' (line " + std::to_string(other.line) + ")");
}

std::optional<Error> Builder::AddName(std::string_view written, uint32_t entry, size_t line_no) {
  std::vector<Word> words = Tokenize(written);
  if (words.empty()) {
    return SyntaxError(origin_, line_no, "name '" + std::string(written) + "' has no letters");
  }
  bool fresh = false;
  if (auto err = Claim(&impl_->owner, JoinMarked(written, words), written, entry, line_no,
                       &fresh)) {
    return err;
  }
  if (!fresh) return std::nullopt;  // the same body spelled alike twice
  Name name;
  name.entry = entry;
  for (Word& w : words) {
    name.letters += w.letters;
    name.word_letters.push_back(w.letters);
    name.marked_words.push_back(MarkedOf(written, w));
    name.words.push_back(std::move(w.folded));
  }
  name.short_alias = name.letters <= kShortAliasLetters;
  const Entry& body = impl_->entries[entry];
  name.fuzzy_ok = !name.short_alias && !body.generic && name.letters >= kFuzzyNameLetters;
  name.needs_capital = body.kind == OrgKind::kKommun && !body.generic;
  impl_->by_first[name.words.front()].push_back(static_cast<uint32_t>(impl_->names.size()));
  impl_->names.push_back(std::move(name));
  return std::nullopt;
}

std::optional<Error> Builder::AddFieldOnly(std::string_view written, uint32_t entry,
                                           size_t line_no) {
  std::vector<Word> words = Tokenize(written);
  if (words.empty()) {
    return SyntaxError(origin_, line_no,
                       "field-only name '" + std::string(written) + "' has no letters");
  }
  bool fresh = false;
  std::string marked = JoinMarked(written, words);
  if (auto err = Claim(&impl_->field_owner, marked, written, entry, line_no, &fresh)) return err;
  if (fresh) impl_->field_only[JoinFolded(words)].push_back(Bare{std::move(marked), entry});
  return std::nullopt;
}

std::optional<Error> Builder::AddLine(std::string_view line, size_t line_no) {
  std::vector<std::string_view> cols = Split(line, '\t');
  if (cols.size() < 2 || cols.size() > 4) {
    return SyntaxError(origin_, line_no,
                       "expected 2 to 4 TAB-separated columns (kind, canonical, aliases, "
                       "field-only names), found " + std::to_string(cols.size()));
  }
  const KindName* kind = ParseKind(Trim(cols[0]));
  if (kind == nullptr) {
    return SyntaxError(origin_, line_no,
                       "unknown kind '" + std::string(Trim(cols[0])) +
                           "' (agency, region, kommun, forbund or generic-<kind>)");
  }
  std::string_view canonical = Trim(cols[1]);
  if (canonical.empty()) return SyntaxError(origin_, line_no, "empty canonical name");
  auto entry = static_cast<uint32_t>(impl_->entries.size());
  impl_->entries.push_back(Entry{kind->kind, std::string(canonical), kind->generic, line_no});
  if (auto err = AddName(canonical, entry, line_no)) return err;
  if (cols.size() >= 3) {
    for (std::string_view alias : Split(cols[2], '|')) {
      alias = Trim(alias);
      if (alias.empty()) continue;
      if (auto err = AddName(alias, entry, line_no)) return err;
    }
  }
  if (cols.size() == 4) {
    for (std::string_view bare : Split(cols[3], '|')) {
      bare = Trim(bare);
      if (bare.empty()) continue;
      if (auto err = AddFieldOnly(bare, entry, line_no)) return err;
    }
  }
  return std::nullopt;
}

// Marks names whose folded words equal those of another body's name.
void MarkTwins(Impl* impl) {
  std::unordered_map<std::string, std::vector<uint32_t>> by_words;
  for (uint32_t id = 0; id < impl->names.size(); ++id) {
    std::string key;
    for (const std::string& w : impl->names[id].words) key += w + ' ';
    by_words[key].push_back(id);
  }
  for (const auto& [key, ids] : by_words) {
    if (ids.size() < 2) continue;
    for (uint32_t id : ids) impl->names[id].has_twin = true;
  }
}

std::unique_ptr<Impl> Builder::Finish() {
  MarkTwins(impl_.get());
  std::string buf;
  for (const auto& entry : impl_->by_first) {
    // A plain reference, not a structured binding: lambdas may capture it
    // under every compiler the project builds with (clang 14 for fuzzing).
    const std::string& first = entry.first;
    const auto& ids = entry.second;
    bool eligible = std::any_of(ids.begin(), ids.end(),
                                [&](uint32_t id) { return impl_->names[id].fuzzy_ok; });
    if (!eligible || CountCodePoints(first) < kFuzzyWordLetters) continue;
    impl_->by_deletion[first].push_back(first);
    ForEachDeletion(first, &buf, [&](const std::string& d) {
      impl_->by_deletion[d].push_back(first);
    });
  }
  for (auto& [key, firsts] : impl_->by_deletion) {
    std::sort(firsts.begin(), firsts.end());
    firsts.erase(std::unique(firsts.begin(), firsts.end()), firsts.end());
  }
  return std::move(impl_);
}

}  // namespace

// --------------------------------------------------------------- public --

OrgRegistry::OrgRegistry(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
OrgRegistry::~OrgRegistry() = default;

Result<std::shared_ptr<const OrgRegistry>> OrgRegistry::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Error{"registry_io",
                 std::string("cannot read organisation registry: ") + std::strerror(errno), path};
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return Error{"registry_io", "error reading organisation registry", path};
  return FromText(text.str(), path);
}

Result<std::shared_ptr<const OrgRegistry>> OrgRegistry::FromText(std::string_view tsv,
                                                                 const std::string& origin) {
  Builder builder(origin);
  size_t line_no = 0;
  for (std::string_view line : Split(tsv, '\n')) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    std::string_view content = Trim(line);
    if (content.empty() || content.front() == '#') continue;
    if (auto err = builder.AddLine(line, line_no)) return *err;
  }
  return std::shared_ptr<const OrgRegistry>(
      std::make_shared<const OrgRegistry>(builder.Finish()));
}

std::optional<OrgRef> OrgRegistry::Resolve(std::string_view written) const {
  auto [b, e] = CleanSpan(written);
  std::string_view name = written.substr(b, e - b);
  std::vector<Word> words = Tokenize(name);
  if (words.empty()) return std::nullopt;
  OrgRef ref;
  ref.name = std::string(name);
  ref.canonical = ref.name;
  ref.begin = b;
  ref.end = e;
  auto bare = impl_->field_only.find(JoinFolded(words));
  if (bare != impl_->field_only.end()) {
    const Bare* pick = &bare->second.front();
    if (bare->second.size() > 1) {
      std::string marked = JoinMarked(name, words);
      for (const Bare& candidate : bare->second) {
        if (candidate.marked == marked) pick = &candidate;
      }
    }
    const Entry& entry = impl_->entries[pick->entry];
    ref.canonical = entry.canonical;
    ref.kind = entry.kind;
    ref.known = true;
    return ref;
  }
  std::vector<Match> matches = AllMatches(*impl_, name, words, Mode::kResolve);
  if (const Match* body = ChooseBody(*impl_, matches, words.size())) {
    const Entry& entry = EntryOf(*impl_, *body);
    ref.canonical = entry.canonical;
    ref.kind = entry.kind;
    ref.known = true;
    bool lists_bodies = std::any_of(matches.begin(), matches.end(), [&](const Match& m) {
      return &m != body && !EntryOf(*impl_, m).generic;
    });
    if (!lists_bodies) ref.unit = UnitAround(name, words, *body);
    return ref;
  }
  if (!matches.empty()) ref.kind = EntryOf(*impl_, matches.front()).kind;  // generic word
  return ref;
}

std::vector<OrgRef> OrgRegistry::FindMentions(std::string_view text) const {
  std::vector<Word> words = Tokenize(text);
  std::vector<OrgRef> out;
  for (const Match& m : AllMatches(*impl_, text, words, Mode::kMentions)) {
    const Entry& entry = EntryOf(*impl_, m);
    OrgRef ref;
    ref.begin = words[m.first].begin;
    ref.end = words[m.first + m.count - 1].end;
    ref.name = std::string(text.substr(ref.begin, ref.end - ref.begin));
    ref.known = !entry.generic;
    ref.canonical = ref.known ? entry.canonical : ref.name;
    ref.kind = entry.kind;
    out.push_back(std::move(ref));
  }
  return out;
}

size_t OrgRegistry::size() const {
  return static_cast<size_t>(std::count_if(impl_->entries.begin(), impl_->entries.end(),
                                           [](const Entry& e) { return !e.generic; }));
}

size_t OrgRegistry::CountKind(OrgKind kind) const {
  return static_cast<size_t>(
      std::count_if(impl_->entries.begin(), impl_->entries.end(),
                    [kind](const Entry& e) { return !e.generic && e.kind == kind; }));
}

}  // namespace finsam
