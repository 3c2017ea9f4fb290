#include "core/encoding.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "simdjson.h"

namespace reprint {
namespace {

// Code points of bytes 0x80-0x9F in Windows-1252; bytes 0xA0-0xFF equal their
// Latin-1 code points.
constexpr char16_t kWindows1252High[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

void AppendUtf8(char32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

}  // namespace

bool IsValidUtf8(std::string_view bytes) {
  return simdjson::validate_utf8(bytes.data(), bytes.size());
}

std::string Windows1252ToUtf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 8);
  for (const char c : bytes) {
    const auto byte = static_cast<uint8_t>(c);
    if (byte < 0x80) {
      out.push_back(c);
    } else if (byte < 0xA0) {
      AppendUtf8(kWindows1252High[byte - 0x80], &out);
    } else {
      AppendUtf8(byte, &out);
    }
  }
  return out;
}

size_t CountCodePoints(std::string_view text) {
  // Every byte but a continuation byte (10xxxxxx) starts a code point; eight
  // bytes at a time, a continuation byte is one whose top bit is set and
  // whose next bit is clear.
  constexpr uint64_t kTopBits = 0x8080808080808080ULL;
  size_t continuations = 0;
  size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    uint64_t word;
    std::memcpy(&word, text.data() + i, 8);
    // One bit per continuation byte, moved to the bottom of its byte; the
    // multiply sums the eight bytes into the top one (no popcount
    // instruction is assumed of the target).
    const uint64_t flags = (word & ~(word << 1) & kTopBits) >> 7;
    continuations += static_cast<size_t>((flags * 0x0101010101010101ULL) >> 56);
  }
  for (; i < text.size(); ++i) continuations += (static_cast<uint8_t>(text[i]) & 0xC0) == 0x80;
  return text.size() - continuations;
}

std::string_view StripUtf8Bom(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  return text;
}

Utf16 DetectUtf16(std::string_view bytes, bool* bom) {
  *bom = false;
  if (bytes.substr(0, 2) == "\xFF\xFE") {
    *bom = true;
    return Utf16::kLittleEndian;
  }
  if (bytes.substr(0, 2) == "\xFE\xFF") {
    *bom = true;
    return Utf16::kBigEndian;
  }
  const size_t sample = std::min<size_t>(bytes.size(), 4096) / 2 * 2;
  if (sample < 8) return Utf16::kNone;
  size_t nul_even = 0, nul_odd = 0;
  for (size_t i = 0; i < sample; i += 2) {
    nul_even += bytes[i] == '\0';
    nul_odd += bytes[i + 1] == '\0';
  }
  const size_t units = sample / 2;
  if (nul_odd * 3 >= units && nul_even * 20 <= units) return Utf16::kLittleEndian;
  if (nul_even * 3 >= units && nul_odd * 20 <= units) return Utf16::kBigEndian;
  return Utf16::kNone;
}

std::string Utf16ToUtf8(std::string_view bytes, Utf16 order) {
  std::string out;
  out.reserve(bytes.size());
  auto unit = [&](size_t i) -> char16_t {
    const auto first = static_cast<uint8_t>(bytes[i]), second = static_cast<uint8_t>(bytes[i + 1]);
    return order == Utf16::kBigEndian ? static_cast<char16_t>((first << 8) | second)
                                      : static_cast<char16_t>((second << 8) | first);
  };
  constexpr char32_t kReplacement = 0xFFFD;
  size_t i = 0;
  for (; i + 1 < bytes.size(); i += 2) {
    const char16_t u = unit(i);
    if (u >= 0xD800 && u < 0xDC00 && i + 3 < bytes.size()) {
      const char16_t low = unit(i + 2);
      if (low >= 0xDC00 && low < 0xE000) {
        AppendUtf8(0x10000 + ((static_cast<char32_t>(u) - 0xD800) << 10) + (low - 0xDC00), &out);
        i += 2;
        continue;
      }
    }
    AppendUtf8(u >= 0xD800 && u < 0xE000 ? kReplacement : u, &out);
  }
  if (i < bytes.size()) AppendUtf8(kReplacement, &out);
  return out;
}

}  // namespace reprint
