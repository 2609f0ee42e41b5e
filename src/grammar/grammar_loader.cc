// Parses the grammar language (grammars/README.md) line by line into the
// Grammar model. Tested by grammar_loader_test.cc.
#include "grammar/grammar_loader.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "grammar/grammar_syntax.h"

namespace finsam {

const LabelSet* Grammar::Labels(std::string_view name) const {
  if (!label_index.empty()) {
    auto hashed = label_index.find(name);
    return hashed == label_index.end() ? nullptr : hashed->second;
  }
  auto it = labels.find(name);
  return it == labels.end() ? nullptr : &it->second;
}

const Family* Grammar::FindFamily(const std::string& name) const {
  for (const Family& f : families) if (f.name == name) return &f;
  return nullptr;
}

std::string DefaultGrammarDir() {
  if (const char* env = std::getenv("FINSAM_GRAMMARS"); env && *env) return env;
  std::error_code ec;
  if (std::filesystem::is_directory(FINSAM_GRAMMAR_INSTALL_DIR, ec)) return FINSAM_GRAMMAR_INSTALL_DIR;
  return std::string(FINSAM_SOURCE_DIR) + "/grammars";
}

Result<Grammar> LoadGrammarDirs(const std::vector<std::string>& dirs) {
  Grammar grammar;
  for (const std::string& dir : dirs) {
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) {
      return Error{"grammar_io", "not a grammar directory", dir};
    }
    std::vector<std::string> files;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir, ec)) {
      if (entry.is_regular_file() && entry.path().extension() == ".fg") files.push_back(entry.path().string());
    }
    std::sort(files.begin(), files.end());
    for (const std::string& file : files) {
      std::ifstream in(file, std::ios::binary);
      if (!in) return Error{"grammar_io", "cannot read the file", file};
      std::ostringstream text;
      text << in.rdbuf();
      Result<bool> parsed = ParseGrammarText(text.str(), file, grammar);
      if (!parsed.ok()) return parsed.error();
      grammar.files.push_back(file);
    }
  }
  Result<bool> finished = FinishGrammar(grammar);
  if (!finished.ok()) return finished.error();
  return grammar;
}

}  // namespace finsam
