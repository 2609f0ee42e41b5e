// Shared pieces of the subcommands (see command.h). Tested by cli_test.cc.
#include "cli/command.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

namespace finsam {

std::unique_ptr<Engine> LoadEngine(const GlobalOptions& options) {
  auto engine = Engine::Load(options.grammar_dirs);
  if (!engine.ok()) {
    std::cerr << "finsam-extract: " << engine.error().ToString() << "\n";
    return nullptr;
  }
  engine.value()->ingest.password = options.password;
  engine.value()->ingest.ocr = ParseOcrMode(options.ocr).value_or(OcrMode::kAuto);
  return std::move(engine.value());
}

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
// record still identifies its content.
std::string HashIfReadable(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "";
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str().empty() ? "" : Sha256Hex(bytes.str());
}

}  // namespace finsam
