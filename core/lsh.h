// Locality-sensitive hashing by banding: signatures are cut into b bands of r
// rows; two documents become a candidate pair if any band is identical. A
// pair of Jaccard s collides with probability P(s) = 1 - (1 - s^r)^b, an
// S-curve whose step is placed by choosing (b, r) (Leskovec, Rajaraman and
// Ullman, Mining of Massive Datasets, ch. 3.4).
//
//   absl::StatusOr<LshParams> params = ChooseLshParams(0.5, 128, LshWeights{});
//   std::vector<CandidatePair> pairs =
//       FindCandidatePairs(signatures, 128, indexable, *params, /*threads=*/2);
//
// Candidates are not verified: callers check the real similarity.
#ifndef REPRINT_CORE_LSH_H_
#define REPRINT_CORE_LSH_H_

#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "reprint/options.h"

namespace reprint {

// P(s) = 1 - (1 - s^r)^b.
double CandidateProbability(double jaccard, const LshParams& params);

// ∫_0^t P(s) ds: how much of the S-curve lies below the threshold t.
double FalsePositiveArea(double threshold, const LshParams& params);

// ∫_t^1 (1 - P(s)) ds: how much of the S-curve's complement lies above t.
double FalseNegativeArea(double threshold, const LshParams& params);

// The (b, r) with b*r <= num_perm minimising
// weights.false_positive * FalsePositiveArea + weights.false_negative * FalseNegativeArea
// (ties: fewer bands). InvalidArgument unless 0 < threshold <= 1,
// num_perm >= 1 and both weights >= 0 with a positive sum.
// O(num_perm log num_perm) integrals, on up to `threads` threads (the
// choice does not depend on how many): about 3 ms on one for num_perm = 128.
absl::StatusOr<LshParams> ChooseLshParams(double threshold, int num_perm,
                                          const LshWeights& weights, int threads = 1);

struct CandidatePair {
  uint32_t a;  // document index, a < b
  uint32_t b;
  // By a, then b: the order candidate lists are kept in.
  friend auto operator<=>(const CandidatePair&, const CandidatePair&) = default;
};

// The key of band `band` (0-based) of one signature: XXH3 of its rows,
// seeded with the band number so that equal rows in different bands differ.
// Two signatures share a band when their keys for it are equal (up to
// 64-bit hash collisions). REQUIRES: band < params.num_bands and the
// signature holds at least num_bands * rows_per_band values.
uint64_t BandKey(const uint32_t* signature, const LshParams& params, int band);

// The pairs of documents that share at least one band, sorted by (a, b),
// each once. `signatures` holds num_perm values per document, document i at
// [i * num_perm, (i + 1) * num_perm); only documents with indexable[i] != 0
// take part. A band of d identical documents yields d(d-1)/2 pairs.
// REQUIRES: params.num_bands * params.rows_per_band <= num_perm.
// Deterministic for any `threads` (>= 1); O(b * n) expected plus the output.
std::vector<CandidatePair> FindCandidatePairs(absl::Span<const uint32_t> signatures, int num_perm,
                                              absl::Span<const uint8_t> indexable,
                                              const LshParams& params, int threads);

}  // namespace reprint

#endif  // REPRINT_CORE_LSH_H_
