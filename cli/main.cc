// reprint: find copied and syndicated text in news archives.
#include <cstdio>
#include <functional>

#include "CLI/CLI.hpp"
#include "cli/commands.h"

int main(int argc, char** argv) {
  CLI::App app{"reprint: find copied and syndicated text in news archives", "reprint"};
  app.set_version_flag("--version", "reprint 0.1.0");
  app.require_subcommand(1);
  std::function<int()> run;
  reprint::cli::AddScanCommand(app, &run);
  reprint::cli::AddGenCommand(app, &run);
  reprint::cli::AddArchiveCommands(app, &run);
  reprint::cli::AddEvalCommand(app, &run);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int status = app.exit(e);
    return status == 0 ? reprint::cli::kExitOk : reprint::cli::kExitFailure;
  }
  return run();
}
