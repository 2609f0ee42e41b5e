// What every subcommand shares: global options, the engine loader, input
// expansion. Each subcommand lives in its own *_command.cc and registers
// itself in main.cc with one line.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "bulk/isolated_extract.h"
#include "pipeline.h"

namespace finsam {

// The limits on one input file, the same for every subcommand that reads
// files (docs/limits.md lists each with its error code).
// Defaults come from IsolationLimits and IngestOptions, the one place each is set.
struct LimitOptions {
  IsolationLimits isolation;                                          // --timeout, --max-memory-mb
  int max_pages = IngestOptions{}.max_pages;                          // --max-pages
  size_t max_file_mb = IngestOptions{}.max_file_bytes >> 20;          // --max-file-mb
  size_t max_text_mb = IngestOptions{}.max_text_bytes >> 20;          // --max-text-mb
  size_t max_page_chars = IngestOptions{}.max_page_chars;             // --max-page-chars
  size_t max_line_chars = IngestOptions{}.max_line_chars;             // --max-line-chars
};

struct GlobalOptions {
  std::vector<std::string> grammar_dirs;   // --grammars, after the built-in ones
  std::string password;                    // --password for encrypted PDFs
  std::string ocr = "auto";                // --ocr auto|always|never: which PDF pages OCR reads
  int ocr_threads = 0;                     // --ocr-threads per process; 0: cores / --jobs
  LimitOptions limits;
};

// Registers the limit options on the top-level app; subcommands fall
// through to it, so `extract --timeout 5 …` and `--timeout 5 extract …` agree.
void AddLimitOptions(CLI::App& app, LimitOptions& limits);

// Default for --jobs: the number of cores.
int DefaultJobs();

// A registered subcommand: the parsed CLI11 app and what runs it.
struct Command {
  CLI::App* app = nullptr;
  std::function<int()> run;
};

// Loads grammars and registry and applies the global options (password,
// OCR, limits); prints the error and returns null on failure.
std::unique_ptr<Engine> LoadEngine(const GlobalOptions& options);

// Files named, and the .pdf/.txt files below directories named, in order.
std::vector<std::string> ExpandInputs(const std::vector<std::string>& inputs);

// The digest of a file that could be read but not understood ("" if none).
std::string HashIfReadable(const std::string& path);

Command AddExtractCommand(CLI::App& app, const GlobalOptions& global);
Command AddTextCommand(CLI::App& app, const GlobalOptions& global);
Command AddAuditCommand(CLI::App& app, const GlobalOptions& global);
std::vector<Command> AddGrammarCommands(CLI::App& app, const GlobalOptions& global);
std::vector<Command> AddIngestCommands(CLI::App& app, const GlobalOptions& global);   // ingest, export

}  // namespace finsam
