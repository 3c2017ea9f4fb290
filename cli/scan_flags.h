// The options that shape what reprint finds, shared by `scan` and the
// archive commands so that both spell them the same way.
#ifndef REPRINT_CLI_SCAN_FLAGS_H_
#define REPRINT_CLI_SCAN_FLAGS_H_

#include <string>
#include <utility>
#include <vector>

#include "CLI/CLI.hpp"
#include "reprint/reader.h"
#include "reprint/scan.h"

namespace reprint::cli {

struct ScanFlags {
  ScanOptions options;
  LshParams explicit_lsh;  // --bands and --rows; 0 = not given
  int64_t max_article_mb = 64;  // larger articles are skipped with a message
  std::string timezone;         // --timezone: the zone of dates without one ("" = UTC)
  // Each option registered, by its name without "--", to tell which ones
  // the user gave.
  std::vector<std::pair<std::string, CLI::Option*>> registered;

  // Fills options.lsh from --bands/--rows if given.
  void Finish();
  // How inputs are read: threads and the article size limit.
  ReadOptions Reading() const;
  // The names of the options given on the command line.
  std::vector<std::string> ExplicitlySet() const;
};

// Registers a flag for every option of core/option_registry.h that has a
// help text, then --threads, --timezone and --max-article-mb.
void AddScanFlags(CLI::App* command, ScanFlags* flags);

// Prints diagnostics to stderr, at most `limit` of them, then a count.
void PrintDiagnostics(const Corpus& corpus, int limit);

}  // namespace reprint::cli

#endif  // REPRINT_CLI_SCAN_FLAGS_H_
