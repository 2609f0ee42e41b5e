// Shared pieces of the subcommands (see command.h). Tested by cli_test.cc.
#include "cli/command.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

namespace finsam {

std::unique_ptr<Engine> LoadEngine(const GlobalOptions& options) {
  auto engine = Engine::Load(options.grammar_dirs);
  if (!engine.ok()) {
    std::cerr << "finsam-extract: " << engine.error().ToString() << "\n";
    return nullptr;
  }
  engine.value()->ingest.password = options.password;
  engine.value()->ingest.ocr = ParseOcrMode(options.ocr).value_or(OcrMode::kAuto);
  IngestOptions& ingest = engine.value()->ingest;
  ingest.max_pages = options.limits.max_pages;
  ingest.max_file_bytes = options.limits.max_file_mb << 20;
  ingest.max_text_bytes = options.limits.max_text_mb << 20;
  ingest.max_page_chars = options.limits.max_page_chars;
  ingest.max_line_chars = options.limits.max_line_chars;
  return std::move(engine.value());
}

void AddLimitOptions(CLI::App& app, LimitOptions& limits) {
  app.fallthrough();
  IsolationLimits& isolation = limits.isolation;
  app.add_option("--timeout", isolation.timeout_seconds, "seconds allowed per file, and again after each page OCR reads (default 120)")
      ->check(CLI::PositiveNumber)->group("Limits");
  app.add_option("--max-memory-mb", isolation.max_memory_mb,
                 "address space allowed per file's parser, 0 = unlimited (default 2048)")->group("Limits");
  app.add_option("--max-pages", limits.max_pages, "pages allowed per PDF (default 500)")
      ->check(CLI::PositiveNumber)->group("Limits");
  app.add_option("--max-file-mb", limits.max_file_mb, "size allowed per input file (default 256)")
      ->check(CLI::PositiveNumber)->group("Limits");
  app.add_option("--max-text-mb", limits.max_text_mb, "size allowed per text file (default 64)")
      ->check(CLI::PositiveNumber)->group("Limits");
  app.add_option("--max-page-chars", limits.max_page_chars,
                 "characters allowed in the text layer of one PDF page (default 200000)")
      ->check(CLI::PositiveNumber)->group("Limits");
  app.add_option("--max-line-chars", limits.max_line_chars,
                 "characters allowed in one line of a text file (default 100000)")
      ->check(CLI::PositiveNumber)->group("Limits");
}

int DefaultJobs() { return static_cast<int>(std::max(1u, std::thread::hardware_concurrency())); }

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

// The digest of a file that could be read but not understood, so an error
// record still identifies its content; read in pieces (it may be huge).
std::string HashIfReadable(const std::string& path) {
  Result<FileDigest> digest = DigestFile(path, 0);
  return digest.ok() && digest->size > 0 ? digest->sha256 : "";
}

}  // namespace finsam
