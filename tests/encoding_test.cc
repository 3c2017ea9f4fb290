#include "core/encoding.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "gtest/gtest.h"

namespace reprint {
namespace {

// A deliberately simple decoder for well-formed UTF-8, used as an oracle for
// Windows1252ToUtf8's output. Returns an empty vector on any malformation.
std::vector<char32_t> DecodeUtf8(std::string_view s) {
  std::vector<char32_t> out;
  size_t i = 0;
  while (i < s.size()) {
    const auto b0 = static_cast<uint8_t>(s[i]);
    size_t len;
    char32_t cp;
    if (b0 < 0x80) {
      len = 1;
      cp = b0;
    } else if ((b0 & 0xE0) == 0xC0) {
      len = 2;
      cp = b0 & 0x1F;
    } else if ((b0 & 0xF0) == 0xE0) {
      len = 3;
      cp = b0 & 0x0F;
    } else if ((b0 & 0xF8) == 0xF0) {
      len = 4;
      cp = b0 & 0x07;
    } else {
      return {};
    }
    if (i + len > s.size()) return {};
    for (size_t k = 1; k < len; ++k) {
      const auto b = static_cast<uint8_t>(s[i + k]);
      if ((b & 0xC0) != 0x80) return {};
      cp = (cp << 6) | (b & 0x3F);
    }
    out.push_back(cp);
    i += len;
  }
  return out;
}

// ---------------------------------------------------------------- IsValidUtf8

TEST(EncodingTest, AcceptsEmptyAndAscii) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("plain ASCII text, 123!"));
  EXPECT_TRUE(IsValidUtf8(std::string_view("nul\0inside", 10)));
}

TEST(EncodingTest, AcceptsWellFormedMultiByteSequences) {
  EXPECT_TRUE(IsValidUtf8("\xC3\xA9"));               // é U+00E9
  EXPECT_TRUE(IsValidUtf8("\xC2\x80"));               // U+0080, smallest 2-byte
  EXPECT_TRUE(IsValidUtf8("\xE2\x82\xAC"));           // € U+20AC
  EXPECT_TRUE(IsValidUtf8("\xE0\xA0\x80"));           // U+0800, smallest 3-byte
  EXPECT_TRUE(IsValidUtf8("\xED\x9F\xBF"));           // U+D7FF, just below surrogates
  EXPECT_TRUE(IsValidUtf8("\xEE\x80\x80"));           // U+E000, just above surrogates
  EXPECT_TRUE(IsValidUtf8("\xEF\xBB\xBF"));           // BOM U+FEFF
  EXPECT_TRUE(IsValidUtf8("\xF0\x90\x80\x80"));       // U+10000, smallest 4-byte
  EXPECT_TRUE(IsValidUtf8("\xF0\x9D\x84\x9E"));       // 𝄞 U+1D11E
  EXPECT_TRUE(IsValidUtf8("\xF4\x8F\xBF\xBF"));       // U+10FFFF, the last code point
  EXPECT_TRUE(IsValidUtf8("Pakistan’s “No Hope” – Ｔａｌｉｂａｎ"));
}

TEST(EncodingTest, RejectsStrayContinuationAndInvalidLeadBytes) {
  EXPECT_FALSE(IsValidUtf8("\x80"));
  EXPECT_FALSE(IsValidUtf8("abc\xBF"));
  EXPECT_FALSE(IsValidUtf8("\xFF"));
  EXPECT_FALSE(IsValidUtf8("\xFE"));
  EXPECT_FALSE(IsValidUtf8("\xF8\x88\x80\x80\x80"));  // old 5-byte form
}

TEST(EncodingTest, RejectsTruncatedSequences) {
  EXPECT_FALSE(IsValidUtf8("\xC3"));
  EXPECT_FALSE(IsValidUtf8("\xE2\x82"));
  EXPECT_FALSE(IsValidUtf8("\xF0\x9D\x84"));
  EXPECT_FALSE(IsValidUtf8("\xE2\x82" "abc"));  // continuation replaced by ASCII
}

TEST(EncodingTest, RejectsOverlongEncodings) {
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // '/' in two bytes
  EXPECT_FALSE(IsValidUtf8("\xC1\xBF"));          // U+007F in two bytes
  EXPECT_FALSE(IsValidUtf8("\xE0\x80\xAF"));      // '/' in three bytes
  EXPECT_FALSE(IsValidUtf8("\xE0\x9F\xBF"));      // U+07FF in three bytes
  EXPECT_FALSE(IsValidUtf8("\xF0\x80\x80\xAF"));  // '/' in four bytes
  EXPECT_FALSE(IsValidUtf8("\xF0\x8F\xBF\xBF"));  // U+FFFF in four bytes
}

TEST(EncodingTest, RejectsEncodedSurrogates) {
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));                  // U+D800
  EXPECT_FALSE(IsValidUtf8("\xED\xBF\xBF"));                  // U+DFFF
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\xBD\xED\xB8\x80"));      // CESU-8 style pair
}

TEST(EncodingTest, RejectsCodePointsAboveU10FFFF) {
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // U+110000
  EXPECT_FALSE(IsValidUtf8("\xF5\x80\x80\x80"));
  EXPECT_FALSE(IsValidUtf8("\xF7\xBF\xBF\xBF"));
}

TEST(EncodingTest, RejectsWindows1252CurlyQuotes) {
  // The exact bytes the reader must detect to fall back to Windows-1252.
  EXPECT_FALSE(IsValidUtf8("\x93quoted\x94"));
  EXPECT_FALSE(IsValidUtf8("caf\xE9"));
}

// ----------------------------------------------------------- Windows1252ToUtf8

TEST(EncodingTest, Windows1252AsciiIsUnchanged) {
  EXPECT_EQ(Windows1252ToUtf8(""), "");
  EXPECT_EQ(Windows1252ToUtf8("Hello, world! 0-9 ~"), "Hello, world! 0-9 ~");
}

TEST(EncodingTest, Windows1252CurlyQuotesDashesAndEuro) {
  EXPECT_EQ(Windows1252ToUtf8("\x93quoted\x94"), "\xE2\x80\x9Cquoted\xE2\x80\x9D");  // “quoted”
  EXPECT_EQ(Windows1252ToUtf8("\x91single\x92"), "\xE2\x80\x98single\xE2\x80\x99");  // ‘single’
  EXPECT_EQ(Windows1252ToUtf8("1\x96" "2"), "1\xE2\x80\x93" "2");  // en dash U+2013
  EXPECT_EQ(Windows1252ToUtf8("a\x97" "b"), "a\xE2\x80\x94" "b");  // em dash U+2014
  EXPECT_EQ(Windows1252ToUtf8("\x80" "5"), "\xE2\x82\xAC" "5");    // € U+20AC
  EXPECT_EQ(Windows1252ToUtf8("\x85"), "\xE2\x80\xA6");            // … U+2026
  EXPECT_EQ(Windows1252ToUtf8("\x99"), "\xE2\x84\xA2");            // ™ U+2122
  EXPECT_EQ(Windows1252ToUtf8("\x9F"), "\xC5\xB8");                // Ÿ U+0178
  EXPECT_EQ(Windows1252ToUtf8("\x8A"), "\xC5\xA0");                // Š U+0160
}

TEST(EncodingTest, Windows1252WholeC1RangeMapsToTheStandardTable) {
  // The Windows-1252 code chart for 0x80-0x9F, written out independently;
  // the five undefined bytes map to the C1 control of the same value.
  constexpr char32_t kExpected[32] = {
      0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,  // 80-87
      0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,  // 88-8F
      0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,  // 90-97
      0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,  // 98-9F
  };
  for (int byte = 0x80; byte < 0xA0; ++byte) {
    const std::string in(1, static_cast<char>(byte));
    const std::vector<char32_t> decoded = DecodeUtf8(Windows1252ToUtf8(in));
    ASSERT_EQ(decoded.size(), 1u) << "byte 0x" << std::hex << byte;
    EXPECT_EQ(static_cast<uint32_t>(decoded[0]), static_cast<uint32_t>(kExpected[byte - 0x80]))
        << "byte 0x" << std::hex << byte;
  }
}

TEST(EncodingTest, Windows1252UndefinedBytesBecomeC1Controls) {
  EXPECT_EQ(Windows1252ToUtf8("\x81"), "\xC2\x81");
  EXPECT_EQ(Windows1252ToUtf8("\x8D"), "\xC2\x8D");
  EXPECT_EQ(Windows1252ToUtf8("\x8F"), "\xC2\x8F");
  EXPECT_EQ(Windows1252ToUtf8("\x90"), "\xC2\x90");
  EXPECT_EQ(Windows1252ToUtf8("\x9D"), "\xC2\x9D");
}

TEST(EncodingTest, Windows1252HighBytesDecodeAsLatin1) {
  EXPECT_EQ(Windows1252ToUtf8("caf\xE9"), "caf\xC3\xA9");  // café
  EXPECT_EQ(Windows1252ToUtf8("\xA0"), "\xC2\xA0");        // no-break space
  EXPECT_EQ(Windows1252ToUtf8("\xA3"), "\xC2\xA3");        // £
  EXPECT_EQ(Windows1252ToUtf8("\xC9"), "\xC3\x89");        // É
  EXPECT_EQ(Windows1252ToUtf8("\xDF"), "\xC3\x9F");        // ß
  EXPECT_EQ(Windows1252ToUtf8("\xFF"), "\xC3\xBF");        // ÿ
  for (int byte = 0xA0; byte <= 0xFF; ++byte) {
    const std::vector<char32_t> decoded =
        DecodeUtf8(Windows1252ToUtf8(std::string(1, static_cast<char>(byte))));
    ASSERT_EQ(decoded.size(), 1u) << "byte 0x" << std::hex << byte;
    EXPECT_EQ(static_cast<uint32_t>(decoded[0]), static_cast<uint32_t>(byte));
  }
}

TEST(EncodingTest, Windows1252GivesOneCodePointPerInputByte) {
  std::string all;
  for (int byte = 0; byte < 256; ++byte) all.push_back(static_cast<char>(byte));
  const std::string utf8 = Windows1252ToUtf8(all);
  EXPECT_TRUE(IsValidUtf8(utf8));
  const std::vector<char32_t> decoded = DecodeUtf8(utf8);
  ASSERT_EQ(decoded.size(), 256u);
  for (int byte = 0; byte < 0x80; ++byte) {
    EXPECT_EQ(static_cast<uint32_t>(decoded[byte]), static_cast<uint32_t>(byte));
  }
}

TEST(EncodingTest, Windows1252DecodesAlreadyUtf8BytesAsMojibake) {
  // Not a UTF-8 sniffer: "é" in UTF-8 (C3 A9) is two Windows-1252 characters, Ã©.
  EXPECT_EQ(Windows1252ToUtf8("\xC3\xA9"), "\xC3\x83\xC2\xA9");
}

// ------------------------------------------------------------- CountCodePoints

TEST(EncodingTest, CountCodePointsCountsCharactersNotBytes) {
  EXPECT_EQ(CountCodePoints(""), 0u);
  EXPECT_EQ(CountCodePoints("abc"), 3u);
  EXPECT_EQ(CountCodePoints("\xC3\xA9"), 1u);                  // é: 2 bytes
  EXPECT_EQ(CountCodePoints("\xE2\x82\xAC"), 1u);              // €: 3 bytes
  EXPECT_EQ(CountCodePoints("\xF0\x9D\x84\x9E"), 1u);          // 𝄞: 4 bytes
  EXPECT_EQ(CountCodePoints("caf\xC3\xA9 \xE2\x82\xAC" "5"), 7u);
  EXPECT_EQ(CountCodePoints("Pakistan’s “No Hope” – Ｔａｌｉｂａｎ"), 30u);
  // A combining sequence is two code points.
  EXPECT_EQ(CountCodePoints("e\xCC\x81"), 2u);
}

TEST(EncodingTest, CountCodePointsAgreesWithAByteByByteCountAtEveryOffsetAndLength) {
  // Long enough to take the eight-bytes-at-a-time path, with multi-byte
  // characters straddling every position of a word.
  std::string text;
  for (int i = 0; i < 40; ++i) text += "a\xC3\xA9\xE2\x82\xAC\xF0\x9D\x84\x9E z ";
  for (size_t begin = 0; begin < 24; ++begin) {
    for (size_t length = 0; begin + length <= text.size(); length += 7) {
      const std::string_view piece = std::string_view(text).substr(begin, length);
      size_t expected = 0;
      for (const char c : piece) expected += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
      ASSERT_EQ(CountCodePoints(piece), expected) << "begin " << begin << " length " << length;
    }
  }
}

// ---------------------------------------------------------------- StripUtf8Bom

TEST(EncodingTest, StripUtf8BomRemovesOnlyALeadingBom) {
  EXPECT_EQ(StripUtf8Bom("\xEF\xBB\xBFhello"), "hello");
  EXPECT_EQ(StripUtf8Bom("\xEF\xBB\xBF"), "");
  EXPECT_EQ(StripUtf8Bom("hello"), "hello");
  EXPECT_EQ(StripUtf8Bom(""), "");
  EXPECT_EQ(StripUtf8Bom("a\xEF\xBB\xBF" "b"), "a\xEF\xBB\xBF" "b");  // not leading
}

TEST(EncodingTest, StripUtf8BomRemovesOneBomAndLeavesPartialOnes) {
  EXPECT_EQ(StripUtf8Bom("\xEF\xBB\xBF\xEF\xBB\xBFx"), "\xEF\xBB\xBFx");
  EXPECT_EQ(StripUtf8Bom("\xEF\xBB"), "\xEF\xBB");
  EXPECT_EQ(StripUtf8Bom("\xEF\xBB" "x"), "\xEF\xBB" "x");
}

TEST(EncodingTest, StripUtf8BomReturnsAViewIntoTheInput) {
  const std::string text = "\xEF\xBB\xBF{\"id\":1}";
  const std::string_view stripped = StripUtf8Bom(text);
  EXPECT_EQ(stripped.data(), text.data() + 3);
  EXPECT_EQ(stripped.size(), text.size() - 3);
}

}  // namespace
}  // namespace reprint
