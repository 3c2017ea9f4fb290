// The end-to-end scan (read the JSONL file, then the whole pipeline) next to
// its floor measured in the same process: read the same file and XXH3-hash
// every 5-word shingle once. The ratio scan/floor is the figure to watch.
//
//   REPRINT_BENCH_ARTICLES=20000 ./build/bench/scan_bench
#include <vector>

#include "benchmark/benchmark.h"
#include "bench/bench_corpus.h"
#include "core/reader.h"
#include "core/scan.h"

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

}  // namespace
}  // namespace reprint::bench

BENCHMARK_MAIN();
