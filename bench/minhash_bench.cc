// MinHash signatures: shingles per second at several signature lengths,
// by permutations and by one permutation with densification.
#include <algorithm>
#include <limits>
#include <vector>

#include "benchmark/benchmark.h"
#include "core/minhash.h"
#include "core/random.h"

namespace reprint::bench {
namespace {

// The scalar definition, to check the vectorised loop before timing it.
bool MatchesReference(const MinHasher& hasher, const std::vector<uint64_t>& shingles) {
  const MinHashOptions options{hasher.num_perm(), 42, SketchMethod::kPermutations};
  Random random(options.seed);
  std::vector<uint32_t> expected(hasher.num_perm(), std::numeric_limits<uint32_t>::max());
  std::vector<uint32_t> a(hasher.num_perm()), b(hasher.num_perm());
  for (int i = 0; i < hasher.num_perm(); ++i) {
    a[i] = static_cast<uint32_t>(random.Next()) | 1u;
    b[i] = static_cast<uint32_t>(random.Next());
  }
  for (const uint64_t x : shingles) {
    const auto folded = static_cast<uint32_t>(x ^ (x >> 32));
    for (int i = 0; i < hasher.num_perm(); ++i) expected[i] = std::min(expected[i], a[i] * folded + b[i]);
  }
  std::vector<uint32_t> actual(hasher.num_perm());
  hasher.Compute(shingles, actual.data());
  return actual == expected;
}

void BM_MinHash(benchmark::State& state) {
  const int num_perm = static_cast<int>(state.range(0));
  const MinHasher hasher = *MinHasher::Create({num_perm, 42, SketchMethod::kPermutations});
  Random random(7);
  std::vector<uint64_t> shingles(500);  // one ~500-word article
  for (uint64_t& s : shingles) s = random.Next();
  if (!MatchesReference(hasher, shingles)) state.SkipWithError("signature differs from reference");
  std::vector<uint32_t> signature(num_perm);
  for (auto _ : state) {
    hasher.Compute(shingles, signature.data());
    benchmark::DoNotOptimize(signature.data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(shingles.size()));
}
BENCHMARK(BM_MinHash)->Arg(64)->Arg(128)->Arg(256);

// One hash per shingle, then densification of the bins left empty (about
// 2.5 of 128 for a 500-shingle article).
void BM_OnePermutationHash(benchmark::State& state) {
  const int num_perm = static_cast<int>(state.range(0));
  const MinHasher hasher = *MinHasher::Create({num_perm, 42, SketchMethod::kOnePermutation});
  Random random(7);
  std::vector<uint64_t> shingles(500);
  for (uint64_t& s : shingles) s = random.Next();
  std::vector<uint32_t> signature(num_perm);
  for (auto _ : state) {
    hasher.Compute(shingles, signature.data());
    benchmark::DoNotOptimize(signature.data());
  }
  if (std::count(signature.begin(), signature.end(), std::numeric_limits<uint32_t>::max()) > 0) {
    state.SkipWithError("a bin was left empty");
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(shingles.size()));
}
BENCHMARK(BM_OnePermutationHash)->Arg(64)->Arg(128)->Arg(256);

}  // namespace
}  // namespace reprint::bench

BENCHMARK_MAIN();
