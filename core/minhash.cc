#include "core/minhash.h"

#include <algorithm>
#include <cassert>
#include <limits>
#include <optional>
#include <string_view>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "core/cpu_features.h"
#include "core/random.h"
#include "core/shingle.h"

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

// out[i] = MixBits(in[i] ^ key): no dependence between iterations, so the
// loop vectorises, eight 64-bit multiplies an instruction with AVX-512
// (picked at run time; target_clones cannot name AVX512DQ alone).
inline __attribute__((always_inline)) void MixLoop(const uint64_t* __restrict in, size_t n,
                                                   uint64_t key, uint64_t* __restrict out) {
  for (size_t i = 0; i < n; ++i) out[i] = MixBits(in[i] ^ key);
}
#if defined(__x86_64__)
__attribute__((target("avx512f,avx512dq"))) void MixAllAvx512(const uint64_t* in, size_t n,
                                                              uint64_t key, uint64_t* out) {
  MixLoop(in, n, key, out);
}
#endif
void MixAll(const uint64_t* in, size_t n, uint64_t key, uint64_t* out) {
#if defined(__x86_64__)
  if (HasAvx512Multiply()) {
    MixAllAvx512(in, n, key, out);
    return;
  }
#endif
  MixLoop(in, n, key, out);
}

// Bin of a mixed hash among k, from its top 32 bits (Lemire's reduction).
inline uint32_t BinOf(uint64_t mixed, uint32_t k) {
  return static_cast<uint32_t>(((mixed >> 32) * k) >> 32);
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
  const uint64_t shingle_key = random.Next();
  const uint64_t densify_key = random.Next();
  return MinHasher(options.method, std::move(multipliers), std::move(increments), shingle_key, densify_key);
}

void MinHasher::Compute(absl::Span<const uint64_t> shingles, uint32_t* signature) const {
  std::fill(signature, signature + num_perm(), std::numeric_limits<uint32_t>::max());
  if (method_ == SketchMethod::kOnePermutation) {
    ComputeOnePermutation(shingles, signature);
  } else {
    UpdateMinima(multipliers_.data(), increments_.data(), num_perm(), shingles.data(), shingles.size(),
                 signature);
  }
}

void MinHasher::ComputeOnePermutation(absl::Span<const uint64_t> shingles, uint32_t* signature) const {
  if (shingles.empty()) return;  // all 0xFFFFFFFF, as the permutations give
  const auto k = static_cast<uint32_t>(num_perm());
  constexpr uint32_t kEmpty = std::numeric_limits<uint32_t>::max();
  thread_local std::vector<uint64_t> mixed;
  if (mixed.size() < shingles.size()) mixed.resize(shingles.size());
  MixAll(shingles.data(), shingles.size(), shingle_key_, mixed.data());
  for (size_t s = 0; s < shingles.size(); ++s) {
    uint32_t& bin = signature[BinOf(mixed[s], k)];
    bin = std::min(bin, static_cast<uint32_t>(mixed[s]));
  }
  // Optimal densification: an empty bin copies the first filled bin of its
  // own sequence, the same sequence for every set. Bins filled here are not
  // sources: only the original minima are copied. (A bin whose minimum is
  // exactly 0xFFFFFFFF, a 2^-32 event, counts as empty.)
  uint32_t original[4096];  // num_perm <= 4096 (Create())
  std::copy(signature, signature + k, original);
  bool any_filled = false;
  for (uint32_t i = 0; i < k && !any_filled; ++i) any_filled = original[i] != kEmpty;
  if (!any_filled) return;  // not with a shingle, bar the 2^-32 event above
  for (uint32_t i = 0; i < k; ++i) {
    if (original[i] != kEmpty) continue;
    for (uint64_t attempt = 0;; ++attempt) {
      const uint32_t j = BinOf(MixBits(densify_key_ ^ (static_cast<uint64_t>(i) << 32 | attempt)), k);
      if (original[j] != kEmpty) {
        signature[i] = original[j];
        break;
      }
    }
  }
}

double EstimateJaccard(absl::Span<const uint32_t> a, absl::Span<const uint32_t> b) {
  assert(a.size() == b.size() && !a.empty());
  size_t equal = 0;
  for (size_t i = 0; i < a.size(); ++i) equal += a[i] == b[i];
  return static_cast<double>(equal) / static_cast<double>(a.size());
}

}  // namespace reprint
