// finsam-extract: the command line. Subcommands extract, text, grammar.
// Exit status: 0 all inputs read, 1 some inputs failed, 2 usage error.
// Tested end to end by cli_test.cc.
#include <CLI/CLI.hpp>

#include <map>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "audit/audit.h"
#include "evaluate/corpus_run.h"
#include "emit/record_json.h"
#include "grammar/grammar_loader.h"
#include "pipeline.h"

namespace finsam {
namespace {

struct Options {
  std::vector<std::string> inputs;
  std::vector<std::string> grammar_dirs;
  std::string out_dir;
  bool pretty = false;
  std::string password;
};

// Directories are walked for .pdf and .txt files, in name order.
std::vector<std::string> ExpandInputs(const std::vector<std::string>& inputs) {
  std::vector<std::string> files;
  for (const std::string& input : inputs) {
    std::error_code ec;
    if (!std::filesystem::is_directory(input, ec)) { files.push_back(input); continue; }
    std::vector<std::string> found;
    for (const auto& e : std::filesystem::recursive_directory_iterator(input, ec)) {
      std::string ext = e.path().extension().string();
      if (e.is_regular_file() && (ext == ".pdf" || ext == ".txt" || ext == ".PDF" || ext == ".TXT")) {
        found.push_back(e.path().string());
      }
    }
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

std::unique_ptr<Engine> LoadEngine(const Options& options) {
  auto engine = Engine::Load(options.grammar_dirs);
  if (!engine.ok()) {
    std::cerr << "finsam-extract: " << engine.error().ToString() << "\n";
    return nullptr;
  }
  engine.value()->ingest.password = options.password;
  return std::move(engine.value());
}

void WriteRecord(const nlohmann::ordered_json& json, const Options& options, const Record* record) {
  if (options.out_dir.empty()) {
    std::cout << (options.pretty ? json.dump(2) : json.dump()) << "\n";
    return;
  }
  std::string stem = std::filesystem::path(json["source"]["file"].get<std::string>()).stem().string();
  if (record && record->parts > 1) stem += ".part" + std::to_string(record->part);
  std::ofstream out(std::filesystem::path(options.out_dir) / (stem + ".json"));
  out << (options.pretty ? json.dump(2) : json.dump()) << "\n";
}

// The digest of a file that could be read but not understood, so an error
// record still identifies its content.
std::string HashIfReadable(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "";
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str().empty() ? "" : Sha256Hex(bytes.str());
}

int RunExtract(const Options& options) {
  std::unique_ptr<Engine> engine = LoadEngine(options);
  if (!engine) return 2;
  if (!options.out_dir.empty()) std::filesystem::create_directories(options.out_dir);
  std::vector<std::vector<Record>> per_file;
  std::vector<std::pair<std::string, Error>> errors;
  int failed = 0;
  std::vector<std::string> files = ExpandInputs(options.inputs);
  for (const std::string& file : files) {
    Result<std::vector<Record>> records = ExtractFile(file, *engine);
    if (records.ok()) { per_file.push_back(std::move(records.value())); continue; }
    ++failed;
    std::cerr << "finsam-extract: " << records.error().ToString() << "\n";
    per_file.emplace_back();
    errors.emplace_back(file, records.error());
  }
  std::vector<Record*> all;
  for (auto& records : per_file) for (Record& r : records) all.push_back(&r);
  AuditBatch(all);
  size_t error_index = 0;
  for (size_t i = 0; i < files.size(); ++i) {
    if (per_file[i].empty() && error_index < errors.size() && errors[error_index].first == files[i]) {
      WriteRecord(ErrorToJson(errors[error_index].second, files[i], HashIfReadable(files[i])), options, nullptr);
      ++error_index;
    }
    for (const Record& r : per_file[i]) WriteRecord(RecordToJson(r), options, &r);
  }
  return failed ? 1 : 0;
}

const char* KindName(LineKind kind) {
  switch (kind) {
    case LineKind::kHeading: return "H";
    case LineKind::kRule: return "-";
    default: return " ";
  }
}

int RunText(const Options& options) {
  std::unique_ptr<Engine> engine = LoadEngine(options);
  if (!engine) return 2;
  int failed = 0;
  for (const std::string& file : options.inputs) {
    Result<Document> doc = ReadDocument(file, *engine);
    if (!doc.ok()) { std::cerr << "finsam-extract: " << doc.error().ToString() << "\n"; ++failed; continue; }
    for (const Line& line : doc->lines) {
      std::string text = line.text;
      if (line.bold_start && line.bold_prefix <= text.size()) text.insert(line.bold_prefix, "»");
      if (line.bold_start) text.insert(0, "«");
      std::printf("%3d:%-4d %s %s\n", line.page, line.number, KindName(line.kind), text.c_str());
    }
  }
  return failed ? 1 : 0;
}

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
int RunGrammarTest(const Options& options, const std::string& corpus, const std::string& formats) {
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
}  // namespace finsam

int main(int argc, char** argv) {
  using namespace finsam;
  CLI::App app{"finsam-extract: Swedish samordningsförbund documents (ansökan, beslut, rapport) to JSON records"};
  app.set_version_flag("--version", std::string("finsam-extract ") + FINSAM_VERSION);
  app.require_subcommand(1);
  Options options;
  app.add_option("--grammars", options.grammar_dirs, "extra grammar directory (adds to and overrides the built-in)")
      ->check(CLI::ExistingDirectory);

  CLI::App* extract = app.add_subcommand("extract", "one JSON record per logical document, as JSON Lines");
  extract->add_option("files", options.inputs, "PDF or text files, or directories")->required();
  extract->add_option("-o,--output-dir", options.out_dir, "write one .json file per record into DIR");
  extract->add_flag("--pretty", options.pretty, "indent the JSON");
  extract->add_option("--password", options.password, "password for encrypted PDFs");

  CLI::App* text = app.add_subcommand("text", "the normalized text as the engine sees it (page:line, H = heading, «bold label»)");
  text->add_option("files", options.inputs, "PDF or text files")->required();

  CLI::App* grammar = app.add_subcommand("grammar", "check grammar files");
  grammar->require_subcommand(1);
  std::vector<std::string> check_dirs;
  CLI::App* check = grammar->add_subcommand("check", "validate the built-in grammars plus DIR");
  check->add_option("dirs", check_dirs, "extra grammar directories");

  std::string corpus_dir = DefaultCorpusDir(), formats = "both";
  CLI::App* test = grammar->add_subcommand("test", "run the grammars over corpus/ and show what differs from the expected records");
  test->add_option("--corpus", corpus_dir, "corpus directory")->check(CLI::ExistingDirectory);
  test->add_option("--format", formats, "text, pdf or both")->check(CLI::IsMember({"text", "pdf", "both"}));

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return e.get_exit_code() == 0 ? code : 2;
  }
  if (extract->parsed()) return RunExtract(options);
  if (text->parsed()) return RunText(options);
  if (check->parsed()) return RunGrammarCheck(check_dirs);
  if (test->parsed()) return RunGrammarTest(options, corpus_dir, formats);
  return 2;
}
