// `finsam-extract grammar check|test`: validate grammar files; run them over
// the corpus and show, field by field, what differs from the expected
// records. Tested by cli_test.cc.
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>

#include "cli/command.h"
#include "evaluate/corpus_run.h"
#include "grammar/grammar_loader.h"

namespace finsam {
namespace {

int RunGrammarCheck(const std::vector<std::string>& dirs) {
  std::vector<std::string> all = {DefaultGrammarDir()};
  all.insert(all.end(), dirs.begin(), dirs.end());
  Result<Grammar> grammar = LoadGrammarDirs(all);
  if (!grammar.ok()) { std::cerr << grammar.error().ToString() << "\n"; return 1; }
  size_t rules = 0;
  for (const Field& f : grammar->fields) rules += f.rules.size();
  std::cout << "grammar ok: " << grammar->files.size() << " files, " << grammar->labels.size() << " label sets, "
            << grammar->families.size() << " families, " << grammar->templates.size() << " templates, "
            << grammar->fields.size() << " fields, " << rules << " rules\n";
  return 0;
}

std::string DefaultCorpusDir() {
  std::error_code ec;
  if (std::filesystem::is_directory("corpus", ec)) return "corpus";
  return std::string(FINSAM_SOURCE_DIR) + "/corpus";
}

// Runs the grammars over the corpus and shows, field by field, what
// differs from the expected records; the last line is the overall F1.
int RunGrammarTest(const GlobalOptions& options, const std::string& corpus, const std::string& formats) {
  std::unique_ptr<Engine> engine = LoadEngine(options);
  if (!engine) return 2;
  std::map<std::string, FamilyScore> totals;
  std::vector<std::string> order;
  int failed = 0, run = 0;
  for (const std::string& dir : CorpusCases(corpus)) {
    for (const char* input : {"input.txt", "input.pdf"}) {
      bool pdf = std::string(input) == "input.pdf";
      if ((pdf && formats == "text") || (!pdf && formats == "pdf")) continue;
      if (!std::filesystem::exists(std::filesystem::path(dir) / input)) continue;
      CaseResult r = RunCase(*engine, dir, input);
      ++run;
      std::string name = std::filesystem::path(dir).filename().string() + "/" + input;
      if (r.Passed()) { std::cout << "ok    " << name << "\n"; }
      else { ++failed; std::cout << "FAIL  " << name << (r.error.empty() ? "" : ": " + r.error) << "\n"; }
      if (r.records.size() != r.expected.size() && r.error.empty()) {
        std::cout << "      records: expected " << r.expected.size() << ", got " << r.records.size() << "\n";
      }
      for (size_t i = 0; i < r.scores.size(); ++i) {
        for (const FamilyScore& f : r.scores[i]) {
          if (!totals.count(f.family)) order.push_back(f.family);
          FamilyScore& t = totals[f.family];
          t.tp += f.tp; t.fp += f.fp; t.fn += f.fn;
          if (f.fp || f.fn) {
            std::cout << "      part " << i + 1 << " " << f.family << ": expected " << f.expected << "\n"
                      << "      " << std::string(std::to_string(i + 1).size() + 6 + f.family.size(), ' ') << "got      " << f.got << "\n";
          }
        }
      }
    }
  }
  int tp = 0, fp = 0, fn = 0;
  std::printf("\n%-16s %5s %5s %5s %7s\n", "family", "TP", "FP", "FN", "F1");
  for (const std::string& family : order) {
    const FamilyScore& t = totals[family];
    tp += t.tp; fp += t.fp; fn += t.fn;
    double f1 = t.tp ? 2.0 * t.tp / (2.0 * t.tp + t.fp + t.fn) : (t.fp || t.fn ? 0.0 : 1.0);
    std::printf("%-16s %5d %5d %5d %7.3f\n", family.c_str(), t.tp, t.fp, t.fn, f1);
  }
  double f1 = tp ? 2.0 * tp / (2.0 * tp + fp + fn) : 0.0;
  std::printf("%d passed, %d failed; overall field F1 %.3f\n", run - failed, failed, f1);
  return failed ? 1 : 0;
}

}  // namespace

std::vector<Command> AddGrammarCommands(CLI::App& app, const GlobalOptions& global) {
  CLI::App* grammar = app.add_subcommand("grammar", "check grammar files, or test them on the corpus");
  grammar->require_subcommand(1);
  auto dirs = std::make_shared<std::vector<std::string>>();
  CLI::App* check = grammar->add_subcommand("check", "validate the built-in grammars plus DIR");
  check->add_option("dirs", *dirs, "extra grammar directories");
  auto corpus = std::make_shared<std::string>(DefaultCorpusDir());
  auto formats = std::make_shared<std::string>("both");
  CLI::App* test = grammar->add_subcommand("test", "run the grammars over corpus/ and show what differs from the expected records");
  test->add_option("--corpus", *corpus, "corpus directory")->check(CLI::ExistingDirectory);
  test->add_option("--format", *formats, "text, pdf or both")->check(CLI::IsMember({"text", "pdf", "both"}));
  return {{check, [&global, dirs] {
             std::vector<std::string> all = global.grammar_dirs;
             all.insert(all.end(), dirs->begin(), dirs->end());
             return RunGrammarCheck(all);
           }},
          {test, [&global, corpus, formats] { return RunGrammarTest(global, *corpus, *formats); }}};
}

}  // namespace finsam
