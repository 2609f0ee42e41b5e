// Tests for LiteralGate: the literal read from a pattern's source, and
// that the gate never refuses a text RE2 matches — for every character a
// literal may hold against RE2's case folding of every code point of the
// BMP, and for every pattern and score rule of the shipped grammars over
// every line of the corpus.
#include "grammar/literal_gate.h"

#include <gtest/gtest.h>
#include <re2/re2.h>
#include <unicode/utf8.h>

#include <filesystem>
#include <string>
#include <vector>

#include "pipeline.h"

namespace finsam {
namespace {

TEST(LiteralGateTest, ReadsTheLongestRequiredRun) {
  EXPECT_EQ(LiteralGate(R"(bevilja[rs]?\b.{0,160}?(\d+\s*kr))").literal(), "bevilja");
  EXPECT_EQ(LiteralGate(R"re((?:^|\s)(?:projektet|insatsen)\s+"([^"]{4,})")re").literal(), "\"");
  EXPECT_EQ(LiteralGate(R"(^Ansökan\b)").literal(), "ansökan");
  EXPECT_EQ(LiteralGate(R"(^ÅRSRAPPORT)").literal(), "årsrapport");
  EXPECT_EQ(LiteralGate(R"(\s–\s(.{3,})$)").literal(), "–");
  EXPECT_EQ(LiteralGate(R"(abc?de)").literal(), "ab");        // c is optional: "ab", "de"; the first
  EXPECT_EQ(LiteralGate(R"(x{2,3}yz{1}w)").literal(), "y");
  EXPECT_EQ(LiteralGate(R"(a\d+bcd\.pdf)").literal(), "bcd.pdf");
  EXPECT_EQ(LiteralGate(R"([abc\]]def[[:alpha:]]g)").literal(), "def");
  EXPECT_EQ(LiteralGate(R"(x{a}y)").literal(), "x{a}y");       // no count: the brace is itself
  EXPECT_EQ(LiteralGate(R"(\p{Lu}ab\x{41}cde)").literal(), "cde");
}

TEST(LiteralGateTest, NoLiteralWhereNoneIsRequired) {
  for (const char* pattern : {"ansökan|beslut", "(a)|b", R"(\Qabc\E)", "(unclosed", "[unclosed", "", "\\d+", ".*"}) {
    LiteralGate gate(pattern);
    EXPECT_EQ(gate.literal(), "") << pattern;
    EXPECT_TRUE(gate.MayMatch("")) << pattern;
  }
}

TEST(LiteralGateTest, FindsTheLiteralInAnyCase) {
  LiteralGate anchored("^beslut om ändring");
  EXPECT_TRUE(anchored.anchored());
  EXPECT_TRUE(anchored.MayMatch("Beslut om Ändring av insatsen"));
  EXPECT_FALSE(anchored.MayMatch("x Beslut om Ändring"));
  EXPECT_FALSE(LiteralGate("^(x)beslut").anchored());
  LiteralGate gate("beslut om ändring");
  EXPECT_FALSE(gate.anchored());
  EXPECT_EQ(gate.literal(), "beslut om ändring");
  EXPECT_TRUE(gate.MayMatch("BESLUT OM ÄNDRING av insatsen"));
  EXPECT_TRUE(gate.MayMatch("x Beslut om Ändring"));
  EXPECT_TRUE(gate.MayMatch("bbbbeslut om ändring"));
  EXPECT_FALSE(gate.MayMatch("beslut om andring"));
  EXPECT_FALSE(gate.MayMatch("beslut om"));
  EXPECT_TRUE(gate.MayMatch("beſlut om ändring"));   // the long s folds onto s
  EXPECT_TRUE(LiteralGate("år").MayMatch("\u212Br"));  // the Angstrom sign onto å
}

std::string Utf8(UChar32 c) {
  char bytes[4];
  int32_t length = 0;
  U8_APPEND_UNSAFE(bytes, length, c);
  return std::string(bytes, static_cast<size_t>(length));
}

// Every character a literal may hold, matched case-insensitively by RE2
// against each code point of the BMP: wherever RE2 matches, the gate
// passes.
TEST(LiteralGateTest, NeverRefusesWhatRe2FoldsOntoALiteral) {
  std::string all;   // every code point but the surrogates, one per line
  for (UChar32 c = 1; c <= 0xFFFF; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    if (c != '\n') all += Utf8(c) + "\n";
  }
  std::vector<UChar32> alphabet;
  for (UChar32 c = 0x20; c < 0x7F; ++c) alphabet.push_back(c);
  for (UChar32 c = 0xC0; c <= 0xFF; ++c) alphabet.push_back(c);
  for (UChar32 c : {0xA7, 0xAB, 0xBB, 0x2013, 0x2014, 0x2019, 0x201C, 0x201D}) alphabet.push_back(c);
  RE2::Options options;
  options.set_case_sensitive(false);
  int literals = 0, matches = 0;
  for (UChar32 c : alphabet) {
    std::string pattern = RE2::QuoteMeta(Utf8(c));
    LiteralGate gate(pattern);
    if (gate.literal().empty()) continue;
    ++literals;
    RE2 re("(" + pattern + ")", options);
    ASSERT_TRUE(re.ok()) << pattern;
    re2::StringPiece input(all), found;
    while (RE2::FindAndConsume(&input, re, &found)) {
      ++matches;
      EXPECT_TRUE(gate.MayMatch(std::string(found))) << "'" << pattern << "' matches U+" << std::hex
                                                      << static_cast<int>(found[0]) << " '" << found << "'";
    }
  }
  EXPECT_GT(literals, 150);
  EXPECT_GT(matches, literals);
}

// Every pattern and score rule of the shipped grammars over every line of
// the corpus: a line RE2 matches always passes the rule's gate, and the
// gates refuse most lines.
TEST(LiteralGateTest, GrammarRulesNeverLoseAMatchOnTheCorpus) {
  auto engine = Engine::Load({FINSAM_SOURCE_DIR "/grammars"});
  ASSERT_TRUE(engine.ok()) << engine.error().message;
  const Grammar& grammar = engine.value()->grammar;
  std::vector<std::pair<const RE2*, const LiteralGate*>> rules;
  std::vector<const Field*> fields;
  for (const Field& field : grammar.fields) fields.push_back(&field);
  for (const Template& tmpl : grammar.templates) {
    for (const Field& field : tmpl.fields) fields.push_back(&field);
  }
  for (const Field* field : fields) {
    for (const Rule& rule : field->rules) {
      if (rule.pattern) rules.emplace_back(rule.pattern.get(), &rule.gate);
    }
  }
  for (const Family& family : grammar.families) {
    for (const ScoreRule& score : family.scores) rules.emplace_back(score.pattern.get(), &score.gate);
  }
  ASSERT_GT(rules.size(), 30u);
  size_t checked = 0, refused = 0, matched = 0;
  for (const auto& entry : std::filesystem::directory_iterator(FINSAM_SOURCE_DIR "/corpus")) {
    for (const char* name : {"input.txt", "input.pdf"}) {
      std::filesystem::path input = entry.path() / name;
      if (!std::filesystem::exists(input)) continue;
      auto doc = ReadDocument(input.string(), *engine.value());
      if (!doc.ok()) continue;
      for (const Line& line : doc.value().lines) {
        for (const auto& [re, gate] : rules) {
          bool match = RE2::PartialMatch(line.text, *re);
          bool may = gate->MayMatch(line.text);
          EXPECT_TRUE(may || !match) << "gate '" << gate->literal() << "' refuses a match: " << line.text;
          ++checked;
          refused += !may;
          matched += match;
        }
      }
    }
  }
  EXPECT_GT(matched, 500u);
  EXPECT_GT(refused, checked / 2);
}

}  // namespace
}  // namespace finsam
