// Stage 3 — segmentation and classification (see segmenter.h).
// Tested by segmenter_test.cc.
#include "segment/segmenter.h"

#include <algorithm>
#include <cctype>

namespace finsam {
namespace {

constexpr int kMinScore = 5;
constexpr size_t kHeadLines = 15;
constexpr size_t kMinContentChars = 800;    // a document before a split is at least this long
constexpr size_t kMinContentBeforePage = 200;  // ...or this, when the new one opens a page
constexpr size_t kPageTopLines = 4;
constexpr size_t kMinSameFamilyChars = 2500;
constexpr size_t kMaxLetterheadLines = 8;

// The family whose `starts` line this is, or empty.
std::string StartFamily(const Line& line, const Grammar& grammar) {
  static const RE2 kFullDate("\\d{4}-\\d{2}-\\d{2}");
  if (line.blank() || line.text.size() > 120) return "";
  if (RE2::PartialMatch(line.text, kFullDate)) return "";  // "Ansökan från X, inkom 2023-09-14" cites one
  for (const Family& family : grammar.families) {
    for (const auto& re : family.starts) {
      if (RE2::PartialMatch(line.text, *re)) return family.name;
    }
  }
  return "";
}

bool IsLetterhead(const Line& line) {
  if (line.blank()) return true;
  if (line.text.size() > 80) return false;
  for (char c : line.text) {
    if (std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  char last = line.text.back();
  return last != '.' && last != ':' && last != ',';
}

// Moves a split point up over the letterhead above the start line.
size_t SplitPoint(const std::vector<Line>& lines, size_t start_line, size_t floor) {
  size_t split = start_line;
  size_t taken = 0;
  while (split > floor && taken < kMaxLetterheadLines && IsLetterhead(lines[split - 1]) &&
         lines[split - 1].page == lines[start_line].page) {
    --split;
    if (!lines[split].blank()) ++taken;
  }
  while (split < start_line && lines[split].blank()) ++split;
  return split;
}

std::string SelectTemplate(const std::vector<Line>& lines, const Segment& seg, const Grammar& grammar) {
  for (const Template& t : grammar.templates) {
    if (t.family != seg.family) continue;
    for (size_t i = seg.begin; i < seg.end; ++i) {
      for (const auto& re : t.matches) {
        if (RE2::PartialMatch(lines[i].text, *re)) return t.name;
      }
    }
  }
  return "";
}

}  // namespace

std::string ClassifyLines(const std::vector<Line>& lines, size_t begin, size_t end,
                          const Grammar& grammar) {
  std::string best = "okand";
  int best_score = kMinScore - 1;
  for (const Family& family : grammar.families) {
    int score = 0;
    for (const ScoreRule& rule : family.scores) {
      int hits = 0;
      size_t seen = 0;
      for (size_t i = begin; i < end && hits < rule.max_hits; ++i) {
        if (lines[i].blank()) continue;
        if (rule.head_only && ++seen > kHeadLines) break;
        if (rule.gate.MayMatch(lines[i].text) && RE2::PartialMatch(lines[i].text, *rule.pattern)) ++hits;
      }
      score += hits * rule.weight;
    }
    if (score > best_score) {
      best_score = score;
      best = family.name;
    }
  }
  return best;
}

std::vector<Segment> SegmentDocument(const Document& doc, const Grammar& grammar) {
  const std::vector<Line>& lines = doc.lines;
  std::vector<size_t> starts = {0};
  size_t content = 0;
  std::string current;   // family of the current document's start line
  size_t page_line = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (i > 0 && lines[i].page != lines[i - 1].page) page_line = 0;
    if (!lines[i].blank()) ++page_line;
    std::string family = StartFamily(lines[i], grammar);
    if (!family.empty()) {
      // A second start of the same family inside a long document is often a
      // section ("Beslut" in a protokoll); copies of a document are long.
      bool page_top = page_line <= kPageTopLines && lines[i].page > 1;
      size_t needed = page_top ? kMinContentBeforePage
                               : family == current ? kMinSameFamilyChars : kMinContentChars;
      bool seen_start = !current.empty();
      current = family;
      if (seen_start && content >= needed) {
        size_t split = SplitPoint(lines, i, starts.back() + 1);
        starts.push_back(split);
        content = 0;
        for (size_t k = split; k < i; ++k) content += lines[k].text.size();
      }
    }
    content += lines[i].text.size();
  }
  std::vector<Segment> segments;
  for (size_t s = 0; s < starts.size(); ++s) {
    Segment seg;
    seg.begin = starts[s];
    seg.end = s + 1 < starts.size() ? starts[s + 1] : lines.size();
    seg.part = static_cast<int>(s) + 1;
    seg.parts = static_cast<int>(starts.size());
    seg.family = ClassifyLines(lines, seg.begin, seg.end, grammar);
    seg.template_name = SelectTemplate(lines, seg, grammar);
    segments.push_back(seg);
  }
  return segments;
}

}  // namespace finsam
