// Finds the text label and pattern rules point at (see field_matcher.h).
// Tested by field_matcher_test.cc.
#include "grammar/field_matcher.h"

#include <algorithm>

#include "grammar/label_match.h"
#include "ingest/ingest.h"

namespace finsam {
namespace {

constexpr size_t kMaxBlankSkip = 2;

bool IsStop(const Line& line, const Grammar& grammar) {
  if (line.kind != LineKind::kText) return true;
  return grammar.any_label && RE2::PartialMatch(line.text, *grammar.any_label);
}

// The next non-blank line after `i`, unless it is another label or a heading.
std::string NextValue(const std::vector<Line>& lines, size_t i, size_t end, const Grammar& grammar) {
  size_t blanks = 0;
  for (size_t k = i + 1; k < end; ++k) {
    if (lines[k].blank()) {
      if (++blanks > kMaxBlankSkip) return "";
      continue;
    }
    // A table row under a column heading is not the heading's answer.
    return IsStop(lines[k], grammar) || lines[k].NonEmptyCells() >= 2 ? "" : lines[k].text;
  }
  return "";
}

std::string FollowingLines(const std::vector<Line>& lines, size_t i, size_t end, int count) {
  std::string out;
  for (size_t k = i + 1; k < end && count > 0; ++k) {
    if (lines[k].blank()) continue;
    out += " " + lines[k].text;
    --count;
  }
  return out;
}

// With sub=SET the value is what follows the sub-label, up to the next
// "Word:" sub-label ("Organisation: X Resurs/er: …" → "X").
std::string AfterSubLabel(const std::string& text, const LabelSet& sub) {
  static const RE2 kNextSubLabel("\\s(\\p{Lu}[\\pL/()]+:)\\s");
  std::optional<LabelMatch> m = MatchLabelAt(sub, text);
  if (!m) return text;
  std::string value(TrimValue(std::string_view(text).substr(m->end)));
  re2::StringPiece next;
  if (RE2::PartialMatch(value, kNextSubLabel, &next)) {
    value.resize(static_cast<size_t>(next.data() - value.data()));
  }
  return value;
}

// A bold label reaches to the end of its bold run: in "**Projektägare och
// samarbetspartners**" the words after the matched label are label too.
size_t BoldRunEnd(const Line& line, size_t pos) {
  size_t offset = 0;
  for (size_t c = 0; c < line.cells.size(); ++c) {
    if (c > 0) ++offset;
    size_t run_start = 0, run_end = 0;
    bool in_run = false;
    const std::vector<Word>& words = line.cells[c].words;
    for (size_t w = 0; w < words.size(); ++w) {
      if (w > 0) ++offset;
      size_t start = offset, end = offset + words[w].text.size();
      offset = end;
      if (words[w].bold) {
        if (!in_run) run_start = start;
        in_run = true;
        run_end = end;
        continue;
      }
      if (in_run && pos >= run_start && pos <= run_end) return run_end;
      in_run = false;
    }
    if (in_run && pos >= run_start && pos <= run_end) return run_end;
  }
  return pos;
}

using CandidateSink = std::function<bool(const Candidate&)>;

void LabelCandidates(const Rule& rule, const std::vector<Line>& lines, size_t begin, size_t end,
                     const Grammar& grammar, const CandidateSink& take) {
  const LabelSet* set = grammar.Labels(rule.labels);
  const LabelSet* sub = rule.sub.empty() ? nullptr : grammar.Labels(rule.sub);
  for (size_t i = begin; i < end; ++i) {
    const Line& line = lines[i];
    size_t offset = 0;
    for (size_t c = 0; c < line.cells.size(); offset += line.cells[c].text.size() + 1, ++c) {
      std::string_view from = std::string_view(line.text).substr(offset);
      std::optional<LabelMatch> m = MatchLabelAt(*set, from);
      if (!m) continue;
      size_t label_end = offset + m->end;
      if (label_end > offset) label_end = std::max(label_end, BoldRunEnd(line, label_end - 1));
      std::string rest(TrimValue(std::string_view(line.text).substr(std::min(label_end, line.text.size()))));
      // In a table row a label's answer is the rest of its cell or the cell
      // beside it, never the whole row.
      if (line.NonEmptyCells() >= 3) {
        // The label may run past its cell ("1<TAB>Projektnamn"): find the
        // cell where it ends.
        size_t k = c, cell_start = offset;
        while (k + 1 < line.cells.size() && label_end > cell_start + line.cells[k].text.size()) {
          cell_start += line.cells[k].text.size() + 1;
          ++k;
        }
        size_t cell_end = cell_start + line.cells[k].text.size();
        rest = label_end < cell_end ? std::string(TrimValue(std::string_view(line.text).substr(label_end, cell_end - label_end))) : "";
        if (rest.empty() && k + 1 < line.cells.size()) rest = line.cells[k + 1].text;
      }
      std::string value;
      switch (rule.take) {
        case Take::kRest: value = rest; break;
        case Take::kNext: value = NextValue(lines, i, end, grammar); break;
        case Take::kRestOrNext: value = rest.empty() ? NextValue(lines, i, end, grammar) : rest; break;
        case Take::kLines: value = rest + FollowingLines(lines, i, end, rule.lines); break;
        case Take::kSection: value = rest; break;
      }
      if (sub && !value.empty()) value = AfterSubLabel(value, *sub);
      if (!take({std::string(TrimValue(value)), i, true, m->required})) return;
      break;  // one label per line
    }
  }
}

// The byte after the code point that starts at `pos`.
size_t NextCodePoint(re2::StringPiece s, size_t pos) {
  ++pos;
  while (pos < s.size() && (static_cast<unsigned char>(s[pos]) & 0xC0) == 0x80) ++pos;
  return pos;
}

void PatternCandidates(const Rule& rule, const std::vector<Line>& lines, size_t begin, size_t end,
                       const CandidateSink& take) {
  const RE2& re = *rule.pattern;
  int groups = re.NumberOfCapturingGroups();
  // Every non-overlapping match of a line counts ("X som huvudinsatsägare
  // och Y som delinsatsägare").
  for (size_t i = begin; i < end; ++i) {
    if (!rule.gate.MayMatch(lines[i].text)) continue;
    re2::StringPiece input(lines[i].text), match[2];
    // Groups of a ^-anchored pattern send RE2 straight to its backtracker on
    // every line; its DFA says "no" to most lines for much less.
    if (!re.Match(input, 0, input.size(), RE2::UNANCHORED, nullptr, 0)) continue;
    size_t pos = 0;
    while (pos < input.size() &&
           re.Match(input, pos, input.size(), RE2::UNANCHORED, match, groups >= 1 ? 2 : 1)) {
      const re2::StringPiece& value = groups >= 1 ? match[1] : match[0];
      if (rule.max_chars && CountCodePoints(std::string_view(value.data(), value.size())) > rule.max_chars) {
        // As /(.{3,200}?)/ would: no match starts here, a later one may.
        pos = NextCodePoint(input, static_cast<size_t>(match[0].data() - input.data()));
        continue;
      }
      if (!take({std::string(value.data(), value.size()), i, false, false})) return;
      size_t next = static_cast<size_t>(match[0].end() - input.data());
      pos = next > pos ? next : pos + 1;
    }
  }
}

}  // namespace

bool RuleApplies(const Rule& rule, const std::string& family, const std::string& template_name) {
  return rule.families.empty() || rule.families.count(family) ||
         (!template_name.empty() && rule.families.count(template_name));
}

void VisitCandidates(const Rule& rule, const std::vector<Line>& lines, size_t begin, size_t end,
                     const Grammar& grammar, const CandidateSink& take) {
  if (rule.kind == RuleKind::kLabel) LabelCandidates(rule, lines, begin, end, grammar, take);
  if (rule.kind == RuleKind::kPattern) PatternCandidates(rule, lines, begin, end, take);
}

std::vector<Candidate> FindCandidates(const Rule& rule, const std::vector<Line>& lines,
                                      size_t begin, size_t end, const Grammar& grammar) {
  std::vector<Candidate> out;
  VisitCandidates(rule, lines, begin, end, grammar, [&out](const Candidate& c) {
    out.push_back(c);
    return true;
  });
  return out;
}

}  // namespace finsam
