// The end-to-end scan (read the JSONL file, then the whole pipeline) next to
// its floor measured in the same process: read the same file and XXH3-hash
// every 5-word shingle once. The ratio scan/floor is the figure to watch.
//
//   REPRINT_BENCH_ARTICLES=20000 ./build/bench/scan_bench
#include <string>
#include <vector>

#include "bench/bench_corpus.h"
#include "benchmark/benchmark.h"
#include "reprint/reader.h"
#include "reprint/scan.h"

namespace reprint::bench {
namespace {

void BM_FloorReadAndHashShingles(benchmark::State& state) {
  const BenchCorpus& corpus = GetBenchCorpus();
  const int threads = static_cast<int>(state.range(0));
  for (auto _ : state) benchmark::DoNotOptimize(ReadAndHashShingles(corpus.jsonl_path, threads));
  state.SetBytesProcessed(state.iterations() * corpus.file_bytes);
  state.counters["articles/s"] = benchmark::Counter(
      static_cast<double>(state.iterations() * corpus.documents.size()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_FloorReadAndHashShingles)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_ScanEndToEnd(benchmark::State& state) {
  const BenchCorpus& corpus = GetBenchCorpus();
  ScanOptions options;
  options.threads = static_cast<int>(state.range(0));
  size_t pairs = 0;
  for (auto _ : state) {
    const Corpus read = ReadInputs({corpus.jsonl_path}, ReadOptions{options.threads});
    absl::StatusOr<ScanResult> result = Scan(read.documents, options);
    if (!result.ok()) state.SkipWithError("scan failed");
    pairs = result->pairs.size();
    benchmark::DoNotOptimize(result->pairs.data());
  }
  if (pairs == 0) state.SkipWithError("no pairs found in an archive with 20% copies");
  state.SetBytesProcessed(state.iterations() * corpus.file_bytes);
  state.counters["articles/s"] = benchmark::Counter(
      static_cast<double>(state.iterations() * corpus.documents.size()), benchmark::Counter::kIsRate);
  state.counters["pairs"] = static_cast<double>(pairs);
}
BENCHMARK(BM_ScanEndToEnd)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

// The hostile case of issue 7: one boilerplate-only article repeated N
// times. Pairing every copy would be N^2/2 pairs; reprint pairs each with
// the first, so time per article must stay flat as N grows (the fitted
// complexity is printed as O(N) with its RMS error).
void BM_ScanIdenticalArticles(benchmark::State& state) {
  const size_t n = static_cast<size_t>(state.range(0));
  std::vector<Document> documents(n);
  for (size_t i = 0; i < n; ++i) {
    documents[i].id = DocId{std::to_string(i), true};
    documents[i].text = "Comments on this story are now closed. Read our community guidelines.";
  }
  ScanOptions options;
  options.threads = 2;
  for (auto _ : state) {
    absl::StatusOr<ScanResult> result = Scan(documents, options);
    if (!result.ok() || result->pairs.size() != n - 1) state.SkipWithError("expected one pair per copy");
    benchmark::DoNotOptimize(result->pairs.data());
  }
  state.SetComplexityN(static_cast<int64_t>(n));
  state.counters["articles/s"] =
      benchmark::Counter(static_cast<double>(state.iterations() * n), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ScanIdenticalArticles)
    ->Arg(1000)->Arg(10000)->Arg(100000)
    ->Complexity(benchmark::oN)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace reprint::bench

BENCHMARK_MAIN();
