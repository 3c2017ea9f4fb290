#include "bench/bench_corpus.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <utility>
#include <vector>

#include "core/parallel.h"
#include "reprint/generate.h"
#include "reprint/reader.h"
#include "xxhash.h"

namespace reprint::bench {

uint64_t ReadAndHashShingles(const std::string& path, int threads) {
  const Corpus read = ReadInputs({path}, ReadOptions{threads});
  std::vector<uint64_t> sums(read.documents.size());
  ParallelFor(read.documents.size(), threads, 64, [&](size_t begin, size_t end) {
    constexpr size_t k = 5;
    std::vector<std::pair<uint32_t, uint32_t>> words;  // [begin, end) of each word
    for (size_t i = begin; i < end; ++i) {
      // Words are runs of bytes above space: no normalisation, no Unicode.
      const std::string_view text = read.documents[i].text;
      const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
      words.clear();
      for (uint32_t pos = 0, n = static_cast<uint32_t>(text.size()); pos < n;) {
        while (pos < n && bytes[pos] <= ' ') ++pos;
        const uint32_t from = pos;
        while (pos < n && bytes[pos] > ' ') ++pos;
        if (pos > from) words.emplace_back(from, pos);
      }
      for (size_t t = 0; t + k <= words.size(); ++t) {
        sums[i] += XXH3_64bits(bytes + words[t].first, words[t + k - 1].second - words[t].first);
      }
    }
  });
  uint64_t total = 0;
  for (const uint64_t sum : sums) total += sum;
  return total;
}

std::string WriteEndToEndArchive(const std::string& name, int64_t* articles) {
  SyntheticOptions generator;
  generator.articles = 20000;
  if (const char* env = std::getenv("REPRINT_BENCH_ARTICLES")) generator.articles = std::atoll(env);
  *articles = generator.articles;
  const std::string path =
      (std::filesystem::temp_directory_path() / (name + "_" + std::to_string(getpid()) + ".jsonl"))
          .string();
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  const absl::Status status = GenerateSynthetic(
      generator,
      [&](const Document& doc, const TruthRecord&) { out << ArticleJsonLine(doc) << '\n'; });
  out.close();
  if (!status.ok() || !out) {
    std::fprintf(stderr, "%s: cannot write the archive %s: %s\n", name.c_str(), path.c_str(),
                 status.ok() ? "write failed" : std::string(status.message()).c_str());
    std::filesystem::remove(path);
    std::exit(2);
  }
  return path;
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
