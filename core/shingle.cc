#include "core/shingle.h"

#include <algorithm>
#include <bit>
#include <cassert>
#include <cstring>

#include "core/cpu_features.h"

#include "xxhash.h"
#if defined(__x86_64__)
#include "xxh_x86dispatch.h"
#endif

namespace reprint {
namespace {

// The hashes of the count runs of K words starting at words[0, count): the
// loop over runs has no dependence between iterations, so it vectorises.
template <size_t K>
inline __attribute__((always_inline)) void HashRuns(const uint64_t* __restrict words, size_t count,
                                                    uint64_t* __restrict out) {
  for (size_t i = 0; i < count; ++i) out[i] = CombineWordHashes(words + i, K);
}

// Runs of the usual sizes, k fixed so that the loop unrolls; the general
// size runs the plain loop.
inline __attribute__((always_inline)) void HashRunsOfSize(const uint64_t* __restrict words,
                                                          size_t k, size_t count,
                                                          uint64_t* __restrict out) {
  switch (k) {
    case 2:
      return HashRuns<2>(words, count, out);
    case 3:
      return HashRuns<3>(words, count, out);
    case 4:
      return HashRuns<4>(words, count, out);
    case 5:
      return HashRuns<5>(words, count, out);
    default:
      for (size_t i = 0; i < count; ++i) out[i] = CombineWordHashes(words + i, k);
  }
}

#if defined(__x86_64__)
// Eight 64-bit lanes (GCC's vector extension: operators act lane by lane).
typedef uint64_t Lanes __attribute__((vector_size(64)));

// CombineWordHashes() for 32 runs at a time, as four independent chains of
// eight lanes: one chain is k + 2 dependent multiplies of 15 cycles'
// latency, and the loop the compiler vectorised kept too few of them in
// flight to fill the multiplier. The rest go through that loop, here
// compiled for AVX-512 too. Picked at run time (HasAvx512Multiply());
// the hashes are the same bits as the baseline loop's.
__attribute__((target("avx512f,avx512dq"))) void HashRunsAvx512(const uint64_t* words, size_t k,
                                                                size_t count, uint64_t* out) {
  constexpr size_t kChains = 4;
  const Lanes start = Lanes{} + static_cast<uint64_t>(0x243F6A8885A308D3ULL ^ k);
  size_t i = 0;
  for (; i + 8 * kChains <= count; i += 8 * kChains) {
    Lanes h[kChains];
    for (size_t c = 0; c < kChains; ++c) h[c] = start;
    for (size_t j = 0; j < k; ++j) {
      for (size_t c = 0; c < kChains; ++c) {
        Lanes word;
        std::memcpy(&word, words + i + 8 * c + j, sizeof word);
        h[c] = (h[c] ^ word) * uint64_t{0x9E3779B97F4A7C15ULL};
        h[c] ^= h[c] >> 29;
      }
    }
    for (size_t c = 0; c < kChains; ++c) {  // MixBits()
      h[c] ^= h[c] >> 33;
      h[c] *= uint64_t{0xFF51AFD7ED558CCDULL};
      h[c] ^= h[c] >> 33;
      h[c] *= uint64_t{0xC4CEB9FE1A85EC53ULL};
      h[c] ^= h[c] >> 33;
      std::memcpy(out + i + 8 * c, &h[c], sizeof h[c]);
    }
  }
  HashRunsOfSize(words + i, k, count - i, out + i);
}
#endif

}  // namespace

void HashShingles(const TokenizedText& text, const ShingleOptions& options,
                  std::vector<uint64_t>* out) {
  assert(options.size >= 1);
  const size_t n = text.word_hashes.size();
  if (n == 0) {
    out->clear();
    return;
  }
  const size_t k = std::min(static_cast<size_t>(options.size), n);
  // Every element is written below: resized without clearing first, a
  // reused list zero-fills only what it grows by, not all of it again.
  out->resize(n - k + 1);
  const uint64_t* words = text.word_hashes.data();
  uint64_t* hashes = out->data();
  const size_t count = n - k + 1;
#if defined(__x86_64__)
  if (HasAvx512Multiply()) {
    HashRunsAvx512(words, k, count, hashes);
    return;
  }
#endif
  HashRunsOfSize(words, k, count, hashes);
}

void ShingleSetOf(const Tokenizer& tokenizer, std::string_view text, const ShingleOptions& options,
                  TokenizedText* scratch, std::vector<uint64_t>* out) {
  tokenizer.HashWords(text, scratch);
  HashShingles(*scratch, options, out);
  MakeShingleSet(out);
}

uint64_t NormalizedTextKey(const TokenizedText& text) {
  if (text.word_hashes.empty()) return 0;
  // A few KB per article: libxxhash's dispatching entry point runs the
  // widest vector code this CPU has (the plain one stops at SSE2); same
  // value either way, and the archive stores it.
#if defined(__x86_64__)
  const uint64_t key = XXH3_64bits_withSeed_dispatch(
      text.word_hashes.data(), text.word_hashes.size() * sizeof(uint64_t), 0x7e57);
#else
  const uint64_t key = XXH3_64bits_withSeed(text.word_hashes.data(),
                                            text.word_hashes.size() * sizeof(uint64_t), 0x7e57);
#endif
  return key == 0 ? 1 : key;
}

void MakeShingleSet(std::vector<uint64_t>* hashes) {
  const size_t n = hashes->size();
  if (n <= 64) {
    std::sort(hashes->begin(), hashes->end());
  } else {
    // Shingle hashes are uniform 64-bit values, so one scatter by their top
    // bits into ~n/2 buckets leaves a couple of values per bucket to order:
    // one insertion-sort pass over the whole array then finishes, moving
    // values only within their bucket. If some bucket is large (skewed
    // input), buckets are sorted with std::sort instead, so nothing goes
    // quadratic. About 5x faster than std::sort on article-sized sets.
    const int bucket_bits = std::max(1, static_cast<int>(std::bit_width(n / 2)) - 1);
    const size_t num_buckets = size_t{1} << bucket_bits;
    const int shift = 64 - bucket_bits;
    thread_local std::vector<uint32_t> starts;
    thread_local std::vector<uint64_t> scattered;
    starts.assign(num_buckets + 1, 0);
    scattered.resize(n);
    for (const uint64_t h : *hashes) ++starts[(h >> shift) + 1];
    uint32_t largest = 0;
    for (size_t b = 1; b <= num_buckets; ++b) largest = std::max(largest, starts[b]);
    for (size_t b = 1; b <= num_buckets; ++b) starts[b] += starts[b - 1];
    for (const uint64_t h : *hashes) scattered[starts[h >> shift]++] = h;
    if (largest <= 16) {
      for (size_t i = 1; i < n; ++i) {
        const uint64_t value = scattered[i];
        size_t j = i;
        for (; j > 0 && scattered[j - 1] > value; --j) scattered[j] = scattered[j - 1];
        scattered[j] = value;
      }
    } else {
      // starts[b] now ends bucket b; bucket b begins where bucket b-1 ended.
      size_t begin = 0;
      for (size_t b = 0; b < num_buckets; ++b) {
        const size_t end = starts[b];
        if (end - begin > 1) std::sort(scattered.begin() + begin, scattered.begin() + end);
        begin = end;
      }
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

SetOverlap OverlapOfShingleLists(absl::Span<const uint64_t> a, absl::Span<const uint64_t> b) {
  // Open addressing with linear probing over at least twice as many slots
  // as both lists hold. A slot is empty unless its stamp is this call's, so
  // the table is never cleared; `in` says which lists hold the key (1: a,
  // 2: b). Shingle hashes end in MixBits(), so their low bits index well.
  struct Slot {
    uint64_t key;
    uint32_t stamp;
    uint32_t in;
  };
  thread_local std::vector<Slot> table;
  thread_local uint32_t stamp = 0;
  const size_t size = std::bit_ceil(std::max<size_t>(16, 2 * (a.size() + b.size())));
  if (table.size() < size || ++stamp == 0) {
    table.assign(std::max(size, table.size()), Slot{0, 0, 0});
    stamp = 1;
  }
  const size_t mask = size - 1;
  // The slot holding `key`, or the empty slot where it belongs.
  auto find = [&](uint64_t key) -> Slot& {
    size_t i = key & mask;
    while (table[i].stamp == stamp && table[i].key != key) i = (i + 1) & mask;
    return table[i];
  };
  SetOverlap overlap;
  for (const uint64_t key : a) {
    Slot& slot = find(key);
    if (slot.stamp != stamp) {
      slot = {key, stamp, 1};
      ++overlap.a;
    }
  }
  for (const uint64_t key : b) {
    Slot& slot = find(key);
    if (slot.stamp != stamp) {
      slot = {key, stamp, 2};
      ++overlap.b;
    } else if (slot.in == 1) {
      slot.in = 3;
      ++overlap.b;
      ++overlap.common;
    }
  }
  return overlap;
}

double Jaccard(absl::Span<const uint64_t> a, absl::Span<const uint64_t> b) {
  if (a.empty() && b.empty()) return 0.0;
  const size_t common = IntersectionSize(a, b);
  return static_cast<double>(common) / static_cast<double>(a.size() + b.size() - common);
}

}  // namespace reprint
