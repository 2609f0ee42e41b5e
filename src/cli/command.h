// What every subcommand shares: global options, the engine loader, input
// expansion. Each subcommand lives in its own *_command.cc and registers
// itself in main.cc with one line.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "pipeline.h"

namespace finsam {

struct GlobalOptions {
  std::vector<std::string> grammar_dirs;   // --grammars, after the built-in ones
  std::string password;                    // --password for encrypted PDFs
  std::string ocr = "auto";                // --ocr auto|always|never: which PDF pages OCR reads
};

// A registered subcommand: the parsed CLI11 app and what runs it.
struct Command {
  CLI::App* app = nullptr;
  std::function<int()> run;
};

// Loads grammars and registry; prints the error and returns null on failure.
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
