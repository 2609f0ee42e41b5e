// `finsam-extract ingest`: an archive into a database (SQLite file by
// default, PostgreSQL by URL), optionally mirrored to JSON Lines; parallel,
// resumable, each file parsed in an isolated worker process (src/bulk/). Registers
// `export` beside it (export_command.cc). Tested by tests/ingest_test.cc and
// tools/test_postgres.sh.
#include <unistd.h>

#include <iostream>

#include "bulk/bulk_ingest.h"
#include "bulk/shard.h"
#include "cli/command.h"
#include "cli/export_command.h"
#include "store/store.h"

namespace finsam {
namespace {

struct IngestCliOptions {
  std::vector<std::string> inputs;
  std::string db = "finsam.db";
  std::string jsonl;
  std::string shard = "1/1";
  int jobs = DefaultJobs();
  BulkOptions bulk;
};

// Inputs as named, with `-` replaced by the paths read from stdin (one a line).
std::vector<std::string> NamedInputs(const std::vector<std::string>& inputs) {
  std::vector<std::string> named;
  for (const std::string& input : inputs) {
    if (input != "-") { named.push_back(input); continue; }
    for (std::string line; std::getline(std::cin, line);) {
      if (!line.empty()) named.push_back(line);
    }
  }
  return named;
}

std::vector<std::string> ShardedFiles(const std::vector<std::string>& inputs, const Shard& shard) {
  std::vector<std::string> files;
  for (std::string& file : ExpandInputs(NamedInputs(inputs))) {
    if (shard.Takes(file)) files.push_back(std::move(file));
  }
  return files;
}

int RunIngest(const GlobalOptions& global, IngestCliOptions& options) {
  Result<Shard> shard = ParseShard(options.shard);
  if (!shard.ok()) { std::cerr << "finsam-extract: " << shard.error().message << "\n"; return 2; }
  std::unique_ptr<Engine> engine = LoadEngine(global);
  if (!engine) return 2;
  auto database = OpenDatabaseStore(options.db);
  if (!database.ok()) { std::cerr << "finsam-extract: " << database.error().ToString() << "\n"; return 2; }
  std::vector<std::unique_ptr<RecordStore>> owned;
  std::vector<RecordStore*> mirrors;
  if (!options.jsonl.empty()) {
    auto jsonl = OpenJsonlStore(options.jsonl);
    if (!jsonl.ok()) { std::cerr << "finsam-extract: " << jsonl.error().ToString() << "\n"; return 2; }
    owned.push_back(std::move(jsonl.value()));
    mirrors.push_back(owned.back().get());
  }
  options.bulk.jobs = options.jobs;
  options.bulk.limits = global.limits.isolation;
  options.bulk.progress = isatty(STDERR_FILENO);
  std::vector<std::string> files = ShardedFiles(options.inputs, *shard);
  // Workers reading files at once share the cores that OCR threads would.
  int workers = std::min<int>(options.jobs, std::max<int>(1, files.size()));
  engine->ingest.ocr_settings.threads = OcrThreadsPerProcess(workers, global.ocr_threads, DefaultJobs());
  auto counts = RunBulkIngest(files, *engine, **database, mirrors, options.bulk);
  if (!counts.ok()) { std::cerr << "finsam-extract: " << counts.error().ToString() << "\n"; return 1; }
  return counts->errors ? 1 : 0;
}

}  // namespace

std::vector<Command> AddIngestCommands(CLI::App& app, const GlobalOptions& global) {
  auto options = std::make_shared<IngestCliOptions>();
  CLI::App* cmd = app.add_subcommand("ingest", "store the records of files and directories in a database");
  cmd->add_option("inputs", options->inputs, "PDF or text files, directories, or - to read paths from stdin")
      ->required();
  cmd->add_option("--db", options->db, "SQLite file, or postgresql://… (default finsam.db)");
  cmd->add_option("--jsonl", options->jsonl, "also append every record to this JSON Lines file");
  cmd->add_option("-j,--jobs", options->jobs, "files parsed at once (default: number of cores)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--shard", options->shard, "take only shard K of N (by a stable hash of the path), as K/N");
  std::vector<Command> commands = {{cmd, [&global, options] { return RunIngest(global, *options); }}};
  commands.push_back(AddExportCommand(app));
  return commands;
}

}  // namespace finsam
