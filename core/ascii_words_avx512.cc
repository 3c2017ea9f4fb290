#include "core/ascii_words_avx512.h"

#include <atomic>
#include <bit>
#include <cstring>

#if defined(__x86_64__)
// GCC 12's AVX-512 intrinsics start some results from a deliberately
// uninitialised register (_mm512_undefined_*), which -Wmaybe-uninitialized
// reports once they are inlined here.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <immintrin.h>
#endif

#include "core/cpu_features.h"

#define XXH_INLINE_ALL
#include "xxhash.h"

namespace reprint::internal {

#if defined(__x86_64__)

namespace {
std::atomic<bool> allowed{true};
}  // namespace

bool HasAsciiWordsAvx512() { return HasAvx512Bytes() && allowed.load(std::memory_order_relaxed); }

void AllowAsciiWordsAvx512(bool allow) { allowed.store(allow, std::memory_order_relaxed); }

namespace {

// XXH3-64 (seed 0) of words of 1 to 16 bytes is one of three short forms,
// each keyed by a few bytes of XXH3's default secret. They are computed
// here lane by lane from the same secret and the same steps as xxhash.h's
// XXH3_len_1to3_64b, XXH3_len_4to8_64b and XXH3_len_9to16_64b.
struct ShortKeys {
  uint64_t one_to_three;   // readLE32(secret) ^ readLE32(secret + 4)
  uint64_t four_to_eight;  // readLE64(secret + 8) ^ readLE64(secret + 16)
  uint64_t nine_to_16_lo;  // readLE64(secret + 24) ^ readLE64(secret + 32)
  uint64_t nine_to_16_hi;  // readLE64(secret + 40) ^ readLE64(secret + 48)
};

const ShortKeys& Keys() {
  static const ShortKeys keys = [] {
    const uint8_t* s = XXH3_kSecret;
    return ShortKeys{uint64_t{XXH_readLE32(s) ^ XXH_readLE32(s + 4)},
                     XXH_readLE64(s + 8) ^ XXH_readLE64(s + 16),
                     XXH_readLE64(s + 24) ^ XXH_readLE64(s + 32),
                     XXH_readLE64(s + 40) ^ XXH_readLE64(s + 48)};
  }();
  return keys;
}

#define REPRINT_AVX512_WORDS \
  __attribute__((target("avx512f,avx512bw,avx512dq,avx512vl,avx512vbmi,avx512vbmi2,bmi,bmi2,popcnt")))

REPRINT_AVX512_WORDS inline __m512i Mul(__m512i a, uint64_t b) {
  return _mm512_mullo_epi64(a, _mm512_set1_epi64(static_cast<long long>(b)));
}

REPRINT_AVX512_WORDS inline __m512i XorShiftRight(__m512i h, int shift) {
  return _mm512_xor_si512(h, _mm512_srli_epi64(h, static_cast<unsigned>(shift)));
}

// XXH64_avalanche.
REPRINT_AVX512_WORDS inline __m512i Avalanche64(__m512i h) {
  h = Mul(XorShiftRight(h, 33), XXH_PRIME64_2);
  h = Mul(XorShiftRight(h, 29), XXH_PRIME64_3);
  return XorShiftRight(h, 32);
}

// XXH3_rrmxmx.
REPRINT_AVX512_WORDS inline __m512i Rrmxmx(__m512i h, __m512i len) {
  h = _mm512_xor_si512(h, _mm512_xor_si512(_mm512_rol_epi64(h, 49), _mm512_rol_epi64(h, 24)));
  h = Mul(h, 0x9FB21C651E98DF25ULL);
  h = _mm512_xor_si512(h, _mm512_add_epi64(_mm512_srli_epi64(h, 35), len));
  h = Mul(h, 0x9FB21C651E98DF25ULL);
  return XorShiftRight(h, 28);
}

// XXH3_avalanche.
REPRINT_AVX512_WORDS inline __m512i Avalanche3(__m512i h) {
  h = Mul(XorShiftRight(h, 37), 0x165667919E3779F9ULL);
  return XorShiftRight(h, 32);
}

// XXH3_mul128_fold64: the low and high halves of the 128-bit product
// a * b, xor-ed, from four 32 x 32 -> 64-bit products.
REPRINT_AVX512_WORDS inline __m512i Mul128Fold64(__m512i a, __m512i b) {
  const __m512i low32 = _mm512_set1_epi64(0xFFFFFFFF);
  const __m512i a_hi = _mm512_srli_epi64(a, 32), b_hi = _mm512_srli_epi64(b, 32);
  const __m512i ll = _mm512_mul_epu32(a, b);
  const __m512i lh = _mm512_mul_epu32(a, b_hi);
  const __m512i hl = _mm512_mul_epu32(a_hi, b);
  const __m512i hh = _mm512_mul_epu32(a_hi, b_hi);
  const __m512i cross = _mm512_add_epi64(
      _mm512_add_epi64(_mm512_srli_epi64(ll, 32), _mm512_and_si512(lh, low32)),
      _mm512_and_si512(hl, low32));
  const __m512i high = _mm512_add_epi64(
      _mm512_add_epi64(hh, _mm512_srli_epi64(lh, 32)),
      _mm512_add_epi64(_mm512_srli_epi64(hl, 32), _mm512_srli_epi64(cross, 32)));
  const __m512i low = _mm512_or_si512(_mm512_slli_epi64(cross, 32), _mm512_and_si512(ll, low32));
  return _mm512_xor_si512(low, high);
}

// XXH3-64 of eight lower-cased words, from the eight bytes at each word's
// first byte (head) and the eight ending at its last byte (tail), bytes
// outside the word being anything; len is each word's length. Words longer
// than 16 bytes get a wrong value here; the caller hashes those one by one.
REPRINT_AVX512_WORDS inline __m512i HashEightWords(__m512i head, __m512i tail, __m512i len) {
  const ShortKeys& keys = Keys();
  const __m512i byte = _mm512_set1_epi64(0xFF);

  // 1 to 3 bytes: input[0], input[len / 2] and input[len - 1] with len.
  const __m512i c1 = _mm512_and_si512(head, byte);
  const __m512i c2 = _mm512_and_si512(
      _mm512_srlv_epi64(head, _mm512_slli_epi64(_mm512_srli_epi64(len, 1), 3)), byte);
  const __m512i c3 = _mm512_srli_epi64(tail, 56);
  const __m512i combined = _mm512_or_si512(
      _mm512_or_si512(_mm512_slli_epi64(c1, 16), _mm512_slli_epi64(c2, 24)),
      _mm512_or_si512(c3, _mm512_slli_epi64(len, 8)));
  const __m512i short_hash = Avalanche64(
      _mm512_xor_si512(combined, _mm512_set1_epi64(static_cast<long long>(keys.one_to_three))));

  // 4 to 8 bytes: the first four bytes above the last four.
  const __m512i input64 =
      _mm512_add_epi64(_mm512_srli_epi64(tail, 32), _mm512_slli_epi64(head, 32));
  const __m512i middle_hash = Rrmxmx(
      _mm512_xor_si512(input64, _mm512_set1_epi64(static_cast<long long>(keys.four_to_eight))),
      len);

  // 9 to 16 bytes: the first eight bytes and the last eight.
  const __m512i lo =
      _mm512_xor_si512(head, _mm512_set1_epi64(static_cast<long long>(keys.nine_to_16_lo)));
  const __m512i hi =
      _mm512_xor_si512(tail, _mm512_set1_epi64(static_cast<long long>(keys.nine_to_16_hi)));
  const __m128i reverse = _mm_setr_epi8(7, 6, 5, 4, 3, 2, 1, 0, 15, 14, 13, 12, 11, 10, 9, 8);
  const __m512i swapped = _mm512_shuffle_epi8(lo, _mm512_broadcast_i32x4(reverse));
  const __m512i acc = _mm512_add_epi64(_mm512_add_epi64(len, swapped),
                                       _mm512_add_epi64(hi, Mul128Fold64(lo, hi)));
  const __m512i long_hash = Avalanche3(acc);

  __m512i hash = long_hash;
  hash = _mm512_mask_mov_epi64(hash, _mm512_cmple_epu64_mask(len, _mm512_set1_epi64(8)), middle_hash);
  hash = _mm512_mask_mov_epi64(hash, _mm512_cmple_epu64_mask(len, _mm512_set1_epi64(3)), short_hash);
  return hash;
}

// The words k..k+7 of HashAsciiWords (those of `lanes`) hashed into
// hashes[k..]; says whether any is longer than 16 bytes.
REPRINT_AVX512_WORDS inline bool HashGroup(const char* lowered, const uint32_t* firsts,
                                           const uint32_t* lasts, __mmask8 lanes, uint64_t* hashes) {
  const __m256i first = _mm256_maskz_loadu_epi32(lanes, firsts);
  const __m256i last = _mm256_maskz_loadu_epi32(lanes, lasts);
  const __m512i zero = _mm512_setzero_si512();
  const __m512i head = _mm512_mask_i32gather_epi64(zero, lanes, first, lowered, 1);
  const __m512i tail = _mm512_mask_i32gather_epi64(
      zero, lanes, _mm256_sub_epi32(last, _mm256_set1_epi32(7)), lowered, 1);
  const __m512i len = _mm512_cvtepu32_epi64(
      _mm256_add_epi32(_mm256_sub_epi32(last, first), _mm256_set1_epi32(1)));
  _mm512_mask_storeu_epi64(hashes, lanes, HashEightWords(head, tail, len));
  return _mm512_mask_cmpgt_epu64_mask(lanes, len, _mm512_set1_epi64(16)) != 0;
}

}  // namespace

REPRINT_AVX512_WORDS AsciiBlockStep FindAsciiWordsOfBlock(const uint8_t* text, size_t size,
                                                          uint32_t offset, char* lowered,
                                                          uint32_t* firsts, uint32_t* lasts) {
  // Each block's address depends on the last one's words, so the load is
  // on the critical path; fetching ahead hides the memory latency.
  __builtin_prefetch(text + 640);
  const size_t available = size < 64 ? size : 64;
  const __mmask64 loaded = available == 64 ? ~__mmask64{0} : (__mmask64{1} << available) - 1;
  // Past the end of the text the block reads as zero bytes: separators.
  const __m512i x = _mm512_maskz_loadu_epi8(loaded, text);
  const __m512i folded = _mm512_or_si512(x, _mm512_set1_epi8(0x20));  // A-Z onto a-z, no other byte into it
  const __mmask64 word =
      _mm512_cmple_epu8_mask(_mm512_sub_epi8(folded, _mm512_set1_epi8('a')), _mm512_set1_epi8(25)) |
      _mm512_cmple_epu8_mask(_mm512_sub_epi8(x, _mm512_set1_epi8('0')), _mm512_set1_epi8(9));
  const __mmask64 other = _mm512_cmpeq_epi8_mask(x, _mm512_set1_epi8('\'')) | _mm512_movepi8_mask(x);
  const __mmask64 upper =
      _mm512_cmple_epu8_mask(_mm512_sub_epi8(x, _mm512_set1_epi8('A')), _mm512_set1_epi8(25));
  _mm512_storeu_si512(lowered, _mm512_mask_add_epi8(x, upper, x, _mm512_set1_epi8(0x20)));

  // Bytes before the first apostrophe or non-ASCII byte are words and
  // separators only. A word touching that byte, or byte 63 of a longer
  // text, is left to the next step, which starts at its first byte.
  const unsigned limit = static_cast<unsigned>(std::countr_zero(other));  // 64 if none
  const uint64_t before_limit = limit == 64 ? ~uint64_t{0} : (uint64_t{1} << limit) - 1;
  uint64_t starts = word & ~(word << 1) & before_limit;
  size_t consumed = limit;
  if (limit > 0 && ((word >> (limit - 1)) & 1)) {
    consumed = static_cast<size_t>(63 - std::countl_zero(starts));
    starts &= (uint64_t{1} << consumed) - 1;
  }
  const uint64_t before_consumed = consumed == 64 ? ~uint64_t{0} : (uint64_t{1} << consumed) - 1;
  const uint64_t ends = word & ~(word >> 1) & before_consumed;
  AsciiBlockStep step;
  step.consumed = consumed < available ? consumed : available;
  step.stopped = limit < 64 || consumed == 0;
  step.words = static_cast<size_t>(std::popcount(starts));
  if (step.words == 0) return step;

  // The words' first and last byte offsets, packed in order: positions of
  // the set bits, widened to 32 bits, plus `offset`.
  const __m512i positions = _mm512_set_epi8(
      63, 62, 61, 60, 59, 58, 57, 56, 55, 54, 53, 52, 51, 50, 49, 48, 47, 46, 45, 44, 43, 42, 41, 40,
      39, 38, 37, 36, 35, 34, 33, 32, 31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19, 18, 17, 16,
      15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0);
  const __m512i base = _mm512_set1_epi32(static_cast<int>(offset));
  const __m512i first_bytes = _mm512_maskz_compress_epi8(starts, positions);
  const __m512i last_bytes = _mm512_maskz_compress_epi8(ends, positions);
  _mm512_storeu_si512(firsts, _mm512_add_epi32(
                                  _mm512_cvtepu8_epi32(_mm512_castsi512_si128(first_bytes)), base));
  _mm512_storeu_si512(lasts, _mm512_add_epi32(
                                 _mm512_cvtepu8_epi32(_mm512_castsi512_si128(last_bytes)), base));
  if (step.words > 16) {
    const __m128i first16 = _mm512_extracti32x4_epi32(first_bytes, 1);
    const __m128i last16 = _mm512_extracti32x4_epi32(last_bytes, 1);
    _mm512_storeu_si512(firsts + 16, _mm512_add_epi32(_mm512_cvtepu8_epi32(first16), base));
    _mm512_storeu_si512(lasts + 16, _mm512_add_epi32(_mm512_cvtepu8_epi32(last16), base));
  }
  return step;
}

REPRINT_AVX512_WORDS void HashAsciiWords(const char* lowered, const uint32_t* firsts,
                                         const uint32_t* lasts, size_t count, uint64_t* hashes) {
  bool any_long = false;
  size_t k = 0;
  for (; k + 8 <= count; k += 8) any_long |= HashGroup(lowered, firsts + k, lasts + k, 0xFF, hashes + k);
  if (k < count) {
    any_long |= HashGroup(lowered, firsts + k, lasts + k,
                          static_cast<__mmask8>((1u << (count - k)) - 1), hashes + k);
  }
  if (any_long) {  // words of 17 bytes or more: rare, hashed one by one
    for (k = 0; k < count; ++k) {
      const size_t length = size_t{lasts[k]} - firsts[k] + 1;
      if (length > 16) hashes[k] = XXH3_64bits(lowered + firsts[k], length);
    }
  }
}

#else  // not x86-64

bool HasAsciiWordsAvx512() { return false; }

void AllowAsciiWordsAvx512(bool) {}

AsciiBlockStep FindAsciiWordsOfBlock(const uint8_t*, size_t, uint32_t, char*, uint32_t*, uint32_t*) {
  return {};
}

void HashAsciiWords(const char*, const uint32_t*, const uint32_t*, size_t, uint64_t*) {}

#endif

}  // namespace reprint::internal
