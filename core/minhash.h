// MinHash signatures: k minima of a seeded hash family over a shingle set,
// whose per-position agreement rate estimates Jaccard similarity.
//
//   absl::StatusOr<MinHasher> hasher = MinHasher::Create({.num_perm = 128, .seed = 1});
//   std::vector<uint32_t> a(hasher->num_perm()), b(hasher->num_perm());
//   hasher->Compute(shingles_a, a.data());
//   hasher->Compute(shingles_b, b.data());
//   double estimate = EstimateJaccard(a, b);  // E = J, sd = sqrt(J(1-J)/k)
//
// The family is h_i(x) = a_i * fold(x) + b_i (mod 2^32), a_i odd, with a_i
// and b_i drawn from the seed. Shingle hashes are already XXH3 outputs, hence
// uniformly distributed; every h_i is a bijection of 32-bit values, so each
// position alone is an unbiased estimator, and 32-bit multiply-add lanes fill
// SIMD registers (16 permutations per AVX-512 instruction).
#ifndef REPRINT_CORE_MINHASH_H_
#define REPRINT_CORE_MINHASH_H_

#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"

namespace reprint {

struct MinHashOptions {
  int num_perm = 128;  // k, signature length; 1..4096
  uint64_t seed = 1;   // draws the family; signatures compare only under one seed
};

// Immutable after Create(); all methods are const and thread-safe.
class MinHasher {
 public:
  // InvalidArgument if num_perm is outside 1..4096.
  static absl::StatusOr<MinHasher> Create(const MinHashOptions& options);

  int num_perm() const { return static_cast<int>(multipliers_.size()); }

  // Writes the signature of `shingles` (hashes, duplicates allowed) to
  // signature[0, num_perm). An empty set gives all 0xFFFFFFFF, which
  // callers must not index (it would match every other empty set).
  // O(|shingles| * num_perm), vectorised; cannot fail.
  void Compute(absl::Span<const uint64_t> shingles, uint32_t* signature) const;

 private:
  MinHasher(std::vector<uint32_t> multipliers, std::vector<uint32_t> increments)
      : multipliers_(std::move(multipliers)), increments_(std::move(increments)) {}

  std::vector<uint32_t> multipliers_;  // a_i, odd
  std::vector<uint32_t> increments_;   // b_i
};

// The share of positions where `a` and `b` agree. REQUIRES: equal sizes > 0.
double EstimateJaccard(absl::Span<const uint32_t> a, absl::Span<const uint32_t> b);

}  // namespace reprint

#endif  // REPRINT_CORE_MINHASH_H_
