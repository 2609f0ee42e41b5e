// Replays inputs through fuzz targets without libFuzzer, so that the inputs
// under fuzz/regressions/TARGET/ (and the hand-made seed PDFs) run as
// ordinary ctest tests in every build (GCC, sanitizers). Every
// fuzz/*_fuzz.cc is linked in with its entry point renamed FuzzEntry_TARGET
// (CMakeLists.txt writes the list, fuzz_targets.inc).
//   fuzz_replay TARGET[,TARGET...] FILE|DIR...
// A crash or a failed invariant aborts; an unknown target or an unreadable
// input exits 1.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>
#include <string>
#include <vector>

using FuzzEntry = int (*)(const uint8_t*, size_t);

#define FUZZ_TARGET(name) extern "C" int FuzzEntry_##name(const uint8_t*, size_t);
#include "fuzz_targets.inc"
#undef FUZZ_TARGET

namespace {

const std::map<std::string, FuzzEntry>& Targets() {
#define FUZZ_TARGET(name) {#name, FuzzEntry_##name},
  static const std::map<std::string, FuzzEntry> targets = {
#include "fuzz_targets.inc"
  };
#undef FUZZ_TARGET
  return targets;
}

std::vector<std::filesystem::path> Inputs(int argc, char** argv) {
  std::vector<std::filesystem::path> inputs;
  for (int i = 2; i < argc; ++i) {
    std::error_code ec;
    if (!std::filesystem::is_directory(argv[i], ec)) {
      inputs.emplace_back(argv[i]);
      continue;
    }
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(argv[i])) {
      if (entry.is_regular_file() && entry.path().filename() != "README.md") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    inputs.insert(inputs.end(), files.begin(), files.end());
  }
  return inputs;
}

bool Replay(FuzzEntry entry, const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  entry(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: fuzz_replay TARGET[,TARGET...] FILE|DIR...\n");
    return 2;
  }
  std::vector<std::filesystem::path> inputs = Inputs(argc, argv);
  std::stringstream names(argv[1]);
  int failed = 0;
  for (std::string name; std::getline(names, name, ',');) {
    auto target = Targets().find(name);
    if (target == Targets().end()) {
      std::fprintf(stderr, "fuzz_replay: no fuzz target %s\n", name.c_str());
      return 1;
    }
    for (const auto& input : inputs) {
      std::fprintf(stderr, "%s %s\n", name.c_str(), input.c_str());
      if (!Replay(target->second, input)) {
        std::fprintf(stderr, "fuzz_replay: cannot read %s\n", input.c_str());
        ++failed;
      }
    }
    std::fprintf(stderr, "%s: %zu inputs replayed\n", name.c_str(), inputs.size());
  }
  return failed == 0 ? 0 : 1;
}
