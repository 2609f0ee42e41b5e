// Participant counts from tables, stated totals and running text (see
// participants.h). Tested by participants_test.cc.
#include "extractors/participants.h"

#include <re2/re2.h>

#include <functional>

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

namespace {

// "Kvinnor  Män  Totalt" as column headings, counts on a row below.
bool ColumnTable(const ExtractContext& ctx, size_t i, Participants& p) {
  const Line& head = ctx.lines[i];
  std::optional<Box> women, men, total;
  for (const Cell& c : head.cells) {
    if (ctx.Label("women", c.text)) women = c.box;
    else if (ctx.Label("men", c.text)) men = c.box;
    else if (ctx.Label("participants.total_row", c.text)) total = c.box;
  }
  if (!women || !men) return false;
  for (size_t k = i + 1; k < ctx.end && k < i + 4; ++k) {
    const Line& row = ctx.lines[k];
    if (row.blank()) continue;
    auto at = [&](const Box& col) -> std::optional<int> {
      for (const Cell& c : row.cells) if (c.box.x0 < col.x1 && col.x0 < c.box.x1) return CountIn(c.text);
      return std::nullopt;
    };
    p.women = at(*women);
    p.men = at(*men);
    if (total) p.total = at(*total);
    if (p.women || p.men) return true;
  }
  return false;
}

// Counts in running text: "varav 38 kvinnor och 26 män", "70 deltagare
// skrivs in", "Mål: 45 deltagare". Percentages ("30 % av deltagarna") are not.
void FromText(const ExtractContext& ctx, Participants& p, const std::function<void(const Line&)>& note) {
  static const RE2 kGender("(?i)(\\d{1,5})\\s+kvinnor\\s+och\\s+(\\d{1,5})\\s+män");
  static const RE2 kCount("(?i)(?:^|[-•:)]\\s*|\\batt\\s+|\\bskrevs\\s+|\\bhar\\s+)(\\d{1,4})\\s+(?:deltagare|personer)\\b");
  // Stated counts in running text are plans in an application; in a report
  // they are as often goals ("målet att 100 personer…") as results.
  bool counts_are_plans = ctx.family == "ansokan";
  for (size_t i = ctx.begin; i < ctx.end; ++i) {
    const Line& line = ctx.lines[i];
    int w = 0, m = 0, n = 0;
    if (!p.women && !p.men && RE2::PartialMatch(line.text, kGender, &w, &m)) { p.women = w; p.men = m; note(line); }
    if (counts_are_plans && !p.total && RE2::PartialMatch(line.text, kCount, &n)) { p.total = n; note(line); }
  }
}

// "Antal deltagare: 124", also after a sentence ("… ohälsa. Planerat antal
// deltagare: 60, varav …") and with words before the colon ("Antal
// inskrivna deltagare sedan start: 64").
std::optional<int> LabelledTotal(const ExtractContext& ctx, std::string_view text) {
  for (size_t pos = 0; pos < text.size();) {
    std::string_view from = text.substr(pos);
    if (auto m = ctx.Label("participants_total", from)) {
      std::string_view rest = TrimValue(from.substr(m->end));
      if (auto n = CountIn(rest)) return n;
      size_t colon = rest.find(':');
      if (colon != std::string_view::npos && colon < 30) return CountIn(TrimValue(rest.substr(colon + 1)));
    }
    size_t next = text.find(". ", pos);
    if (next == std::string_view::npos) break;
    pos = next + 2;
  }
  return std::nullopt;
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
      if (std::optional<int> n = LabelledTotal(ctx, line.text)) { p.total = n; note(line); }
    }
    if (!p.women && !p.men && ColumnTable(ctx, i, p)) { note(line); continue; }
    if (!p.women) {
      if (auto m = ctx.Label("women", first)) { if ((p.women = GenderCount(ctx, i, *m))) note(line); }
    }
    if (!p.men) {
      if (auto m = ctx.Label("men", first)) { if ((p.men = GenderCount(ctx, i, *m))) note(line); }
    }
    // A total row right below the gender rows of a table.
    if (p.women && p.men && !p.total && line.cells.size() > 1) {
      if (auto m = ctx.Label("participants.total_row", first)) p.total = GenderCount(ctx, i, *m);
    }
  }
  FromText(ctx, p, note);
  if (!p.women && !p.men && !p.total) return std::nullopt;
  if (p.women && p.men && !p.total && ctx.family != "ansokan") p.total = *p.women + *p.men;
  return p;
}

}  // namespace finsam
