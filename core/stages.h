// Stages: the pieces of the pipeline that the batch scan (core/scan.h) and
// the archive (core/archive.h), which holds only part of its articles in
// memory at once, both run. Scan() is SketchDocuments(), candidates by
// FindBatchCandidates() (core/candidates.h) joined by MergeCandidates(),
// EvaluateCandidates(), then BuildClusters() (core/cluster.h).
#ifndef REPRINT_CORE_STAGES_H_
#define REPRINT_CORE_STAGES_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "core/large_array.h"
#include "core/lsh.h"
#include "core/minhash.h"
#include "reprint/document.h"
#include "reprint/options.h"
#include "reprint/result.h"

namespace reprint {


// Stage 1 for a set of documents: what is kept of each once its text is
// put aside.
struct DocumentSketches {
  size_t num_perm = 0;
  // Document i at [i * num_perm, (i + 1) * num_perm); large, so filled in
  // place by the workers (core/large_array.h).
  LargeVector<uint32_t> signatures;
  std::vector<uint8_t> indexable;    // 1 if the document has a shingle: only these enter LSH
  std::vector<uint64_t> text_keys;   // NormalizedTextKey() of each document
  // With passages enabled, each document's winnowed fingerprints, in text
  // order with repeats (WinnowInTextOrder()).
  std::vector<std::vector<uint64_t>> fingerprints;
  size_t shingles = 0;               // over all documents, repeats included

  absl::Span<const uint32_t> signature(size_t i) const {
    return absl::MakeConstSpan(signatures).subspan(i * num_perm, num_perm);
  }
};

// Tokenises every document once and sketches it. Reports progress as
// stage "shingling". Thread-safe; identical output for any thread count.
DocumentSketches SketchDocuments(absl::Span<const Document> documents, const ScanOptions& options,
                                 const MinHasher& hasher, int threads);

// Candidate pairs to check, sorted by (a, b) without repeats, each flagged
// if it shares passage fingerprints (such pairs are aligned even below the
// threshold).
struct CandidateSet {
  std::vector<CandidatePair> pairs;
  std::vector<uint8_t> shares_fingerprints;  // one per pair
};

// The union of two sorted, duplicate-free candidate lists.
CandidateSet MergeCandidates(const std::vector<CandidatePair>& lsh_pairs,
                             const std::vector<CandidatePair>& fingerprint_pairs);

// Stages 3 and 4: the exact Jaccard of every candidate, and with passages
// enabled the passages of near-duplicates and fingerprint-sharing pairs
// (boilerplate marked from `common_fingerprints`). Returns the pairs to
// report (near-duplicates and pairs sharing reused text), sorted by (a, b).
// `signatures` holds options.minhash.num_perm values per document, for the
// Jaccard estimate. Works a block of options.verify_block_documents
// documents at a time. Reports progress in pairs, as stage "verifying", or
// "aligning" with passages on. Adds its times to *stats if not null.
// Thread-safe; identical output for any thread count and block size.
std::vector<DocumentPair> EvaluateCandidates(absl::Span<const Document> documents,
                                             absl::Span<const uint32_t> signatures,
                                             const CandidateSet& candidates,
                                             const absl::flat_hash_set<uint64_t>& common_fingerprints,
                                             const ScanOptions& options, int threads,
                                             ScanStats* stats);

// The sorted, duplicate-free shingle set of every document with
// needed[i] != 0 (others stay empty), built on `threads` threads (>= 1)
// with the normalisation and shingle size of `options`, as Scan() builds
// them to verify candidates; eval uses it to compute true Jaccard the same way.
std::vector<std::vector<uint64_t>> BuildShingleSets(absl::Span<const Document> documents,
                                                    absl::Span<const uint8_t> needed,
                                                    const ScanOptions& options, int threads);

// Checks `options` as Scan() does and returns the (b, r) it would use.
absl::StatusOr<LshParams> ResolveLshParams(const ScanOptions& options);

}  // namespace reprint

#endif  // REPRINT_CORE_STAGES_H_
