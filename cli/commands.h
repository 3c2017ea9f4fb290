// The subcommands of `reprint`. Each registers its options on a CLI11 app and
// returns the process exit status (DESIGN.md): 0 all input read, 1 finished
// but some records were skipped, 2 usage error or nothing could be done.
#ifndef REPRINT_CLI_COMMANDS_H_
#define REPRINT_CLI_COMMANDS_H_

#include <functional>

#include "CLI/CLI.hpp"

namespace reprint::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitSkipped = 1;
inline constexpr int kExitFailure = 2;

// Adds the subcommand to `app`; `*run` is set to the function that runs it
// once parsing has succeeded.
void AddScanCommand(CLI::App& app, std::function<int()>* run);
void AddGenCommand(CLI::App& app, std::function<int()>* run);
void AddEvalCommand(CLI::App& app, std::function<int()>* run);
// add, query, show, clusters, stats: the SQLite archive.
void AddArchiveCommands(CLI::App& app, std::function<int()>* run);

}  // namespace reprint::cli

#endif  // REPRINT_CLI_COMMANDS_H_
