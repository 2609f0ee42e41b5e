// Tests for the grammar language: parsing, error positions, merging, label regexes, shipped grammars.
#include "grammar/grammar_loader.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "grammar/label_match.h"

namespace finsam {
namespace {

// A minimal valid grammar: FinishGrammar needs at least one family.
const char kBase[] = R"fg(# comment line
labels title
  Projektnamn
  Insatsens namn   # trailing comment

field title text
  title.label    label title take=rest-or-next
  title.quoted   pattern /^projekt\s+"([^"]+)"/ in=ansokan,mall
  title.heading  derive first-heading

family ansokan
  starts /^ansökan\b/
  score 10 /^ansökan\b/ head
  score 3  /\bansökan\b/ max=4
  require title owners
  must-sign

template mall ansokan
  match /Mall 2024/
)fg";

Grammar Parse(const std::vector<std::pair<std::string, std::string>>& files) {
  Grammar grammar;
  for (const auto& [name, text] : files) {
    Result<bool> r = ParseGrammarText(text, name, grammar);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().ToString());
  }
  Result<bool> finished = FinishGrammar(grammar);
  EXPECT_TRUE(finished.ok()) << (finished.ok() ? "" : finished.error().ToString());
  return grammar;
}

const Field* FindField(const Grammar& g, const std::string& name) {
  for (const Field& f : g.fields) if (f.name == name) return &f;
  return nullptr;
}

std::vector<std::string> RuleIds(const Field& field) {
  std::vector<std::string> ids;
  for (const Rule& r : field.rules) ids.push_back(r.id);
  return ids;
}

// Label sets are found by name through the hashed index, also after the
// grammar has moved (the index points into the sets' map).
TEST(GrammarLoaderTest, LabelSetsAreFoundByNameAfterTheGrammarMoves) {
  Grammar loaded = Parse({{"base.fg", kBase}});
  const LabelSet* before = loaded.Labels("title");
  Grammar moved = std::move(loaded);
  std::vector<Grammar> held;
  held.push_back(std::move(moved));
  const std::string longer = "title-x";
  const std::string_view name = std::string_view(longer).substr(0, 5);   // not NUL-terminated
  EXPECT_EQ(held[0].Labels(name), before);
  EXPECT_EQ(held[0].Labels(name), &held[0].labels.at("title"));
  EXPECT_EQ(held[0].Labels("no-such-set"), nullptr);
  EXPECT_EQ(held[0].label_index.size(), held[0].labels.size());
}

TEST(GrammarLoaderTest, ParsesLabelsFieldsFamiliesAndTemplates) {
  Grammar g = Parse({{"base.fg", kBase}});

  const LabelSet* title = g.Labels("title");
  ASSERT_NE(title, nullptr);
  EXPECT_EQ(title->variants, (std::vector<std::string>{"Projektnamn", "Insatsens namn"}));
  EXPECT_EQ(title->pos.ToString(), "base.fg:2:1");
  ASSERT_NE(title->regex, nullptr);
  EXPECT_TRUE(title->regex->ok());

  const Field* field = FindField(g, "title");
  ASSERT_NE(field, nullptr);
  EXPECT_EQ(field->type, "text");
  ASSERT_EQ(field->rules.size(), 3u);
  const Rule& label = field->rules[0];
  EXPECT_EQ(label.id, "title.label");
  EXPECT_EQ(label.kind, RuleKind::kLabel);
  EXPECT_EQ(label.labels, "title");
  EXPECT_EQ(label.take, Take::kRestOrNext);
  EXPECT_TRUE(label.families.empty());
  EXPECT_EQ(label.pos.ToString(), "base.fg:7:3");
  const Rule& quoted = field->rules[1];
  EXPECT_EQ(quoted.kind, RuleKind::kPattern);
  ASSERT_NE(quoted.pattern, nullptr);
  EXPECT_EQ(quoted.families, (std::set<std::string>{"ansokan", "mall"}));
  std::string captured;
  EXPECT_TRUE(RE2::PartialMatch("Projekt \"Jobbspåret\"", *quoted.pattern, &captured));  // case-insensitive
  EXPECT_EQ(captured, "Jobbspåret");
  EXPECT_EQ(field->rules[2].kind, RuleKind::kDerive);
  EXPECT_EQ(field->rules[2].derive, "first-heading");

  ASSERT_EQ(g.families.size(), 1u);
  const Family* family = g.FindFamily("ansokan");
  ASSERT_NE(family, nullptr);
  EXPECT_EQ(family->starts.size(), 1u);
  ASSERT_EQ(family->scores.size(), 2u);
  EXPECT_EQ(family->scores[0].weight, 10);
  EXPECT_TRUE(family->scores[0].head_only);
  EXPECT_EQ(family->scores[0].max_hits, 1);
  EXPECT_EQ(family->scores[1].weight, 3);
  EXPECT_FALSE(family->scores[1].head_only);
  EXPECT_EQ(family->scores[1].max_hits, 4);
  EXPECT_EQ(family->required, (std::vector<std::string>{"title", "owners"}));
  EXPECT_TRUE(family->must_sign);
  EXPECT_EQ(g.FindFamily("beslut"), nullptr);

  ASSERT_EQ(g.templates.size(), 1u);
  EXPECT_EQ(g.templates[0].name, "mall");
  EXPECT_EQ(g.templates[0].family, "ansokan");
  EXPECT_EQ(g.templates[0].matches.size(), 1u);

  // The union label matcher knows the labels that label rules use.
  ASSERT_NE(g.any_label, nullptr);
  EXPECT_TRUE(RE2::PartialMatch("Insatsens namn: X", *g.any_label));
  EXPECT_FALSE(RE2::PartialMatch("Beskrivning av X", *g.any_label));
}

TEST(GrammarLoaderTest, TakeOptions) {
  struct Case { const char* option; Take take; int lines; };
  const std::vector<Case> cases = {
      {"take=rest", Take::kRest, 0},
      {"take=next", Take::kNext, 0},
      {"take=rest-or-next", Take::kRestOrNext, 0},
      {"take=lines:3", Take::kLines, 3},
      {"take=lines:99", Take::kLines, 20},   // capped
      {"take=section", Take::kSection, 0},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.option);
    std::string text = std::string(kBase) + "field period period\n  period.label label title " + c.option + "\n";
    Grammar g = Parse({{"t.fg", text}});
    const Field* field = FindField(g, "period");
    ASSERT_NE(field, nullptr);
    ASSERT_EQ(field->rules.size(), 1u);
    EXPECT_EQ(field->rules[0].take, c.take);
    EXPECT_EQ(field->rules[0].lines, c.lines);
  }
}

TEST(GrammarLoaderTest, SyntaxErrorsCarryCodeAndPosition) {
  struct Case {
    const char* name;
    std::string text;
    const char* code;
    const char* where;
    std::vector<std::string> message_parts;
  };
  const std::vector<Case> cases = {
      {"unterminated regex", "family ansokan\n  starts /^ansökan\n", "grammar_syntax", "bad.fg:2:10",
       {"unterminated /pattern/", "/^ansökan"}},
      {"invalid regex", "family ansokan\n  score 5 /(ansökan/ head\n", "grammar_regex", "bad.fg:2:11",
       {"invalid pattern", "missing )", "(ansökan"}},
      {"unknown value type", "field title txt\n", "grammar_reference", "bad.fg:1:13",
       {"unknown value type", "'txt'"}},
      {"unknown rule kind", "labels title\n  Projektnamn\nfield title text\n  title.x lable title\n",
       "grammar_syntax", "bad.fg:4:11", {"unknown rule kind", "'lable'"}},
      {"take typo", "labels title\n  Projektnamn\nfield title text\n  title.x label title take=rset\n",
       "grammar_syntax", "bad.fg:4:23", {"take=", "'rset'"}},
      {"option name typo", "labels title\n  Projektnamn\nfield title text\n  title.x label title tkae=rest\n",
       "grammar_syntax", "bad.fg:4:23", {"unknown option", "'tkae'"}},
      {"max= not a number", "field title text\n  title.x pattern /x(.+)/ max=lång\n", "grammar_syntax",
       "bad.fg:2:27", {"max= is a number", "'lång'"}},
      {"max= on a label rule", "labels title\n  Projektnamn\nfield title text\n  title.x label title max=80\n",
       "grammar_syntax", "bad.fg:4:23", {"unknown option", "'max'"}},
      {"unknown derivation", "field budget budget\n  budget.x derive budget-tabel\n", "grammar_reference",
       "bad.fg:2:19", {"unknown derivation", "'budget-tabel'"}},
      {"unknown block keyword", "lables title\n  Projektnamn\n", "grammar_syntax", "bad.fg:1:1",
       {"'lables'"}},
      {"body outside a block", "  Projektnamn\n", "grammar_syntax", "bad.fg:1:3", {"outside a block"}},
      {"family line typo", "family ansokan\n  start /^ansökan/\n", "grammar_syntax", "bad.fg:2:3",
       {"'start'"}},
      {"field type changed", "field title text\nfield title orgs\n", "grammar_reference", "bad.fg:2:13",
       {"declared with type text"}},
      {"template without match", "template mall ansokan\n  matches /x/\n", "grammar_syntax", "bad.fg:2:3",
       {"match /pattern/"}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Grammar g;
    Result<bool> r = ParseGrammarText(c.text, "bad.fg", g);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, c.code);
    EXPECT_EQ(r.error().where, c.where);
    for (const std::string& part : c.message_parts) {
      EXPECT_NE(r.error().message.find(part), std::string::npos) << r.error().message;
    }
    // One line for people: "file:line:column: message [code]".
    EXPECT_EQ(r.error().ToString().rfind(c.where + std::string(": "), 0), 0u) << r.error().ToString();
    EXPECT_EQ(r.error().ToString().find('\n'), std::string::npos);
  }
}

TEST(GrammarLoaderTest, ReferenceErrorsAreFoundWhenFinishing) {
  struct Case {
    const char* name;
    std::string text;
    const char* where;
    const char* message_part;
  };
  const std::vector<Case> cases = {
      {"unknown label set", std::string(kBase) + "field owners orgs\n  owners.label label owner\n",
       "t.fg:21:3", "unknown label set 'owner' in rule owners.label"},
      {"unknown sub label set",
       std::string(kBase) + "field owners orgs\n  owners.label label title sub=organisation\n", "t.fg:21:3",
       "unknown label set 'organisation'"},
      {"template of unknown family", std::string(kBase) + "template x beslut\n  match /x/\n", "t.fg:20:1",
       "unknown family 'beslut'"},
      {"no family", "labels title\n  Projektnamn\n", "grammars", "no document family"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Grammar g;
    ASSERT_TRUE(ParseGrammarText(c.text, "t.fg", g).ok());
    Result<bool> r = FinishGrammar(g);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "grammar_reference");
    EXPECT_EQ(r.error().where, c.where);
    EXPECT_NE(r.error().message.find(c.message_part), std::string::npos) << r.error().message;
  }
}

TEST(GrammarLoaderTest, LaterFilesAppendVariantsAndReplaceRulesById) {
  const char kOverride[] = R"fg(labels title
  Insatsnamn

field title text
  title.label   label title take=next
  title.extra   pattern /^rubrik:\s*(.+)/

family ansokan
  starts /^ansökningsblankett\b/
)fg";
  Grammar g = Parse({{"base.fg", kBase}, {"local.fg", kOverride}});
  EXPECT_EQ(g.Labels("title")->variants,
            (std::vector<std::string>{"Projektnamn", "Insatsens namn", "Insatsnamn"}));
  const Field* field = FindField(g, "title");
  ASSERT_NE(field, nullptr);
  // Replaced in place, new ones appended.
  EXPECT_EQ(RuleIds(*field), (std::vector<std::string>{"title.label", "title.quoted", "title.heading", "title.extra"}));
  EXPECT_EQ(field->rules[0].take, Take::kNext);
  EXPECT_EQ(field->rules[0].pos.file, "local.fg");
  // A family of the same name is replaced as a whole.
  ASSERT_EQ(g.families.size(), 1u);
  EXPECT_EQ(g.families[0].starts.size(), 1u);
  EXPECT_TRUE(g.families[0].scores.empty());
  EXPECT_FALSE(g.families[0].must_sign);
  EXPECT_TRUE(RE2::PartialMatch("ansökningsblankett 2024", *g.families[0].starts[0]));
  // The appended variant matches too.
  EXPECT_TRUE(MatchLabelAt(*g.Labels("title"), "Insatsnamn: Jobbspåret").has_value());
}

TEST(GrammarLoaderTest, LabelRegexMatchesNumberingMarkersAndFolding) {
  RE2 re(LabelRegexSource({"Projektnamn", "Insatsägare", "Ort/datum", "E-post"}));
  ASSERT_TRUE(re.ok()) << re.error();
  struct Case { const char* text; bool matches; const char* label; bool required; };
  const std::vector<Case> cases = {
      {"Projektnamn", true, "Projektnamn", false},
      // "1. **Projektnamn**" once normalization has stripped the markup.
      {"1. Projektnamn", true, "Projektnamn", false},
      {"2.3 Projektnamn: Jobbspåret", true, "Projektnamn", false},
      {"a) Projektnamn", true, "Projektnamn", false},
      {"• Projektnamn", true, "Projektnamn", false},
      {"  - Projektnamn", true, "Projektnamn", false},
      {"Insatsägare 1:", true, "Insatsägare", false},
      {"Insatsägare 2 (*) Region Uppsala", true, "Insatsägare", true},
      {"INSATSAGARE (*)", true, "INSATSAGARE", true},
      {"insatsagare:", true, "insatsagare", false},
      {"Ort datum", true, "Ort datum", false},
      {"Ort / datum:", true, "Ort / datum", false},
      {"Epost", true, "Epost", false},
      {"E-post: anna@example.se", true, "E-post", false},
      {"Insatsägarens", false, "", false},
      {"Projektnamnet", false, "", false},
      {"Projektnamné", false, "", false},       // a Latin letter goes on the word
      {"Projektnamnŋ", false, "", false},
      {"Projektnamn€ 300", true, "Projektnamn", false},
      {"Om Projektnamn", false, "", false},
      {"123. Projektnamn", false, "", false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    std::string label, required;
    bool matched = RE2::PartialMatch(c.text, re, &label, &required);
    EXPECT_EQ(matched, c.matches);
    if (!matched) continue;
    EXPECT_EQ(label, c.label);
    EXPECT_EQ(required == "(*)", c.required);
  }
}

// MatchLabelAt refuses most texts by their first letter before asking RE2;
// it must agree with the regex on every text.
TEST(GrammarLoaderTest, LabelFirstLetterIndexAgreesWithTheRegex) {
  LabelSet set;
  set.variants = {"Projektnamn", "Insatsägare", "Ort/datum", "E-post", "Ägare", "Övrigt", "§ 4"};
  set.regex = std::make_unique<RE2>(LabelRegexSource(set.variants));
  ASSERT_TRUE(set.regex->ok());
  IndexFirstBytes(set);
  EXPECT_FALSE(set.any_first_byte);
  for (const char* text : {"Projektnamn", "1. Projektnamn", "2.3 Projektnamn: Jobbspåret", "a) Projektnamn",
                           "B) Projektnamn", "• Projektnamn", "  - Projektnamn", "* Projektnamn", "\tProjektnamn",
                           "INSATSAGARE (*)", "insatsägare:", "Ort / datum:", "Epost", "e-post", "Ägare", "agare",
                           "ÄGARE", "Ågare", "Ovrigt", "ÖVRIGT", "övrigt", "§ 4", "§4", "Xprojektnamn", "123. Projektnamn",
                           "2.Projektnamn", "-Projektnamn", "", "   ", "12", "ä"}) {
    SCOPED_TRACE(text);
    EXPECT_EQ(MatchLabelAt(set, text).has_value(), RE2::PartialMatch(text, *set.regex));
  }
  // A variant that opens with white space or an optional dash may start anywhere.
  LabelSet loose;
  loose.variants = {"-post"};
  IndexFirstBytes(loose);
  EXPECT_TRUE(loose.any_first_byte);
}

TEST(GrammarLoaderTest, ShippedGrammarsLoad) {
  Result<Grammar> g = LoadGrammarDirs({FINSAM_SOURCE_DIR "/grammars"});
  ASSERT_TRUE(g.ok()) << g.error().ToString();
  EXPECT_GE(g->files.size(), 7u);
  EXPECT_TRUE(std::is_sorted(g->files.begin(), g->files.end()));
  for (const char* family : {"ansokan", "beslut", "slutrapport", "lagesrapport"}) {
    EXPECT_NE(g->FindFamily(family), nullptr) << family;
  }
  for (const char* set : {"title", "owner", "period_main", "signature.block", "budget.sum_row", "audit.placeholder"}) {
    const LabelSet* labels = g->Labels(set);
    ASSERT_NE(labels, nullptr) << set;
    EXPECT_TRUE(labels->regex && labels->regex->ok()) << set;
  }
  ASSERT_FALSE(g->fields.empty());
  EXPECT_EQ(g->fields.front().name, "title");
  EXPECT_TRUE(g->FindFamily("ansokan")->must_sign);
  EXPECT_FALSE(g->FindFamily("beslut")->must_sign);
  ASSERT_NE(g->any_label, nullptr);
  EXPECT_TRUE(RE2::PartialMatch("Insatsägare (*) Region Uppsala", *g->any_label));
}

class GrammarDirTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::path(::testing::TempDir()) /
           ("finsam_grammar_" + std::to_string(getpid()) + "_" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name) << text;
  }
  std::filesystem::path dir_;
};

TEST_F(GrammarDirTest, ExtraDirectoryAddsToShippedGrammars) {
  Write("local.fg", "labels title\n  Insatsbenämning\n");
  Result<Grammar> g = LoadGrammarDirs({FINSAM_SOURCE_DIR "/grammars", dir_.string()});
  ASSERT_TRUE(g.ok()) << g.error().ToString();
  EXPECT_EQ(g->Labels("title")->variants.back(), "Insatsbenämning");
  EXPECT_EQ(g->Labels("title")->variants.front(), "Insatsens namn");
  EXPECT_EQ(g->files.back(), (dir_ / "local.fg").string());
}

TEST_F(GrammarDirTest, BrokenFileIsNamedInTheError) {
  Write("broken.fg", "labels title\n  Projektnamn\nfield title text\n  title.x label title take=rset\n");
  Result<Grammar> g = LoadGrammarDirs({FINSAM_SOURCE_DIR "/grammars", dir_.string()});
  ASSERT_FALSE(g.ok());
  EXPECT_EQ(g.error().code, "grammar_syntax");
  EXPECT_EQ(g.error().where, (dir_ / "broken.fg").string() + ":4:23");
}

TEST(GrammarLoaderTest, MissingDirectoryIsAnIoError) {
  Result<Grammar> g = LoadGrammarDirs({FINSAM_SOURCE_DIR "/no-such-grammars"});
  ASSERT_FALSE(g.ok());
  EXPECT_EQ(g.error().code, "grammar_io");
  EXPECT_EQ(g.error().where, FINSAM_SOURCE_DIR "/no-such-grammars");
}

}  // namespace
}  // namespace finsam
