// Fuzz target: aligning two arbitrary texts. The input is split at its
// first 0xFF byte (or in half) and each side decoded as the reader does.
// Every passage must lie inside both texts, with byte spans on character
// boundaries that agree with its character spans, and edits inside it.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/align.h"
#include "core/encoding.h"

namespace {

std::string Decode(std::string_view bytes) {
  return reprint::IsValidUtf8(bytes) ? std::string(bytes) : reprint::Windows1252ToUtf8(bytes);
}

void CheckSpan(const std::string& text, const reprint::TextSpan& span) {
  if (span.byte_begin > span.byte_end || span.byte_end > text.size()) std::abort();
  const std::string_view view(text);
  if (reprint::CountCodePoints(view.substr(0, span.byte_begin)) != span.char_begin) std::abort();
  if (reprint::CountCodePoints(view.substr(0, span.byte_end)) != span.char_end) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  size_t split = input.find('\xFF');
  if (split == std::string_view::npos) split = input.size() / 2;
  const std::string a = Decode(input.substr(0, split));
  const std::string b = Decode(input.substr(std::min(input.size(), split + 1)));
  const reprint::AlignableText prepared_a = reprint::PrepareForAlignment(a, reprint::NormalizeOptions{});
  const reprint::AlignableText prepared_b = reprint::PrepareForAlignment(b, reprint::NormalizeOptions{});
  reprint::AlignOptions options;
  options.min_words = 3;  // short inputs should still form passages
  for (const reprint::Passage& passage : reprint::AlignPassages(prepared_a, prepared_b, options)) {
    CheckSpan(a, passage.a);
    CheckSpan(b, passage.b);
    for (const reprint::Edit& edit : passage.edits) {
      if (edit.a_byte_begin < passage.a.byte_begin || edit.a_byte_end > passage.a.byte_end) std::abort();
      if (edit.b_byte_begin < passage.b.byte_begin || edit.b_byte_end > passage.b.byte_end) std::abort();
    }
  }
  return 0;
}
