// Byte-level text encodings: UTF-8 validation and the Windows-1252 fallback.
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

}  // namespace reprint

#endif  // REPRINT_CORE_ENCODING_H_
