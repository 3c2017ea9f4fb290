// Shared inputs for the benches: a synthetic archive generated once per
// process (reprint gen's generator, fixed seed), as documents and as the
// JSONL file the CLI would read.
#ifndef REPRINT_BENCH_BENCH_CORPUS_H_
#define REPRINT_BENCH_BENCH_CORPUS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "reprint/document.h"

namespace reprint::bench {

struct BenchCorpus {
  std::vector<Document> documents;
  std::string jsonl_path;  // the same archive as a JSONL file in a temp dir
  int64_t file_bytes = 0;  // size of the JSONL file
};

// The floor every end-to-end figure is compared with: the least any
// deduplicator must do. Read the JSONL file at `path` (reprint's reader),
// split each text at whitespace and XXH3-hash the raw bytes of every 5-word
// shingle once: no normalisation, no sketch, no index. Returns a sum of the
// hashes, so nothing is skipped.
uint64_t ReadAndHashShingles(const std::string& path, int threads);

// The end-to-end benches' archive: reprint gen synthetic --articles N
// --seed 1 (N = REPRINT_BENCH_ARTICLES, default 20,000), written as JSONL
// to a file of this process in the temp directory, whose path it returns
// (the caller removes it). Exits with a message if it cannot be written.
std::string WriteEndToEndArchive(const std::string& name, int64_t* articles);

// 20% edited copies, ~500 words per article; built on first use (not timed).
// The size can be set with REPRINT_BENCH_ARTICLES (default 4000).
const BenchCorpus& GetBenchCorpus();

}  // namespace reprint::bench

#endif  // REPRINT_BENCH_BENCH_CORPUS_H_
