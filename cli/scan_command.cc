// reprint scan: batch near-duplicate detection over files.
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/output_file.h"
#include "cli/progress.h"
#include "cli/scan_flags.h"
#include "core/stages.h"
#include "fmt/format.h"
#include "reprint/html_report.h"
#include "reprint/reader.h"
#include "reprint/report.h"
#include "reprint/scan.h"
#include "reprint/scan_records.h"

namespace reprint::cli {
namespace {

struct ScanCommandFlags {
  std::vector<std::string> inputs;
  ScanFlags scan;
  ScanOptions& options = scan.options;
  std::string format = "text";
  std::string output;
  int max_messages = 50;
  bool timings = false;
};

int RunScan(ScanCommandFlags& flags) {
  flags.scan.Finish();
  if (absl::StatusOr<LshParams> lsh = ResolveLshParams(flags.options); !lsh.ok()) {
    std::fprintf(stderr, "reprint scan: %s\n", std::string(lsh.status().message()).c_str());
    return kExitFailure;
  }
  OutputFile output(flags.output);
  if (!output.ok()) {
    std::fprintf(stderr, "reprint scan: cannot write %s\n", flags.output.c_str());
    return kExitFailure;
  }

  const auto start = std::chrono::steady_clock::now();
  const Corpus corpus = ReadInputs(flags.inputs, flags.scan.Reading());
  const double seconds_reading =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  PrintDiagnostics(corpus, flags.max_messages);
  if (corpus.documents.empty() && corpus.records_skipped > 0) {
    std::fprintf(stderr, "reprint scan: no article could be read\n");
    return kExitFailure;
  }

  absl::StatusOr<ScanResult> result;
  {
    ProgressBar progress;  // cleared when it goes out of scope, before anything else prints
    flags.options.progress = [&progress](std::string_view stage, size_t done, size_t total) {
      progress.Update(stage, done, total);
    };
    result = Scan(corpus.documents, flags.options);
    flags.options.progress = nullptr;
  }
  if (!result.ok()) {
    std::fprintf(stderr, "reprint scan: %s\n", std::string(result.status().message()).c_str());
    return kExitFailure;
  }

  ScanReport report;
  report.documents = corpus.documents;
  report.result = &*result;
  report.options = &flags.options;
  report.inputs = flags.inputs;
  report.timezone = flags.scan.timezone;
  report.records_skipped = corpus.records_skipped;
  report.warnings = static_cast<int64_t>(corpus.diagnostics.size()) - corpus.records_skipped;
  // Colour only for a person at a terminal, and never against NO_COLOR.
  report.color = (flags.output.empty() || flags.output == "-") && isatty(STDOUT_FILENO) != 0 &&
                 std::getenv("NO_COLOR") == nullptr;
  const auto writing = std::chrono::steady_clock::now();
  if (flags.format == "jsonl") {
    WriteJsonlReport(report, output.stream());
  } else if (flags.format == "html") {
    WriteHtmlReport(report, output.stream());
  } else {
    WriteTextReport(report, output.stream());
  }
  if (flags.timings) {
    const ScanStats& stats = result->stats;
    const auto now = std::chrono::steady_clock::now();
    const double seconds_writing = std::chrono::duration<double>(now - writing).count();
    const double seconds_total = std::chrono::duration<double>(now - start).count();
    const double megabytes = static_cast<double>(corpus.bytes_read) / 1e6;
    // With passages on, pairs are verified where they are aligned, and the
    // passage stages are listed; without, there are none to list.
    std::string stages =
        fmt::format("read {:.3f} s, shingle+minhash {:.3f} s, lsh {:.3f} s, ", seconds_reading,
                    stats.seconds_shingling, stats.seconds_candidates);
    if (flags.options.passages.enabled) {
      fmt::format_to(std::back_inserter(stages),
                     "cluster {:.3f} s, passages {:.3f} s (candidates {:.3f}, prepare {:.3f}, "
                     "verify+align {:.3f}), ",
                     stats.seconds_verification, stats.seconds_passages,
                     stats.seconds_passage_candidates, stats.seconds_preparing,
                     stats.seconds_aligning);
    } else {
      fmt::format_to(std::back_inserter(stages), "verify+cluster {:.3f} s, ",
                     stats.seconds_verification);
    }
    std::fprintf(stderr,
                 "timings: %swrite %.3f s, total %.3f s for %.1f MB (%.0f MB/s, %.0f articles/s)\n",
                 stages.c_str(), seconds_writing, seconds_total, megabytes,
                 megabytes / seconds_total, static_cast<double>(stats.documents) / seconds_total);
  }
  if (!output.Finish()) {
    std::fprintf(stderr, "reprint scan: error writing %s\n",
                 flags.output.empty() ? "standard output" : flags.output.c_str());
    return kExitFailure;
  }
  return corpus.records_skipped > 0 ? kExitSkipped : kExitOk;
}

}  // namespace

void AddScanCommand(CLI::App& app, std::function<int()>* run) {
  auto flags = std::make_shared<ScanCommandFlags>();
  CLI::App* scan = app.add_subcommand(
      "scan", "Find near-duplicate articles and group them into syndication clusters");
  scan->add_option("inputs", flags->inputs,
                   "JSONL files, .txt files, directories (read recursively), or - for JSONL on stdin")
      ->required();
  AddScanFlags(scan, &flags->scan);
  scan->add_option("--format", flags->format, "Output format")
      ->check(CLI::IsMember({"text", "jsonl", "html"}))
      ->capture_default_str();
  scan->add_option("--output,-o", flags->output, "Write the report here instead of stdout");
  scan->add_option("--max-messages", flags->max_messages,
                   "Print at most this many input warnings and errors")
      ->capture_default_str();
  scan->add_flag("--timings", flags->timings, "Print the time of each stage to stderr");
  scan->footer(
      "Exit status: 0 all input read, 1 some records were skipped (see stderr), "
      "2 usage error or nothing could be read.");
  scan->callback([flags, run] { *run = [flags] { return RunScan(*flags); }; });
}

}  // namespace reprint::cli
