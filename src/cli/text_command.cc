// `finsam-extract text`: the normalized text as the engine sees it, with
// page:line numbers, H for headings and «…» around bold labels: what a
// grammar author looks at. Tested by cli_test.cc.
#include <cstdio>
#include <iostream>

#include "cli/command.h"

namespace finsam {
namespace {

const char* KindName(LineKind kind) {
  switch (kind) {
    case LineKind::kHeading: return "H";
    case LineKind::kRule: return "-";
    default: return " ";
  }
}

int RunText(const GlobalOptions& global, const std::vector<std::string>& inputs) {
  std::unique_ptr<Engine> engine = LoadEngine(global);
  if (!engine) return 2;
  int failed = 0;
  for (const std::string& file : inputs) {
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

}  // namespace

Command AddTextCommand(CLI::App& app, const GlobalOptions& global) {
  auto inputs = std::make_shared<std::vector<std::string>>();
  CLI::App* cmd = app.add_subcommand("text", "the normalized text as the engine sees it (page:line, H = heading, «bold label»)");
  cmd->add_option("files", *inputs, "PDF or text files")->required();
  return {cmd, [&global, inputs] { return RunText(global, *inputs); }};
}

}  // namespace finsam
