// The tokenizer's widest step: every plain ASCII word of a 64-byte block
// hashed at once with AVX-512, eight words per instruction. Internal to
// tokenize.cc; the tests reach it through Tokenizer, whose results must be
// the same bits whichever path runs.
//
// A plain ASCII word is a run of [A-Za-z0-9] with an ASCII separator (any
// other ASCII byte but the apostrophe) or the end of the text on both
// sides: exactly the words that the byte-by-byte path would take without
// consulting Unicode tables. Its hash is XXH3-64 of the word lower-cased,
// as Tokenizer hashes every word.
#ifndef REPRINT_CORE_ASCII_WORDS_AVX512_H_
#define REPRINT_CORE_ASCII_WORDS_AVX512_H_

#include <cstddef>
#include <cstdint>

namespace reprint::internal {

// Whether this CPU runs HashAsciiWordsOfBlock (AVX-512 F, BW, DQ, VBMI
// and VBMI2). Always false off x86-64.
bool HasAsciiWordsAvx512();

struct AsciiBlockStep {
  size_t consumed = 0;   // bytes taken: separators and whole words, 0..64
  size_t words = 0;      // hashes written
  bool stopped = false;  // the byte at `consumed` needs the general path: an
                         // apostrophe or non-ASCII byte in or next to a word,
                         // or a word of 64 bytes or more
};

// Hashes the plain ASCII words of text[0, min(size, 64)) that end inside
// it, in order, into hashes[0, words) (room for 32 is needed), and says
// how far it got. `text` must start outside a word or at a word's first
// byte. Bytes at and past `size` are the end of the text, not read. A word
// that runs to byte 63 of a longer text is left whole to the next step,
// as is everything from the first apostrophe or non-ASCII byte on, unless
// a separator closes a word before it. REQUIRES HasAsciiWordsAvx512().
AsciiBlockStep HashAsciiWordsOfBlock(const uint8_t* text, size_t size, uint64_t* hashes);

}  // namespace reprint::internal

#endif  // REPRINT_CORE_ASCII_WORDS_AVX512_H_
