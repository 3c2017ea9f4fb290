// Passage layer: preparing a text, aligning a near-duplicate pair, and
// finding passage candidates from winnowed fingerprints.
#include <algorithm>
#include <vector>

#include "bench/bench_corpus.h"
#include "benchmark/benchmark.h"
#include "core/align.h"
#include "core/fingerprint.h"
#include "core/minhash.h"
#include "core/stages.h"
#include "core/tokenize.h"
#include "reprint/scan.h"

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
  const std::string_view text = GetBenchCorpus().documents[0].text;
  std::string edited(text);
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

// Winnowing one article's word hashes: sorted and duplicate-free (range 1,
// as the archive stores them) or in text order (range 0, as a scan indexes them).
void BM_Winnow(benchmark::State& state) {
  const BenchCorpus& corpus = GetBenchCorpus();
  std::vector<TokenizedText> texts(std::min<size_t>(corpus.documents.size(), 256));
  for (size_t i = 0; i < texts.size(); ++i) {
    Tokenizer(NormalizeOptions{}).HashWords(corpus.documents[i].text, &texts[i]);
  }
  const bool sorted = state.range(0) == 1;
  std::vector<uint64_t> scratch;
  size_t i = 0, words = 0;
  for (auto _ : state) {
    std::vector<uint64_t> out;  // empty, like a document's stored list
    if (sorted) {
      Winnow(texts[i], FingerprintOptions{}, &scratch, &out);
    } else {
      WinnowInTextOrder(texts[i], FingerprintOptions{}, &scratch, &out);
    }
    benchmark::DoNotOptimize(out.data());
    words += texts[i].word_hashes.size();
    if (++i == texts.size()) i = 0;
  }
  state.SetItemsProcessed(static_cast<int64_t>(words));
}
BENCHMARK(BM_Winnow)->Arg(0)->Arg(1);

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
