// Document: one article of an archive, as read from the input.
#ifndef REPRINT_DOCUMENT_H_
#define REPRINT_DOCUMENT_H_

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"

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

// A document's text: immutable bytes, either its own or a view into storage
// that many texts share. The reader keeps each block's texts in one buffer
// (core/reader.h), so that reading an archive allocates and first touches
// memory a block at a time rather than an article at a time. Copies share
// the bytes, which live as long as any text that views them. Reads like a
// std::string_view.
class Text {
 public:
  Text() = default;
  Text(std::string text);  // NOLINT(google-explicit-constructor): owns it
  Text(const char* text) : Text(std::string(text)) {}  // NOLINT(google-explicit-constructor)
  // Bytes that `storage` keeps alive (view must lie inside it).
  Text(std::string_view view, std::shared_ptr<const void> storage)
      : view_(view), storage_(std::move(storage)) {}

  std::string_view view() const { return view_; }
  operator std::string_view() const { return view_; }  // NOLINT(google-explicit-constructor)
  const char* data() const { return view_.data(); }
  size_t size() const { return view_.size(); }
  bool empty() const { return view_.empty(); }
  std::string_view::const_iterator begin() const { return view_.begin(); }
  std::string_view::const_iterator end() const { return view_.end(); }
  char operator[](size_t i) const { return view_[i]; }
  std::string_view substr(size_t pos, size_t count = std::string_view::npos) const {
    return view_.substr(pos, count);
  }
  size_t find(std::string_view what, size_t pos = 0) const { return view_.find(what, pos); }
  size_t find(char what, size_t pos = 0) const { return view_.find(what, pos); }

  // One per kind of right-hand side, so that none is ambiguous.
  friend bool operator==(const Text& a, const Text& b) { return a.view_ == b.view_; }
  friend bool operator==(const Text& a, std::string_view b) { return a.view_ == b; }
  friend bool operator==(const Text& a, const std::string& b) { return a.view_ == b; }
  friend bool operator==(const Text& a, const char* b) { return a.view_ == b; }

 private:
  std::string_view view_;
  std::shared_ptr<const void> storage_;  // null for the empty text
};

std::ostream& operator<<(std::ostream& out, const Text& text);

struct Document {
  DocId id;
  Text text;                         // valid UTF-8; offsets point into this
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
// accepted; a time without a zone, "2025-11-10T08:30:00", is read as UTC)
// or a plain date "2025-11-10" (midnight UTC). A time or date without a
// zone is read at `default_offset_seconds` east of UTC (0: as UTC).
// Returns seconds since the epoch in UTC, or InvalidArgument naming what is
// wrong.
absl::StatusOr<int64_t> ParsePublished(std::string_view text, int64_t default_offset_seconds = 0);

// Parses a UTC offset as --timezone takes it: "UTC", "Z", "+05:00",
// "-03:30". Returns seconds east of UTC, or InvalidArgument.
absl::StatusOr<int64_t> ParseUtcOffset(std::string_view text);

// Formats seconds since the epoch as "YYYY-MM-DD" (UTC).
std::string FormatDate(int64_t seconds);

// Formats seconds since the epoch as RFC 3339 "YYYY-MM-DDTHH:MM:SSZ" (UTC).
std::string FormatTimestamp(int64_t seconds);

// True if `a` was published before `b` for the purpose of choosing an origin:
// earlier time first; an article without a time comes after every dated one;
// equal times fall back to IdLess.
bool PublishedBefore(const Document& a, const Document& b);

// Per document, a number for its outlet (`source`): 1, 2, ... in order of
// each outlet's first document; 0 for documents without one. O(n).
std::vector<uint32_t> OutletNumbers(absl::Span<const Document> documents);

// PublishedBefore's order for anything with a publication time and an id.
bool TimeAndIdBefore(const std::optional<int64_t>& a_published, const DocId& a_id,
                     const std::optional<int64_t>& b_published, const DocId& b_id);

}  // namespace reprint

#endif  // REPRINT_DOCUMENT_H_
