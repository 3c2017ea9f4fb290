// SHA-256 (FIPS 180-4), for the HTML report's Content-Security-Policy, which
// names the page's own stylesheet and script by their digests.
#ifndef REPRINT_CORE_SHA256_H_
#define REPRINT_CORE_SHA256_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace reprint {

std::array<uint8_t, 32> Sha256(std::string_view bytes);

// The digest in standard base64 with padding, as CSP's 'sha256-...' wants.
std::string Sha256Base64(std::string_view bytes);

}  // namespace reprint

#endif  // REPRINT_CORE_SHA256_H_
