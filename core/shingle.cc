#include "core/shingle.h"

#include <algorithm>
#include <bit>
#include <cassert>

#include "xxhash.h"

namespace reprint {

void HashShingles(const TokenizedText& text, const ShingleOptions& options,
                  std::vector<uint64_t>* out) {
  assert(options.size >= 1);
  out->clear();
  const size_t n = text.word_hashes.size();
  if (n == 0) return;
  const size_t k = std::min(static_cast<size_t>(options.size), n);
  out->resize(n - k + 1);
  const uint64_t* words = text.word_hashes.data();
  uint64_t* hashes = out->data();
  for (size_t i = 0; i + k <= n; ++i) hashes[i] = CombineWordHashes(words + i, k);
}

void ShingleSetOf(const Tokenizer& tokenizer, std::string_view text, const ShingleOptions& options,
                  TokenizedText* scratch, std::vector<uint64_t>* out) {
  tokenizer.HashWords(text, scratch);
  HashShingles(*scratch, options, out);
  MakeShingleSet(out);
}

uint64_t NormalizedTextKey(const TokenizedText& text) {
  if (text.word_hashes.empty()) return 0;
  const uint64_t key = XXH3_64bits_withSeed(text.word_hashes.data(),
                                            text.word_hashes.size() * sizeof(uint64_t), 0x7e57);
  return key == 0 ? 1 : key;
}

void MakeShingleSet(std::vector<uint64_t>* hashes) {
  const size_t n = hashes->size();
  if (n <= 64) {
    std::sort(hashes->begin(), hashes->end());
  } else {
    // Shingle hashes are uniform 64-bit values, so one scatter by their top
    // bits into ~n/2 buckets leaves a couple of values per bucket to order:
    // about 4x faster than std::sort on article-sized sets. Buckets are still
    // sorted with std::sort, so skewed input cannot go quadratic.
    const int bucket_bits = std::max(1, static_cast<int>(std::bit_width(n / 2)) - 1);
    const size_t num_buckets = size_t{1} << bucket_bits;
    const int shift = 64 - bucket_bits;
    thread_local std::vector<uint32_t> starts;
    thread_local std::vector<uint64_t> scattered;
    starts.assign(num_buckets + 1, 0);
    scattered.resize(n);
    for (const uint64_t h : *hashes) ++starts[(h >> shift) + 1];
    for (size_t b = 1; b <= num_buckets; ++b) starts[b] += starts[b - 1];
    for (const uint64_t h : *hashes) scattered[starts[h >> shift]++] = h;
    // starts[b] now ends bucket b; bucket b begins where bucket b-1 ended.
    size_t begin = 0;
    for (size_t b = 0; b < num_buckets; ++b) {
      const size_t end = starts[b];
      if (end - begin > 1) std::sort(scattered.begin() + begin, scattered.begin() + end);
      begin = end;
    }
    hashes->swap(scattered);
  }
  hashes->erase(std::unique(hashes->begin(), hashes->end()), hashes->end());
}

size_t IntersectionSize(absl::Span<const uint64_t> a, absl::Span<const uint64_t> b) {
  size_t i = 0, j = 0, common = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] < b[j]) {
      ++i;
    } else if (b[j] < a[i]) {
      ++j;
    } else {
      ++common;
      ++i;
      ++j;
    }
  }
  return common;
}

double Jaccard(absl::Span<const uint64_t> a, absl::Span<const uint64_t> b) {
  if (a.empty() && b.empty()) return 0.0;
  const size_t common = IntersectionSize(a, b);
  return static_cast<double>(common) / static_cast<double>(a.size() + b.size() - common);
}

}  // namespace reprint
