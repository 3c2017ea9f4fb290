// The tokenizer's widest steps: the plain ASCII words of 64-byte blocks
// found with AVX-512 byte masks, then hashed eight words an instruction.
// Used by tokenize.cc; Tokenizer's results are the same bits whichever
// path runs, and tests compare them with this path on and off.
//
// A plain ASCII word is a run of [A-Za-z0-9] with an ASCII separator (any
// other ASCII byte but the apostrophe), or the start or end of the text, on
// both sides: exactly the words that the byte-by-byte path would take without
// consulting Unicode tables. Its hash is XXH3-64 of the word lower-cased,
// as Tokenizer hashes every word.
#ifndef REPRINT_CORE_ASCII_WORDS_AVX512_H_
#define REPRINT_CORE_ASCII_WORDS_AVX512_H_

#include <cstddef>
#include <cstdint>

namespace reprint::internal {

// Whether the functions below may run: the CPU has them (HasAvx512Bytes())
// and AllowAsciiWordsAvx512(false) was not called. Always false off x86-64.
bool HasAsciiWordsAvx512();

// For tests: with false, the tokenizer takes its SSE2 path even on a CPU
// with AVX-512, so that both paths are checked on any machine. Atomic; a
// text being tokenized meanwhile may take either path.
void AllowAsciiWordsAvx512(bool allow);

struct AsciiBlockStep {
  size_t consumed = 0;   // bytes taken: separators and whole words, 0..min(size, 64)
  size_t words = 0;      // words found
  bool stopped = false;  // the byte at `consumed` needs the general path: an
                         // apostrophe or non-ASCII byte in or next to a word,
                         // or a word of 64 bytes or more
};

// Finds the plain ASCII words of text[0, min(size, 64)) that end inside it
// and appends, in order, their first and last byte offsets plus `offset` to
// firsts and lasts (room for 32 each is needed); writes the 64 bytes
// lower-cased to lowered[0, 64). Says how far it got. `text` must start
// outside a word or at a word's first byte. Bytes at and past `size` are
// the end of the text, not read (lowered holds zeros for them). A word that
// runs to byte 63 of a longer text is left whole to the next step, as is
// every word from the first apostrophe or non-ASCII byte on (and that byte).
// REQUIRES HasAsciiWordsAvx512().
AsciiBlockStep FindAsciiWordsOfBlock(const uint8_t* text, size_t size, uint32_t offset,
                                     char* lowered, uint32_t* firsts, uint32_t* lasts);

// hashes[k] = XXH3_64bits(lowered + firsts[k], lasts[k] - firsts[k] + 1)
// for k < count, eight words at a time. Reads each word's neighbourhood:
// lowered must be readable from lowered - 8 up to 8 bytes past the last
// word. REQUIRES HasAsciiWordsAvx512(), and offsets below 2^31.
void HashAsciiWords(const char* lowered, const uint32_t* firsts, const uint32_t* lasts,
                    size_t count, uint64_t* hashes);

}  // namespace reprint::internal

#endif  // REPRINT_CORE_ASCII_WORDS_AVX512_H_
