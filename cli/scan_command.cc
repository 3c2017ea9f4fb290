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
#include "core/reader.h"
#include "core/report.h"
#include "core/scan.h"
#include "fmt/format.h"

namespace reprint::cli {
namespace {

struct ScanFlags {
  std::vector<std::string> inputs;
  ScanOptions options;
  int bands = 0;
  int rows = 0;
  std::string format = "text";
  std::string output;
  int max_messages = 50;
  bool timings = false;
};

// Prints diagnostics to stderr, at most `limit` of them, then a count.
void PrintDiagnostics(const Corpus& corpus, int limit) {
  int printed = 0;
  for (const Diagnostic& d : corpus.diagnostics) {
    if (printed++ == limit) {
      std::fprintf(stderr, "reprint: %zu more messages not shown (raise --max-messages)\n",
                   corpus.diagnostics.size() - static_cast<size_t>(limit));
      break;
    }
    std::fprintf(stderr, "%s\n", d.ToString().c_str());
  }
}

int RunScan(ScanFlags& flags) {
  if (flags.bands != 0 || flags.rows != 0) flags.options.lsh = LshParams{flags.bands, flags.rows};
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
  const Corpus corpus = ReadInputs(flags.inputs, ReadOptions{flags.options.threads});
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
  report.records_skipped = corpus.records_skipped;
  report.warnings = static_cast<int64_t>(corpus.diagnostics.size()) - corpus.records_skipped;
  // Colour only for a person at a terminal, and never against NO_COLOR.
  report.color = (flags.output.empty() || flags.output == "-") && isatty(STDOUT_FILENO) != 0 &&
                 std::getenv("NO_COLOR") == nullptr;
  const auto writing = std::chrono::steady_clock::now();
  if (flags.format == "jsonl") {
    WriteJsonlReport(report, output.stream());
  } else {
    WriteTextReport(report, output.stream());
  }
  if (flags.timings) {
    const ScanStats& stats = result->stats;
    const auto now = std::chrono::steady_clock::now();
    const double seconds_writing = std::chrono::duration<double>(now - writing).count();
    const double seconds_total = std::chrono::duration<double>(now - start).count();
    const double megabytes = static_cast<double>(corpus.bytes_read) / 1e6;
    std::fprintf(stderr,
                 "timings: read %.3f s, shingle+minhash %.3f s, lsh %.3f s, verify+cluster %.3f s, "
                 "passages %.3f s (candidates %.3f, prepare %.3f, align %.3f), write %.3f s, "
                 "total %.3f s for %.1f MB (%.0f MB/s, %.0f articles/s)\n",
                 seconds_reading, stats.seconds_shingling, stats.seconds_candidates,
                 stats.seconds_verification, stats.seconds_passages,
                 stats.seconds_passage_candidates, stats.seconds_preparing, stats.seconds_aligning,
                 seconds_writing, seconds_total, megabytes, megabytes / seconds_total,
                 static_cast<double>(stats.documents) / seconds_total);
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
  auto flags = std::make_shared<ScanFlags>();
  CLI::App* scan = app.add_subcommand(
      "scan", "Find near-duplicate articles and group them into syndication clusters");
  scan->add_option("inputs", flags->inputs,
                   "JSONL files, .txt files, directories (read recursively), or - for JSONL on stdin")
      ->required();
  scan->add_option("--threshold", flags->options.threshold,
                   "Report pairs whose word-shingle Jaccard similarity is at least this")
      ->capture_default_str();
  scan->add_option("--shingle", flags->options.shingle.size, "Words per shingle")
      ->capture_default_str();
  scan->add_option("--num-perm", flags->options.minhash.num_perm, "MinHash permutations")
      ->capture_default_str();
  scan->add_option("--seed", flags->options.minhash.seed, "Seed of the MinHash family")
      ->capture_default_str();
  scan->add_option("--threads", flags->options.threads, "Worker threads (0 = all cores)")
      ->capture_default_str();
  scan->add_option("--format", flags->format, "Output format")
      ->check(CLI::IsMember({"text", "jsonl"}))
      ->capture_default_str();
  scan->add_option("--output,-o", flags->output, "Write the report here instead of stdout");
  scan->add_flag("--strip-diacritics", flags->options.normalize.strip_diacritics,
                 "Fold accented letters to their base letters (café = cafe)");
  scan->add_flag("--passages{true},--no-passages{false}", flags->options.passages.enabled,
                 "Also find reused passages (inside articles that are otherwise different), with "
                 "their spans, kind and edits; slower");
  scan->add_option("--min-passage-words", flags->options.passages.align.min_words,
                   "Shortest passage reported, in words on each side")
      ->capture_default_str();
  scan->add_option("--fingerprint-words", flags->options.passages.fingerprints.words,
                   "Words per passage fingerprint n-gram")
      ->capture_default_str();
  scan->add_option("--winnow-window", flags->options.passages.fingerprints.window,
                   "Winnowing window, in n-grams")
      ->capture_default_str();
  scan->add_option("--min-shared-fingerprints", flags->options.passages.fingerprints.min_shared,
                   "Fingerprints two articles must share to be aligned")
      ->capture_default_str();
  scan->add_option("--bands", flags->bands,
                   "LSH bands (b); with --rows overrides the choice made from --threshold");
  scan->add_option("--rows", flags->rows, "LSH rows per band (r)");
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
