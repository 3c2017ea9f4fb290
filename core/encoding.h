// Byte-level text encodings: UTF-8 validation, UTF-16 files, and the
// Windows-1252 fallback.
//
// Real archives mix encodings (the Clough-Stevenson corpus alone has UTF-8,
// Windows-1252 and ASCII files). reprint works on UTF-8 throughout; readers
// call these once per record and everything downstream may assume valid UTF-8.
#ifndef REPRINT_CORE_ENCODING_H_
#define REPRINT_CORE_ENCODING_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace reprint {

// True if `bytes` is well-formed UTF-8 (no overlongs, surrogates or code
// points above U+10FFFF). Runs at several GB/s (simdjson's validator).
bool IsValidUtf8(std::string_view bytes);

// Decodes `bytes` as Windows-1252 and returns it as UTF-8. Every byte maps to
// a code point: the five bytes Windows-1252 leaves undefined (0x81, 0x8D,
// 0x8F, 0x90, 0x9D) map to the C1 controls of the same value, as browsers do,
// so the result always has one code point per input byte. Latin-1 text
// decodes correctly too, except for C1 controls, which real text never has.
std::string Windows1252ToUtf8(std::string_view bytes);

// The number of code points in valid UTF-8 `text` (its length in characters,
// as PAN offsets and DESIGN.md's char_begin/char_end count them).
size_t CountCodePoints(std::string_view text);

// Removes a leading UTF-8 byte order mark, if present.
std::string_view StripUtf8Bom(std::string_view text);

enum class Utf16 { kNone, kLittleEndian, kBigEndian };

// Whether `bytes` (the start of a file suffices) looks like UTF-16: a byte
// order mark (FF FE little-endian, FE FF big-endian), or without one, NUL
// in at least a third of the odd (little-endian) or even (big-endian) bytes
// and in almost none of the others, as text in Latin scripts is. *bom is set
// when a mark was found.
Utf16 DetectUtf16(std::string_view bytes, bool* bom);

// Decodes UTF-16 (without its byte order mark) to UTF-8; an unpaired
// surrogate or a trailing odd byte becomes U+FFFD.
std::string Utf16ToUtf8(std::string_view bytes, Utf16 order);

}  // namespace reprint

#endif  // REPRINT_CORE_ENCODING_H_
