#include "reprint/scan.h"

#include <algorithm>
#include <chrono>
#include <iterator>
#include <limits>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "core/candidates.h"
#include "core/minhash.h"
#include "core/parallel.h"
#include "core/stages.h"
#include "core/status_macros.h"
#include "reprint/cluster.h"

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

  // Stage 2: candidates: identical copies each paired with its first, LSH
  // bands, shared passage fingerprints; no article was indexed before.
  InMemoryPostings none_before;
  REPRINT_ASSIGN_OR_RETURN(BatchCandidates found,
                           FindBatchCandidates(documents, &sketches, sketches.text_keys, none_before, options,
                                               lsh, /*keep_postings=*/false, threads));
  std::vector<uint64_t>().swap(sketches.text_keys);
  std::vector<std::vector<uint64_t>>().swap(sketches.fingerprints);
  for (const CandidatePair& pair : found.identical_pairs) {
    if (result.identical.empty() || result.identical.back().first != pair.a) {
      result.identical.push_back({pair.a, {}});
    }
    result.identical.back().copies.push_back(pair.b);
  }
  result.stats.identical_copies = found.identical_pairs.size();
  result.stats.candidates = found.lsh_pairs.size();
  result.stats.passage_candidates = found.fingerprint_pairs.size();
  // Copies are not indexed, so no LSH pair repeats an identical pair.
  std::vector<CandidatePair> lsh_candidates;
  lsh_candidates.reserve(found.lsh_pairs.size() + found.identical_pairs.size());
  std::merge(found.lsh_pairs.begin(), found.lsh_pairs.end(), found.identical_pairs.begin(),
             found.identical_pairs.end(), std::back_inserter(lsh_candidates));
  const absl::flat_hash_set<uint64_t> common_fingerprints = std::move(found.common);  // boilerplate, stock phrases
  result.stats.seconds_candidates = found.seconds_bands;
  result.stats.seconds_passage_candidates = found.seconds_fingerprints;
  const CandidateSet candidates = MergeCandidates(lsh_candidates, found.fingerprint_pairs);
  found = BatchCandidates();

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
