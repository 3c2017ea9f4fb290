// Scoring reprint's output against known truth.
//
// What is scored is the result model: `documents`, whose ids name the
// articles, and a ScanResult whose indices point into them, as
// ReadScanRecords() (core/scan_records.h) or Archive::Export() give them.
// Call ExpandIdenticalCopies() on the result first, so that the pairs an
// identical copy stands for are scored as pairs.
//
// Pair truth is computed, not assumed: for every pair of articles in one
// truth family, and for every pair reprint reported, the exact Jaccard of
// their shingle sets decides whether it is a true pair (>= threshold). This
// keeps the score honest when an edit pushes a copy below the threshold.
#ifndef REPRINT_EVAL_H_
#define REPRINT_EVAL_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "reprint/document.h"
#include "reprint/options.h"
#include "reprint/result.h"
#include "reprint/truth.h"

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
  // Recall by how the truth made the pair: a copy and its parent, by what
  // was done to the copy ("edited", "truncated" (maybe also edited),
  // "reordered"), or two articles of one family that are not parent and
  // child ("indirect"). Reported pairs outside any family count in `overall`.
  std::vector<std::pair<std::string, PairScore>> by_kind;
  int64_t truth_pairs_below_threshold = 0;  // family pairs edited below it
  // Every pair at or above the threshold (family or reported), by id.
  std::vector<std::pair<DocId, DocId>> true_pairs;
};

struct ClusterEvaluation {
  // Adjusted Rand index (Hubert and Arabie 1985) of the reported clusters
  // against the true clusters (connected components of the true pairs),
  // over every article of the truth; unclustered articles are singletons.
  double adjusted_rand_index = 1;
  // Reported clusters that hold the original of their family (the family of
  // most of their members), and those whose reported origin is it.
  int64_t clusters_with_original = 0;
  int64_t origins_correct = 0;
  double origin_accuracy() const;  // 1 when no cluster holds an original
};

// ARI of two labelings of the same n items (labels[i] = cluster of item i).
// 1 for identical partitions (and when n < 2), about 0 for independent ones.
double AdjustedRandIndex(absl::Span<const int64_t> truth_labels, absl::Span<const int64_t> reported_labels);

// Scores result.clusters (members and origin named by `documents`' ids)
// against `truth` and the true pairs EvaluatePairs() found. Members absent
// from `truth` are left out.
ClusterEvaluation EvaluateClusters(absl::Span<const TruthRecord> truth,
                                   absl::Span<const std::pair<DocId, DocId>> true_pairs,
                                   absl::Span<const Document> documents, const ScanResult& result);

// Reported containment against the truth's (TruthRecord::containment_in_parent
// and ::parent_containment_in_copy), over the copies whose pair with their
// parent is in result.pairs (in either orientation); each pair counts
// both ways.
struct ContainmentScore {
  int64_t pairs = 0;                   // copy-parent pairs reported and scored
  int64_t missing = 0;                 // copy-parent pairs with truth not reported
  double mean_absolute_error = 0;
  double max_absolute_error = 0;
  int64_t pasted_or_dropped_pairs = 0;  // of `pairs`, copies with text pasted in or a paragraph dropped
  double pasted_or_dropped_mean_absolute_error = 0;
};
ContainmentScore ScoreContainment(absl::Span<const TruthRecord> truth, absl::Span<const Document> documents,
                                  const ScanResult& result);

// Writes out what result->identical stands for, then clears it: every
// pair among a group's members, and (copy, x) for every pair (first, x),
// appended to result->pairs after the pairs already there. An added pair
// carries the values of the pair it stands for (copies among themselves:
// 1 throughout, near-duplicate) but no passages: a copy's raw text, and so
// its offsets, may differ from its first's. Quadratic in a group's size, as
// the pairs it writes out are: kResourceExhausted, changing nothing, if
// that would pass `max_pairs` pairs in all.
inline constexpr size_t kMaxExpandedPairs = 20'000'000;
absl::Status ExpandIdenticalCopies(ScanResult* result, size_t max_pairs = kMaxExpandedPairs);

// PAN text-reuse evaluation (Potthast, Stein, Barron-Cedeno and Rosso, "An
// Evaluation Framework for Plagiarism Detection", COLING 2010). A case or a
// detection is a passage of a suspicious document and a passage of a source
// document, in characters. A detection detects a case when they name the
// same two documents and overlap on both sides.
struct PanPassage {
  std::string suspicious;  // file name, e.g. "suspicious-document00001.txt"
  std::string source;
  uint32_t suspicious_begin = 0, suspicious_end = 0;
  uint32_t source_begin = 0, source_end = 0;
  std::string type;         // cases: "simulated" | "artificial"; detections: ""
  std::string obfuscation;  // cases: "none", "random-shuffling", ...; "" if not given
};

struct PanTruth {
  std::vector<PanPassage> cases;
  std::vector<std::string> suspicious_documents;  // every document the truth covers
};

struct PanScore {
  double precision = 0;    // character precision, macro-averaged over detections
  double recall = 0;       // character recall, macro-averaged over cases
  double granularity = 1;  // detections per detected case
  double plagdet = 0;      // F1 / log2(1 + granularity)
  int64_t cases = 0;
  int64_t detections = 0;
};

// Reads every *.xml file of PAN's format in `directory`: <document
// reference=...> with <feature name="plagiarism" this_offset ...>.
absl::StatusOr<PanTruth> ReadPanTruth(const std::string& directory);

// Turns the passages of result.pairs into PAN detections: passages between
// a suspicious document (by file name, or its id's last path component)
// and any other document, in the order of the pairs and their passages;
// others are ignored.
std::vector<PanPassage> PanDetections(const PanTruth& truth, absl::Span<const Document> documents,
                                      const ScanResult& result);

// The share of `passage`'s characters (both sides) covered by the members of
// `detections` that detect it; 0 when none does.
double DetectedShare(const PanPassage& passage, absl::Span<const PanPassage> detections);

struct EmbeddedPassageScore {
  int64_t cases = 0;               // passages the truth says were embedded
  int64_t found = 0;               // overlapped on both sides by a reported passage
  double covered_when_found = 0;   // mean share of a found one's characters covered
};

// Scores the passages of result.pairs against the passages `gen` embedded
// (truth records' `passages`). A passage counts in either orientation,
// since an article can both take a passage and be taken from.
EmbeddedPassageScore ScoreEmbeddedPassages(absl::Span<const TruthRecord> truth,
                                           absl::Span<const Document> documents, const ScanResult& result);

// The most words one edit of any passage of result.pairs changes on either
// side, edits that move a sentence left out; 0 without such edits.
uint32_t LongestEditWords(const ScanResult& result);

// PAN's measures of `detections` against `cases`. Precision counts only
// detections that overlap some case of `cases` when `restrict_precision` is
// true (used to score one obfuscation type at a time).
PanScore ScorePan(absl::Span<const PanPassage> cases, absl::Span<const PanPassage> detections,
                  bool restrict_precision = false);

// A labelled document (e.g. ../shared/data/clough-stevenson/labels.tsv):
// how `file` relates to `source` (category "cut", "light", "heavy", "non").
struct LabeledDocument {
  std::string file;
  std::string category;
  std::string source;
};

// Reads a tab-separated file whose header names the columns "file",
// "category" and "source_file" (others are ignored). InvalidArgument naming
// the line of a short row or a missing column.
absl::StatusOr<std::vector<LabeledDocument>> ReadLabels(const std::string& path);

struct CategoryScore {
  std::string category;
  int64_t documents = 0;
  std::vector<std::string> linked;    // linked to their own source
  std::vector<std::string> unlinked;
  double mean_containment = 0;        // of a document in its source; 0 for unlinked ones
  double mean_shingle_containment = 0;  // the same with the pairs' shingle containment
};

struct LabelEvaluation {
  std::vector<CategoryScore> categories;  // cut, light, heavy, non first, then others by name
  // Labelled documents linked to a source that is not theirs (a source is
  // any file named as some document's source).
  std::vector<std::pair<std::string, std::string>> wrong_links;
};

// A document is linked to a source when a pair of result.pairs joins them
// and is a near-duplicate or has passages. Documents are matched by file
// name (the last path component of the id in `documents`).
LabelEvaluation ScoreLabels(absl::Span<const LabeledDocument> labels, absl::Span<const Document> documents,
                            const ScanResult& result);

// Scores the near-duplicate pairs of `result` (over `documents`) against
// `truth` families over `articles`, the texts scanned, which must hold
// every article named in either, by id. Uses options.threshold, .shingle
// and .normalize to compute true Jaccard, on options.threads threads.
// NotFound naming the first id missing from `articles`.
absl::StatusOr<PairEvaluation> EvaluatePairs(absl::Span<const Document> articles,
                                             absl::Span<const TruthRecord> truth,
                                             absl::Span<const Document> documents, const ScanResult& result,
                                             const ScanOptions& options);

}  // namespace reprint

#endif  // REPRINT_EVAL_H_
