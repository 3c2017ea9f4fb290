#include "reprint/document.h"

#include <cctype>
#include <cstdio>
#include <ostream>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace reprint {
namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

bool IsLeap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned DaysInMonth(int64_t y, unsigned m) {
  static constexpr unsigned kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

// Reads exactly `width` digits at text[*pos]; advances *pos.
bool ReadDigits(std::string_view text, size_t* pos, size_t width, int* out) {
  if (*pos + width > text.size()) return false;
  int value = 0;
  for (size_t i = 0; i < width; ++i) {
    const char c = text[*pos + i];
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  *pos += width;
  *out = value;
  return true;
}

bool Expect(std::string_view text, size_t* pos, std::string_view allowed) {
  if (*pos >= text.size() || allowed.find(text[*pos]) == std::string_view::npos) return false;
  ++*pos;
  return true;
}

absl::Status Invalid(std::string_view text) {
  return absl::InvalidArgumentError(absl::StrCat(
      "published time \"", std::string(text), "\" is neither RFC 3339 (2025-11-10T08:30:00Z) nor YYYY-MM-DD"));
}

}  // namespace

Text::Text(std::string text) {
  if (text.empty()) return;
  auto owned = std::make_shared<const std::string>(std::move(text));
  view_ = *owned;
  storage_ = std::move(owned);
}

std::ostream& operator<<(std::ostream& out, const Text& text) { return out << text.view(); }

bool IdLess(const DocId& a, const DocId& b) {
  if (a.is_integer != b.is_integer) return a.is_integer;
  if (a.is_integer) {
    const bool a_negative = !a.value.empty() && a.value[0] == '-';
    const bool b_negative = !b.value.empty() && b.value[0] == '-';
    if (a_negative != b_negative) return a_negative;
    // Same sign: more digits means larger magnitude (JSON forbids leading zeros).
    if (a.value.size() != b.value.size()) {
      return (a.value.size() < b.value.size()) != a_negative;
    }
    return a_negative ? b.value < a.value : a.value < b.value;
  }
  return a.value < b.value;
}

absl::StatusOr<int64_t> ParsePublished(std::string_view text, int64_t default_offset_seconds) {
  size_t pos = 0;
  int year = 0, month = 0, day = 0;
  if (!ReadDigits(text, &pos, 4, &year) || !Expect(text, &pos, "-") ||
      !ReadDigits(text, &pos, 2, &month) || !Expect(text, &pos, "-") ||
      !ReadDigits(text, &pos, 2, &day)) {
    return Invalid(text);
  }
  if (month < 1 || month > 12 || day < 1 ||
      static_cast<unsigned>(day) > DaysInMonth(year, static_cast<unsigned>(month))) {
    return absl::InvalidArgumentError(absl::StrCat("published date \"", std::string(text), "\" does not exist"));
  }
  int64_t seconds = DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) * 86400;
  if (pos == text.size()) return seconds - default_offset_seconds;

  int hour = 0, minute = 0, second = 0;
  if (!Expect(text, &pos, "Tt ") || !ReadDigits(text, &pos, 2, &hour) || !Expect(text, &pos, ":") ||
      !ReadDigits(text, &pos, 2, &minute) || !Expect(text, &pos, ":") ||
      !ReadDigits(text, &pos, 2, &second)) {
    return Invalid(text);
  }
  // 60 admits a leap second, as RFC 3339 does.
  if (hour > 23 || minute > 59 || second > 60) return Invalid(text);
  seconds += hour * 3600 + minute * 60 + second;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    const size_t digits_begin = pos;
    while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) ++pos;
    if (pos == digits_begin) return Invalid(text);
  }
  if (pos == text.size()) {
    // No zone ("2025-11-27T10:00:00"), as many feeds write it: read in the
    // default zone rather than leaving the article undated.
    return seconds - default_offset_seconds;
  }
  if (text[pos] == 'Z' || text[pos] == 'z') {
    ++pos;
  } else {
    const bool negative = pos < text.size() && text[pos] == '-';
    int offset_hour = 0, offset_minute = 0;
    if (!Expect(text, &pos, "+-") || !ReadDigits(text, &pos, 2, &offset_hour) ||
        !Expect(text, &pos, ":") || !ReadDigits(text, &pos, 2, &offset_minute) ||
        offset_hour > 23 || offset_minute > 59) {
      return Invalid(text);
    }
    const int64_t offset = offset_hour * 3600 + offset_minute * 60;
    seconds += negative ? offset : -offset;
  }
  if (pos != text.size()) return Invalid(text);
  return seconds;
}

absl::StatusOr<int64_t> ParseUtcOffset(std::string_view text) {
  if (text == "UTC" || text == "utc" || text == "Z" || text == "z") return 0;
  size_t pos = 1;
  int hours = 0, minutes = 0;
  if (text.empty() || (text[0] != '+' && text[0] != '-') || !ReadDigits(text, &pos, 2, &hours) ||
      !Expect(text, &pos, ":") || !ReadDigits(text, &pos, 2, &minutes) || pos != text.size() || hours > 23 ||
      minutes > 59) {
    return absl::InvalidArgumentError(
        absl::StrCat("--timezone \"", std::string(text), "\" is not UTC or an offset like +05:00 or -03:30"));
  }
  const int64_t offset = hours * 3600 + minutes * 60;
  return text[0] == '-' ? -offset : offset;
}

std::string FormatDate(int64_t seconds) {
  // Inverse of DaysFromCivil (H. Hinnant's civil_from_days).
  int64_t z = (seconds >= 0 ? seconds : seconds - 86399) / 86400 + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400 + (m <= 2);
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%04lld-%02u-%02u", static_cast<long long>(y), m, d);
  return buffer;
}

std::string FormatTimestamp(int64_t seconds) {
  const int64_t in_day = ((seconds % 86400) + 86400) % 86400;
  char buffer[16];
  std::snprintf(buffer, sizeof(buffer), "T%02d:%02d:%02dZ", static_cast<int>(in_day / 3600),
                static_cast<int>(in_day / 60 % 60), static_cast<int>(in_day % 60));
  return FormatDate(seconds) + buffer;
}

bool TimeAndIdBefore(const std::optional<int64_t>& a_published, const DocId& a_id,
                     const std::optional<int64_t>& b_published, const DocId& b_id) {
  if (a_published.has_value() != b_published.has_value()) return a_published.has_value();
  if (a_published && *a_published != *b_published) return *a_published < *b_published;
  return IdLess(a_id, b_id);
}

bool PublishedBefore(const Document& a, const Document& b) {
  return TimeAndIdBefore(a.published, a.id, b.published, b.id);
}

std::vector<uint32_t> OutletNumbers(absl::Span<const Document> documents) {
  std::vector<uint32_t> numbers(documents.size(), 0);
  absl::flat_hash_map<std::string_view, uint32_t> number_of;
  for (size_t i = 0; i < documents.size(); ++i) {
    const std::string& source = documents[i].source;
    if (source.empty()) continue;
    numbers[i] = number_of.try_emplace(source, static_cast<uint32_t>(number_of.size() + 1)).first->second;
  }
  return numbers;
}

}  // namespace reprint
