// finsam-extract: the command line. Each subcommand lives in its own
// *_command.cc and is registered here.
// Exit status: 0 all inputs read, 1 some inputs failed, 2 usage error.
// Tested end to end by cli_test.cc.
#include <CLI/CLI.hpp>

#include "cli/command.h"

int main(int argc, char** argv) {
  using namespace finsam;
  CLI::App app{"finsam-extract: Swedish samordningsförbund documents (ansökan, beslut, rapport) to JSON records"};
  app.set_version_flag("--version", std::string("finsam-extract ") + FINSAM_VERSION);
  app.require_subcommand(1);
  GlobalOptions global;
  app.add_option("--grammars", global.grammar_dirs, "extra grammar directory (adds to and overrides the built-in)")
      ->check(CLI::ExistingDirectory);
  app.add_option("--password", global.password, "password for encrypted PDFs");
  AddLimitOptions(app, global.limits);
  app.add_option("--ocr-threads", global.ocr_threads, "OCR threads per process (default: cores / --jobs)")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--ocr", global.ocr, "OCR of PDF pages: auto (pages without usable text), always, never")->check(CLI::IsMember({"auto", "always", "never"}));

  std::vector<Command> commands;
  commands.push_back(AddExtractCommand(app, global));
  commands.push_back(AddTextCommand(app, global));
  commands.push_back(AddAuditCommand(app, global));
  for (Command& c : AddGrammarCommands(app, global)) commands.push_back(std::move(c));
  for (Command& c : AddIngestCommands(app, global)) commands.push_back(std::move(c));

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return e.get_exit_code() == 0 ? code : 2;
  }
  for (const Command& c : commands) {
    if (c.app->parsed()) return c.run();
  }
  return 2;
}
