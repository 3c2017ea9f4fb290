#include "core/minhash.h"

#include <algorithm>
#include <cassert>
#include <limits>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "core/random.h"

namespace reprint {
namespace {

// One loop, compiled for AVX-512, AVX2 and baseline x86-64 and picked at load
// time, so a portable binary still runs 16 lanes per instruction where the
// CPU has them.
__attribute__((target_clones("avx512f", "avx2", "default"))) void UpdateMinima(
    const uint32_t* __restrict multipliers, const uint32_t* __restrict increments,
    int num_perm, const uint64_t* __restrict shingles, size_t num_shingles,
    uint32_t* __restrict signature) {
  for (size_t s = 0; s < num_shingles; ++s) {
    const uint64_t hash = shingles[s];
    const auto folded = static_cast<uint32_t>(hash ^ (hash >> 32));
    for (int i = 0; i < num_perm; ++i) {
      const uint32_t value = multipliers[i] * folded + increments[i];
      signature[i] = std::min(signature[i], value);
    }
  }
}

}  // namespace

absl::StatusOr<MinHasher> MinHasher::Create(const MinHashOptions& options) {
  if (options.num_perm < 1 || options.num_perm > 4096) {
    return absl::InvalidArgumentError(
        absl::StrCat("num_perm must be between 1 and 4096, got ", options.num_perm));
  }
  Random random(options.seed);
  std::vector<uint32_t> multipliers(options.num_perm), increments(options.num_perm);
  for (int i = 0; i < options.num_perm; ++i) {
    multipliers[i] = static_cast<uint32_t>(random.Next()) | 1u;
    increments[i] = static_cast<uint32_t>(random.Next());
  }
  return MinHasher(std::move(multipliers), std::move(increments));
}

void MinHasher::Compute(absl::Span<const uint64_t> shingles, uint32_t* signature) const {
  std::fill(signature, signature + num_perm(), std::numeric_limits<uint32_t>::max());
  UpdateMinima(multipliers_.data(), increments_.data(), num_perm(), shingles.data(),
               shingles.size(), signature);
}

double EstimateJaccard(absl::Span<const uint32_t> a, absl::Span<const uint32_t> b) {
  assert(a.size() == b.size() && !a.empty());
  size_t equal = 0;
  for (size_t i = 0; i < a.size(); ++i) equal += a[i] == b[i];
  return static_cast<double>(equal) / static_cast<double>(a.size());
}

}  // namespace reprint
