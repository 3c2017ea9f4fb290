// Fuzz target: decoding and normalising text, then tokenising and shingling
// it. Arbitrary bytes are decoded as the reader does (UTF-8, or
// Windows-1252 when not valid); every token must lie inside the text, in
// order, start and end on character boundaries, and hash its own word.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "core/encoding.h"
#include "core/shingle.h"
#include "core/tokenize.h"
#include "xxhash.h"

namespace {

bool Continuation(char c) { return (static_cast<uint8_t>(c) & 0xC0) == 0x80; }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const std::string text = reprint::IsValidUtf8(bytes) ? std::string(bytes) : reprint::Windows1252ToUtf8(bytes);
  if (!reprint::IsValidUtf8(text)) std::abort();
  for (const bool strip : {false, true}) {
    reprint::TokenizedText tokens;
    reprint::Tokenizer(reprint::NormalizeOptions{strip}).Tokenize(text, &tokens);
    if (tokens.word_hashes.size() != tokens.tokens.size()) std::abort();
    uint32_t previous_end = 0;
    for (size_t i = 0; i < tokens.tokens.size(); ++i) {
      const reprint::Token& t = tokens.tokens[i];
      if (t.begin >= t.end || t.end > text.size() || t.begin < previous_end) std::abort();
      if (Continuation(text[t.begin]) || (t.end < text.size() && Continuation(text[t.end]))) std::abort();
      if (t.norm_begin >= t.norm_end || t.norm_end > tokens.normalized.size()) std::abort();
      const std::string_view word = tokens.word(i);
      if (tokens.word_hashes[i] != XXH3_64bits(word.data(), word.size())) std::abort();
      previous_end = t.end;
    }
    if (!reprint::IsValidUtf8(tokens.normalized)) std::abort();
    // The fast paths (wide blocks where the CPU has them) against the
    // byte-by-byte reference: the same tokens, words and hashes.
    reprint::TokenizedText hashes_only, reference;
    reprint::Tokenizer(reprint::NormalizeOptions{strip}).HashWords(text, &hashes_only);
    reprint::Tokenizer(reprint::NormalizeOptions{strip}).TokenizeByteByByte(text, &reference);
    if (hashes_only.word_hashes != reference.word_hashes) std::abort();
    if (tokens.word_hashes != reference.word_hashes || tokens.normalized != reference.normalized) std::abort();
    for (size_t i = 0; i < tokens.tokens.size(); ++i) {
      const reprint::Token& t = tokens.tokens[i];
      const reprint::Token& r = reference.tokens[i];
      if (t.begin != r.begin || t.end != r.end || t.norm_begin != r.norm_begin || t.norm_end != r.norm_end) {
        std::abort();
      }
    }
    std::vector<uint64_t> shingles;
    reprint::HashShingles(tokens, reprint::ShingleOptions{}, &shingles);
    reprint::MakeShingleSet(&shingles);
  }
  return 0;
}
