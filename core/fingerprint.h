// Passage fingerprints: winnowed word n-gram hashes that let articles
// sharing a paragraph find each other although their overall similarity is
// tiny, in time near-linear in the archive.
//
// Winnowing (Schleimer, Wilkerson and Aiken, SIGMOD 2003) keeps the smallest
// hash of every window of `window` consecutive n-gram hashes. Two texts that
// share a run of at least words + window - 1 words are guaranteed to share a
// fingerprint, and a text keeps about 2 / (window + 1) of its n-grams.
#ifndef REPRINT_CORE_FINGERPRINT_H_
#define REPRINT_CORE_FINGERPRINT_H_

#include <cstdint>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/types/span.h"
#include "core/lsh.h"
#include "core/tokenize.h"
#include "reprint/options.h"

namespace reprint {

// Replaces *out with the winnowed fingerprints of `text` in text order:
// each window's minimum, a run of windows sharing one kept once, so a
// fingerprint repeats only where the text does. REQUIRES: options.words >= 1,
// options.window >= 1. Reuses *scratch for the n-gram hashes. Thread-safe.
void WinnowInTextOrder(const TokenizedText& text, const FingerprintOptions& options,
                       std::vector<uint64_t>* scratch, std::vector<uint64_t>* out);
// The same fingerprints, sorted and duplicate-free.
void Winnow(const TokenizedText& text, const FingerprintOptions& options,
            std::vector<uint64_t>* scratch, std::vector<uint64_t>* out);

// The pairs of documents (indices into `fingerprints`) that share at least
// options.min_shared distinct fingerprints (a list may hold repeats, in any
// order), counting only fingerprints held by at most
// options.max_document_frequency documents and, when `outlets` is given
// (per document, an outlet number; 0: unknown), by at most
// options.max_outlet_frequency documents of any one known outlet. Sorted
// by (a, b), a < b. Deterministic for any `threads` (>= 1). If `common` is
// not null, it receives the fingerprints left out so: the archive's
// boilerplate and stock phrases. Documents from `num_new` on were paired
// before (core/candidates.h): they count as holders, but no pair of two of
// them is made.
std::vector<CandidatePair> SharedFingerprintPairs(
    absl::Span<const std::vector<uint64_t>> fingerprints, const FingerprintOptions& options,
    int threads, absl::flat_hash_set<uint64_t>* common = nullptr,
    absl::Span<const uint32_t> outlets = {}, size_t num_new = SIZE_MAX);

// Whether `holders` (outlet numbers of a fingerprint's holders, one per
// document; 0: unknown) hold it more than options.max_outlet_frequency
// times for one known outlet. Reorders `holders`.
bool IsOutletBoilerplate(std::vector<uint32_t>* holders, const FingerprintOptions& options);

// Replaces *out with, per token of `text`, 1 if it lies in text the
// archive shares widely: in an n-gram whose hash is in `common`, or between
// two such n-grams less than a winnowing window apart (winnowing picks one
// fingerprint per window, so common text is marked without gaps). Reuses
// *out's capacity. Thread-safe.
void MarkCommonText(const TokenizedText& text, const absl::flat_hash_set<uint64_t>& common,
                    const FingerprintOptions& options, std::vector<uint8_t>* out);

}  // namespace reprint

#endif  // REPRINT_CORE_FINGERPRINT_H_
