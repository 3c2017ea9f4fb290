#include "bench/bench_corpus.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <vector>

#include "core/generate.h"
#include "core/parallel.h"
#include "core/reader.h"
#include "core/tokenize.h"
#include "xxhash.h"

namespace reprint::bench {

uint64_t ReadAndHashShingles(const std::string& path, int threads) {
  const Corpus read = ReadInputs({path}, ReadOptions{threads});
  std::vector<uint64_t> sums(read.documents.size());
  ParallelFor(read.documents.size(), threads, 64, [&](size_t begin, size_t end) {
    const Tokenizer tokenizer{NormalizeOptions{}};
    TokenizedText tokens;
    constexpr size_t k = 5;
    for (size_t i = begin; i < end; ++i) {
      tokenizer.Tokenize(read.documents[i].text, &tokens);
      const char* base = tokens.normalized.data();
      for (size_t t = 0; t + k <= tokens.tokens.size(); ++t) {
        const uint32_t from = tokens.tokens[t].norm_begin, to = tokens.tokens[t + k - 1].norm_end;
        sums[i] += XXH3_64bits(base + from, to - from);
      }
    }
  });
  uint64_t total = 0;
  for (const uint64_t sum : sums) total += sum;
  return total;
}

const BenchCorpus& GetBenchCorpus() {
  static const BenchCorpus* corpus = [] {
    auto* built = new BenchCorpus;
    SyntheticOptions options;
    options.articles = 4000;
    if (const char* env = std::getenv("REPRINT_BENCH_ARTICLES")) options.articles = std::atoll(env);
    options.seed = 1;
    // One file per process: benches run side by side (ctest -j) must not
    // write each other's input. Removed when the process exits.
    built->jsonl_path = (std::filesystem::temp_directory_path() /
                         ("reprint_bench_corpus_" + std::to_string(getpid()) + ".jsonl"))
                            .string();
    static const std::string path_to_remove = built->jsonl_path;
    std::atexit([] { std::filesystem::remove(path_to_remove); });
    std::ofstream out(built->jsonl_path, std::ios::binary | std::ios::trunc);
    const absl::Status status =
        GenerateSynthetic(options, [&](const Document& doc, const TruthRecord&) {
          built->documents.push_back(doc);
          out << ArticleJsonLine(doc) << '\n';
        });
    if (!status.ok()) std::abort();
    out.close();
    built->file_bytes = static_cast<int64_t>(std::filesystem::file_size(built->jsonl_path));
    return built;
  }();
  return *corpus;
}

}  // namespace reprint::bench
