// Passage layer: preparing a text, aligning a near-duplicate pair, and
// finding passage candidates from winnowed fingerprints.
#include <vector>

#include "benchmark/benchmark.h"
#include "bench/bench_corpus.h"
#include "core/align.h"
#include "core/fingerprint.h"
#include "core/minhash.h"
#include "core/scan.h"
#include "core/tokenize.h"

namespace reprint::bench {
namespace {

void BM_PrepareForAlignment(benchmark::State& state) {
  const BenchCorpus& corpus = GetBenchCorpus();
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(PrepareForAlignment(corpus.documents[i].text, NormalizeOptions{}));
    state.SetBytesProcessed(state.bytes_processed() +
                            static_cast<int64_t>(corpus.documents[i].text.size()));
    if (++i == corpus.documents.size()) i = 0;
  }
}
BENCHMARK(BM_PrepareForAlignment);

// An article against a copy with every tenth word changed: one rewritten
// passage, the typical near-duplicate.
void BM_AlignNearDuplicate(benchmark::State& state) {
  const std::string& text = GetBenchCorpus().documents[0].text;
  std::string edited = text;
  for (size_t i = 0, words = 0; i < edited.size(); ++i) {
    if (edited[i] == ' ' && ++words % 10 == 0 && i + 1 < edited.size()) edited[i + 1] = 'Q';
  }
  const AlignableText a = PrepareForAlignment(text, NormalizeOptions{});
  const AlignableText b = PrepareForAlignment(edited, NormalizeOptions{});
  const std::vector<Passage> check = AlignPassages(a, b, AlignOptions{});
  if (check.size() != 1 || check[0].kind != Passage::Kind::kRewritten) {
    state.SkipWithError("expected one rewritten passage");
  }
  for (auto _ : state) benchmark::DoNotOptimize(AlignPassages(a, b, AlignOptions{}));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_AlignNearDuplicate);

void BM_SharedFingerprintPairs(benchmark::State& state) {
  const BenchCorpus& corpus = GetBenchCorpus();
  ScanOptions options;
  options.passages.enabled = true;
  const std::vector<std::vector<uint64_t>> fingerprints =
      SketchDocuments(corpus.documents, options, *MinHasher::Create({}), /*threads=*/2).fingerprints;
  const int threads = static_cast<int>(state.range(0));
  for (auto _ : state) {
    benchmark::DoNotOptimize(SharedFingerprintPairs(fingerprints, FingerprintOptions{}, threads));
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(corpus.documents.size()));
}
BENCHMARK(BM_SharedFingerprintPairs)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace reprint::bench

BENCHMARK_MAIN();
