// Document: one article of an archive, as read from the input.
#ifndef REPRINT_CORE_DOCUMENT_H_
#define REPRINT_CORE_DOCUMENT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <string_view>

#include "absl/status/statusor.h"

namespace reprint {

// An article id exactly as the input gave it: a JSON string or a JSON integer
// (kept as its decimal text, so ids beyond 2^53 survive). Output echoes the
// id in the same JSON type.
struct DocId {
  std::string value;        // the string, or the integer's decimal digits
  bool is_integer = false;  // true: written as a JSON number

  friend bool operator==(const DocId&, const DocId&) = default;
  template <typename H>
  friend H AbslHashValue(H h, const DocId& id) {
    return H::combine(std::move(h), id.value, id.is_integer);
  }
};

// The order used whenever ids break a tie (e.g. two origins published the
// same second): integers before strings, integers by value, strings by bytes.
bool IdLess(const DocId& a, const DocId& b);

struct Document {
  DocId id;
  std::string text;                  // valid UTF-8; offsets point into this
  std::string source;                // outlet, "" if unknown
  std::optional<int64_t> published;  // seconds since 1970-01-01T00:00:00Z
  std::string published_text;        // `published` as given, for display
  std::string title;                 // "" if unknown
  std::string url;                   // "" if unknown
  std::string input_file;            // where it was read, for messages
  int64_t input_line = 0;            // 1-based JSONL line; 0 for a whole file
};

// Parses a publication time: RFC 3339 ("2025-11-10T08:30:00Z",
// "2025-11-10T08:30:00.5+05:00", lower-case t/z and a space separator
// accepted) or a plain date "2025-11-10" (midnight UTC). Returns seconds since
// the epoch in UTC, or InvalidArgument naming what is wrong.
absl::StatusOr<int64_t> ParsePublished(std::string_view text);

// Formats seconds since the epoch as "YYYY-MM-DD" (UTC).
std::string FormatDate(int64_t seconds);

// Formats seconds since the epoch as RFC 3339 "YYYY-MM-DDTHH:MM:SSZ" (UTC).
std::string FormatTimestamp(int64_t seconds);

// True if `a` was published before `b` for the purpose of choosing an origin:
// earlier time first; an article without a time comes after every dated one;
// equal times fall back to IdLess.
bool PublishedBefore(const Document& a, const Document& b);

// PublishedBefore's order for anything with a publication time and an id.
bool TimeAndIdBefore(const std::optional<int64_t>& a_published, const DocId& a_id,
                     const std::optional<int64_t>& b_published, const DocId& b_id);

}  // namespace reprint

#endif  // REPRINT_CORE_DOCUMENT_H_
