// The grammar model: what the rule files in grammars/ say, after loading.
// Grammars are data: labels with their Swedish variants, document families
// (how to recognise and split them, what they require), per-template
// overrides, and per field an ordered list of rules saying where a value
// sits and which value type parses it. See grammars/README.md for the
// language. Loaded by grammar_loader.cc; applied by field_matcher.cc.
#pragma once

#include <array>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <re2/re2.h>

#include "grammar/literal_gate.h"

namespace finsam {

// Where in the source a grammar element was written, for error messages.
struct SourcePos {
  std::string file;
  int line = 0, column = 0;
  std::string ToString() const {
    return file + ":" + std::to_string(line) + ":" + std::to_string(column);
  }
};

// A named set of label variants ("title": Insatsens namn, Projektnamn, ...),
// compiled into one RE2 that matches a label at the start of a line or cell,
// folding case and Swedish diacritics, allowing numbering before it
// ("1. Projektnamn") and "(*)", a digit and ":" after it.
struct LabelSet {
  std::string name;
  std::vector<std::string> variants;
  std::unique_ptr<RE2> regex;   // groups: 1 = the label text, 2 = "(*)" if present
  SourcePos pos;
  // Bytes a label of the set can start with (after white space and
  // numbering), so most texts are refused without an RE2 call (label_match.cc).
  std::array<bool, 256> first_bytes{};
  bool any_first_byte = false;
};

enum class RuleKind { kLabel, kPattern, kHeading, kDerive, kSection };
enum class Take { kRest, kNext, kRestOrNext, kLines, kSection };

struct Rule {
  std::string id;                  // "title.label" — appears in provenance
  RuleKind kind = RuleKind::kLabel;
  std::string labels;              // label set name (kLabel, kSection)
  std::string sub;                 // sub-label set: the value follows it inside the taken text
  Take take = Take::kRestOrNext;
  int lines = 0;                   // for Take::kLines
  std::unique_ptr<RE2> pattern;    // kPattern
  LiteralGate gate;                // kPattern: lines without its literal cannot match
  size_t max_chars = 0;            // kPattern: a longer value is no value (0: any length)
  std::string derive;              // kDerive: name of a built-in derivation
  std::set<std::string> families;  // empty = every family
  SourcePos pos;
};

struct Field {
  std::string name;                // "title", "owners", ...
  std::string type;                // value type: text, orgs, funder, period, amount, id, ...
  std::vector<Rule> rules;
  SourcePos pos;
};

struct ScoreRule {
  int weight = 0;
  bool head_only = false;          // only the first lines of a document count
  int max_hits = 1;
  std::unique_ptr<RE2> pattern;
  LiteralGate gate;                // lines without its literal cannot match
};

struct Family {
  std::string name;                // the record's document_type
  std::vector<std::unique_ptr<RE2>> starts;  // lines that open a new document
  std::vector<ScoreRule> scores;
  std::vector<std::string> required;         // fields an auditor requires
  bool must_sign = false;
  SourcePos pos;
};

struct Template {
  std::string name;
  std::string family;
  std::vector<std::unique_ptr<RE2>> matches;   // any match selects the template
  std::vector<Field> fields;                   // rules tried before the family's
  SourcePos pos;
};

struct Grammar {
  std::map<std::string, LabelSet, std::less<>> labels;
  // The same sets hashed by name (FinishGrammar): extractors look one up
  // for nearly every line they read.
  std::unordered_map<std::string_view, const LabelSet*> label_index;
  std::vector<Family> families;
  std::vector<Template> templates;
  std::vector<Field> fields;                   // in evaluation order
  std::unique_ptr<RE2> any_label;              // union of all field labels
  std::vector<std::string> files;              // loaded, in order

  const LabelSet* Labels(std::string_view name) const;
  const Family* FindFamily(const std::string& name) const;
};

}  // namespace finsam
