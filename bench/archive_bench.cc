// The archive at scale: add throughput, query latency and size per article.
//
//   REPRINT_ARCHIVE_ARTICLES=1000000 ./build/bench/archive_bench
//
// Builds (once; reused while the file exists) an archive of
// REPRINT_ARCHIVE_ARTICLES generated articles of ~400 words (default 20000),
// streamed from the generator in batches of 10,000, each one transaction.
// Then queries 200 articles one at a time: 100 lightly edited copies of
// stored articles and 100 new originals, and reports the latency
// percentiles. The file is REPRINT_ARCHIVE_DB (default
// /tmp/reprint_archive_bench_<articles>.db).
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "benchmark/benchmark.h"
#include "fmt/format.h"
#include "reprint/archive.h"
#include "reprint/generate.h"

namespace reprint::bench {
namespace {

int64_t ArticlesWanted() {
  const char* value = std::getenv("REPRINT_ARCHIVE_ARTICLES");
  return value != nullptr ? std::max<int64_t>(1000, std::atoll(value)) : 20000;
}

std::string DbPath() {
  const char* value = std::getenv("REPRINT_ARCHIVE_DB");
  return value != nullptr ? value
                          : "/tmp/reprint_archive_bench_" + std::to_string(ArticlesWanted()) + ".db";
}

SyntheticOptions Generator(int64_t articles, uint64_t seed) {
  SyntheticOptions options;
  options.articles = articles;
  options.words = 400;
  options.seed = seed;
  return options;
}

void BM_ArchiveAdd(benchmark::State& state) {
  const int64_t wanted = ArticlesWanted();
  const std::string path = DbPath();
  double seconds = 0;
  for (auto _ : state) {
    std::filesystem::remove(path);
    std::filesystem::remove(path + "-wal");
    std::filesystem::remove(path + "-shm");
    auto archive = Archive::Open(path, Archive::Access::kWrite, ArchiveRequest{});
    if (!archive.ok()) {
      state.SkipWithError(std::string(archive.status().message()).c_str());
      return;
    }
    std::vector<Document> batch;
    absl::Status failed;
    auto flush = [&] {
      const auto start = std::chrono::steady_clock::now();
      absl::StatusOr<AddSummary> added = (*archive)->Add(batch, AddOptions{});
      seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      if (!added.ok()) failed = added.status();
      batch.clear();
    };
    const absl::Status generated =
        GenerateSynthetic(Generator(wanted, 1), [&](const Document& doc, const TruthRecord&) {
          batch.push_back(doc);
          if (batch.size() == 10000 && failed.ok()) flush();
        });
    if (!batch.empty() && failed.ok()) flush();
    if (!generated.ok() || !failed.ok()) {
      state.SkipWithError(std::string((generated.ok() ? failed : generated).message()).c_str());
      return;
    }
    state.SetIterationTime(seconds);
    absl::StatusOr<ArchiveStats> stats = (*archive)->Stats();
    if (stats.ok()) {
      state.counters["bytes/article beyond text"] =
          static_cast<double>(stats->file_bytes - stats->text_bytes) / static_cast<double>(stats->articles);
      state.counters["articles"] = static_cast<double>(stats->articles);
    }
  }
  state.counters["articles/s"] = static_cast<double>(wanted) / seconds;
}
// One iteration: building the archive is the measurement (generation not timed).
BENCHMARK(BM_ArchiveAdd)->Iterations(1)->UseManualTime()->Unit(benchmark::kSecond);

void BM_ArchiveQuery(benchmark::State& state) {
  auto archive = Archive::Open(DbPath(), Archive::Access::kRead, ArchiveRequest{});
  if (!archive.ok()) {
    state.SkipWithError(std::string(archive.status().message()).c_str());
    return;
  }
  absl::StatusOr<ArchiveStats> stats = (*archive)->Stats();
  if (!stats.ok() || stats->articles == 0) {
    state.SkipWithError("empty archive: run BM_ArchiveAdd first");
    return;
  }
  // 100 edited copies of stored articles (their sources must be found) and
  // 100 originals the archive has never seen.
  std::vector<Document> queries;
  for (int i = 0; i < 100; ++i) {
    // The generator names articles syn-0000001, syn-0000002, ...
    const int64_t n = 1 + (stats->articles - 1) * i / 100;
    absl::StatusOr<ArchiveView> shown = (*archive)->Show(DocId{fmt::format("syn-{:07d}", n), false});
    if (!shown.ok()) {
      state.SkipWithError(std::string(shown.status().message()).c_str());
      return;
    }
    Document copy = shown->documents[0];
    copy.id.value += "-copy";
    copy.text = "UPDATED. " + std::string(copy.text.substr(0, copy.text.size() * 9 / 10));
    queries.push_back(std::move(copy));
  }
  const absl::Status generated =
      GenerateSynthetic(Generator(100, 99), [&](const Document& doc, const TruthRecord&) {
        Document fresh = doc;
        fresh.id.value = "new-" + fresh.id.value;
        queries.push_back(std::move(fresh));
      });
  if (!generated.ok()) {
    state.SkipWithError("generator failed");
    return;
  }
  std::vector<double> latencies;
  size_t found = 0;
  for (auto _ : state) {
    latencies.clear();
    found = 0;
    for (const Document& query : queries) {
      const auto start = std::chrono::steady_clock::now();
      absl::StatusOr<ArchiveView> view = (*archive)->Query({query});
      latencies.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
      if (view.ok() && !view->result.pairs.empty()) ++found;
    }
  }
  std::sort(latencies.begin(), latencies.end());
  auto percentile = [&](double p) { return latencies[static_cast<size_t>(p * (latencies.size() - 1))]; };
  state.counters["p50 ms"] = percentile(0.50);
  state.counters["p99 ms"] = percentile(0.99);
  state.counters["queries"] = static_cast<double>(queries.size());
  state.counters["with a source"] = static_cast<double>(found);
}
BENCHMARK(BM_ArchiveQuery)->Iterations(1)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace reprint::bench

BENCHMARK_MAIN();
