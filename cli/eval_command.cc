// reprint eval: score a scan's output against truth: written by `reprint gen`
// (--articles --truth), PAN XML (--pan), or a labels file (--labels).
//   reprint eval --articles archive.jsonl --truth truth.jsonl scan.jsonl
#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>

#include "cli/commands.h"
#include "fmt/format.h"
#include "reprint/archive.h"
#include "reprint/eval.h"
#include "reprint/reader.h"
#include "reprint/scan_records.h"

namespace reprint::cli {
namespace {

struct EvalFlags {
  std::string articles;
  std::string truth;
  std::string pan;
  std::string labels;
  std::string scan_output;
  std::string db;
  int threads = 0;
};

// What is scored: articles and what a scan or an archive found among them,
// with every pair an identical copy stands for written out.
struct Scored {
  std::vector<Document> documents;
  ScanResult result;
  ScanOptions options;
};

bool HasPassages(const ScanResult& result) {
  return std::any_of(result.pairs.begin(), result.pairs.end(),
                     [](const DocumentPair& pair) { return !pair.passages.empty(); });
}

int Fail(const absl::Status& status) {
  std::fprintf(stderr, "reprint eval: %s\n", std::string(status.message()).c_str());
  return kExitFailure;
}

void PrintPan(std::string_view label, const PanScore& score) {
  fmt::print("  {:<22} plagdet {:.4f}  precision {:.4f}  recall {:.4f}  granularity {:.4f}  "
             "({} cases, {} detections)\n",
             label, score.plagdet, score.precision, score.recall, score.granularity, score.cases,
             score.detections);
}

// PAN's measures overall, by case type and by obfuscation.
int RunPan(const EvalFlags& flags, const Scored& scored) {
  absl::StatusOr<PanTruth> truth = ReadPanTruth(flags.pan);
  if (!truth.ok()) return Fail(truth.status());
  const std::vector<PanPassage> detections = PanDetections(*truth, scored.documents, scored.result);
  fmt::print("PAN measures of {} detections against {} cases in {}:\n", detections.size(),
             truth->cases.size(), flags.pan);
  PrintPan("all", ScorePan(truth->cases, detections));
  auto subset = [&](auto keep) {
    std::vector<PanPassage> cases;
    for (const PanPassage& c : truth->cases) {
      if (keep(c)) cases.push_back(c);
    }
    return ScorePan(cases, detections, /*restrict_precision=*/true);
  };
  PrintPan("artificial", subset([](const PanPassage& c) { return c.type == "artificial"; }));
  PrintPan("simulated", subset([](const PanPassage& c) { return c.type == "simulated"; }));
  std::vector<std::string> obfuscations;
  for (const PanPassage& c : truth->cases) {
    if (!c.obfuscation.empty()) obfuscations.push_back(c.obfuscation);
  }
  std::sort(obfuscations.begin(), obfuscations.end());
  obfuscations.erase(std::unique(obfuscations.begin(), obfuscations.end()), obfuscations.end());
  for (const std::string& obfuscation : obfuscations) {
    PrintPan("obfuscation " + obfuscation,
             subset([&](const PanPassage& c) { return c.obfuscation == obfuscation; }));
  }
  fmt::print("(by type: precision counts only detections overlapping a case of that type)\n");
  return kExitOk;
}

// Passages `gen` embedded: how many were found and how much of them.
void PrintEmbeddedPassages(const std::vector<TruthRecord>& truth, const Scored& scored) {
  const EmbeddedPassageScore score = ScoreEmbeddedPassages(truth, scored.documents, scored.result);
  if (score.cases == 0) return;
  if (!HasPassages(scored.result)) {
    fmt::print("embedded passages: {} in the truth, none reported (scan without --passages?)\n",
               score.cases);
    return;
  }
  fmt::print("embedded passages found: {:.4f} ({} of {}); characters of the found ones covered: "
             "{:.4f}\n",
             static_cast<double>(score.found) / static_cast<double>(score.cases), score.found,
             score.cases, score.covered_when_found);
}

// Reported containment of copies and parents against the truth's, and the
// longest edit inside any passage that is not a moved sentence (one longer
// than the break length is a heavy rewording of like length, or text one
// side lacks that the passage failed to end at).
void PrintContainment(const std::vector<TruthRecord>& truth, const Scored& scored) {
  const ContainmentScore score = ScoreContainment(truth, scored.documents, scored.result);
  if (score.pairs == 0 && score.missing == 0) return;
  fmt::print("containment of copy and parent, both ways: mean absolute error {:.4f}, largest {:.4f} "
             "({} pairs, {} not reported); with text pasted in or a paragraph dropped: {:.4f} ({} pairs)\n",
             score.mean_absolute_error, score.max_absolute_error, score.pairs, score.missing,
             score.pasted_or_dropped_mean_absolute_error, score.pasted_or_dropped_pairs);
  if (!HasPassages(scored.result)) return;
  fmt::print("longest edit inside a passage, moved sentences aside: {} words (passages break at runs of "
             "{} words one side lacks)\n",
             LongestEditWords(scored.result), scored.options.passages.align.break_words);
}

// Labelled documents (cut / light / heavy / non): linked to their source or not.
int RunLabels(const EvalFlags& flags, const Scored& scored) {
  absl::StatusOr<std::vector<LabeledDocument>> labels = ReadLabels(flags.labels);
  if (!labels.ok()) return Fail(labels.status());
  const LabelEvaluation evaluation = ScoreLabels(*labels, scored.documents, scored.result);
  fmt::print("category  linked/documents  mean containment in its source: by passages, by shingles\n");
  for (const CategoryScore& c : evaluation.categories) {
    const bool should_link = c.category != "non";
    const std::vector<std::string>& odd = should_link ? c.unlinked : c.linked;
    std::string list;
    for (const std::string& file : odd) list += (list.empty() ? "" : ", ") + file;
    fmt::print("{:<8} {:>4}/{:<4}          {:.3f}  {:.3f}{}\n", c.category, c.linked.size(), c.documents,
               c.mean_containment, c.mean_shingle_containment,
               odd.empty() ? "" : fmt::format("   {}: {}", should_link ? "not linked" : "linked", list));
  }
  fmt::print("links to another document's source: {}\n", evaluation.wrong_links.size());
  for (const auto& [document, source] : evaluation.wrong_links) fmt::print("  {} -> {}\n", document, source);
  return kExitOk;
}

// Reads a scan's JSONL output, or everything an archive stores.
absl::StatusOr<Scored> ReadScored(const EvalFlags& flags) {
  if (flags.db.empty() == flags.scan_output.empty()) {
    return absl::InvalidArgumentError("give a scan's JSONL output or --db ARCHIVE, not both");
  }
  Scored scored;
  if (flags.db.empty()) {
    absl::StatusOr<ScanRecords> records = ReadScanRecords(flags.scan_output);
    if (!records.ok()) return records.status();
    scored = {std::move(records->documents), std::move(records->result), records->options};
    if (absl::Status expanded = ExpandIdenticalCopies(&scored.result); !expanded.ok()) {
      return absl::ResourceExhaustedError(fmt::format("{}: {}", flags.scan_output, std::string(expanded.message())));
    }
    return scored;
  }
  absl::StatusOr<std::unique_ptr<Archive>> archive =
      Archive::Open(flags.db, Archive::Access::kRead, ArchiveRequest{});
  if (!archive.ok()) return archive.status();
  absl::StatusOr<ArchiveView> view = (*archive)->Export();
  if (!view.ok()) return view.status();
  scored = {std::move(view->documents), std::move(view->result), (*archive)->options()};
  if (absl::Status expanded = ExpandIdenticalCopies(&scored.result); !expanded.ok()) return expanded;
  return scored;
}

int RunEval(const EvalFlags& flags) {
  absl::StatusOr<Scored> scored = ReadScored(flags);
  if (!scored.ok()) return Fail(scored.status());
  if (!flags.pan.empty()) return RunPan(flags, *scored);
  if (!flags.labels.empty()) return RunLabels(flags, *scored);
  if (flags.articles.empty() || flags.truth.empty()) {
    return Fail(absl::InvalidArgumentError("give --articles and --truth, --pan, or --labels"));
  }
  absl::StatusOr<std::vector<TruthRecord>> truth = ReadTruth(flags.truth);
  if (!truth.ok()) return Fail(truth.status());
  const Corpus corpus = ReadInputs({flags.articles}, ReadOptions{flags.threads});
  if (corpus.records_skipped > 0) {
    for (const Diagnostic& d : corpus.diagnostics) std::fprintf(stderr, "%s\n", d.ToString().c_str());
    return Fail(absl::InvalidArgumentError("the archive must read cleanly to be scored"));
  }
  scored->options.threads = flags.threads;
  absl::StatusOr<PairEvaluation> evaluation =
      EvaluatePairs(corpus.documents, *truth, scored->documents, scored->result, scored->options);
  if (!evaluation.ok()) return Fail(evaluation.status());

  const PairScore& overall = evaluation->overall;
  fmt::print("pairs at Jaccard >= {:.2f}: precision {:.4f}  recall {:.4f}  F1 {:.4f}  "
             "(TP {}, FP {}, FN {})\n",
             scored->options.threshold, overall.precision(), overall.recall(), overall.f1(),
             overall.true_positives, overall.false_positives, overall.false_negatives);
  fmt::print("family pairs edited below the threshold (not expected): {}\n",
             evaluation->truth_pairs_below_threshold);
  fmt::print("recall by true Jaccard:\n");
  for (const auto& [label, score] : evaluation->by_band) {
    fmt::print("  {:<8} {:.4f}  ({} of {})\n", label, score.recall(), score.true_positives,
               score.true_positives + score.false_negatives);
  }
  fmt::print("recall by kind (copy and its parent, by what was done to the copy; indirect: same family):\n");
  for (const auto& [label, score] : evaluation->by_kind) {
    fmt::print("  {:<10} {:.4f}  ({} of {})\n", label, score.recall(), score.true_positives,
               score.true_positives + score.false_negatives);
  }
  const ClusterEvaluation clusters = EvaluateClusters(*truth, evaluation->true_pairs, scored->documents, scored->result);
  fmt::print("clusters: adjusted Rand index {:.4f} (against the components of true pairs); "
             "origin accuracy {:.4f} ({} of {} clusters holding their family's original)\n",
             clusters.adjusted_rand_index, clusters.origin_accuracy(), clusters.origins_correct,
             clusters.clusters_with_original);
  PrintEmbeddedPassages(*truth, *scored);
  PrintContainment(*truth, *scored);
  return kExitOk;
}

}  // namespace

void AddEvalCommand(CLI::App& app, std::function<int()>* run) {
  auto flags = std::make_shared<EvalFlags>();
  CLI::App* eval = app.add_subcommand("eval", "Score `scan --format jsonl` output against truth");
  eval->add_option("scan_output", flags->scan_output, "Output of reprint scan --format jsonl");
  eval->add_option("--db", flags->db, "Score an archive (reprint add) instead of a scan's output");
  eval->add_option("--articles", flags->articles, "The archive that was scanned (with --truth)");
  eval->add_option("--truth", flags->truth, "Truth written by reprint gen: scores pairs");
  eval->add_option("--pan", flags->pan,
                   "A directory of PAN-format XML truth: scores passages (plagdet)");
  eval->add_option("--labels", flags->labels,
                   "A TSV of labelled documents (columns file, category, source_file), like "
                   "clough-stevenson/labels.tsv: which are linked to their source");
  eval->add_option("--threads", flags->threads, "Worker threads (0 = all cores)");
  eval->callback([flags, run] { *run = [flags] { return RunEval(*flags); }; });
}

}  // namespace reprint::cli
