#include "core/tokenize.h"

#include <array>
#include <bit>
#include <cstdlib>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/ascii_words_avx512.h"
#include "utf8proc.h"
// Inlined: words are a few bytes, and a call per word through the shared
// library cost more than the hash. Same function, same values.
#define XXH_INLINE_ALL
#include "xxhash.h"

namespace reprint {
namespace {

enum class ByteClass : uint8_t { kSeparator, kWord, kApostrophe, kNonAscii };

struct AsciiTable {
  std::array<ByteClass, 256> byte_class{};
  std::array<char, 256> lower{};
};

constexpr AsciiTable MakeAsciiTable() {
  AsciiTable table;
  for (int c = 0; c < 256; ++c) {
    table.lower[c] = static_cast<char>(c);
    if (c >= 0x80) {
      table.byte_class[c] = ByteClass::kNonAscii;
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      table.byte_class[c] = ByteClass::kWord;
    } else if (c >= 'A' && c <= 'Z') {
      table.byte_class[c] = ByteClass::kWord;
      table.lower[c] = static_cast<char>(c - 'A' + 'a');
    } else if (c == '\'') {
      table.byte_class[c] = ByteClass::kApostrophe;
    } else {
      table.byte_class[c] = ByteClass::kSeparator;
    }
  }
  return table;
}

constexpr AsciiTable kAscii = MakeAsciiTable();

// The wide path's lower-cased copy of the text being tokenized, shared by
// Tokenize() and HashWords() on one thread. It keeps the size of the
// longest text the thread has seen (articles are capped by the reader).
thread_local std::string tls_lowered_text;

enum class CharKind { kSeparator, kWord, kApostrophe, kIgnorable };

CharKind KindOf(int32_t cp) {
  if (cp == 0x2019 || cp == 0x2018 || cp == 0x02BC || cp == '\'') return CharKind::kApostrophe;
  switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
      return CharKind::kWord;
    case UTF8PROC_CATEGORY_CF:
      // Soft hyphens and zero-width (non-)joiners sit inside words in scraped
      // text; treating them as separators would split "inter\u00ADnational".
      return CharKind::kIgnorable;
    default:
      return CharKind::kSeparator;
  }
}

// The kind of the character at text[pos] and its length in bytes (1 for an
// invalid byte, which separates words).
CharKind KindAt(std::string_view text, size_t pos, size_t* length) {
  const auto byte = static_cast<uint8_t>(text[pos]);
  if (byte < 0x80) {
    *length = 1;
    switch (kAscii.byte_class[byte]) {
      case ByteClass::kWord:
        return CharKind::kWord;
      case ByteClass::kApostrophe:
        return CharKind::kApostrophe;
      default:
        return CharKind::kSeparator;
    }
  }
  int32_t cp;
  const utf8proc_ssize_t n = utf8proc_iterate(reinterpret_cast<const uint8_t*>(text.data() + pos),
                                              static_cast<utf8proc_ssize_t>(text.size() - pos), &cp);
  if (n <= 0) {
    *length = 1;
    return CharKind::kSeparator;
  }
  *length = static_cast<size_t>(n);
  return KindOf(cp);
}

// Replaces norm[begin, end) (a word of valid UTF-8 with non-ASCII letters)
// by its NFKC case fold and returns where that ends. Keeps norm large
// enough for the `remaining` input bytes still to come, since output never
// outgrows input except here.
size_t NormalizeWordInPlace(const NormalizeOptions& options, size_t begin, size_t end,
                            size_t remaining, std::string* norm) {
  utf8proc_uint8_t* mapped = nullptr;
  int flags = UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD;
  if (options.strip_diacritics) flags |= UTF8PROC_STRIPMARK;
  const utf8proc_ssize_t n =
      utf8proc_map(reinterpret_cast<const uint8_t*>(norm->data() + begin),
                   static_cast<utf8proc_ssize_t>(end - begin), &mapped,
                   static_cast<utf8proc_option_t>(flags));
  end = begin;
  if (n > 0) {
    const auto length = static_cast<size_t>(n);
    if (begin + length + remaining + 1 > norm->size()) norm->resize(begin + length + remaining + 1);
    // A few compatibility forms expand to several words (U+FDFA, U+037A);
    // their spaces are dropped so that one token stays one word and
    // `normalized` stays words joined by single spaces.
    for (utf8proc_ssize_t i = 0; i < n; ++i) {
      if (mapped[i] != ' ') (*norm)[end++] = static_cast<char>(mapped[i]);
    }
  }
  std::free(mapped);
  return end;
}

// What the steps of Tokenizer::TokenizeImpl write: normalised words into
// *norm through `buf` (its data, taken again whenever it grows) from index
// `w`, tokens (if recorded) and word hashes. A local of TokenizeImpl handed
// to steps that are always inlined and never take a field's address, so
// the fields stay in registers: the byte stores through buf (char aliases
// everything) would otherwise force them out to memory.
struct WordOutput {
  std::string* norm;
  char* buf;
  size_t w;
  std::vector<Token>* tokens;
  std::vector<uint64_t>* hashes;
};

#if defined(__SSE2__)
// The ASCII fast path classifies 64 bytes at a time: bit i of each mask is
// byte i of the block. Bytes >= 0x80 are in neither mask.
struct BlockMasks {
  uint64_t word;       // [A-Za-z0-9]
  uint64_t separator;  // ASCII, neither a word byte nor an apostrophe
};

// Per byte: 0xFF where 0 <= x - base <= span, as unsigned bytes.
inline __m128i InRange(__m128i x, char base, char span) {
  const __m128i shifted = _mm_sub_epi8(x, _mm_set1_epi8(base));
  return _mm_cmpeq_epi8(_mm_min_epu8(shifted, _mm_set1_epi8(span)), shifted);
}

inline BlockMasks MasksOfBlock(const uint8_t* p) {
  uint64_t word = 0, other = 0;
  for (int part = 0; part < 4; ++part) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * part));
    // x | 0x20 folds A-Z onto a-z and moves no other byte into a-z.
    const __m128i is_word =
        _mm_or_si128(InRange(_mm_or_si128(x, _mm_set1_epi8(0x20)), 'a', 25), InRange(x, '0', 9));
    const __m128i is_other = _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('\'')), x);  // top bit: non-ASCII
    word |= static_cast<uint64_t>(static_cast<uint16_t>(_mm_movemask_epi8(is_word))) << (16 * part);
    other |= static_cast<uint64_t>(static_cast<uint16_t>(_mm_movemask_epi8(is_other))) << (16 * part);
  }
  return {word, ~(word | other)};
}

// Writes the 64 bytes at `p` to `out` with A-Z lowered.
inline void LowerBlock(const uint8_t* p, char* out) {
  for (int part = 0; part < 64; part += 16) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + part));
    const __m128i upper = InRange(x, 'A', 25);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out + part),
                     _mm_add_epi8(x, _mm_and_si128(upper, _mm_set1_epi8(0x20))));
  }
}
#endif

// On a CPU with AVX-512, the plain ASCII words of 64-byte blocks are found
// and lowered a block at a time into `lowered_words` (a per-thread copy of
// the text, 8 bytes of margin before, 72 after), then hashed in batches,
// eight words an instruction (ascii_words_avx512.h); with tokens, each word
// is then copied from the lowered text and recorded. Advances *pos until
// the text ends or a byte needs the general path.
template <bool kRecordTokens>
inline __attribute__((always_inline)) void TakeWideAsciiWords(const uint8_t* bytes, size_t n,
                                                              char* lowered_words, size_t* pos,
                                                              WordOutput* out) {
  constexpr size_t kBatch = 128;  // words hashed together, plus a block's worth of room
  uint32_t firsts[kBatch + 32], lasts[kBatch + 32];
  internal::AsciiBlockStep step;
  do {
    const size_t batch_begin = *pos;
    size_t count = 0;
    do {
      step = internal::FindAsciiWordsOfBlock(bytes + *pos, n - *pos, static_cast<uint32_t>(*pos),
                                             lowered_words + *pos, firsts + count, lasts + count);
      count += step.words;
      *pos += step.consumed;
    } while (!step.stopped && *pos < n && count <= kBatch);
    std::vector<uint64_t>& hashes = *out->hashes;
    const size_t done = hashes.size();
    hashes.resize(done + count);
    internal::HashAsciiWords(lowered_words, firsts, lasts, count, hashes.data() + done);
    if (kRecordTokens) {
      // The batch writes at most its input and a space, and words are
      // copied 32 bytes at a time (none is 64 long): room for that past w,
      // which NFKC expansion earlier may have used up.
      if (out->norm->size() < out->w + (*pos - batch_begin) + 129) {
        out->norm->resize(out->w + (*pos - batch_begin) + 129);
        out->buf = out->norm->data();
      }
      std::vector<Token>& tokens = *out->tokens;
      for (size_t k = 0; k < count; ++k) {
        if (!tokens.empty()) out->buf[out->w++] = ' ';
        const size_t length = size_t{lasts[k]} - firsts[k] + 1;
        std::memcpy(out->buf + out->w, lowered_words + firsts[k], 32);
        if (length > 32) std::memcpy(out->buf + out->w + 32, lowered_words + firsts[k] + 32, 32);
        tokens.push_back({firsts[k], lasts[k] + 1, static_cast<uint32_t>(out->w),
                          static_cast<uint32_t>(out->w + length)});
        out->w += length;
      }
    }
  } while (!step.stopped && *pos < n);
}

#if defined(__SSE2__)
// The SSE2 fast path, one 64-byte block at bytes + *pos (REQUIRES: *pos +
// 64 <= n, and 128 bytes of room in *out->norm past w, as words are copied
// 32 bytes at a time): runs of ASCII separators, and ASCII words ended by
// an ASCII separator inside the block, which the general path would treat
// exactly so. It stops at anything else (an apostrophe, non-ASCII, a word
// running past the block). Advances *pos; returns whether to go on with the
// next block at once (all of this one taken, or a word running past it that
// the next block can start with), rather than take a general step.
// `lowered` is scratch for the block lowered, 128 bytes.
template <bool kRecordTokens>
inline __attribute__((always_inline)) bool TakeAsciiBlock(const uint8_t* bytes, size_t n,
                                                          size_t* pos, char* lowered,
                                                          WordOutput* out) {
  const BlockMasks masks = MasksOfBlock(bytes + *pos);
  bool lowered_ready = false;
  size_t c = 0;  // position in the block
  while (c < 64) {
    const uint64_t separators = masks.separator >> c;
    if (separators & 1) {
      c += static_cast<size_t>(std::countr_one(separators));
      continue;
    }
    const uint64_t words = masks.word >> c;
    if (!(words & 1)) break;  // the general path decides
    const auto length = static_cast<size_t>(std::countr_one(words));
    if (c + length >= 64 || !((masks.separator >> (c + length)) & 1)) break;
    if (!lowered_ready) {
      LowerBlock(bytes + *pos, lowered);
      lowered_ready = true;
    }
    if (kRecordTokens) {
      std::vector<Token>& tokens = *out->tokens;
      if (!tokens.empty()) out->buf[out->w++] = ' ';
      std::memcpy(out->buf + out->w, lowered + c, 32);
      if (length > 32) std::memcpy(out->buf + out->w + 32, lowered + c + 32, 32);
      tokens.push_back({static_cast<uint32_t>(*pos + c), static_cast<uint32_t>(*pos + c + length),
                        static_cast<uint32_t>(out->w), static_cast<uint32_t>(out->w + length)});
      out->w += length;
    }
    out->hashes->push_back(XXH3_64bits(lowered + c, length));
    c += length;
  }
  *pos += c;
  return c == 64 || (c > 0 && *pos + 64 <= n && (masks.word >> c) & 1);
}
#endif

// The general path's word, starting at text[*pos] (a word character):
// copies it to *out, ASCII lowered byte by byte and anything else through
// NFKC case folding, and records it unless nothing is left of it (a lone
// mark). Advances *pos past it.
template <bool kRecordTokens>
inline __attribute__((always_inline)) void TakeWord(const NormalizeOptions& options,
                                                    std::string_view text, size_t* pos,
                                                    WordOutput* out) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const size_t n = text.size();
  std::vector<Token>& tokens = *out->tokens;
  const size_t word_begin = *pos;
  if (!kRecordTokens) out->w = 0;
  if (kRecordTokens && !tokens.empty()) out->buf[out->w++] = ' ';
  const size_t norm_begin = out->w;
  bool ascii = true;
  while (true) {
    while (*pos < n && kAscii.byte_class[bytes[*pos]] == ByteClass::kWord) {
      out->buf[out->w++] = kAscii.lower[bytes[(*pos)++]];
    }
    if (*pos >= n || kAscii.byte_class[bytes[*pos]] == ByteClass::kSeparator) break;
    size_t length;
    const CharKind kind = KindAt(text, *pos, &length);
    if (kind == CharKind::kWord) {
      std::memcpy(out->buf + out->w, text.data() + *pos, length);
      out->w += length;
      *pos += length;
      ascii = false;
      continue;
    }
    // An apostrophe or soft hyphen joins the word only if a word character
    // follows ("don't"), otherwise it ends it ("students' ").
    size_t next_length;
    if ((kind == CharKind::kApostrophe || kind == CharKind::kIgnorable) && *pos + length < n &&
        KindAt(text, *pos + length, &next_length) == CharKind::kWord) {
      *pos += length;
      continue;
    }
    break;
  }
  const size_t word_end = *pos;
  if (!ascii) {
    out->w = NormalizeWordInPlace(options, norm_begin, out->w, n - *pos, out->norm);
    out->buf = out->norm->data();
  }
  if (out->w == norm_begin) {  // nothing left after normalisation (a lone mark)
    if (kRecordTokens && !tokens.empty()) --out->w;
    return;
  }
  if (kRecordTokens) {
    tokens.push_back({static_cast<uint32_t>(word_begin), static_cast<uint32_t>(word_end),
                      static_cast<uint32_t>(norm_begin), static_cast<uint32_t>(out->w)});
  }
  out->hashes->push_back(XXH3_64bits(out->buf + norm_begin, out->w - norm_begin));
}

}  // namespace

Tokenizer::Tokenizer(const NormalizeOptions& options) : options_(options) {}

void Tokenizer::Tokenize(std::string_view text, TokenizedText* out) const {
  TokenizeImpl</*kAsciiFastPath=*/true, /*kRecordTokens=*/true>(text, out);
}

void Tokenizer::TokenizeByteByByte(std::string_view text, TokenizedText* out) const {
  TokenizeImpl</*kAsciiFastPath=*/false, /*kRecordTokens=*/true>(text, out);
}

void Tokenizer::HashWords(std::string_view text, TokenizedText* out) const {
  TokenizeImpl</*kAsciiFastPath=*/true, /*kRecordTokens=*/false>(text, out);
}

// Without kRecordTokens, only word_hashes is filled: each word is hashed
// where it was lowered (the fast path's block, or buf from 0), and nothing
// else is written.
template <bool kAsciiFastPath, bool kRecordTokens>
void Tokenizer::TokenizeImpl(std::string_view text, TokenizedText* out) const {
  std::vector<Token>& tokens = out->tokens;
  tokens.clear();
  if (kRecordTokens) tokens.reserve(text.size() / 2 + 1);
  std::vector<uint64_t>& hashes = out->word_hashes;
  hashes.clear();
  hashes.reserve(text.size() / 2 + 1);
  // Without tokens, the normalised words are scratch: a per-thread buffer
  // that only grows, so that it is not zero-filled again for every text.
  thread_local std::string scratch;
  std::string& norm = kRecordTokens ? out->normalized : scratch;
  if (!kRecordTokens) out->normalized.clear();
  // Output is written through an index into a buffer sized for the common
  // case: every word is at most as long as its input and every separating
  // space stands for at least one separator byte. Only NFKC expansion grows
  // it.
  const size_t capacity = text.size() + (kAsciiFastPath ? 129 : 1);
  if (kRecordTokens || norm.size() < capacity) norm.resize(capacity);
  WordOutput words{&norm, norm.data(), 0, &tokens, &hashes};
#if defined(__SSE2__)
  alignas(16) char lowered[128] = {};  // one block lowered, and room to copy 32 bytes from anywhere in it
#endif

  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const size_t n = text.size();
  size_t pos = 0;
  const bool wide = kAsciiFastPath && n < (size_t{1} << 31) && internal::HasAsciiWordsAvx512();
  char* lowered_words = nullptr;
  if (wide) {
    if (tls_lowered_text.size() < n + 80) tls_lowered_text.resize(n + 80);
    lowered_words = tls_lowered_text.data() + 8;
  }
  while (pos < n) {
    if (wide) {
      TakeWideAsciiWords<kRecordTokens>(bytes, n, lowered_words, &pos, &words);
      if (pos >= n) break;
    }
#if defined(__SSE2__)
    if (kAsciiFastPath && !wide && pos + 64 <= n && words.w + 128 <= norm.size()) {
      if (TakeAsciiBlock<kRecordTokens>(bytes, n, &pos, lowered, &words)) continue;
      if (pos >= n) break;
    }
#endif
    // The general path, one step: a separator skipped, or a word taken.
    const ByteClass first = kAscii.byte_class[bytes[pos]];
    if (first == ByteClass::kSeparator || first == ByteClass::kApostrophe) {
      ++pos;
      continue;
    }
    if (first == ByteClass::kNonAscii) {
      size_t length;
      if (KindAt(text, pos, &length) != CharKind::kWord) {
        pos += length;  // a space, dash, quote or stray mark between words
        continue;
      }
    }
    TakeWord<kRecordTokens>(options_, text, &pos, &words);
  }
  if (kRecordTokens) norm.resize(words.w);
}

}  // namespace reprint
