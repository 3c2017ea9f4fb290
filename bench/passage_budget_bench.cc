// Issue 3's time budget for passages, and what any passage design must
// spend of it. On pipeline_bench's generated archive (20% edited copies),
// in one process (so without the process's start-up, which the whole
// `reprint scan` also pays):
//
//   - the document-level scan, end to end: read the JSONL file, Scan(),
//     write the JSONL report (to /dev/null);
//   - the same with passages; the budget is half the first;
//   - two pieces of work no passage design can skip, each timed with
//     reprint's own code: the word offsets of every article that holds a
//     passage (spans and edits point into the text), counted as tokenising
//     with offsets less hashing the words alone, which the plain scan's
//     verification does for nearly all of them anyway; and writing the
//     passages (the passage report less the plain one);
//   - what is then left of the budget for finding the pairs that share a
//     passage and aligning them, next to what today's design spends on
//     that: winnowing every article (timed alone, from the word hashes the
//     sketch has), indexing the fingerprints, preparing texts and aligning
//     (from the fastest passage scan's ScanStats, less the fastest plain
//     scan's verification).
//
//   ./build/bench/passage_budget_bench                 # 20,000 articles, 1 and 2 threads
//   ./build/bench/passage_budget_bench --threads=2 --runs=5
//   REPRINT_BENCH_ARTICLES=5000 ./build/bench/passage_budget_bench
//
// Every time is the best of --runs (default 3): the machine is shared.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bench/bench_corpus.h"
#include "core/fingerprint.h"
#include "core/parallel.h"
#include "core/tokenize.h"
#include "fmt/format.h"
#include "reprint/reader.h"
#include "reprint/report.h"
#include "reprint/scan.h"
#include "reprint/scan_records.h"

namespace reprint::bench {
namespace {

using Clock = std::chrono::steady_clock;

// The best wall time of `runs` calls of `body`.
template <typename Body>
double BestOf(int runs, Body&& body) {
  double best = std::numeric_limits<double>::infinity();
  for (int run = 0; run < runs; ++run) {
    const auto start = Clock::now();
    body();
    best = std::min(best, std::chrono::duration<double>(Clock::now() - start).count());
  }
  return best;
}

// The result of the fastest of `runs` calls of `make`, with its time. The
// results of slower calls are freed outside the timed part.
template <typename Make>
auto Fastest(int runs, Make&& make) {
  std::pair<decltype(make()), double> best{{}, std::numeric_limits<double>::infinity()};
  for (int run = 0; run < runs; ++run) {
    const auto start = Clock::now();
    auto result = make();
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    if (seconds < best.second) best = {std::move(result), seconds};
  }
  return best;
}

void Run(const std::string& path, int threads, int runs) {
  const auto [corpus, read] = Fastest(runs, [&] { return ReadInputs({path}, ReadOptions{threads}); });
  const std::vector<Document>& documents = corpus.documents;
  ScanOptions plain;
  plain.threads = threads;
  ScanOptions with_passages = plain;
  with_passages.passages.enabled = true;
  // Named pairs, not structured bindings: lambdas below refer to them.
  const auto plain_scan = Fastest(runs, [&] { return *Scan(documents, plain); });
  const auto passage_scan = Fastest(runs, [&] { return *Scan(documents, with_passages); });
  const ScanResult& plain_result = plain_scan.first;
  const ScanResult& passage_result = passage_scan.first;
  const double scan_plain = plain_scan.second, scan_passages = passage_scan.second;
  std::ofstream null("/dev/null", std::ios::binary);
  auto write = [&](const ScanResult& result, const ScanOptions& options) {
    ScanReport report;
    report.documents = documents;
    report.result = &result;
    report.options = &options;
    report.inputs = {path};
    WriteJsonlReport(report, null);
  };
  const double write_plain = BestOf(runs, [&] { write(plain_result, plain); });
  const double write_passages = BestOf(runs, [&] { write(passage_result, with_passages); });

  // The articles that hold a passage, and the passages.
  std::vector<uint8_t> holds_passage(documents.size(), 0);
  size_t passages = 0;
  for (const DocumentPair& pair : passage_result.pairs) {
    if (pair.passages.empty()) continue;
    holds_passage[pair.a] = holds_passage[pair.b] = 1;
    passages += pair.passages.size();
  }
  std::vector<uint32_t> aligned;
  for (uint32_t i = 0; i < documents.size(); ++i) {
    if (holds_passage[i]) aligned.push_back(i);
  }
  const Tokenizer tokenizer(plain.normalize);
  auto tokenise_aligned = [&](bool with_offsets) {
    return BestOf(runs, [&] {
      ParallelFor(aligned.size(), threads, 16, [&](size_t begin, size_t end) {
        TokenizedText tokens;
        for (size_t k = begin; k < end; ++k) {
          const std::string_view text = documents[aligned[k]].text;
          with_offsets ? tokenizer.Tokenize(text, &tokens) : tokenizer.HashWords(text, &tokens);
        }
      });
    });
  };
  const double tokenise = tokenise_aligned(true);
  const double hash_words = tokenise_aligned(false);
  std::vector<TokenizedText> word_hashes(documents.size());
  ParallelFor(documents.size(), threads, 64, [&](size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) tokenizer.HashWords(documents[i].text, &word_hashes[i]);
  });
  std::vector<std::vector<uint64_t>> fingerprints(documents.size());
  const double winnow = BestOf(runs, [&] {
    ParallelFor(documents.size(), threads, 64, [&](size_t begin, size_t end) {
      std::vector<uint64_t> scratch;
      for (size_t i = begin; i < end; ++i) {
        WinnowInTextOrder(word_hashes[i], with_passages.passages.fingerprints, &scratch,
                          &fingerprints[i]);
      }
    });
  });
  size_t num_fingerprints = 0;
  for (const std::vector<uint64_t>& list : fingerprints) num_fingerprints += list.size();

  const double whole_plain = read + scan_plain + write_plain;
  const double whole_passages = read + scan_passages + write_passages;
  const double budget = 0.5 * whole_plain;
  const double write_extra = write_passages - write_plain;
  const double offsets = std::max(0.0, tokenise - hash_words);
  const double unavoidable = offsets + write_extra;
  const ScanStats& stats = passage_result.stats;
  const double aligning =
      stats.seconds_preparing + stats.seconds_aligning - plain_result.stats.seconds_verification;
  const double today = winnow + stats.seconds_passage_candidates + aligning;
  std::printf("\n%zu articles, %d thread%s, best of %d runs\n", documents.size(), threads,
              threads == 1 ? "" : "s", runs);
  auto row = [](int indent, const std::string& what, double seconds, const std::string& note) {
    std::printf("%*s%-*s %7.3f s%s\n", indent, "", 64 - indent, what.c_str(), seconds,
                note.c_str());
  };
  row(2, "document-level scan, end to end", whole_plain,
      fmt::format(" (read {:.3f}, scan {:.3f}, write {:.3f})", read, scan_plain, write_plain));
  row(2, "with --passages", whole_passages,
      fmt::format(" (scan {:.3f}, write {:.3f}): {:.2f}x", scan_passages, write_passages,
                  whole_passages / whole_plain));
  row(2, "issue 3's budget for passages: half the first", budget, "");
  std::printf("  work no passage design can skip:\n");
  row(4,
      fmt::format("word offsets of the {} articles holding {} passages", aligned.size(), passages),
      offsets, fmt::format(" (tokenising {:.3f} less hashing words {:.3f})", tokenise, hash_words));
  row(4, "the passages written (report with them less without)", write_extra, "");
  row(2, "left for finding the pairs and aligning them", budget - unavoidable,
      fmt::format(" ({:.0f}% of the budget)", 100 * (budget - unavoidable) / budget));
  row(2, "what today's design spends on that", today,
      fmt::format(" ({:.1f}x what is left)", today / (budget - unavoidable)));
  row(4,
      fmt::format("winnowing all {} articles ({} fingerprints)", documents.size(),
                  num_fingerprints),
      winnow, "");
  row(4, "indexing the fingerprints (pairs that share some)", stats.seconds_passage_candidates, "");
  row(4, "preparing texts and aligning pairs", aligning, "");
}

}  // namespace
}  // namespace reprint::bench

int main(int argc, char** argv) {
  using namespace reprint;
  int runs = 3;
  std::vector<int> thread_counts = {1, 2};
  for (int i = 1; i < argc; ++i) {
    if (std::strncmp(argv[i], "--runs=", 7) == 0) {
      runs = std::max(1, std::atoi(argv[i] + 7));
    } else if (std::strncmp(argv[i], "--threads=", 10) == 0) {
      thread_counts = {std::max(1, std::atoi(argv[i] + 10))};
    } else {
      std::fprintf(stderr, "usage: passage_budget_bench [--runs=N] [--threads=T]\n");
      return 2;
    }
  }
  int64_t articles = 0;
  const std::string path = bench::WriteEndToEndArchive("reprint_passage_budget_bench", &articles);
  std::printf("reprint passage budget bench: reprint gen synthetic --articles %lld --seed 1\n",
              static_cast<long long>(articles));
  for (const int threads : thread_counts) bench::Run(path, threads, runs);
  std::filesystem::remove(path);
  return 0;
}
