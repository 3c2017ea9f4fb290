// k-word shingles: every run of k consecutive words, hashed with XXH3.
//
// A shingle's hash is XXH3-64 of its normalised words joined by single
// spaces (a contiguous slice of TokenizedText::normalized), so equal word
// runs hash equally in any document, in any process, on any machine.
#ifndef REPRINT_CORE_SHINGLE_H_
#define REPRINT_CORE_SHINGLE_H_

#include <cstdint>
#include <vector>

#include "absl/types/span.h"
#include "core/tokenize.h"

namespace reprint {

struct ShingleOptions {
  int size = 5;  // k, words per shingle; a text of fewer words is one shingle
};

// Replaces *out with the hash of every shingle of `text`, in text order
// (out[i] starts at token i), duplicates included: max(0, n-k+1) hashes for
// n >= k words, one hash for 0 < n < k words, none for no words.
// REQUIRES: options.size >= 1. Reuses *out's capacity. Thread-safe.
void HashShingles(const TokenizedText& text, const ShingleOptions& options,
                  std::vector<uint64_t>* out);

// Sorts and deduplicates *hashes in place, turning a shingle list into the
// set that Jaccard similarity is defined on.
void MakeShingleSet(std::vector<uint64_t>* hashes);

// |a ∩ b| for sorted, duplicate-free sets. O(|a| + |b|).
size_t IntersectionSize(absl::Span<const uint64_t> a, absl::Span<const uint64_t> b);

// |a ∩ b| / |a ∪ b| for sorted, duplicate-free sets; 0 when both are empty.
double Jaccard(absl::Span<const uint64_t> a, absl::Span<const uint64_t> b);

}  // namespace reprint

#endif  // REPRINT_CORE_SHINGLE_H_
