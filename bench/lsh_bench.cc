// LSH: choosing (b, r) and finding candidate pairs over a corpus's signatures.
#include <vector>

#include "bench/bench_corpus.h"
#include "benchmark/benchmark.h"
#include "core/large_array.h"
#include "core/lsh.h"
#include "core/minhash.h"
#include "core/stages.h"
#include "reprint/scan.h"

namespace reprint::bench {
namespace {

void BM_ChooseLshParams(benchmark::State& state) {
  const int threads = static_cast<int>(state.range(0));
  for (auto _ : state) benchmark::DoNotOptimize(ChooseLshParams(0.5, 128, LshWeights{}, threads));
}
BENCHMARK(BM_ChooseLshParams)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

// The bench corpus's signatures, 128 per article (computed once).
const LargeVector<uint32_t>& Signatures() {
  static const LargeVector<uint32_t> signatures =
      SketchDocuments(GetBenchCorpus().documents, ScanOptions{}, *MinHasher::Create({}),
                      /*threads=*/2)
          .signatures;
  return signatures;
}

// The keys one article puts into an LSH index (the archive stores them):
// one per band, 26 at threshold 0.5.
void BM_BandKeys(benchmark::State& state) {
  const LargeVector<uint32_t>& signatures = Signatures();
  const size_t n = signatures.size() / 128;
  const LshParams params = *ChooseLshParams(0.5, 128, LshWeights{});
  size_t i = 0;
  for (auto _ : state) {
    uint64_t sum = 0;
    for (int band = 0; band < params.num_bands; ++band) sum += BandKey(&signatures[i * 128], params, band);
    benchmark::DoNotOptimize(sum);
    if (++i == n) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["keys/article"] = params.num_bands;
}
BENCHMARK(BM_BandKeys);

// Inserting every signature's band keys and querying them at once: the
// candidate pairs of a whole corpus.
void BM_FindCandidatePairs(benchmark::State& state) {
  const LargeVector<uint32_t>& signatures = Signatures();
  const size_t n = signatures.size() / 128;
  std::vector<uint8_t> indexable(n, 1);
  const LshParams params = *ChooseLshParams(0.5, 128, LshWeights{});
  const int threads = static_cast<int>(state.range(0));
  for (auto _ : state) {
    benchmark::DoNotOptimize(FindCandidatePairs(signatures, 128, indexable, params, threads));
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(n));
}
BENCHMARK(BM_FindCandidatePairs)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace reprint::bench

BENCHMARK_MAIN();
