// LSH: choosing (b, r) and finding candidate pairs over a corpus's signatures.
#include <vector>

#include "benchmark/benchmark.h"
#include "bench/bench_corpus.h"
#include "core/lsh.h"
#include "core/minhash.h"
#include "core/shingle.h"
#include "core/tokenize.h"

namespace reprint::bench {
namespace {

void BM_ChooseLshParams(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(ChooseLshParams(0.5, 128, LshWeights{}));
}
BENCHMARK(BM_ChooseLshParams)->Unit(benchmark::kMillisecond);

void BM_FindCandidatePairs(benchmark::State& state) {
  const BenchCorpus& corpus = GetBenchCorpus();
  const MinHasher hasher = *MinHasher::Create({});
  const size_t n = corpus.documents.size();
  std::vector<uint32_t> signatures(n * 128);
  std::vector<uint8_t> indexable(n, 1);
  const Tokenizer tokenizer{NormalizeOptions{}};
  TokenizedText tokens;
  std::vector<uint64_t> shingles;
  for (size_t i = 0; i < n; ++i) {
    tokenizer.Tokenize(corpus.documents[i].text, &tokens);
    HashShingles(tokens, ShingleOptions{}, &shingles);
    hasher.Compute(shingles, &signatures[i * 128]);
  }
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
