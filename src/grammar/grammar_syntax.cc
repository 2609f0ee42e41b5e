// Parser of the grammar language: tokenizer, block structure, checks.
// Tested by grammar_loader_test.cc.
#include "grammar/grammar_syntax.h"

#include <cctype>
#include <charconv>
#include <set>
#include <sstream>

#include "grammar/grammar_loader.h"
#include "grammar/label_match.h"

namespace finsam {

bool TokenizeGrammarLine(std::string_view line, std::vector<GrammarToken>& tokens,
                         int& error_column, std::string& error) {
  size_t i = 0;
  while (i < line.size()) {
    if (line[i] == ' ' || line[i] == '\t') { ++i; continue; }
    if (line[i] == '#') break;
    GrammarToken token;
    token.column = static_cast<int>(i) + 1;
    if (line[i] == '/') {
      // A regex runs to the next unescaped "/" that ends a token.
      size_t j = i + 1;
      for (; j < line.size(); ++j) {
        if (line[j] == '\\') { ++j; continue; }
        if (line[j] == '/' && (j + 1 == line.size() || line[j + 1] == ' ' || line[j + 1] == '\t')) break;
      }
      if (j >= line.size()) {
        error_column = token.column;
        error = "unterminated /pattern/";
        return false;
      }
      token.kind = GrammarToken::Kind::kRegex;
      token.text = std::string(line.substr(i + 1, j - i - 1));
      i = j + 1;
    } else {
      size_t j = line.find_first_of(" \t", i);
      if (j == std::string_view::npos) j = line.size();
      std::string word(line.substr(i, j - i));
      size_t eq = word.find('=');
      if (eq != std::string::npos && eq > 0) {
        token.kind = GrammarToken::Kind::kOption;
        token.text = word.substr(0, eq);
        token.value = word.substr(eq + 1);
      } else {
        token.text = word;
      }
      i = j;
    }
    tokens.push_back(std::move(token));
  }
  return true;
}

namespace {

const std::set<std::string>& ValueTypes() {
  static const std::set<std::string> kTypes = {
      "text", "orgs", "funder", "period", "amount", "id", "participants", "budget", "signatures"};
  return kTypes;
}

const std::set<std::string>& Derivations() {
  static const std::set<std::string> kDerivations = {
      "first-forbund-mention", "signature-owners", "opening-organisations",
      "budget-table", "participant-table", "signature-blocks", "first-heading"};
  return kDerivations;
}

// Folds Swedish diacritics and case inside a label pattern so "Insatsägare"
// also matches "INSATSAGARE" and OCR'd "Insatsagare".
std::string LetterClass(char32_t c) {
  switch (c) {
    case U'a': case U'å': case U'ä': case U'á': case U'à': return "[aåäáàâ]";
    case U'o': case U'ö': case U'ó': case U'ò': case U'ø': return "[oöóòôø]";
    case U'e': case U'é': case U'è': case U'ë': return "[eéèëê]";
    case U'u': case U'ü': case U'ú': return "[uüú]";
    case U'i': case U'í': case U'ï': return "[iíï]";
    default: return "";
  }
}

char32_t DecodeUtf8(std::string_view s, size_t& i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
  char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
  for (int k = 1; k < len && i + k < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  i += len;
  return cp;
}

std::string LowerAscii(char32_t cp) {
  if (cp >= U'A' && cp <= U'Z') cp = cp - U'A' + U'a';
  if (cp == U'Å') cp = U'å';
  if (cp == U'Ä') cp = U'ä';
  if (cp == U'Ö') cp = U'ö';
  std::string cls = LetterClass(cp);
  if (!cls.empty()) return cls;
  std::string out;
  if (cp < 0x80) {
    char ch = static_cast<char>(cp);
    if (ch == ' ') return "\\s+";
    if (ch == '-' || ch == '/') return std::string("\\s*\\") + ch + "?\\s*";
    out = RE2::QuoteMeta(std::string(1, ch));
    return out;
  }
  // Re-encode other code points as UTF-8 literals.
  if (cp < 0x800) { out += static_cast<char>(0xC0 | (cp >> 6)); out += static_cast<char>(0x80 | (cp & 0x3F)); }
  else if (cp < 0x10000) { out += static_cast<char>(0xE0 | (cp >> 12)); out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F)); out += static_cast<char>(0x80 | (cp & 0x3F)); }
  else { out += static_cast<char>(0xF0 | (cp >> 18)); out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F)); out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F)); out += static_cast<char>(0x80 | (cp & 0x3F)); }
  return out;
}

}  // namespace

std::string LabelRegexSource(const std::vector<std::string>& variants) {
  std::string alternatives;
  for (const std::string& v : variants) {
    if (!alternatives.empty()) alternatives += '|';
    for (size_t i = 0; i < v.size();) alternatives += LowerAscii(DecodeUtf8(v, i));
  }
  // Optional numbering or bullet before; optional digit, "(*)" and ":" after;
  // then the label must end at a non-letter. Letters here are those of the
  // Latin scripts (to U+024F): all of Unicode's \pL and \pN made every
  // label set's RE2 program four times larger, and slower to build and run.
  return "(?i)^\\s*(?:(?:\\d{1,2}(?:\\.\\d{1,2})*\\.?|[a-z]\\)|[-•*])\\s+)?(" + alternatives +
         ")(?:\\s*\\d{1,2})?(?:\\s*(\\(\\*\\)))?\\s*:?($|[^0-9A-Za-z\\x{C0}-\\x{D6}\\x{D8}-\\x{F6}\\x{F8}-\\x{24F}])";
}

namespace {

struct Parser {
  std::string file;
  Grammar& grammar;
  enum class Block { kNone, kLabels, kField, kFamily, kTemplate } block = Block::kNone;
  std::string block_name;
  int line_number = 0;

  Error Fail(const std::string& code, int column, const std::string& fragment, const std::string& msg) {
    SourcePos pos{file, line_number, column};
    return Error{code, msg + (fragment.empty() ? "" : ": '" + fragment + "'"), pos.ToString()};
  }

  Result<std::unique_ptr<RE2>> Compile(const GrammarToken& token) {
    RE2::Options options;
    options.set_log_errors(false);
    options.set_case_sensitive(false);
    auto re = std::make_unique<RE2>(token.text, options);
    if (!re->ok()) {
      return Fail("grammar_regex", token.column, re->error_arg(), "invalid pattern (" + re->error() + ")");
    }
    return re;
  }

  Result<bool> Header(const std::vector<GrammarToken>& t);
  Result<bool> Body(std::string_view raw, const std::vector<GrammarToken>& t);
  Result<bool> FieldRule(const std::vector<GrammarToken>& t);
  Result<bool> FamilyLine(const std::vector<GrammarToken>& t);
};

Field* FindField(Grammar& g, const std::string& name) {
  for (Field& f : g.fields) if (f.name == name) return &f;
  return nullptr;
}

Result<bool> Parser::Header(const std::vector<GrammarToken>& t) {
  const std::string& keyword = t[0].text;
  auto need = [&](size_t n, const char* what) -> Result<bool> {
    if (t.size() < n) return Fail("grammar_syntax", t[0].column, keyword, std::string("expected ") + what);
    return true;
  };
  if (keyword == "labels") {
    if (auto r = need(2, "'labels NAME'"); !r.ok()) return r;
    block = Block::kLabels;
    block_name = t[1].text;
    LabelSet& set = grammar.labels[block_name];
    set.name = block_name;
    set.pos = {file, line_number, 1};
  } else if (keyword == "field") {
    if (auto r = need(3, "'field NAME TYPE'"); !r.ok()) return r;
    if (!ValueTypes().count(t[2].text)) {
      return Fail("grammar_reference", t[2].column, t[2].text, "unknown value type");
    }
    block = Block::kField;
    block_name = t[1].text;
    Field* field = FindField(grammar, block_name);
    if (!field) {
      grammar.fields.push_back(Field{block_name, t[2].text, {}, {file, line_number, 1}});
    } else if (field->type != t[2].text) {
      return Fail("grammar_reference", t[2].column, t[2].text, "field '" + block_name + "' was declared with type " + field->type);
    }
  } else if (keyword == "family") {
    if (auto r = need(2, "'family NAME'"); !r.ok()) return r;
    block = Block::kFamily;
    block_name = t[1].text;
    auto& fams = grammar.families;
    fams.erase(std::remove_if(fams.begin(), fams.end(), [&](const Family& f) { return f.name == block_name; }), fams.end());
    fams.push_back(Family{});
    fams.back().name = block_name;
    fams.back().pos = {file, line_number, 1};
  } else if (keyword == "template") {
    if (auto r = need(3, "'template NAME FAMILY'"); !r.ok()) return r;
    block = Block::kTemplate;
    block_name = t[1].text;
    auto& tpls = grammar.templates;
    tpls.erase(std::remove_if(tpls.begin(), tpls.end(), [&](const Template& x) { return x.name == block_name; }), tpls.end());
    tpls.push_back(Template{});
    tpls.back().name = block_name;
    tpls.back().family = t[2].text;
    tpls.back().pos = {file, line_number, 1};
  } else {
    return Fail("grammar_syntax", t[0].column, keyword, "expected 'labels', 'field', 'family' or 'template' at the start of a block");
  }
  return true;
}

Result<bool> Parser::FieldRule(const std::vector<GrammarToken>& t) {
  if (t.size() < 2) return Fail("grammar_syntax", t[0].column, t[0].text, "expected 'RULE-ID KIND ...'");
  Rule rule;
  rule.id = t[0].text;
  rule.pos = {file, line_number, t[0].column};
  const std::string& kind = t[1].text;
  size_t next = 2;
  auto arg = [&](const char* what) -> Result<const GrammarToken*> {
    if (next >= t.size() || t[next].kind == GrammarToken::Kind::kOption) {
      return Fail("grammar_syntax", t[1].column, kind, std::string("expected ") + what);
    }
    return &t[next++];
  };
  if (kind == "label" || kind == "section") {
    auto a = arg("a label set name");
    if (!a.ok()) return a.error();
    rule.kind = kind == "label" ? RuleKind::kLabel : RuleKind::kSection;
    rule.labels = (*a)->text;
    if (kind == "section") rule.take = Take::kSection;
  } else if (kind == "pattern") {
    auto a = arg("a /pattern/");
    if (!a.ok()) return a.error();
    if ((*a)->kind != GrammarToken::Kind::kRegex) return Fail("grammar_syntax", (*a)->column, (*a)->text, "expected a /pattern/");
    auto re = Compile(**a);
    if (!re.ok()) return re.error();
    rule.kind = RuleKind::kPattern;
    rule.pattern = std::move(re.value());
    rule.gate = LiteralGate((*a)->text);
  } else if (kind == "derive") {
    auto a = arg("a derivation name");
    if (!a.ok()) return a.error();
    if (!Derivations().count((*a)->text)) return Fail("grammar_reference", (*a)->column, (*a)->text, "unknown derivation");
    rule.kind = RuleKind::kDerive;
    rule.derive = (*a)->text;
  } else {
    return Fail("grammar_syntax", t[1].column, kind, "unknown rule kind (label, section, pattern, derive)");
  }
  for (; next < t.size(); ++next) {
    const GrammarToken& o = t[next];
    if (o.kind != GrammarToken::Kind::kOption) return Fail("grammar_syntax", o.column, o.text, "expected key=value");
    if (o.text == "take") {
      if (o.value == "rest") rule.take = Take::kRest;
      else if (o.value == "next") rule.take = Take::kNext;
      else if (o.value == "rest-or-next") rule.take = Take::kRestOrNext;
      else if (o.value == "section") rule.take = Take::kSection;
      else if (o.value.rfind("lines:", 0) == 0 && o.value.size() > 6 && std::isdigit(static_cast<unsigned char>(o.value[6]))) {
        rule.take = Take::kLines;
        rule.lines = std::min(20, std::atoi(o.value.c_str() + 6));
      } else {
        return Fail("grammar_syntax", o.column, o.value, "take= is rest, next, rest-or-next, lines:N or section");
      }
    } else if (o.text == "sub") {
      rule.sub = o.value;
    } else if (o.text == "in") {
      std::stringstream list(o.value);
      for (std::string f; std::getline(list, f, ',');) if (!f.empty()) rule.families.insert(f);
    } else if (o.text == "max" && rule.kind == RuleKind::kPattern) {
      int n = 0;
      auto [end, ec] = std::from_chars(o.value.data(), o.value.data() + o.value.size(), n);
      if (ec != std::errc() || end != o.value.data() + o.value.size() || n <= 0) {
        return Fail("grammar_syntax", o.column, o.value, "max= is a number of characters, at least 1");
      }
      rule.max_chars = static_cast<size_t>(n);
    } else {
      return Fail("grammar_syntax", o.column, o.text,
                  rule.kind == RuleKind::kPattern ? "unknown option (take, sub, in, max)" : "unknown option (take, sub, in)");
    }
  }
  Field* field = FindField(grammar, block_name);
  for (Rule& existing : field->rules) {
    if (existing.id == rule.id) { existing = std::move(rule); return true; }
  }
  field->rules.push_back(std::move(rule));
  return true;
}

Result<bool> Parser::FamilyLine(const std::vector<GrammarToken>& t) {
  const std::string& key = t[0].text;
  Family& family = grammar.families.back();
  if (key == "starts") {
    if (t.size() != 2 || t[1].kind != GrammarToken::Kind::kRegex) return Fail("grammar_syntax", t[0].column, key, "expected 'starts /pattern/'");
    auto re = Compile(t[1]);
    if (!re.ok()) return re.error();
    family.starts.push_back(std::move(re.value()));
  } else if (key == "score") {
    if (t.size() < 3 || t[2].kind != GrammarToken::Kind::kRegex) return Fail("grammar_syntax", t[0].column, key, "expected 'score WEIGHT /pattern/ [head] [max=N]'");
    ScoreRule score;
    score.weight = std::atoi(t[1].text.c_str());
    auto re = Compile(t[2]);
    if (!re.ok()) return re.error();
    score.pattern = std::move(re.value());
    score.gate = LiteralGate(t[2].text);
    for (size_t i = 3; i < t.size(); ++i) {
      if (t[i].text == "head") score.head_only = true;
      else if (t[i].kind == GrammarToken::Kind::kOption && t[i].text == "max") score.max_hits = std::max(1, std::atoi(t[i].value.c_str()));
      else return Fail("grammar_syntax", t[i].column, t[i].text, "expected 'head' or max=N");
    }
    family.scores.push_back(std::move(score));
  } else if (key == "require") {
    for (size_t i = 1; i < t.size(); ++i) family.required.push_back(t[i].text);
  } else if (key == "must-sign") {
    family.must_sign = true;
  } else {
    return Fail("grammar_syntax", t[0].column, key, "expected starts, score, require or must-sign");
  }
  return true;
}

Result<bool> Parser::Body(std::string_view raw, const std::vector<GrammarToken>& t) {
  switch (block) {
    case Block::kNone:
      return Fail("grammar_syntax", t[0].column, t[0].text, "indented line outside a block");
    case Block::kLabels: {
      // A label variant is the whole line (words may contain spaces).
      size_t b = raw.find_first_not_of(" \t");
      size_t hash = raw.find(" #");
      std::string_view v = raw.substr(b, hash == std::string_view::npos ? std::string_view::npos : hash - b);
      while (!v.empty() && (v.back() == ' ' || v.back() == '\t' || v.back() == '\r')) v.remove_suffix(1);
      grammar.labels[block_name].variants.emplace_back(v);
      return true;
    }
    case Block::kField:
      return FieldRule(t);
    case Block::kFamily:
      return FamilyLine(t);
    case Block::kTemplate: {
      if (t[0].text != "match" || t.size() != 2 || t[1].kind != GrammarToken::Kind::kRegex) {
        return Fail("grammar_syntax", t[0].column, t[0].text, "expected 'match /pattern/'");
      }
      auto re = Compile(t[1]);
      if (!re.ok()) return re.error();
      grammar.templates.back().matches.push_back(std::move(re.value()));
      return true;
    }
  }
  return true;
}

}  // namespace

Result<bool> ParseGrammarText(std::string_view text, const std::string& file, Grammar& grammar) {
  Parser parser{file, grammar};
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view raw = text.substr(start, end - start);
    if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
    ++parser.line_number;
    start = end + 1;
    std::vector<GrammarToken> tokens;
    int column = 0;
    std::string error;
    if (!TokenizeGrammarLine(raw, tokens, column, error)) {
      return parser.Fail("grammar_syntax", column, std::string(raw.substr(column - 1, 20)), error);
    }
    if (tokens.empty()) continue;
    bool indented = raw[0] == ' ' || raw[0] == '\t';
    Result<bool> r = indented ? parser.Body(raw, tokens) : parser.Header(tokens);
    if (!r.ok()) return r;
    if (end == text.size()) break;
  }
  return true;
}

Result<bool> FinishGrammar(Grammar& grammar) {
  std::vector<std::string> all_variants;
  for (auto& [name, set] : grammar.labels) {
    if (set.variants.empty()) return Error{"grammar_reference", "label set '" + name + "' has no variants", set.pos.ToString()};
    RE2::Options options;
    options.set_log_errors(false);
    set.regex = std::make_unique<RE2>(LabelRegexSource(set.variants), options);
    IndexFirstBytes(set);
    if (!set.regex->ok()) return Error{"grammar_regex", "label set '" + name + "': " + set.regex->error(), set.pos.ToString()};
    grammar.label_index[name] = &set;   // map nodes and their keys stay put when the grammar moves
  }
  for (const Field& field : grammar.fields) {
    for (const Rule& rule : field.rules) {
      for (const std::string& ref : {rule.labels, rule.sub}) {
        if (!ref.empty() && !grammar.labels.count(ref)) {
          return Error{"grammar_reference", "unknown label set '" + ref + "' in rule " + rule.id, rule.pos.ToString()};
        }
      }
      if (rule.kind == RuleKind::kLabel) {
        for (const std::string& v : grammar.labels[rule.labels].variants) all_variants.push_back(v);
      }
    }
  }
  for (const Template& t : grammar.templates) {
    if (!grammar.FindFamily(t.family)) return Error{"grammar_reference", "template '" + t.name + "' names unknown family '" + t.family + "'", t.pos.ToString()};
  }
  if (grammar.families.empty()) return Error{"grammar_reference", "no document family defined", "grammars"};
  RE2::Options options;
  options.set_log_errors(false);
  grammar.any_label = std::make_unique<RE2>(LabelRegexSource(all_variants.empty() ? std::vector<std::string>{"\x01"} : all_variants), options);
  return true;
}

}  // namespace finsam
