// MinHash signatures: k minima of a seeded hash family over a shingle set,
// whose per-position agreement rate estimates Jaccard similarity.
//
//   absl::StatusOr<MinHasher> hasher = MinHasher::Create({.num_perm = 128, .seed = 1});
//   std::vector<uint32_t> a(hasher->num_perm()), b(hasher->num_perm());
//   hasher->Compute(shingles_a, a.data());
//   hasher->Compute(shingles_b, b.data());
//   double estimate = EstimateJaccard(a, b);  // E = J, sd = sqrt(J(1-J)/k)
//
// Two ways to compute the k positions; both make every position agree
// between two sets with probability equal to their Jaccard similarity.
//
// One-permutation hashing (the default; Li, Owen and Zhang, NIPS 2012) keys
// each shingle hash once with the seed and sends it to one of k bins by its
// top bits; a bin keeps the smallest low 32 bits it receives. A bin that
// receives nothing (a text of few shingles) takes the value of the first
// filled bin in its own seeded sequence of bins: "optimal densification"
// (Shrivastava, ICML 2017), which keeps the agreement probability exactly J.
// One hash per shingle instead of k: about 10x faster at k = 128.
//
// Permutations (the classic scheme, and what archives made before the
// choice existed were built with): h_i(x) = a_i * fold(x) + b_i (mod 2^32),
// a_i odd, with a_i and b_i drawn from the seed. Shingle hashes are XXH3
// outputs, hence uniform; every h_i is a bijection of 32-bit values, so each
// position alone is an unbiased estimator, and 32-bit multiply-add lanes
// fill SIMD registers (16 permutations per AVX-512 instruction).
#ifndef REPRINT_CORE_MINHASH_H_
#define REPRINT_CORE_MINHASH_H_

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "reprint/options.h"

namespace reprint {

// Immutable after Create(); all methods are const and thread-safe.
class MinHasher {
 public:
  // InvalidArgument if num_perm is outside 1..4096.
  static absl::StatusOr<MinHasher> Create(const MinHashOptions& options);

  int num_perm() const { return static_cast<int>(multipliers_.size()); }

  // Writes the signature of `shingles` (hashes, duplicates allowed) to
  // signature[0, num_perm). An empty set gives all 0xFFFFFFFF, which
  // callers must not index (it would match every other empty set).
  // One permutation: O(|shingles| + num_perm) expected. Permutations:
  // O(|shingles| * num_perm), vectorised. Cannot fail.
  void Compute(absl::Span<const uint64_t> shingles, uint32_t* signature) const;

 private:
  MinHasher(SketchMethod method, std::vector<uint32_t> multipliers, std::vector<uint32_t> increments,
            uint64_t shingle_key, uint64_t densify_key)
      : method_(method),
        multipliers_(std::move(multipliers)),
        increments_(std::move(increments)),
        shingle_key_(shingle_key),
        densify_key_(densify_key) {}

  void ComputeOnePermutation(absl::Span<const uint64_t> shingles, uint32_t* signature) const;

  SketchMethod method_;
  std::vector<uint32_t> multipliers_;  // a_i, odd (num_perm of them either way)
  std::vector<uint32_t> increments_;   // b_i
  uint64_t shingle_key_;               // one permutation: keys each shingle hash
  uint64_t densify_key_;               // one permutation: each empty bin's sequence
};

// The share of positions where `a` and `b` agree. REQUIRES: equal sizes > 0.
double EstimateJaccard(absl::Span<const uint32_t> a, absl::Span<const uint32_t> b);

}  // namespace reprint

#endif  // REPRINT_CORE_MINHASH_H_
