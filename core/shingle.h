// k-word shingles: every run of k consecutive words, hashed.
//
// A shingle's hash combines the XXH3-64 hashes of its normalised words
// (TokenizedText::word_hashes) with CombineWordHashes(), so equal word runs
// hash equally in any document, in any process, on any machine, and each
// word is hashed once however many shingles hold it.
#ifndef REPRINT_CORE_SHINGLE_H_
#define REPRINT_CORE_SHINGLE_H_

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "absl/types/span.h"
#include "core/tokenize.h"
#include "reprint/options.h"

namespace reprint {

// MurmurHash3's 64-bit finaliser: a bijection that mixes every input bit
// into every output bit.
inline uint64_t MixBits(uint64_t h) {
  h ^= h >> 33;
  h *= 0xFF51AFD7ED558CCDULL;
  h ^= h >> 33;
  h *= 0xC4CEB9FE1A85EC53ULL;
  h ^= h >> 33;
  return h;
}

// The hash of the word run whose word hashes are word_hashes[0, k): a
// chain of bijective steps, so runs of equal length that differ in one word
// never collide, ended by MixBits(). Order-sensitive.
inline uint64_t CombineWordHashes(const uint64_t* word_hashes, size_t k) {
  uint64_t h = 0x243F6A8885A308D3ULL ^ k;
  for (size_t j = 0; j < k; ++j) {
    h = (h ^ word_hashes[j]) * 0x9E3779B97F4A7C15ULL;
    h ^= h >> 29;
  }
  return MixBits(h);
}

// Replaces *out with the hash of every shingle of `text` (its word_hashes,
// so Tokenizer::HashWords() suffices), in text order (out[i] starts at word i), duplicates included: max(0, n-k+1) hashes for
// n >= k words, one hash for 0 < n < k words, none for no words.
// REQUIRES: options.size >= 1. Reuses *out's capacity. Thread-safe.
void HashShingles(const TokenizedText& text, const ShingleOptions& options,
                  std::vector<uint64_t>* out);

// The key of a text's whole normalised word sequence: texts with equal keys
// are identical after normalisation (so their shingle sets are equal), up to
// a 2^-64 chance of collision. 0 for a text without words, never 0 otherwise.
uint64_t NormalizedTextKey(const TokenizedText& text);

// The sorted, duplicate-free shingle set of `text` into *out: its word
// hashes (tokenizer.HashWords(), into *scratch, whose capacity is reused),
// HashShingles(), then MakeShingleSet(). Thread-safe with a scratch each.
void ShingleSetOf(const Tokenizer& tokenizer, std::string_view text, const ShingleOptions& options,
                  TokenizedText* scratch, std::vector<uint64_t>* out);

// Sorts and deduplicates *hashes in place, turning a shingle list into the
// set that Jaccard similarity is defined on.
void MakeShingleSet(std::vector<uint64_t>* hashes);

// |a ∩ b| for sorted, duplicate-free sets. O(|a| + |b|).
size_t IntersectionSize(absl::Span<const uint64_t> a, absl::Span<const uint64_t> b);

// The sizes of two shingle sets and of their intersection.
struct SetOverlap {
  size_t a = 0;       // |A|
  size_t b = 0;       // |B|
  size_t common = 0;  // |A ∩ B|
};

// The overlap of the sets A and B of two shingle lists, in any order and
// with duplicates (HashShingles() output): what MakeShingleSet() on both
// and IntersectionSize() give, by one hash table over both lists instead
// of two sorts. O(|a| + |b|) expected. Thread-safe (the table is per
// thread and reused).
SetOverlap OverlapOfShingleLists(absl::Span<const uint64_t> a, absl::Span<const uint64_t> b);

// |a ∩ b| / |a ∪ b| for sorted, duplicate-free sets; 0 when both are empty.
double Jaccard(absl::Span<const uint64_t> a, absl::Span<const uint64_t> b);

}  // namespace reprint

#endif  // REPRINT_CORE_SHINGLE_H_
