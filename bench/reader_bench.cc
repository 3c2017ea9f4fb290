// Reading JSONL: file bytes per second, parse and UTF-8 checks included.
#include "benchmark/benchmark.h"
#include "bench/bench_corpus.h"
#include "reprint/reader.h"

namespace reprint::bench {
namespace {

void BM_ReadJsonlFile(benchmark::State& state) {
  const BenchCorpus& corpus = GetBenchCorpus();
  const ReadOptions options{static_cast<int>(state.range(0))};
  if (ReadInputs({corpus.jsonl_path}, options).documents.size() != corpus.documents.size()) {
    state.SkipWithError("reader lost articles");
  }
  for (auto _ : state) benchmark::DoNotOptimize(ReadInputs({corpus.jsonl_path}, options));
  state.SetBytesProcessed(state.iterations() * corpus.file_bytes);
}
BENCHMARK(BM_ReadJsonlFile)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace reprint::bench

BENCHMARK_MAIN();
