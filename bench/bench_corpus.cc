#include "bench/bench_corpus.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "core/generate.h"

namespace reprint::bench {

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
          built->text_bytes += static_cast<int64_t>(doc.text.size());
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
