#include "reprint/document.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "gtest/gtest.h"

namespace reprint {
namespace {

// Expected epoch seconds below were computed independently (Python's
// datetime with explicit tzinfo), not with the code under test.
constexpr int64_t k20251110 = 1762732800;          // 2025-11-10T00:00:00Z
constexpr int64_t k20251110T0830Z = 1762763400;    // 2025-11-10T08:30:00Z
constexpr int64_t k20251110T0330Z = 1762745400;    // 2025-11-10T03:30:00Z
constexpr int64_t k20251110T1200Z = 1762776000;    // 2025-11-10T12:00:00Z

DocId Int(std::string digits) { return DocId{std::move(digits), true}; }
DocId Str(std::string text) { return DocId{std::move(text), false}; }

void ExpectInvalid(std::string_view text) {
  const absl::StatusOr<int64_t> parsed = ParsePublished(text);
  EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument)
      << "\"" << text << "\" parsed as " << (parsed.ok() ? std::to_string(*parsed) : "error");
}

void ExpectParses(std::string_view text, int64_t expected) {
  const absl::StatusOr<int64_t> parsed = ParsePublished(text);
  ASSERT_TRUE(parsed.ok()) << "\"" << text << "\": " << parsed.status();
  EXPECT_EQ(*parsed, expected) << "\"" << text << "\"";
}

// -------------------------------------------------------------- ParsePublished

TEST(DocumentTest, TimestampWithoutAZoneIsReadAsUtc) {
  // RFC 3339 asks for an offset; feeds often leave it out. Rejecting the
  // time would leave the article undated, which reverses who copied whom.
  ExpectParses("2025-11-10T08:30:00", k20251110T0830Z);
  ExpectParses("2025-11-10 08:30:00", k20251110T0830Z);
  ExpectParses("2025-11-10T08:30:00.250", k20251110T0830Z);
  ExpectInvalid("2025-11-10T08:30:00junk");
  ExpectInvalid("2025-11-10T08:30:00.");
}

TEST(DocumentTest, DatesWithoutAZoneAreReadInTheDefaultOffset) {
  const int64_t five_hours = 5 * 3600;
  EXPECT_EQ(*ParsePublished("2025-11-10T08:30:00", five_hours), k20251110T0330Z);
  EXPECT_EQ(*ParsePublished("2025-11-10T08:30:00Z", five_hours), k20251110T0830Z) << "a zone given wins";
  EXPECT_EQ(*ParsePublished("2025-11-10T08:30:00+05:00", -five_hours), k20251110T0330Z);
  EXPECT_EQ(*ParsePublished("2025-11-10", -12 * 3600), k20251110T1200Z) << "midnight at UTC-12";
  EXPECT_EQ(*ParseUtcOffset("UTC"), 0);
  EXPECT_EQ(*ParseUtcOffset("+05:00"), five_hours);
  EXPECT_EQ(*ParseUtcOffset("-03:30"), -(3 * 3600 + 1800));
  for (const char* bad : {"", "05:00", "+5:00", "+05", "+24:00", "Asia/Karachi", "+05:00 "}) {
    EXPECT_FALSE(ParseUtcOffset(bad).ok()) << bad;
  }
}

TEST(TextTest, OwnsAStringGivenToIt) {
  std::string source = "a text of its own, longer than any short-string buffer";
  const Text text = source;
  source.assign(source.size(), '#');
  EXPECT_EQ(text, "a text of its own, longer than any short-string buffer");
  EXPECT_EQ(text.size(), 54u);
  EXPECT_EQ(text.substr(2, 4), "text");
  EXPECT_EQ(text.find("own"), 14u);
  EXPECT_EQ(text[0], 'a');
}

TEST(TextTest, CopiesShareTheBytesWhichLiveAsLongAsAnyCopy) {
  Text original = std::string("shared between copies, longer than a short string");
  const Text copy = original;
  EXPECT_EQ(copy.data(), original.data());
  original = Text();
  EXPECT_TRUE(original.empty());
  EXPECT_EQ(copy, "shared between copies, longer than a short string");
}

TEST(TextTest, ViewsStorageThatItKeepsAlive) {
  auto storage = std::make_shared<std::string>("prefix|the text|suffix");
  const Text text(std::string_view(*storage).substr(7, 8), storage);
  storage.reset();  // the text holds the last reference
  EXPECT_EQ(text, "the text");
  EXPECT_EQ(std::string_view(text), "the text");
}

TEST(TextTest, TextsCompareByTheirBytes) {
  const Text a = std::string("same bytes"), b = std::string("same bytes"), c = std::string("other");
  EXPECT_NE(a.data(), b.data());
  EXPECT_TRUE(a == b);
  EXPECT_FALSE(a == c);
  EXPECT_TRUE(a == std::string("same bytes"));
  EXPECT_TRUE(a == std::string_view("same bytes"));
  EXPECT_FALSE(a == "same");
}

TEST(TextTest, EmptyTextsEqualTheEmptyString) {
  EXPECT_EQ(Text(), "");
  EXPECT_EQ(Text(std::string()), "");
  EXPECT_TRUE(Text("").empty());
}

TEST(DocumentTest, PlainDateIsMidnightUtc) {
  ExpectParses("2025-11-10", k20251110);
  ExpectParses("1970-01-01", 0);
  ExpectParses("1970-01-02", 86400);
}

TEST(DocumentTest, Rfc3339WithZuluIsUtc) {
  ExpectParses("2025-11-10T08:30:00Z", k20251110T0830Z);
  ExpectParses("1970-01-01T00:00:01Z", 1);
  ExpectParses("2024-02-29T23:59:59Z", 1709251199);
}

TEST(DocumentTest, PositiveOffsetIsSubtractedToGetUtc) {
  // 08:30 at +05:00 is 03:30 UTC.
  ExpectParses("2025-11-10T08:30:00+05:00", k20251110T0330Z);
}

TEST(DocumentTest, NegativeHalfHourOffsetIsAddedToGetUtc) {
  // 08:30 at -03:30 (Newfoundland) is 12:00 UTC.
  ExpectParses("2025-11-10T08:30:00-03:30", k20251110T1200Z);
}

TEST(DocumentTest, OffsetCanMoveTheTimeIntoThePreviousDay) {
  // 2025-01-01T02:00+05:00 is 2024-12-31T21:00Z.
  ExpectParses("2025-01-01T02:00:00+05:00", 1735678800);
  ExpectParses("2025-11-10T08:30:00+00:00", k20251110T0830Z);
  ExpectParses("2025-11-10T08:30:00-00:00", k20251110T0830Z);
}

TEST(DocumentTest, FractionalSecondsAreAcceptedAndTruncated) {
  ExpectParses("2025-11-10T08:30:00.5+05:00", k20251110T0330Z);
  ExpectParses("2025-11-10T08:30:00.999999999Z", k20251110T0830Z);
  ExpectParses("2025-11-10T08:30:00.0Z", k20251110T0830Z);
}

TEST(DocumentTest, FractionWithoutDigitsIsRejected) {
  ExpectInvalid("2025-11-10T08:30:00.Z");
  ExpectInvalid("2025-11-10T08:30:00.+05:00");
}

TEST(DocumentTest, LowerCaseTAndZAreAccepted) {
  ExpectParses("2025-11-10t08:30:00z", k20251110T0830Z);
  ExpectParses("2025-11-10t08:30:00Z", k20251110T0830Z);
  ExpectParses("2025-11-10T08:30:00z", k20251110T0830Z);
}

TEST(DocumentTest, SpaceSeparatorIsAccepted) {
  ExpectParses("2025-11-10 08:30:00Z", k20251110T0830Z);
  ExpectParses("2025-11-10 08:30:00+05:00", k20251110T0330Z);
}

TEST(DocumentTest, LeapDayExistsOnlyInLeapYears) {
  ExpectParses("2024-02-29", 1709164800);
  ExpectParses("2000-02-29", 951782400);  // divisible by 400
  ExpectInvalid("2025-02-29");
  ExpectInvalid("1900-02-29");            // divisible by 100, not 400
  ExpectInvalid("2024-02-30");
}

TEST(DocumentTest, DaysBeyondTheMonthAreRejected) {
  ExpectInvalid("2025-04-31");
  ExpectInvalid("2025-11-31");
  ExpectInvalid("2025-01-32");
  ExpectInvalid("2025-01-00");
  ExpectInvalid("2025-00-10");
  ExpectInvalid("2025-13-01");
  ExpectParses("2025-12-31", 1767139200);
}

TEST(DocumentTest, OutOfRangeTimeFieldsAreRejected) {
  ExpectInvalid("2025-11-10T24:00:00Z");
  ExpectInvalid("2025-11-10T08:60:00Z");
  ExpectInvalid("2025-11-10T08:30:61Z");
  ExpectInvalid("2025-11-10T08:30:00+24:00");
  ExpectInvalid("2025-11-10T08:30:00+05:60");
}

TEST(DocumentTest, LeapSecondIsAccepted) {
  // RFC 3339 allows :60; it lands on the next second's count.
  ExpectParses("2016-12-31T23:59:60Z", 1483228800);
}

TEST(DocumentTest, GarbageIsRejectedWithInvalidArgument) {
  ExpectInvalid("");
  ExpectInvalid("yesterday");
  ExpectInvalid("10/11/2025");
  ExpectInvalid("2025-11");
  ExpectInvalid("2025-1-10");
  ExpectInvalid("25-11-10");
  ExpectInvalid("2025/11/10");
  ExpectInvalid("2025-11-10T");
  ExpectInvalid("2025-11-10T08:30");
  ExpectInvalid("2025-11-10T08:30Z");
  ExpectInvalid("2025-11-10T8:30:00Z");
  ExpectInvalid("2025-11-10X08:30:00Z");
  ExpectInvalid("2025-11-10T08:30:00+0500");   // offset needs the colon
  ExpectInvalid("2025-11-10T08:30:00+05");
  ExpectInvalid("2025-11-10T08:30:00ZZ");
  ExpectInvalid("2025-11-10T08:30:00Z ");
  ExpectInvalid(" 2025-11-10");
  ExpectInvalid("2025-11-10 ");
  ExpectInvalid("2025-11-10junk");
  ExpectInvalid("Mon, 10 Nov 2025 08:30:00 GMT");
}

TEST(DocumentTest, ErrorMessageQuotesTheInput) {
  const absl::StatusOr<int64_t> parsed = ParsePublished("yesterday");
  ASSERT_FALSE(parsed.ok());
  EXPECT_NE(parsed.status().message().find("yesterday"), std::string_view::npos)
      << parsed.status().message();
}

TEST(DocumentTest, DatesBefore1970AreNegative) {
  ExpectParses("1969-12-31T23:59:59Z", -1);
  ExpectParses("1969-07-20T20:17:40Z", -14182940);
  ExpectParses("1900-01-01", -2208988800);
  ExpectParses("1600-02-29", -11670998400);
  ExpectParses("0001-01-01", -62135596800);
}

// ------------------------------------------------- FormatDate / FormatTimestamp

TEST(DocumentTest, FormatDateAndTimestampOfKnownInstants) {
  EXPECT_EQ(FormatDate(0), "1970-01-01");
  EXPECT_EQ(FormatTimestamp(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(FormatDate(k20251110T0830Z), "2025-11-10");
  EXPECT_EQ(FormatTimestamp(k20251110T0830Z), "2025-11-10T08:30:00Z");
  EXPECT_EQ(FormatTimestamp(1709251199), "2024-02-29T23:59:59Z");
  EXPECT_EQ(FormatTimestamp(253402300799), "9999-12-31T23:59:59Z");
}

TEST(DocumentTest, FormatBefore1970RoundsTowardsThePast) {
  EXPECT_EQ(FormatDate(-1), "1969-12-31");
  EXPECT_EQ(FormatTimestamp(-1), "1969-12-31T23:59:59Z");
  EXPECT_EQ(FormatDate(-86400), "1969-12-31");
  EXPECT_EQ(FormatTimestamp(-86400), "1969-12-31T00:00:00Z");
  EXPECT_EQ(FormatDate(-86401), "1969-12-30");
  EXPECT_EQ(FormatTimestamp(-86401), "1969-12-30T23:59:59Z");
  EXPECT_EQ(FormatTimestamp(-14182940), "1969-07-20T20:17:40Z");
  EXPECT_EQ(FormatDate(-2208988800), "1900-01-01");
  EXPECT_EQ(FormatDate(-11670998400), "1600-02-29");
  EXPECT_EQ(FormatTimestamp(-62135596800), "0001-01-01T00:00:00Z");
}

TEST(DocumentTest, CanonicalTimestampsRoundTrip) {
  for (const char* text : {"1970-01-01T00:00:00Z", "2025-11-10T08:30:00Z", "2024-02-29T12:00:01Z",
                           "2000-03-01T00:00:00Z", "1999-12-31T23:59:59Z", "1969-12-31T23:59:59Z",
                           "1969-07-20T20:17:40Z", "1900-03-01T06:07:08Z", "1600-02-29T00:00:00Z",
                           "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z"}) {
    const absl::StatusOr<int64_t> parsed = ParsePublished(text);
    ASSERT_TRUE(parsed.ok()) << text;
    EXPECT_EQ(FormatTimestamp(*parsed), text);
    EXPECT_EQ(FormatDate(*parsed), std::string(text).substr(0, 10));
  }
}

TEST(DocumentTest, EveryDayFrom1890To2110RoundTripsThroughFormatDate) {
  // Walk day by day with an independent calendar; checks month lengths and
  // leap years over 1900 (not leap) and 2000 (leap).
  int year = 1890, month = 1, day = 1;
  int64_t seconds = -2524521600;  // 1890-01-01T00:00:00Z
  auto days_in = [](int y, int m) {
    static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : kDays[m - 1];
  };
  while (year < 2110) {
    char expected[48];
    std::snprintf(expected, sizeof(expected), "%04d-%02d-%02d", year, month, day);
    ASSERT_EQ(FormatDate(seconds), expected);
    ASSERT_EQ(FormatDate(seconds + 86399), expected);
    const absl::StatusOr<int64_t> parsed = ParsePublished(expected);
    ASSERT_TRUE(parsed.ok()) << expected;
    ASSERT_EQ(*parsed, seconds) << expected;
    seconds += 86400;
    if (++day > days_in(year, month)) {
      day = 1;
      if (++month > 12) {
        month = 1;
        ++year;
      }
    }
  }
}

// ----------------------------------------------------------------------- IdLess

TEST(DocumentTest, IntegerIdsSortBeforeStringIds) {
  EXPECT_TRUE(IdLess(Int("999"), Str("1")));
  EXPECT_FALSE(IdLess(Str("1"), Int("999")));
  EXPECT_TRUE(IdLess(Int("-5"), Str("")));
  EXPECT_FALSE(IdLess(Str(""), Int("-5")));
}

TEST(DocumentTest, IntegerIdsCompareByNumericValueNotText) {
  EXPECT_TRUE(IdLess(Int("9"), Int("10")));    // "10" < "9" as text
  EXPECT_FALSE(IdLess(Int("10"), Int("9")));
  EXPECT_TRUE(IdLess(Int("99"), Int("100")));
  EXPECT_TRUE(IdLess(Int("12"), Int("13")));
  EXPECT_FALSE(IdLess(Int("13"), Int("12")));
  EXPECT_TRUE(IdLess(Int("0"), Int("1")));
  // Beyond 2^53 and up to 2^64-1: still exact.
  EXPECT_TRUE(IdLess(Int("9007199254740992"), Int("9007199254740993")));
  EXPECT_TRUE(IdLess(Int("9223372036854775807"), Int("18446744073709551615")));
  EXPECT_FALSE(IdLess(Int("18446744073709551615"), Int("9223372036854775807")));
}

TEST(DocumentTest, NegativeIntegerIdsCompareByValue) {
  EXPECT_TRUE(IdLess(Int("-1"), Int("0")));
  EXPECT_TRUE(IdLess(Int("-1"), Int("1")));
  EXPECT_FALSE(IdLess(Int("1"), Int("-1")));
  EXPECT_TRUE(IdLess(Int("-10"), Int("-9")));   // more digits, smaller value
  EXPECT_FALSE(IdLess(Int("-9"), Int("-10")));
  EXPECT_TRUE(IdLess(Int("-13"), Int("-12")));  // same digit count
  EXPECT_FALSE(IdLess(Int("-12"), Int("-13")));
  EXPECT_TRUE(IdLess(Int("-100"), Int("5")));
  EXPECT_TRUE(IdLess(Int("-9223372036854775808"), Int("-1")));
}

TEST(DocumentTest, IdLessIsIrreflexive) {
  for (const DocId& id : {Int("0"), Int("-7"), Int("42"), Str(""), Str("a"), Str("42")}) {
    EXPECT_FALSE(IdLess(id, id)) << id.value;
  }
}

TEST(DocumentTest, StringIdsCompareByBytes) {
  EXPECT_TRUE(IdLess(Str("a"), Str("b")));
  EXPECT_TRUE(IdLess(Str("B"), Str("a")));          // 0x42 < 0x61
  EXPECT_TRUE(IdLess(Str("10"), Str("9")));         // text, not number
  EXPECT_TRUE(IdLess(Str("abc"), Str("abcd")));     // prefix first
  EXPECT_TRUE(IdLess(Str("z"), Str("\xC3\xA9")));   // bytes >= 0x80 are after ASCII
  EXPECT_TRUE(IdLess(Str("a.txt"), Str("a/b.txt")));  // '.' 0x2E < '/' 0x2F
  EXPECT_FALSE(IdLess(Str("b"), Str("a")));
}

TEST(DocumentTest, SortingMixedIdsGivesTheDocumentedOrder) {
  std::vector<DocId> ids = {Str("b"), Int("10"), Str("10"), Int("-3"), Str("A"),
                            Int("9"), Int("0"), Str("a"), Int("-20")};
  std::sort(ids.begin(), ids.end(), IdLess);
  const std::vector<DocId> expected = {Int("-20"), Int("-3"), Int("0"), Int("9"), Int("10"),
                                       Str("10"), Str("A"),  Str("a"), Str("b")};
  EXPECT_EQ(ids, expected);
}

// -------------------------------------------------------------- PublishedBefore

Document Doc(DocId id, std::optional<int64_t> published) {
  Document doc;
  doc.id = std::move(id);
  doc.published = published;
  return doc;
}

TEST(DocumentTest, EarlierPublicationComesFirst) {
  const Document early = Doc(Str("z"), 100);
  const Document late = Doc(Int("1"), 200);
  EXPECT_TRUE(PublishedBefore(early, late));  // time beats id order
  EXPECT_FALSE(PublishedBefore(late, early));
}

TEST(DocumentTest, EarlierPublicationBefore1970ComesFirst) {
  EXPECT_TRUE(PublishedBefore(Doc(Str("b"), -14182940), Doc(Str("a"), 0)));
  EXPECT_FALSE(PublishedBefore(Doc(Str("a"), 0), Doc(Str("b"), -14182940)));
}

TEST(DocumentTest, UndatedComesAfterEveryDatedArticle) {
  const Document dated = Doc(Str("z"), k20251110);
  const Document undated = Doc(Int("1"), std::nullopt);
  EXPECT_TRUE(PublishedBefore(dated, undated));
  EXPECT_FALSE(PublishedBefore(undated, dated));
  // Also after a dated article at time 0 or before.
  EXPECT_TRUE(PublishedBefore(Doc(Str("z"), 0), undated));
  EXPECT_TRUE(PublishedBefore(Doc(Str("z"), -1), undated));
}

TEST(DocumentTest, EqualTimesAreOrderedById) {
  EXPECT_TRUE(PublishedBefore(Doc(Int("9"), 500), Doc(Int("10"), 500)));
  EXPECT_FALSE(PublishedBefore(Doc(Int("10"), 500), Doc(Int("9"), 500)));
  EXPECT_TRUE(PublishedBefore(Doc(Int("10"), 500), Doc(Str("1"), 500)));
  EXPECT_FALSE(PublishedBefore(Doc(Str("a"), 500), Doc(Str("a"), 500)));
}

TEST(DocumentTest, TwoUndatedArticlesAreOrderedById) {
  EXPECT_TRUE(PublishedBefore(Doc(Str("a"), std::nullopt), Doc(Str("b"), std::nullopt)));
  EXPECT_FALSE(PublishedBefore(Doc(Str("b"), std::nullopt), Doc(Str("a"), std::nullopt)));
  EXPECT_TRUE(PublishedBefore(Doc(Int("2"), std::nullopt), Doc(Str("1"), std::nullopt)));
}

TEST(DocumentTest, SortingByPublishedBeforePicksOriginsInOrder) {
  std::vector<Document> docs = {Doc(Str("undated-b"), std::nullopt), Doc(Int("7"), 300),
                                Doc(Str("x"), 100),  Doc(Str("undated-a"), std::nullopt),
                                Doc(Int("2"), 300), Doc(Str("a"), 300)};
  std::sort(docs.begin(), docs.end(), PublishedBefore);
  std::vector<std::string> order;
  for (const Document& d : docs) order.push_back(d.id.value);
  EXPECT_EQ(order, (std::vector<std::string>{"x", "2", "7", "a", "undated-a", "undated-b"}));
}

}  // namespace
}  // namespace reprint
