// The end-to-end bench: the scan pipeline stage by stage on a generated
// archive, next to its floor measured in the same run (read the file, split
// the texts at whitespace and XXH3-hash every 5-word shingle once). Prints, per stage, the time, MB/s,
// articles/s and the peak resident memory while it ran; the headline is
// pipeline / floor.
//
//   ./build/bench/pipeline_bench                       # 20,000 articles, 1 and 2 threads
//   REPRINT_BENCH_ARTICLES=100000 ./build/bench/pipeline_bench --passages
//
// Each configuration runs `--runs` times (default 3); every figure is the
// best of the runs, as the machine is shared. Peak memory is VmHWM, reset
// before each stage (/proc/self/clear_refs), so it is the stage's own peak
// over everything still held, including the input text.
#include <malloc.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <string>
#include <vector>

#include "bench/bench_corpus.h"
#include "core/fingerprint.h"
#include "core/lsh.h"
#include "core/minhash.h"
#include "core/stages.h"
#include "reprint/cluster.h"
#include "reprint/reader.h"
#include "reprint/scan.h"

namespace reprint::bench {
namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

void ResetPeakMemory() {
  malloc_trim(0);  // hand freed memory back first, so the peak is what the stage holds
  std::ofstream clear("/proc/self/clear_refs");
  clear << "5";
}

// A /proc/self/status figure in MB (0 if unknown).
double StatusMb(const char* field) {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);) {
    if (line.rfind(field, 0) == 0) return std::atof(line.c_str() + std::strlen(field)) / 1024.0;
  }
  return 0;
}

// Peak resident set since the last reset.
double PeakMemoryMb() { return StatusMb("VmHWM:"); }

struct Stage {
  std::string name;
  double seconds = std::numeric_limits<double>::infinity();
  double peak_mb = 0;
};

// Times `body` as stage `name` of `stages` (best of runs; peak is the largest seen).
template <typename Body>
void Measure(std::vector<Stage>& stages, size_t index, const char* name, Body&& body) {
  if (stages.size() <= index) stages.resize(index + 1);
  stages[index].name = name;
  ResetPeakMemory();
  const auto start = Clock::now();
  body();
  stages[index].seconds = std::min(stages[index].seconds, Seconds(start));
  stages[index].peak_mb = std::max(stages[index].peak_mb, PeakMemoryMb());
}

// The floor, timed.
double Floor(const std::string& path, int threads) {
  const auto start = Clock::now();
  volatile uint64_t sink = ReadAndHashShingles(path, threads);
  (void)sink;
  return Seconds(start);
}

void Run(const std::string& path, double megabytes, int64_t articles, int threads, bool passages, int runs,
         size_t verify_block) {
  ScanOptions options;
  options.threads = threads;
  if (verify_block > 0) options.verify_block_documents = verify_block;
  options.passages.enabled = passages;
  const LshParams lsh = *ResolveLshParams(options);
  const MinHasher hasher = *MinHasher::Create(options.minhash);
  std::vector<Stage> stages;
  double floor = std::numeric_limits<double>::infinity();
  double resident_after_read_mb = 0;  // the input text and the process itself
  size_t pairs = 0;
  for (int run = 0; run < runs; ++run) {
    Corpus corpus;
    DocumentSketches sketches;
    std::vector<CandidatePair> lsh_pairs, fingerprint_pairs;
    absl::flat_hash_set<uint64_t> common;
    CandidateSet candidates;
    std::vector<DocumentPair> reported;
    Measure(stages, 0, "read + decode", [&] { corpus = ReadInputs({path}, ReadOptions{threads}); });
    malloc_trim(0);
    resident_after_read_mb = StatusMb("VmRSS:");
    Measure(stages, 1, "tokenise + shingle + minhash", [&] {
      sketches = SketchDocuments(corpus.documents, options, hasher, threads);
    });
    Measure(stages, 2, "lsh candidates", [&] {
      lsh_pairs = FindCandidatePairs(sketches.signatures, hasher.num_perm(), sketches.indexable, lsh, threads);
    });
    if (passages) {
      Measure(stages, 3, "passage candidates", [&] {
        fingerprint_pairs = SharedFingerprintPairs(sketches.fingerprints, options.passages.fingerprints, threads,
                                                   &common);
      });
    }
    Measure(stages, passages ? 4 : 3, passages ? "verify + align" : "verify", [&] {
      candidates = MergeCandidates(lsh_pairs, fingerprint_pairs);
      reported = EvaluateCandidates(corpus.documents, sketches.signatures, candidates, common, options, threads,
                                    nullptr);
    });
    Measure(stages, passages ? 5 : 4, "clusters", [&] {
      std::vector<std::pair<uint32_t, uint32_t>> edges;
      for (const DocumentPair& pair : reported) {
        if (pair.near_duplicate) edges.emplace_back(pair.a, pair.b);
      }
      volatile size_t clusters = BuildClusters(corpus.documents, edges).size();
      (void)clusters;
    });
    pairs = reported.size();
    corpus = Corpus();
    floor = std::min(floor, Floor(path, threads));
  }
  double total = 0;
  for (const Stage& stage : stages) total += stage.seconds;
  std::printf("\n%lld articles, %.1f MB, %d thread%s%s, best of %d runs; %zu pairs\n",
              static_cast<long long>(articles), megabytes, threads, threads == 1 ? "" : "s",
              passages ? ", --passages" : "", runs, pairs);
  std::printf("%-30s %9s %9s %12s %10s\n", "stage", "seconds", "MB/s", "articles/s", "peak MB");
  for (const Stage& stage : stages) {
    std::printf("%-30s %9.3f %9.0f %12.0f %10.0f\n", stage.name.c_str(), stage.seconds, megabytes / stage.seconds,
                static_cast<double>(articles) / stage.seconds, stage.peak_mb);
  }
  std::printf("%-30s %9.3f %9.0f %12.0f\n", "pipeline (sum of stages)", total, megabytes / total,
              static_cast<double>(articles) / total);
  std::printf("%-30s %9.3f %9.0f %12.0f\n", "floor: read, split, XXH3", floor, megabytes / floor,
              static_cast<double>(articles) / floor);
  std::printf("%-30s %9.2f\n", "pipeline / floor", total / floor);
  double peak_after_read = 0;
  for (size_t i = 1; i < stages.size(); ++i) peak_after_read = std::max(peak_after_read, stages[i].peak_mb);
  std::printf("%-30s %9.0f bytes per article (peak %.0f MB over %.0f MB resident after reading)\n",
              "memory beyond the input", (peak_after_read - resident_after_read_mb) * 1048576.0 /
              static_cast<double>(articles), peak_after_read, resident_after_read_mb);
}

}  // namespace
}  // namespace reprint::bench

int main(int argc, char** argv) {
  using namespace reprint;
  bool passages = false;
  int runs = 3;
  size_t verify_block = 0;  // 0: the default
  std::vector<int> thread_counts = {1, 2};
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--passages") == 0) {
      passages = true;
    } else if (std::strncmp(argv[i], "--runs=", 7) == 0) {
      runs = std::max(1, std::atoi(argv[i] + 7));
    } else if (std::strncmp(argv[i], "--threads=", 10) == 0) {
      thread_counts = {std::max(1, std::atoi(argv[i] + 10))};
    } else if (std::strncmp(argv[i], "--verify-block=", 15) == 0) {
      verify_block = static_cast<size_t>(std::max(2, std::atoi(argv[i] + 15)));
    } else {
      std::fprintf(stderr, "usage: pipeline_bench [--passages] [--runs=N] [--threads=T] [--verify-block=D]\n");
      return 2;
    }
  }
  int64_t articles = 0;
  const std::string path = bench::WriteEndToEndArchive("reprint_pipeline_bench", &articles);
  const double megabytes = static_cast<double>(std::filesystem::file_size(path)) / 1e6;
  std::printf(
      "reprint pipeline bench: reprint gen synthetic --articles %lld --seed 1 (%.1f MB of JSONL)\n",
      static_cast<long long>(articles), megabytes);
  for (const int threads : thread_counts) {
    bench::Run(path, megabytes, articles, threads, passages, runs, verify_block);
  }
  std::filesystem::remove(path);
  return 0;
}
