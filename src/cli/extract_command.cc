// `finsam-extract extract`: one JSON record per logical document, as JSON
// Lines on stdout or one file per record. Tested by cli_test.cc.
#include <filesystem>
#include <fstream>
#include <iostream>

#include "audit/audit.h"
#include "cli/command.h"
#include "emit/record_json.h"

namespace finsam {
namespace {

struct ExtractOptions {
  std::vector<std::string> inputs;
  std::string out_dir;
  bool pretty = false;
};

void WriteRecord(const nlohmann::ordered_json& json, const ExtractOptions& options, const Record* record) {
  if (options.out_dir.empty()) {
    std::cout << (options.pretty ? json.dump(2) : json.dump()) << "\n";
    return;
  }
  std::string stem = std::filesystem::path(json["source"]["file"].get<std::string>()).stem().string();
  if (record && record->parts > 1) stem += ".part" + std::to_string(record->part);
  std::ofstream out(std::filesystem::path(options.out_dir) / (stem + ".json"));
  out << (options.pretty ? json.dump(2) : json.dump()) << "\n";
}

int RunExtract(const GlobalOptions& global, const ExtractOptions& options) {
  std::unique_ptr<Engine> engine = LoadEngine(global);
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

}  // namespace

Command AddExtractCommand(CLI::App& app, const GlobalOptions& global) {
  auto options = std::make_shared<ExtractOptions>();
  CLI::App* cmd = app.add_subcommand("extract", "one JSON record per logical document, as JSON Lines");
  cmd->add_option("files", options->inputs, "PDF or text files, or directories")->required();
  cmd->add_option("-o,--output-dir", options->out_dir, "write one .json file per record into DIR");
  cmd->add_flag("--pretty", options->pretty, "indent the JSON");
  return {cmd, [&global, options] { return RunExtract(global, *options); }};
}

}  // namespace finsam
