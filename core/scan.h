// Scan: the batch pipeline over an in-memory set of documents.
//
//   Corpus corpus = ReadInputs({"corpus/"}, {});
//   ScanOptions options;              // threshold 0.5, 5-word shingles, 128 permutations
//   absl::StatusOr<ScanResult> result = Scan(corpus.documents, options);
//   for (const DocumentPair& pair : result->pairs) { ... }
//
// Stages: tokenise and normalise -> shingles -> MinHash signature ->
// identical texts set aside -> LSH candidates -> exact verification (Jaccard of the shingle sets, so every
// reported pair really meets the threshold) -> clusters. With
// options.passages.enabled, winnowed fingerprints add candidates that share
// a passage, and every near-duplicate or fingerprint candidate is aligned
// (core/align.h) to find its passages.
//
// Identical texts (equal after normalisation) would make every one of their
// pairs a candidate: 100,000 copies of one boilerplate notice are five
// billion pairs. So only the first of them enters LSH and fingerprints, each
// later copy is paired with that first one alone, and ScanResult::identical
// names the groups. Whatever pairs with the first pairs with its copies.
#ifndef REPRINT_CORE_SCAN_H_
#define REPRINT_CORE_SCAN_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "core/align.h"
#include "core/cluster.h"
#include "core/document.h"
#include "core/fingerprint.h"
#include "core/large_array.h"
#include "core/lsh.h"
#include "core/minhash.h"
#include "core/shingle.h"
#include "core/tokenize.h"

namespace reprint {

// Called as work advances: `done` of `total` units of `stage` are finished.
// May be called from several threads at once, and must be thread-safe.
using ProgressCallback =
    std::function<void(std::string_view stage, size_t done, size_t total)>;

// The passage layer: which articles share passages, and which passages.
struct PassageOptions {
  // On by default: saying which text was reused is what reprint is for.
  // Off gives the document-level scan alone (pairs at the threshold and
  // their clusters), about a quarter of the time.
  bool enabled = true;
  FingerprintOptions fingerprints;  // finds articles that share a passage
  AlignOptions align;               // finds the passages themselves
};

struct ScanOptions {
  double threshold = 0.5;             // report pairs whose shingle Jaccard >= this
  NormalizeOptions normalize;         // how words are normalised
  ShingleOptions shingle;             // k = 5 words
  MinHashOptions minhash;             // 128 permutations, seed 1
  LshWeights lsh_weights;             // how (b, r) is chosen from the threshold
  std::optional<LshParams> lsh;       // explicit (b, r); unset = chosen from the threshold
  PassageOptions passages;            // reused passages, also below the threshold
  int threads = 0;                    // 0 = one per hardware thread
  // Candidates are verified (and with passages, aligned) in blocks whose
  // documents' shingle lists (8 bytes per word) and, with passages, texts
  // prepared for alignment (about 60 bytes per word) are held at once: at
  // most this many documents, so memory stays bounded however large the
  // input. The result does not depend on it. 512 costs no time against
  // 1,024 and keeps the peak under 900 bytes per article (BENCHMARKS.md).
  size_t verify_block_documents = 512;
  ProgressCallback progress;          // optional
};

// A pair of documents that meets the threshold or shares a passage that is
// neither boilerplate nor a quotation both articles make (quoting one
// statement is not copying the reporting). Indices
// are into the documents given to Scan(); a < b.
struct DocumentPair {
  uint32_t a = 0;
  uint32_t b = 0;
  double jaccard = 0;             // exact, over the shingle sets
  double jaccard_estimate = 0;    // MinHash estimate, for reference
  // With passages enabled: the share of a's characters inside passages it
  // shares with b, boilerplate and quotations both make left out. Without:
  // |A ∩ B| / |A|, the share of a's shingles in b.
  double containment_a_in_b = 0;
  double containment_b_in_a = 0;
  // |A ∩ B| / |A| over the shingle sets, with or without passages: the
  // share of a's word runs found verbatim in b. Light rewording lowers it
  // where passage coverage (above, with passages) stays high.
  double shingle_containment_a_in_b = 0;
  double shingle_containment_b_in_a = 0;
  std::vector<Passage> passages;  // ordered by position in a
  bool shares_reused_text = false;  // a passage that is neither boilerplate nor quoted in both
  bool near_duplicate = false;    // jaccard >= threshold; only these form clusters
};

// Documents with identical normalised texts, by index. `first` is the
// earliest of them in input order; `copies` the others, ascending.
struct IdenticalGroup {
  uint32_t first = 0;
  std::vector<uint32_t> copies;
};

struct ScanStats {
  size_t documents = 0;
  size_t documents_without_words = 0;  // cannot match anything; not indexed
  size_t identical_copies = 0;         // paired with their first only; not indexed
  size_t shingles = 0;                 // shingles summed over documents (with repeats)
  size_t candidates = 0;               // pairs that shared an LSH band
  size_t passage_candidates = 0;       // pairs that shared passage fingerprints
  LshParams lsh;                       // the (b, r) used
  size_t documents_prepared = 0;       // tokenised again to verify (and align) candidates: each
                                       // once per verification block that needs it
  double seconds_shingling = 0;        // tokenise, shingle, MinHash
  double seconds_candidates = 0;       // LSH
  double seconds_verification = 0;     // exact Jaccard of candidates, clusters
  double seconds_passages = 0;         // the next three together:
  double seconds_passage_candidates = 0;  //   pairs sharing fingerprints (winnowing is in shingling)
  double seconds_preparing = 0;        //   tokenising to verify and align, boilerplate marks
  double seconds_aligning = 0;         //   verifying and aligning pairs, containment (with
                                       //   passages on, verification is counted here)
};

struct ScanResult {
  std::vector<DocumentPair> pairs;  // sorted by (a, b)
  std::vector<Cluster> clusters;    // of near-duplicate pairs; see BuildClusters()
  // Groups of identical texts, by first member. A pair (first, x) in `pairs`
  // stands for (copy, x) too, for every copy of the group; (first, copy)
  // pairs themselves are all in `pairs`, and copies share their first's cluster.
  std::vector<IdenticalGroup> identical;
  ScanStats stats;
};

// Validates `options` (InvalidArgument naming the bad option), then runs the
// pipeline on all threads. The result is identical for any thread count.
// Documents must hold valid UTF-8 (as readers guarantee) and fewer than 2^32.
absl::StatusOr<ScanResult> Scan(absl::Span<const Document> documents, const ScanOptions& options);

// The pipeline in pieces, for callers that hold only part of an archive in
// memory (core/archive.h). Scan() is SketchDocuments(), candidates from
// FindCandidatePairs() and SharedFingerprintPairs() joined by
// MergeCandidates(), EvaluateCandidates(), then BuildClusters().

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

// Per document, the index of the first document (in input order) whose
// text key equals its own: itself unless it is a later identical copy.
// Documents with key 0 (no words) are their own. O(n) expected.
std::vector<uint32_t> FirstOfIdenticalTexts(absl::Span<const uint64_t> text_keys);

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

#endif  // REPRINT_CORE_SCAN_H_
