// Tokenising and normalising: bytes of article text per second.
#include <string>
#include <string_view>

#include "benchmark/benchmark.h"
#include "bench/bench_corpus.h"
#include "core/tokenize.h"

namespace reprint::bench {
namespace {

// One of the tokenizer's entry points over the corpus's ASCII news texts,
// one article per iteration.
using TokenizeMethod = void (Tokenizer::*)(std::string_view, TokenizedText*) const;

void TokenizeCorpus(benchmark::State& state, TokenizeMethod method) {
  const BenchCorpus& corpus = GetBenchCorpus();
  const Tokenizer tokenizer{NormalizeOptions{}};
  TokenizedText tokens;
  tokenizer.Tokenize("Pakistan's “No Hope” – Ｔａｌｉｂａｎ", &tokens);
  if (tokens.normalized != "pakistans no hope taliban") state.SkipWithError("wrong tokens");
  size_t i = 0;
  for (auto _ : state) {
    (tokenizer.*method)(corpus.documents[i].text, &tokens);
    benchmark::DoNotOptimize(tokens.word_hashes.data());
    state.SetBytesProcessed(state.bytes_processed() +
                            static_cast<int64_t>(corpus.documents[i].text.size()));
    if (++i == corpus.documents.size()) i = 0;
  }
}

void BM_TokenizeAsciiNews(benchmark::State& state) { TokenizeCorpus(state, &Tokenizer::Tokenize); }
BENCHMARK(BM_TokenizeAsciiNews);

// Word hashes alone, as signatures and verification need them.
void BM_HashWordsAsciiNews(benchmark::State& state) { TokenizeCorpus(state, &Tokenizer::HashWords); }
BENCHMARK(BM_HashWordsAsciiNews);

// The same texts by the general path alone: what the ASCII fast path saves.
void BM_TokenizeAsciiNewsByteByByte(benchmark::State& state) {
  TokenizeCorpus(state, &Tokenizer::TokenizeByteByByte);
}
BENCHMARK(BM_TokenizeAsciiNewsByteByByte);

// Mostly non-ASCII words (accented Latin, Cyrillic, Greek): the utf8proc path.
void BM_TokenizeNonAscii(benchmark::State& state) {
  std::string text;
  while (text.size() < 64 * 1024) {
    text += "Économie: la Banque centrale a relevé ses taux — Центральный банк повысил "
            "ставку; η κεντρική τράπεζα αύξησε τα επιτόκια. ";
  }
  const Tokenizer tokenizer{NormalizeOptions{}};
  TokenizedText tokens;
  for (auto _ : state) {
    tokenizer.Tokenize(text, &tokens);
    benchmark::DoNotOptimize(tokens.tokens.data());
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(text.size()));
}
BENCHMARK(BM_TokenizeNonAscii);

}  // namespace
}  // namespace reprint::bench

BENCHMARK_MAIN();
