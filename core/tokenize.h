// Normalised word tokens that remember where they came from.
//
//   Tokenizer tokenizer(NormalizeOptions{});
//   TokenizedText tokens;
//   tokenizer.Tokenize("Pakistan’s “No Hope” – Ｔａｌｉｂａｎ", &tokens);
//   // tokens.normalized == "pakistans no hope taliban"
//   // tokens.tokens[3] spans the original bytes of "Ｔａｌｉｂａｎ"
//
// A word is a maximal run of letters, digits and combining marks (Unicode
// categories L*, N*, M*). An apostrophe (' ’ ‘ ʼ) or an invisible format
// character (category Cf: soft hyphen, zero-width space and joiners) between
// two word characters joins them and is dropped, so "Pakistan's" and
// "Pakistan’s" give the same word, and so do "inter\u00ADnational" and
// "international". Everything else (spaces of every kind, dashes, quotes, punctuation,
// symbols) separates words, which is how typographic variants fold together.
// Each word is normalised by NFKC and Unicode case folding, with diacritics
// removed if asked (é -> e); the rare compatibility form that expands to
// several words (U+FDFA) stays one word, its spaces dropped. Pure-ASCII words, the vast majority in English
// news, take a table-driven fast path that gives the same result.
#ifndef REPRINT_CORE_TOKENIZE_H_
#define REPRINT_CORE_TOKENIZE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>
#include "reprint/options.h"

namespace reprint {

// One word: its bytes in the original text and its normalised form.
struct Token {
  uint32_t begin;       // byte offset of the first byte in the original text
  uint32_t end;         // byte offset one past the last byte (half-open)
  uint32_t norm_begin;  // the normalised word is normalized[norm_begin, norm_end)
  uint32_t norm_end;
};

// The normalised text of a document, word by word, with the map back to the
// original bytes. `normalized` holds the normalised words joined by one
// space, so the words of any run of tokens are contiguous in it:
// normalized[tokens[i].norm_begin, tokens[j].norm_end) is words i..j.
// word_hashes[i] is XXH3-64 of word(i): shingles, fingerprints and
// alignment compare words by it.
struct TokenizedText {
  std::string normalized;
  std::vector<Token> tokens;
  std::vector<uint64_t> word_hashes;

  std::string_view word(size_t i) const {
    return std::string_view(normalized).substr(tokens[i].norm_begin,
                                               tokens[i].norm_end - tokens[i].norm_begin);
  }
  void clear() {
    normalized.clear();
    tokens.clear();
    word_hashes.clear();
  }
};

// Stateless apart from options; Tokenize() is const and thread-safe.
class Tokenizer {
 public:
  explicit Tokenizer(const NormalizeOptions& options);

  // Replaces *out with the tokens of `text`, reusing its capacity (so a
  // per-thread TokenizedText makes the hot loop allocation-free). Offsets are
  // 32-bit: REQUIRES text.size() < 4 GiB. Bytes that are not valid UTF-8
  // separate words. Linear in text.size().
  void Tokenize(std::string_view text, TokenizedText* out) const;

  // The same result by the general, byte-by-byte path alone, without the
  // 64-bytes-at-a-time ASCII fast path: the reference tests compare with.
  void TokenizeByteByByte(std::string_view text, TokenizedText* out) const;

  // Fills out->word_hashes exactly as Tokenize() does and leaves tokens and
  // normalized empty: all that shingles, signatures and text keys need, at
  // less cost (no offsets or normalised text are written).
  void HashWords(std::string_view text, TokenizedText* out) const;

 private:
  template <bool kAsciiFastPath, bool kRecordTokens>
  void TokenizeImpl(std::string_view text, TokenizedText* out) const;

  NormalizeOptions options_;
};

}  // namespace reprint

#endif  // REPRINT_CORE_TOKENIZE_H_
