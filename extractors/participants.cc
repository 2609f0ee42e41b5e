// Participant counts from tables, stated totals and running text (see
// participants.h). Tested by participants_test.cc.
#include "extractors/participants.h"

#include <re2/re2.h>

namespace finsam {
namespace {

std::optional<int> CountIn(std::string_view text) {
  static const RE2 kCount("^\\s*(\\d{1,6})\\b");
  int n = 0;
  if (RE2::PartialMatch(std::string(text), kCount, &n)) return n;
  return std::nullopt;
}

// The column under "Faktiskt"/"Utfall" if the table has one.
std::optional<Box> ActualColumn(const ExtractContext& ctx, size_t row) {
  static const RE2 kActual("(?i)(faktisk|utfall|verklig|resultat)");
  for (size_t i = row; i-- > ctx.begin && i + 4 > row;) {
    for (const Cell& cell : ctx.lines[i].cells) {
      if (RE2::PartialMatch(cell.text, kActual)) return cell.box;
    }
  }
  return std::nullopt;
}

std::optional<int> GenderCount(const ExtractContext& ctx, size_t i, const LabelMatch& m) {
  const Line& line = ctx.lines[i];
  std::optional<Box> actual = ActualColumn(ctx, i);
  std::optional<int> last;
  for (size_t c = 1; c < line.cells.size(); ++c) {
    std::optional<int> n = CountIn(line.cells[c].text);
    if (!n) continue;
    const Box& b = line.cells[c].box;
    if (actual && b.x0 < actual->x1 && actual->x0 < b.x1) return n;
    last = n;
  }
  if (last) return last;
  return CountIn(TrimValue(std::string_view(line.cells[0].text).substr(m.end)));
}

}  // namespace

std::optional<Participants> ExtractParticipants(const ExtractContext& ctx) {
  Participants p;
  auto note = [&](const Line& line) {
    if (!p.page) { p.page = line.page; p.line = line.number; p.text = line.text; }
  };
  for (size_t i = ctx.begin; i < ctx.end; ++i) {
    const Line& line = ctx.lines[i];
    if (line.blank() || line.cells.empty()) continue;
    const std::string& first = line.cells[0].text;
    if (!p.total) {
      if (auto m = ctx.Label("participants_total", line.text)) {
        if (auto n = CountIn(TrimValue(std::string_view(line.text).substr(m->end)))) { p.total = n; note(line); }
      }
    }
    if (!p.women) {
      if (auto m = ctx.Label("women", first)) { if ((p.women = GenderCount(ctx, i, *m))) note(line); }
    }
    if (!p.men) {
      if (auto m = ctx.Label("men", first)) { if ((p.men = GenderCount(ctx, i, *m))) note(line); }
    }
  }
  if (!p.women && !p.men && !p.total) {
    static const RE2 kText("(?i)(\\d{1,5})\\s+kvinnor\\s+och\\s+(\\d{1,5})\\s+män");
    for (size_t i = ctx.begin; i < ctx.end; ++i) {
      int w = 0, m = 0;
      if (RE2::PartialMatch(ctx.lines[i].text, kText, &w, &m)) { p.women = w; p.men = m; note(ctx.lines[i]); break; }
    }
  }
  if (!p.women && !p.men && !p.total) return std::nullopt;
  return p;
}

}  // namespace finsam
