// Shingle hashing (word hashes combined per 5-word shingle) and set building.
#include <vector>

#include "benchmark/benchmark.h"
#include "bench/bench_corpus.h"
#include "core/shingle.h"
#include "core/tokenize.h"

namespace reprint::bench {
namespace {

std::vector<TokenizedText> TokenizedCorpus(size_t limit) {
  const BenchCorpus& corpus = GetBenchCorpus();
  const Tokenizer tokenizer{NormalizeOptions{}};
  std::vector<TokenizedText> out(std::min(limit, corpus.documents.size()));
  for (size_t i = 0; i < out.size(); ++i) tokenizer.Tokenize(corpus.documents[i].text, &out[i]);
  return out;
}

void BM_HashShingles(benchmark::State& state) {
  const std::vector<TokenizedText> texts = TokenizedCorpus(1000);
  std::vector<uint64_t> hashes;
  size_t i = 0;
  int64_t shingles = 0;
  for (auto _ : state) {
    HashShingles(texts[i], ShingleOptions{}, &hashes);
    benchmark::DoNotOptimize(hashes.data());
    shingles += static_cast<int64_t>(hashes.size());
    if (++i == texts.size()) i = 0;
  }
  state.SetItemsProcessed(shingles);
}
BENCHMARK(BM_HashShingles);

void BM_MakeShingleSet(benchmark::State& state) {
  const std::vector<TokenizedText> texts = TokenizedCorpus(1000);
  std::vector<std::vector<uint64_t>> lists(texts.size());
  for (size_t i = 0; i < texts.size(); ++i) HashShingles(texts[i], ShingleOptions{}, &lists[i]);
  std::vector<uint64_t> set;
  size_t i = 0;
  int64_t shingles = 0;
  for (auto _ : state) {
    set = lists[i];
    MakeShingleSet(&set);
    benchmark::DoNotOptimize(set.data());
    shingles += static_cast<int64_t>(lists[i].size());
    if (++i == lists.size()) i = 0;
  }
  state.SetItemsProcessed(shingles);
}
BENCHMARK(BM_MakeShingleSet);

// Verification's question for one candidate pair: |A|, |B| and |A ∩ B|.
// Items are the shingles of both lists. Arg 0: both lists made sets by
// sorting (MakeShingleSet) and merged (IntersectionSize), as verification
// did; arg 1: OverlapOfShingleLists, its hash table over the raw lists.
void BM_PairOverlap(benchmark::State& state) {
  const std::vector<TokenizedText> texts = TokenizedCorpus(1000);
  std::vector<std::vector<uint64_t>> lists(texts.size());
  for (size_t i = 0; i < texts.size(); ++i) HashShingles(texts[i], ShingleOptions{}, &lists[i]);
  std::vector<uint64_t> set_a, set_b;
  size_t i = 0;
  int64_t shingles = 0;
  for (auto _ : state) {
    const std::vector<uint64_t>& a = lists[i];
    const std::vector<uint64_t>& b = lists[(i + 1) % lists.size()];
    if (state.range(0) == 0) {
      set_a = a;
      set_b = b;
      MakeShingleSet(&set_a);
      MakeShingleSet(&set_b);
      benchmark::DoNotOptimize(IntersectionSize(set_a, set_b));
    } else {
      benchmark::DoNotOptimize(OverlapOfShingleLists(a, b));
    }
    shingles += static_cast<int64_t>(a.size() + b.size());
    if (++i == lists.size()) i = 0;
  }
  state.SetItemsProcessed(shingles);
}
BENCHMARK(BM_PairOverlap)->Arg(0)->Arg(1);

}  // namespace
}  // namespace reprint::bench

BENCHMARK_MAIN();
