// reprint eval: score a scan's pairs against truth written by `reprint gen`.
//   reprint eval --articles archive.jsonl --truth truth.jsonl scan.jsonl
#include <cstdio>
#include <memory>
#include <string>

#include "cli/commands.h"
#include "core/eval.h"
#include "core/reader.h"
#include "fmt/format.h"

namespace reprint::cli {
namespace {

struct EvalFlags {
  std::string articles;
  std::string truth;
  std::string scan_output;
  int threads = 0;
};

int Fail(const absl::Status& status) {
  std::fprintf(stderr, "reprint eval: %s\n", std::string(status.message()).c_str());
  return kExitFailure;
}

int RunEval(const EvalFlags& flags) {
  absl::StatusOr<ScanOutput> output = ReadScanOutput(flags.scan_output);
  if (!output.ok()) return Fail(output.status());
  absl::StatusOr<std::vector<TruthRecord>> truth = ReadTruth(flags.truth);
  if (!truth.ok()) return Fail(truth.status());
  const Corpus corpus = ReadInputs({flags.articles}, ReadOptions{flags.threads});
  if (corpus.records_skipped > 0) {
    for (const Diagnostic& d : corpus.diagnostics) std::fprintf(stderr, "%s\n", d.ToString().c_str());
    return Fail(absl::InvalidArgumentError("the archive must read cleanly to be scored"));
  }
  output->options.threads = flags.threads;
  absl::StatusOr<PairEvaluation> evaluation =
      EvaluatePairs(corpus.documents, *truth, output->pairs, output->options);
  if (!evaluation.ok()) return Fail(evaluation.status());

  const PairScore& overall = evaluation->overall;
  fmt::print("pairs at Jaccard >= {:.2f}: precision {:.4f}  recall {:.4f}  F1 {:.4f}  "
             "(TP {}, FP {}, FN {})\n",
             output->options.threshold, overall.precision(), overall.recall(), overall.f1(),
             overall.true_positives, overall.false_positives, overall.false_negatives);
  fmt::print("family pairs edited below the threshold (not expected): {}\n",
             evaluation->truth_pairs_below_threshold);
  fmt::print("recall by true Jaccard:\n");
  for (const auto& [label, score] : evaluation->by_band) {
    fmt::print("  {:<8} {:.4f}  ({} of {})\n", label, score.recall(), score.true_positives,
               score.true_positives + score.false_negatives);
  }
  return kExitOk;
}

}  // namespace

void AddEvalCommand(CLI::App& app, std::function<int()>* run) {
  auto flags = std::make_shared<EvalFlags>();
  CLI::App* eval = app.add_subcommand("eval", "Score `scan --format jsonl` output against truth");
  eval->add_option("scan_output", flags->scan_output, "Output of reprint scan --format jsonl")
      ->required();
  eval->add_option("--articles", flags->articles, "The archive that was scanned")->required();
  eval->add_option("--truth", flags->truth, "Truth written by reprint gen")->required();
  eval->add_option("--threads", flags->threads, "Worker threads (0 = all cores)");
  eval->callback([flags, run] { *run = [flags] { return RunEval(*flags); }; });
}

}  // namespace reprint::cli
