// Which grammar patterns cost the most: runs every pattern rule (as the
// engine does, FindCandidates over all lines of a document), every family
// `starts` and score pattern over the lines of the given files, and prints
// the slowest with their RE2 program size (a large counted repetition such
// as ".{3,200}?" makes a program large and its matching slow). For grammar
// authors tuning a pattern; prints figures, not a test.
//   build/rule_profile FILE... [--top N]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

#include "grammar/field_matcher.h"
#include "pipeline.h"

using namespace finsam;

namespace {

struct Probe {
  std::string id;
  const RE2* re;
  std::function<size_t(const std::vector<Line>&)> run;   // returns the number of matches
  double seconds = 0;
  size_t matches = 0;
};

size_t LinesMatching(const RE2& re, const std::vector<Line>& lines) {
  size_t n = 0;
  for (const Line& line : lines) n += RE2::PartialMatch(line.text, re);
  return n;
}

}  // namespace

int main(int argc, char** argv) {
  size_t top = 15;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--top" && i + 1 < argc) top = std::strtoul(argv[++i], nullptr, 10);
    else files.push_back(a);
  }
  auto engine = Engine::Load({});
  if (!engine.ok()) {
    std::fprintf(stderr, "rule_profile: %s\n", engine.error().message.c_str());
    return 2;
  }
  const Grammar& g = engine.value()->grammar;
  std::vector<Probe> probes;
  for (const Field& f : g.fields) {
    for (const Rule& r : f.rules) {
      if (!r.pattern) continue;
      probes.push_back({r.id, r.pattern.get(), [&r, &g](const std::vector<Line>& lines) {
                          return FindCandidates(r, lines, 0, lines.size(), g).size();
                        }});
    }
  }
  for (const Family& fam : g.families) {
    auto add = [&](const std::string& id, const RE2& re) {
      probes.push_back({id, &re, [&re](const std::vector<Line>& lines) { return LinesMatching(re, lines); }});
    };
    for (size_t k = 0; k < fam.starts.size(); ++k) add(fam.name + ".starts#" + std::to_string(k + 1), *fam.starts[k]);
    for (size_t k = 0; k < fam.scores.size(); ++k) add(fam.name + ".score#" + std::to_string(k + 1), *fam.scores[k].pattern);
  }
  size_t lines = 0;
  for (const std::string& path : files) {
    auto doc = ReadDocument(path, *engine.value());
    if (!doc.ok()) {
      std::fprintf(stderr, "rule_profile: %s: %s\n", path.c_str(), doc.error().message.c_str());
      continue;
    }
    lines += doc.value().lines.size();
    for (Probe& p : probes) {
      auto t0 = std::chrono::steady_clock::now();
      p.matches += p.run(doc.value().lines);
      p.seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    }
  }
  std::sort(probes.begin(), probes.end(), [](const Probe& a, const Probe& b) { return a.seconds > b.seconds; });
  double total = 0;
  for (const Probe& p : probes) total += p.seconds;
  std::printf("%zu files, %zu lines, %zu patterns, %.1f ms in all\n", files.size(), lines, probes.size(), total * 1e3);
  for (size_t i = 0; i < probes.size() && i < top; ++i) {
    const Probe& p = probes[i];
    std::printf("%8.2f ms  %6zu matches  program %5d  %s\n", p.seconds * 1e3, p.matches, p.re->ProgramSize(), p.id.c_str());
  }
  return 0;
}
