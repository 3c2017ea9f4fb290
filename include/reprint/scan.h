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
#ifndef REPRINT_SCAN_H_
#define REPRINT_SCAN_H_

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "reprint/document.h"
#include "reprint/options.h"
#include "reprint/result.h"

namespace reprint {

// Validates `options` (InvalidArgument naming the bad option), then runs the
// pipeline on all threads. The result is identical for any thread count.
// Documents must hold valid UTF-8 (as readers guarantee) and fewer than 2^32.
absl::StatusOr<ScanResult> Scan(absl::Span<const Document> documents, const ScanOptions& options);

}  // namespace reprint

#endif  // REPRINT_SCAN_H_
