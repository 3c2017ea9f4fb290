#include "core/scan.h"

#include <algorithm>
#include <chrono>
#include <iterator>
#include <limits>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "core/cluster.h"
#include "core/fingerprint.h"
#include "core/lsh.h"
#include "core/minhash.h"
#include "core/parallel.h"
#include "core/stages.h"
#include "core/status_macros.h"

namespace reprint {
namespace {

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

absl::StatusOr<ScanResult> Scan(absl::Span<const Document> documents, const ScanOptions& options) {
  REPRINT_ASSIGN_OR_RETURN(const LshParams lsh, ResolveLshParams(options));
  REPRINT_ASSIGN_OR_RETURN(const MinHasher hasher, MinHasher::Create(options.minhash));
  if (documents.size() >= std::numeric_limits<uint32_t>::max()) {
    return absl::InvalidArgumentError("too many documents for one scan (limit 2^32 - 1)");
  }
  const int threads = ResolveThreadCount(options.threads);
  const size_t n = documents.size();

  ScanResult result;
  result.stats.documents = n;
  result.stats.lsh = lsh;

  // Stage 1: per document, its signature and passage fingerprints. Shingle
  // lists are not kept: the signature is 4 bytes per permutation, the list 8
  // bytes per word, and only documents in candidate pairs need their sets
  // again (stage 3).
  auto start = std::chrono::steady_clock::now();
  DocumentSketches sketches = SketchDocuments(documents, options, hasher, threads);
  result.stats.shingles = sketches.shingles;
  for (size_t i = 0; i < n; ++i) result.stats.documents_without_words += !sketches.indexable[i];
  result.stats.seconds_shingling = SecondsSince(start);

  // Identical copies: out of the index, each paired with its first.
  std::vector<CandidatePair> identical_pairs;
  {
    const std::vector<uint32_t> first_of = FirstOfIdenticalTexts(sketches.text_keys);
    absl::flat_hash_map<uint32_t, size_t> group_of;
    for (uint32_t i = 0; i < n; ++i) {
      const uint32_t first = first_of[i];
      if (first == i) continue;
      sketches.indexable[i] = 0;
      if (options.passages.enabled) std::vector<uint64_t>().swap(sketches.fingerprints[i]);
      identical_pairs.push_back({first, i});
      auto [it, inserted] = group_of.try_emplace(first, result.identical.size());
      if (inserted) result.identical.push_back({first, {}});
      result.identical[it->second].copies.push_back(i);
    }
    std::sort(identical_pairs.begin(), identical_pairs.end());
    std::sort(result.identical.begin(), result.identical.end(),
              [](const IdenticalGroup& x, const IdenticalGroup& y) { return x.first < y.first; });
    result.stats.identical_copies = identical_pairs.size();
  }

  // Stage 2: candidates, from LSH bands and from shared passage fingerprints.
  start = std::chrono::steady_clock::now();
  std::vector<CandidatePair> lsh_candidates =
      FindCandidatePairs(sketches.signatures, hasher.num_perm(), sketches.indexable, lsh, threads);
  result.stats.candidates = lsh_candidates.size();
  // Copies are not indexed, so no LSH pair repeats an identical pair.
  {
    std::vector<CandidatePair> both;
    both.reserve(lsh_candidates.size() + identical_pairs.size());
    std::merge(lsh_candidates.begin(), lsh_candidates.end(), identical_pairs.begin(), identical_pairs.end(),
               std::back_inserter(both));
    lsh_candidates = std::move(both);
  }
  result.stats.seconds_candidates = SecondsSince(start);
  start = std::chrono::steady_clock::now();
  std::vector<CandidatePair> passage_candidates;
  absl::flat_hash_set<uint64_t> common_fingerprints;  // boilerplate and stock phrases
  if (options.passages.enabled) {
    passage_candidates = SharedFingerprintPairs(sketches.fingerprints, options.passages.fingerprints,
                                                threads, &common_fingerprints, OutletNumbers(documents));
    std::vector<std::vector<uint64_t>>().swap(sketches.fingerprints);
  }
  result.stats.passage_candidates = passage_candidates.size();
  result.stats.seconds_passage_candidates = SecondsSince(start);
  const CandidateSet candidates = MergeCandidates(lsh_candidates, passage_candidates);

  // Stages 3 and 4: exact verification, then passages.
  result.pairs = EvaluateCandidates(documents, sketches.signatures, candidates, common_fingerprints,
                                    options, threads, &result.stats);
  result.stats.seconds_passages = result.stats.seconds_passage_candidates +
                                  result.stats.seconds_preparing + result.stats.seconds_aligning;

  // Clusters of the near-duplicates.
  start = std::chrono::steady_clock::now();
  std::vector<std::pair<uint32_t, uint32_t>> edges;
  for (const DocumentPair& pair : result.pairs) {
    if (pair.near_duplicate) edges.emplace_back(pair.a, pair.b);
  }
  result.clusters = BuildClusters(documents, edges);
  result.stats.seconds_verification += SecondsSince(start);
  return result;
}

}  // namespace reprint
