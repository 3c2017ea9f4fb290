// Scoring reprint's output against known truth.
//
// Pair truth is computed, not assumed: for every pair of articles in one
// truth family, and for every pair reprint reported, the exact Jaccard of
// their shingle sets decides whether it is a true pair (>= threshold). This
// keeps the score honest when an edit pushes a copy below the threshold.
#ifndef REPRINT_CORE_EVAL_H_
#define REPRINT_CORE_EVAL_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "core/document.h"
#include "core/generate.h"
#include "core/scan.h"

namespace reprint {

struct PairScore {
  int64_t true_positives = 0;
  int64_t false_positives = 0;
  int64_t false_negatives = 0;
  double precision() const;  // 1 when nothing was reported
  double recall() const;     // 1 when nothing was to be found
  double f1() const;
};

struct PairEvaluation {
  PairScore overall;
  // Recall by true-Jaccard band [0.5, 0.6), ..., [0.9, 1.0]; bands below the
  // threshold are absent. `label` is like "0.5-0.6".
  std::vector<std::pair<std::string, PairScore>> by_band;
  int64_t truth_pairs_below_threshold = 0;  // family pairs edited below it
};

// What a `scan --format jsonl` output holds that scoring needs.
struct ScanOutput {
  ScanOptions options;                            // threshold, shingle, normalisation
  std::vector<std::pair<DocId, DocId>> pairs;     // as reported
};

// Reads a `reprint scan --format jsonl` file. InvalidArgument naming the line
// of a malformed record or a missing "run" record.
absl::StatusOr<ScanOutput> ReadScanOutput(const std::string& path);

// Reads truth as `reprint gen` writes it (TruthJsonLine per line).
absl::StatusOr<std::vector<TruthRecord>> ReadTruth(const std::string& path);

// Scores `found` pairs against `truth` families over `documents` (which must
// contain every article named in either). Uses options.threshold, .shingle
// and .normalize to compute true Jaccard. NotFound naming the first id
// missing from `documents`.
absl::StatusOr<PairEvaluation> EvaluatePairs(absl::Span<const Document> documents,
                                             absl::Span<const TruthRecord> truth,
                                             absl::Span<const std::pair<DocId, DocId>> found,
                                             const ScanOptions& options);

}  // namespace reprint

#endif  // REPRINT_CORE_EVAL_H_
