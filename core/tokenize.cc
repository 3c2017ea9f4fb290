#include "core/tokenize.h"

#include <array>
#include <cstdlib>
#include <cstring>

#include "utf8proc.h"

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

}  // namespace

Tokenizer::Tokenizer(const NormalizeOptions& options) : options_(options) {}

void Tokenizer::Tokenize(std::string_view text, TokenizedText* out) const {
  out->tokens.clear();
  out->tokens.reserve(text.size() / 2 + 1);
  std::string& norm = out->normalized;
  // Normalised output is written through an index into a buffer sized for
  // the common case (ASCII output never exceeds the input: one space per
  // separator at most); only NFKC expansion of non-ASCII words grows it.
  norm.resize(text.size() + 1);
  size_t w = 0;

  bool in_word = false;
  bool word_is_ascii = true;
  uint32_t word_begin = 0;  // original byte offset
  uint32_t word_end = 0;
  size_t norm_begin = 0;

  auto start_word = [&](size_t pos) {
    if (!out->tokens.empty()) norm[w++] = ' ';
    in_word = true;
    word_is_ascii = true;
    word_begin = static_cast<uint32_t>(pos);
    norm_begin = w;
  };

  // Normalises a non-ASCII word in place.
  auto normalize_word = [&] {
    utf8proc_uint8_t* mapped = nullptr;
    int flags = UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD;
    if (options_.strip_diacritics) flags |= UTF8PROC_STRIPMARK;
    const utf8proc_ssize_t n = utf8proc_map(
        reinterpret_cast<const uint8_t*>(norm.data() + norm_begin),
        static_cast<utf8proc_ssize_t>(w - norm_begin), &mapped,
        static_cast<utf8proc_option_t>(flags));
    w = norm_begin;
    if (n > 0) {
      const auto length = static_cast<size_t>(n);
      if (w + length + (text.size() - word_end) + 1 > norm.size()) {
        norm.resize(w + length + (text.size() - word_end) + 1);
      }
      std::memcpy(norm.data() + w, mapped, length);
      w += length;
    }
    std::free(mapped);
  };

  // Records the word just read; drops it if normalisation left nothing (a
  // lone combining mark with diacritics stripped).
  auto finish_word = [&] {
    in_word = false;
    if (!word_is_ascii) normalize_word();
    if (w == norm_begin) {
      if (!out->tokens.empty()) --w;  // the separating space
      return;
    }
    out->tokens.push_back(
        {word_begin, word_end, static_cast<uint32_t>(norm_begin), static_cast<uint32_t>(w)});
  };

  size_t pos = 0;
  const size_t n = text.size();
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  while (pos < n) {
    const ByteClass byte_class = kAscii.byte_class[bytes[pos]];
    // Fast paths: a run of ASCII letters and digits is lower-cased by table
    // in one go; an ASCII separator just ends the word.
    if (byte_class == ByteClass::kWord) {
      if (!in_word) start_word(pos);
      char* dst = norm.data() + w;
      size_t i = pos;
      do {
        *dst++ = kAscii.lower[bytes[i++]];
      } while (i < n && kAscii.byte_class[bytes[i]] == ByteClass::kWord);
      w += i - pos;
      pos = i;
      word_end = static_cast<uint32_t>(pos);
      continue;
    }
    if (byte_class == ByteClass::kSeparator) {
      if (in_word) finish_word();
      ++pos;
      continue;
    }
    size_t length;
    const CharKind kind = KindAt(text, pos, &length);
    if (kind == CharKind::kWord) {
      if (!in_word) start_word(pos);
      word_is_ascii = false;
      std::memcpy(norm.data() + w, text.data() + pos, length);
      w += length;
      pos += length;
      word_end = static_cast<uint32_t>(pos);
      continue;
    }
    if (in_word && (kind == CharKind::kApostrophe || kind == CharKind::kIgnorable)) {
      // Joins the word only if a word character follows.
      size_t next_length;
      if (pos + length < n && KindAt(text, pos + length, &next_length) == CharKind::kWord) {
        pos += length;
        continue;
      }
    }
    if (in_word) finish_word();
    pos += length;
  }
  if (in_word) finish_word();
  norm.resize(w);
}

}  // namespace reprint
