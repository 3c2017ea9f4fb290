// A compact binary form of a pair's passages, for storing them in the
// archive and reading back exactly what was computed (doubles bit for bit).
//
// Layout: a format byte (1), then a varint count and each passage's fields
// in declaration order; integers as LEB128 varints, doubles as 8 bytes
// little-endian, strings as a varint length and their bytes.
#ifndef REPRINT_CORE_PASSAGE_CODEC_H_
#define REPRINT_CORE_PASSAGE_CODEC_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "core/align.h"

namespace reprint {

std::string EncodePassages(const std::vector<Passage>& passages);

// The passages EncodePassages() wrote; kDataLoss if `bytes` is not such an
// encoding (truncated, an unknown format or kind, trailing bytes).
absl::StatusOr<std::vector<Passage>> DecodePassages(std::string_view bytes);

}  // namespace reprint

#endif  // REPRINT_CORE_PASSAGE_CODEC_H_
