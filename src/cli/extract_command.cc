// `finsam-extract extract`: one JSON record per logical document, as JSON
// Lines on stdout or one file per record, in the order of the inputs. Files
// are parsed in isolated worker processes (src/bulk/worker_pool.h) under the
// global limits, so a file that crashes, hangs or exhausts its parser costs
// one error record. Tested by cli_test.cc.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "audit/duplicate_index.h"
#include "bulk/worker_pool.h"
#include "cli/command.h"
#include "emit/record_json.h"

namespace finsam {
namespace {

struct ExtractOptions {
  std::vector<std::string> inputs;
  std::string out_dir;
  bool pretty = false;
  int jobs = DefaultJobs();
};

void WriteRecord(const nlohmann::ordered_json& json, const ExtractOptions& options) {
  if (options.out_dir.empty()) {
    std::cout << (options.pretty ? json.dump(2) : json.dump()) << "\n";
    return;
  }
  // One part of a multi-document input gets a file of its own.
  std::string stem = std::filesystem::path(json["source"]["file"].get<std::string>()).stem().string();
  if (json["source"]["parts"].is_number() && json["source"]["parts"].get<int>() > 1) {
    stem += ".part" + std::to_string(json["source"]["part"].get<int>());
  }
  std::ofstream out(std::filesystem::path(options.out_dir) / (stem + ".json"));
  out << (options.pretty ? json.dump(2) : json.dump()) << "\n";
}

// A record as the worker wrote it: JSON Lines output passes it on as it is.
void WriteRecordText(const std::string& line, const ExtractOptions& options) {
  if (options.out_dir.empty() && !options.pretty) {
    std::cout << line << "\n";
    return;
  }
  WriteRecord(nlohmann::ordered_json::parse(line), options);
}

// Every file through the worker pool; outcomes kept in input order.
std::vector<FileOutcome> ExtractAll(const std::vector<std::string>& files, const Engine& engine,
                                    const GlobalOptions& global, int jobs) {
  std::vector<FileOutcome> outcomes(files.size());
  WorkerPool pool(engine, global.limits.isolation, std::min<int>(jobs, std::max<int>(1, files.size())),
                  RecordForm::kJsonText);
  size_t next = 0;
  auto feed = [&]() -> std::optional<WorkerPool::Job> {
    if (next >= files.size()) return std::nullopt;
    ++next;
    return WorkerPool::Job{files[next - 1], "", next - 1};
  };
  while (next < files.size() || pool.AnyBusy()) {
    for (; next < files.size() && pool.HasIdle(); ++next) {
      if (auto submitted = pool.Submit(files[next], "", next); !submitted.ok()) {
        outcomes[next].path = files[next];
        outcomes[next].reason = submitted.error().code;
        outcomes[next].message = submitted.error().message;
      }
    }
    for (WorkerPool::Finished& finished : pool.Collect(200, feed)) outcomes[finished.tag] = std::move(finished.outcome);
  }
  return outcomes;
}

// The batch audit across files (`duplicate_submission`) on the fingerprints
// the workers sent with their records; a record that gets the finding has
// it written into its text.
void AuditDuplicates(std::vector<FileOutcome>& outcomes) {
  std::vector<DocumentFingerprint> batch;
  std::vector<std::string*> records;
  for (FileOutcome& outcome : outcomes) {
    if (outcome.fingerprints.size() != outcome.record_lines.size()) continue;
    for (size_t i = 0; i < outcome.record_lines.size(); ++i) {
      batch.push_back(outcome.fingerprints[i]);
      records.push_back(&outcome.record_lines[i]);
    }
  }
  std::vector<std::optional<size_t>> partner = DuplicatePartners(batch);
  for (size_t i = 0; i < batch.size(); ++i) {
    if (partner[i]) AddDuplicateFinding(*records[i], batch[*partner[i]]);
  }
}

int RunExtract(const GlobalOptions& global, const ExtractOptions& options) {
  std::unique_ptr<Engine> engine = LoadEngine(global);
  if (!engine) return 2;
  if (!options.out_dir.empty()) std::filesystem::create_directories(options.out_dir);
  std::vector<std::string> files = ExpandInputs(options.inputs);
  // Workers reading files at once share the cores that OCR threads would.
  int workers = std::min<int>(options.jobs, std::max<int>(1, files.size()));
  engine->ingest.ocr_settings.threads = OcrThreadsPerProcess(workers, global.ocr_threads, DefaultJobs());
  std::vector<FileOutcome> outcomes = ExtractAll(files, *engine, global, options.jobs);
  AuditDuplicates(outcomes);
  int failed = 0;
  for (size_t i = 0; i < files.size(); ++i) {
    const FileOutcome& outcome = outcomes[i];
    if (outcome.failed()) {
      ++failed;
      Error error{outcome.reason, outcome.message, files[i]};
      std::cerr << "finsam-extract: " << error.ToString() << "\n";
      WriteRecord(ErrorToJson(error, files[i], HashIfReadable(files[i])), options);
    }
    for (const std::string& record : outcome.record_lines) WriteRecordText(record, options);
  }
  return failed ? 1 : 0;
}

}  // namespace

Command AddExtractCommand(CLI::App& app, const GlobalOptions& global) {
  auto options = std::make_shared<ExtractOptions>();
  CLI::App* cmd = app.add_subcommand("extract", "one JSON record per logical document, as JSON Lines");
  cmd->add_option("files", options->inputs, "PDF or text files, or directories")->required();
  cmd->add_option("-o,--output-dir", options->out_dir, "write one .json file per record into DIR");
  cmd->add_flag("--pretty", options->pretty, "indent the JSON");
  cmd->add_option("-j,--jobs", options->jobs, "files parsed at once, each in its own worker process "
                                              "(default: number of cores)")
      ->check(CLI::PositiveNumber);
  return {cmd, [&global, options] { return RunExtract(global, *options); }};
}

}  // namespace finsam
