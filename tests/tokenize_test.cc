#include "core/tokenize.h"

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "core/ascii_words_avx512.h"
#include "core/encoding.h"
#include "gtest/gtest.h"
#include "xxhash.h"

namespace reprint {
namespace {

// One expected token: the original bytes it spans and its normalised word.
struct Expected {
  uint32_t begin;
  uint32_t end;
  std::string word;
};

TokenizedText Tokenize(std::string_view text, NormalizeOptions options = {}) {
  TokenizedText out;
  Tokenizer(options).Tokenize(text, &out);
  return out;
}

std::vector<std::string> Words(const TokenizedText& t) {
  std::vector<std::string> words;
  for (size_t i = 0; i < t.tokens.size(); ++i) words.emplace_back(t.word(i));
  return words;
}

std::vector<std::string> WordsOf(std::string_view text, NormalizeOptions options = {}) {
  return Words(Tokenize(text, options));
}

using W = std::vector<std::string>;

// Checks tokens against hand-computed spans and words, plus the
// normalized-string layout the header promises.
void ExpectTokens(std::string_view text, const TokenizedText& t, const std::vector<Expected>& want) {
  ASSERT_EQ(t.tokens.size(), want.size()) << "text: " << text;
  std::string joined;
  for (size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(t.tokens[i].begin, want[i].begin) << "token " << i << " of: " << text;
    EXPECT_EQ(t.tokens[i].end, want[i].end) << "token " << i << " of: " << text;
    EXPECT_EQ(t.word(i), want[i].word) << "token " << i << " of: " << text;
    if (i > 0) joined += ' ';
    joined += want[i].word;
  }
  EXPECT_EQ(t.normalized, joined) << "text: " << text;
}

// The structural invariants every tokenisation must satisfy.
// `check_words_have_no_space` is off only where NormalisedWordsNeverContainASpace
// already pins that property.
void ExpectWellFormed(std::string_view text, const TokenizedText& t,
                      bool check_words_have_no_space = true) {
  ASSERT_EQ(t.word_hashes.size(), t.tokens.size());
  size_t previous_end = 0;
  for (size_t i = 0; i < t.tokens.size(); ++i) {
    const Token& tok = t.tokens[i];
    ASSERT_EQ(t.word_hashes[i], XXH3_64bits(t.word(i).data(), t.word(i).size())) << "token " << i;
    ASSERT_LT(tok.begin, tok.end) << "token " << i;
    ASSERT_LE(tok.end, text.size()) << "token " << i;
    ASSERT_GE(tok.begin, previous_end) << "token " << i << " overlaps the one before";
    if (i > 0) {
      ASSERT_GT(tok.begin, previous_end) << "tokens " << i - 1 << "," << i << " touch";
    }
    previous_end = tok.end;
    ASSERT_LT(tok.norm_begin, tok.norm_end) << "token " << i << " has an empty word";
    ASSERT_LE(tok.norm_end, t.normalized.size());
    if (i == 0) {
      ASSERT_EQ(tok.norm_begin, 0u);
    } else {
      ASSERT_EQ(tok.norm_begin, t.tokens[i - 1].norm_end + 1);
      ASSERT_EQ(t.normalized[tok.norm_begin - 1], ' ');
    }
    if (!check_words_have_no_space) continue;
    ASSERT_EQ(t.word(i).find(' '), std::string_view::npos)
        << "token " << i << ": [" << t.word(i) << "] from ["
        << text.substr(tok.begin, tok.end - tok.begin) << "]";
  }
  ASSERT_EQ(t.normalized.size(), t.tokens.empty() ? 0u : t.tokens.back().norm_end);
}

bool IsContinuationByte(char c) { return (static_cast<uint8_t>(c) & 0xC0) == 0x80; }

// ------------------------------------------------------------- documented example

TEST(TokenizeTest, HeaderExampleGivesNormalisedWordsAndOriginalSpans) {
  const std::string_view text = "Pakistan’s “No Hope” – Ｔａｌｉｂａｎ";
  ASSERT_EQ(text.size(), 52u);  // ’ “ ” – are 3 bytes, each fullwidth letter 3
  const TokenizedText t = Tokenize(text);
  ExpectTokens(text, t,
               {{0, 12, "pakistans"}, {16, 18, "no"}, {19, 23, "hope"}, {31, 52, "taliban"}});
  EXPECT_EQ(t.normalized, "pakistans no hope taliban");
  // The spans slice the original text to exactly the source words.
  auto slice = [&](size_t i) {
    return text.substr(t.tokens[i].begin, t.tokens[i].end - t.tokens[i].begin);
  };
  EXPECT_EQ(slice(0), "Pakistan’s");
  EXPECT_EQ(slice(1), "No");
  EXPECT_EQ(slice(2), "Hope");
  EXPECT_EQ(slice(3), "Ｔａｌｉｂａｎ");
  EXPECT_EQ(t.tokens[0].norm_begin, 0u);
  EXPECT_EQ(t.tokens[0].norm_end, 9u);
  EXPECT_EQ(t.tokens[3].norm_begin, 18u);
  EXPECT_EQ(t.tokens[3].norm_end, 25u);
}

// ------------------------------------------------------------------ apostrophes

TEST(TokenizeTest, TypographicApostropheFoldsLikeAscii) {
  EXPECT_EQ(WordsOf("Pakistan's"), W{"pakistans"});
  EXPECT_EQ(WordsOf("Pakistan’s"), W{"pakistans"});  // U+2019
  EXPECT_EQ(WordsOf("Pakistan‘s"), W{"pakistans"});  // U+2018
  EXPECT_EQ(WordsOf("Pakistanʼs"), W{"pakistans"});  // U+02BC
  EXPECT_EQ(WordsOf("don't DON’T"), (W{"dont", "dont"}));
  ExpectTokens("it’s", Tokenize("it’s"), {{0, 6, "its"}});
}

TEST(TokenizeTest, ApostropheJoinsNonAsciiWords) {
  EXPECT_EQ(WordsOf("l’École"), W{"lécole"});
  EXPECT_EQ(WordsOf("d'Ávila"), W{"dávila"});
}

TEST(TokenizeTest, ApostropheNotFollowedByWordCharacterEndsTheWord) {
  ExpectTokens("students' work", Tokenize("students' work"), {{0, 8, "students"}, {10, 14, "work"}});
  ExpectTokens("students’ work", Tokenize("students’ work"), {{0, 8, "students"}, {12, 16, "work"}});
  ExpectTokens("the students'", Tokenize("the students'"), {{0, 3, "the"}, {4, 12, "students"}});
  ExpectTokens("rock''n", Tokenize("rock''n"), {{0, 4, "rock"}, {6, 7, "n"}});
  ExpectTokens("a'.b", Tokenize("a'.b"), {{0, 1, "a"}, {3, 4, "b"}});
}

TEST(TokenizeTest, LeadingApostropheIsNotPartOfTheWord) {
  ExpectTokens("'tis", Tokenize("'tis"), {{1, 4, "tis"}});
  ExpectTokens("‘Hello’", Tokenize("‘Hello’"), {{3, 8, "hello"}});
}

// -------------------------------------------------------------------- separators

TEST(TokenizeTest, DashesSeparateWords) {
  EXPECT_EQ(WordsOf("well-known"), (W{"well", "known"}));
  EXPECT_EQ(WordsOf("1990–2000"), (W{"1990", "2000"}));   // en dash
  EXPECT_EQ(WordsOf("yes—no"), (W{"yes", "no"}));         // em dash
  EXPECT_EQ(WordsOf("co‐operate"), (W{"co", "operate"}));  // U+2010 hyphen
  EXPECT_EQ(WordsOf("x−y"), (W{"x", "y"}));               // U+2212 minus
  ExpectTokens("a–b", Tokenize("a–b"), {{0, 1, "a"}, {4, 5, "b"}});
}

TEST(TokenizeTest, UnicodeSpacesSeparateWords) {
  EXPECT_EQ(WordsOf("a\u00A0b"), (W{"a", "b"}));  // no-break space
  EXPECT_EQ(WordsOf("a\u2009b"), (W{"a", "b"}));  // thin space
  EXPECT_EQ(WordsOf("a\u202Fb"), (W{"a", "b"}));  // narrow no-break space
  EXPECT_EQ(WordsOf("a\u3000b"), (W{"a", "b"}));  // ideographic space
  EXPECT_EQ(WordsOf("a\tb\nc\r\nd"), (W{"a", "b", "c", "d"}));
  ExpectTokens("é\u00A0é", Tokenize("é\u00A0é"), {{0, 2, "é"}, {4, 6, "é"}});
}

TEST(TokenizeTest, QuotesAndPunctuationSeparateWords) {
  EXPECT_EQ(WordsOf("“Hello,” she said… (twice)!"), (W{"hello", "she", "said", "twice"}));
  EXPECT_EQ(WordsOf("e-mail: x@y.com"), (W{"e", "mail", "x", "y", "com"}));
  EXPECT_EQ(WordsOf("€5 £3"), (W{"5", "3"}));  // currency symbols separate
}

TEST(TokenizeTest, DigitsAreWordCharacters) {
  EXPECT_EQ(WordsOf("COVID-19 in 2020"), (W{"covid", "19", "in", "2020"}));
  EXPECT_EQ(WordsOf("3.14"), (W{"3", "14"}));
}

// --------------------------------------------------------------- normalisation

TEST(TokenizeTest, AsciiIsLowerCased) {
  ExpectTokens("The QUICK bRoWn", Tokenize("The QUICK bRoWn"),
               {{0, 3, "the"}, {4, 9, "quick"}, {10, 15, "brown"}});
}

TEST(TokenizeTest, NonAsciiCapitalsAreCaseFolded) {
  EXPECT_EQ(WordsOf("ÉCOLE"), W{"école"});
  EXPECT_EQ(WordsOf("École"), W{"école"});
  EXPECT_EQ(WordsOf("ЖУРНАЛ"), W{"журнал"});
}

TEST(TokenizeTest, SharpSCaseFoldsToSs) {
  EXPECT_EQ(WordsOf("Straße"), W{"strasse"});
  EXPECT_EQ(WordsOf("STRASSE"), W{"strasse"});
  EXPECT_EQ(WordsOf("ẞ"), W{"ss"});  // capital sharp s
  ExpectTokens("Straße", Tokenize("Straße"), {{0, 7, "strasse"}});
}

TEST(TokenizeTest, GreekCaseFoldsIncludingFinalSigma) {
  EXPECT_EQ(WordsOf("ΑΘΗΝΑ"), W{"αθηνα"});
  // Σ and final ς both fold to σ, so capitals and lower case agree.
  EXPECT_EQ(WordsOf("ΛΌΓΟΣ"), W{"λόγοσ"});
  EXPECT_EQ(WordsOf("λόγος"), W{"λόγοσ"});
}

TEST(TokenizeTest, NfkcFoldsLigaturesFullwidthAndCompatibilityForms) {
  EXPECT_EQ(WordsOf("ﬁle"), W{"file"});        // U+FB01 ligature
  EXPECT_EQ(WordsOf("oﬃce"), W{"office"});     // U+FB03 ligature
  EXPECT_EQ(WordsOf("１２３"), W{"123"});       // fullwidth digits
  EXPECT_EQ(WordsOf("Ｔａｌｉｂａｎ"), W{"taliban"});
  EXPECT_EQ(WordsOf("①"), W{"1"});             // circled digit: category No
  EXPECT_EQ(WordsOf("x²"), W{"x2"});
  EXPECT_EQ(WordsOf("\u212A"), W{"k"});        // Kelvin sign
  EXPECT_EQ(WordsOf("𝐀"), W{"a"});              // mathematical bold A, 4 bytes
}

TEST(TokenizeTest, CombiningSequenceNormalisesLikePrecomposed) {
  const TokenizedText decomposed = Tokenize("cafe\u0301");
  ExpectTokens("cafe\u0301", decomposed, {{0, 6, "caf\xC3\xA9"}});  // composed é
  EXPECT_EQ(WordsOf("café"), W{"caf\xC3\xA9"});
  EXPECT_EQ(WordsOf("CAFE\u0301"), W{"caf\xC3\xA9"});
  EXPECT_EQ(WordsOf("E\u0301cole"), W{"\xC3\xA9" "cole"});
}

TEST(TokenizeTest, DefaultKeepsDiacritics) {
  EXPECT_EQ(WordsOf("café naïve"), (W{"café", "naïve"}));
}

TEST(TokenizeTest, StripDiacriticsFoldsAccentedLettersToBase) {
  const NormalizeOptions strip{.strip_diacritics = true};
  EXPECT_EQ(WordsOf("café", strip), W{"cafe"});
  EXPECT_EQ(WordsOf("cafe\u0301", strip), W{"cafe"});
  EXPECT_EQ(WordsOf("École naïve", strip), (W{"ecole", "naive"}));
  EXPECT_EQ(WordsOf("plain ascii", strip), (W{"plain", "ascii"}));
  ExpectTokens("Ça va", Tokenize("Ça va", strip), {{0, 3, "ca"}, {4, 6, "va"}});
}

TEST(TokenizeTest, LoneCombiningMarkIsAWordUnlessDiacriticsAreStripped) {
  EXPECT_EQ(WordsOf("abc \u0301 def"), (W{"abc", "\u0301", "def"}));
  const NormalizeOptions strip{.strip_diacritics = true};
  const std::string_view text = "abc \u0301 def";
  ExpectTokens(text, Tokenize(text, strip), {{0, 3, "abc"}, {7, 10, "def"}});
  const TokenizedText only_mark = Tokenize("\u0301", strip);
  EXPECT_TRUE(only_mark.tokens.empty());
  EXPECT_EQ(only_mark.normalized, "");
  ExpectTokens("\u0301 x", Tokenize("\u0301 x", strip), {{3, 4, "x"}});
}

TEST(TokenizeTest, SoftHyphenInsideAWordJoinsIt) {
  ExpectTokens("inter\u00ADnational", Tokenize("inter\u00ADnational"), {{0, 15, "international"}});
  ExpectTokens("word\u00AD next", Tokenize("word\u00AD next"), {{0, 4, "word"}, {7, 11, "next"}});
  EXPECT_EQ(WordsOf("Ré\u00ADsumé"), W{"résumé"});
}

TEST(TokenizeTest, NfkcExpansionLongerThanTheInputIsKeptWhole) {
  // U+01C4 "Ǆ" (2 bytes) folds to "dž" (3 bytes): the normalised text
  // outgrows the input and must still be followed by the rest intact.
  std::string text, expected_word;
  for (int i = 0; i < 500; ++i) {
    text += "\u01C4";
    expected_word += "d\u017E";
  }
  const std::string tail = " and then some ascii words after it";
  text += tail;
  const TokenizedText t = Tokenize(text);
  ASSERT_EQ(t.tokens.size(), 8u);
  EXPECT_EQ(t.tokens[0].begin, 0u);
  EXPECT_EQ(t.tokens[0].end, 1000u);
  EXPECT_TRUE(t.word(0) == expected_word);  // not EXPECT_EQ: 1500-byte strings
  EXPECT_TRUE(t.normalized == expected_word + tail);
  ExpectWellFormed(text, t);
}

TEST(TokenizeTest, ManyExpandingWordsInARow) {
  std::string text, expected;
  for (int i = 0; i < 300; ++i) {
    text += "\u01C4x \u01C5 ";
    if (i > 0) expected += ' ';
    expected += "d\u017Ex d\u017E";
  }
  const TokenizedText t = Tokenize(text);
  EXPECT_EQ(t.tokens.size(), 600u);
  EXPECT_EQ(t.normalized, expected);
  ExpectWellFormed(text, t);
}

TEST(TokenizeTest, NormalisedWordsNeverContainASpace) {
  // `normalized` is the words joined by single spaces and shingles hash
  // slices of it, so a space inside one word would make "x ﷺ" (2 words) hash
  // like the 5 separate words "x صلى الله عليه وسلم". Some letters have NFKC
  // forms with a space: U+037A GREEK YPOGEGRAMMENI (Lm) -> " ͅ" -> " ι",
  // U+FDFA ARABIC LIGATURE SALLALLAHOU (Lo) -> "صلى الله عليه وسلم".
  for (std::string_view text : {std::string_view("oe\u037A x"), std::string_view("x \uFDFA"),
                                std::string_view("\u037A")}) {
    const TokenizedText t = Tokenize(text);
    for (size_t i = 0; i < t.tokens.size(); ++i) {
      EXPECT_EQ(t.word(i).find(' '), std::string_view::npos)
          << "word " << i << " of \"" << text << "\" is \"" << t.word(i) << "\"";
    }
    size_t spaces = 0;
    for (char c : t.normalized) spaces += c == ' ';
    EXPECT_EQ(spaces + 1, std::max<size_t>(t.tokens.size(), 1))
        << "normalized \"" << t.normalized << "\" for " << t.tokens.size() << " tokens";
  }
}

// ------------------------------------------------------------ spans and edges

TEST(TokenizeTest, MultiByteCharactersAtTextEdgesGetExactSpans) {
  ExpectTokens("éa b中", Tokenize("éa b中"), {{0, 3, "éa"}, {4, 8, "b中"}});
  ExpectTokens("中文", Tokenize("中文"), {{0, 6, "中文"}});
  ExpectTokens("𝐀", Tokenize("𝐀"), {{0, 4, "a"}});
  ExpectTokens("“x”", Tokenize("“x”"), {{3, 4, "x"}});
  ExpectTokens("Ж", Tokenize("Ж"), {{0, 2, "ж"}});
}

TEST(TokenizeTest, InvalidUtf8BytesSeparateWords) {
  ExpectTokens("abc\xFF" "def", Tokenize("abc\xFF" "def"), {{0, 3, "abc"}, {4, 7, "def"}});
  // Windows-1252 é (0xE9) that slipped through undecoded.
  ExpectTokens("caf\xE9 au", Tokenize("caf\xE9 au"), {{0, 3, "caf"}, {5, 7, "au"}});
  // Truncated sequences, a stray continuation, a surrogate, an overlong.
  ExpectTokens("x\xE2\x82", Tokenize("x\xE2\x82"), {{0, 1, "x"}});
  ExpectTokens("\xC3", Tokenize("\xC3"), {});
  ExpectTokens("a\x80" "b", Tokenize("a\x80" "b"), {{0, 1, "a"}, {2, 3, "b"}});
  ExpectTokens("a\xED\xA0\x80" "b", Tokenize("a\xED\xA0\x80" "b"), {{0, 1, "a"}, {4, 5, "b"}});
  ExpectTokens("a\xC0\xAF" "b", Tokenize("a\xC0\xAF" "b"), {{0, 1, "a"}, {3, 4, "b"}});
  ExpectTokens("a\xE0\x80\xAF" "b", Tokenize("a\xE0\x80\xAF" "b"), {{0, 1, "a"}, {4, 5, "b"}});
  ExpectTokens("a\xF4\x90\x80\x80" "b", Tokenize("a\xF4\x90\x80\x80" "b"),
               {{0, 1, "a"}, {5, 6, "b"}});
  ExpectTokens("é\xE2\x82" "é", Tokenize("é\xE2\x82" "é"), {{0, 2, "é"}, {4, 6, "é"}});
  // An invalid byte after an apostrophe does not let the apostrophe join.
  ExpectTokens("it'\xFFs", Tokenize("it'\xFFs"), {{0, 2, "it"}, {4, 5, "s"}});
}

TEST(TokenizeTest, EmptyAndWhitespaceOnlyTextGiveNoTokens) {
  for (std::string_view text : {std::string_view(""), std::string_view("   \t\n\r\n"),
                                std::string_view("\u00A0\u2009\u3000"),
                                std::string_view("— “ ” … ! ? '"), std::string_view("’’")}) {
    const TokenizedText t = Tokenize(text);
    EXPECT_TRUE(t.tokens.empty()) << "text: " << text;
    EXPECT_EQ(t.normalized, "") << "text: " << text;
  }
}

TEST(TokenizeTest, NormalizedIsWordsJoinedBySingleSpaces) {
  const std::string_view text =
      "  “Straße—ÉCOLE”,\t l’été\u00A0１２３ ... Ｔａｌｉｂａｎ’s   inter\u00ADnational!  ";
  const TokenizedText t = Tokenize(text);
  EXPECT_EQ(t.normalized, "strasse école lété 123 talibans international");
  ExpectWellFormed(text, t);
  std::string joined;
  for (size_t i = 0; i < t.tokens.size(); ++i) {
    if (i > 0) joined += ' ';
    joined += t.word(i);
  }
  EXPECT_EQ(joined, t.normalized);
  // Any run of tokens is contiguous in normalized.
  EXPECT_EQ(std::string_view(t.normalized)
                .substr(t.tokens[1].norm_begin, t.tokens[3].norm_end - t.tokens[1].norm_begin),
            "école lété 123");
}

TEST(TokenizeTest, ReusingOneTokenizedTextGivesTheSameResultAsFreshOnes) {
  const Tokenizer tokenizer(NormalizeOptions{});
  const std::vector<std::string> texts = {
      "A long first text with many words, to leave capacity and stale bytes behind: Ｔａｌｉｂａｎ "
      "Straße ǄǄǄǄ.",
      "short",
      "",
      "Pakistan’s “No Hope”",
      "ǄǄ é",
  };
  const std::vector<std::string> expected_normalized = {
      "a long first text with many words to leave capacity and stale bytes behind taliban strasse "
      "d\u017Ed\u017Ed\u017Ed\u017E",
      "short",
      "",
      "pakistans no hope",
      "d\u017Ed\u017E é",
  };
  TokenizedText reused;
  for (size_t i = 0; i < texts.size(); ++i) {
    tokenizer.Tokenize(texts[i], &reused);
    TokenizedText fresh;
    tokenizer.Tokenize(texts[i], &fresh);
    EXPECT_EQ(reused.normalized, expected_normalized[i]) << "text " << i;
    EXPECT_EQ(reused.normalized, fresh.normalized) << "text " << i;
    ASSERT_EQ(reused.tokens.size(), fresh.tokens.size()) << "text " << i;
    for (size_t k = 0; k < fresh.tokens.size(); ++k) {
      EXPECT_EQ(reused.tokens[k].begin, fresh.tokens[k].begin);
      EXPECT_EQ(reused.tokens[k].end, fresh.tokens[k].end);
      EXPECT_EQ(reused.tokens[k].norm_begin, fresh.tokens[k].norm_begin);
      EXPECT_EQ(reused.tokens[k].norm_end, fresh.tokens[k].norm_end);
    }
  }
  EXPECT_EQ(reused.tokens.size(), 2u);
  EXPECT_EQ(reused.tokens[1].begin, 5u);
}

// -------------------------------------------------------------------- property

// An alphabet of "atoms" whose classification and normal form are known by
// hand. None is a combining mark, so NFKC of a word is the concatenation of
// its atoms' forms, and a simple reference tokenizer gives the expected
// tokens independently of the code under test.
enum class AtomKind { kWord, kJoiner, kSeparator };
struct Atom {
  std::string_view bytes;
  AtomKind kind;
  std::string_view norm;  // for words
};

constexpr Atom kAtoms[] = {
    {"a", AtomKind::kWord, "a"},
    {"b", AtomKind::kWord, "b"},
    {"z", AtomKind::kWord, "z"},
    {"Q", AtomKind::kWord, "q"},
    {"E", AtomKind::kWord, "e"},
    {"7", AtomKind::kWord, "7"},
    {"0", AtomKind::kWord, "0"},
    {"\xC3\xA9", AtomKind::kWord, "\xC3\xA9"},              // é
    {"\xC3\x89", AtomKind::kWord, "\xC3\xA9"},              // É -> é
    {"\xC3\x9F", AtomKind::kWord, "ss"},                    // ß
    {"\xCE\xA3", AtomKind::kWord, "\xCF\x83"},              // Σ -> σ
    {"\xD0\x96", AtomKind::kWord, "\xD0\xB6"},              // Ж -> ж
    {"\xE4\xB8\xAD", AtomKind::kWord, "\xE4\xB8\xAD"},      // 中
    {"\xEF\xBC\xB4", AtomKind::kWord, "t"},                 // Ｔ
    {"\xEF\xBC\x91", AtomKind::kWord, "1"},                 // １
    {"\xEF\xAC\x81", AtomKind::kWord, "fi"},                // ﬁ
    {"\xC7\x84", AtomKind::kWord, "d\xC5\xBE"},             // Ǆ -> dž (grows)
    {"\xF0\x9D\x90\x80", AtomKind::kWord, "a"},             // 𝐀
    {"'", AtomKind::kJoiner, ""},
    {"\xE2\x80\x99", AtomKind::kJoiner, ""},                // ’
    {"\xE2\x80\x98", AtomKind::kJoiner, ""},                // ‘
    {"\xC2\xAD", AtomKind::kJoiner, ""},                    // soft hyphen
    {" ", AtomKind::kSeparator, ""},
    {" ", AtomKind::kSeparator, ""},
    {"\n", AtomKind::kSeparator, ""},
    {",", AtomKind::kSeparator, ""},
    {".", AtomKind::kSeparator, ""},
    {"-", AtomKind::kSeparator, ""},
    {"\"", AtomKind::kSeparator, ""},
    {"\xE2\x80\x93", AtomKind::kSeparator, ""},             // –
    {"\xE2\x80\x94", AtomKind::kSeparator, ""},             // —
    {"\xE2\x80\x9C", AtomKind::kSeparator, ""},             // “
    {"\xC2\xA0", AtomKind::kSeparator, ""},                 // no-break space
    {"\xE2\x80\x89", AtomKind::kSeparator, ""},             // thin space
    {"\xE2\x82\xAC", AtomKind::kSeparator, ""},             // €
    {"\xE2\x80\xA6", AtomKind::kSeparator, ""},             // …
};
constexpr size_t kAtomCount = sizeof(kAtoms) / sizeof(kAtoms[0]);

// The header's rules, applied to a sequence of atoms.
std::vector<Expected> ReferenceTokens(const std::vector<size_t>& atoms) {
  std::vector<Expected> out;
  uint32_t offset = 0;
  std::vector<uint32_t> offsets;
  for (size_t a : atoms) {
    offsets.push_back(offset);
    offset += static_cast<uint32_t>(kAtoms[a].bytes.size());
  }
  offsets.push_back(offset);
  size_t i = 0;
  while (i < atoms.size()) {
    if (kAtoms[atoms[i]].kind != AtomKind::kWord) {
      ++i;
      continue;
    }
    Expected token{offsets[i], 0, ""};
    while (i < atoms.size()) {
      const Atom& atom = kAtoms[atoms[i]];
      if (atom.kind == AtomKind::kWord) {
        token.word += atom.norm;
        ++i;
        token.end = offsets[i];
      } else if (atom.kind == AtomKind::kJoiner && i + 1 < atoms.size() &&
                 kAtoms[atoms[i + 1]].kind == AtomKind::kWord) {
        ++i;
      } else {
        break;
      }
    }
    out.push_back(std::move(token));
  }
  return out;
}

TEST(TokenizeTest, RandomMixedTextsMatchAReferenceTokenizer) {
  std::mt19937 rng(20251110);
  std::uniform_int_distribution<size_t> pick(0, kAtomCount - 1);
  std::uniform_int_distribution<size_t> length(0, 40);
  const Tokenizer tokenizer(NormalizeOptions{});
  TokenizedText t;  // reused on purpose
  for (int iteration = 0; iteration < 4000; ++iteration) {
    std::vector<size_t> atoms(length(rng));
    for (size_t& a : atoms) a = pick(rng);
    std::string text;
    for (size_t a : atoms) text += kAtoms[a].bytes;
    tokenizer.Tokenize(text, &t);
    ASSERT_NO_FATAL_FAILURE(ExpectWellFormed(text, t)) << "text: " << text;
    for (const Token& tok : t.tokens) {
      ASSERT_FALSE(IsContinuationByte(text[tok.begin])) << "text: " << text;
      ASSERT_TRUE(tok.end == text.size() || !IsContinuationByte(text[tok.end])) << "text: " << text;
    }
    const std::vector<Expected> want = ReferenceTokens(atoms);
    ASSERT_NO_FATAL_FAILURE(ExpectTokens(text, t, want));
    if (HasFailure()) break;
  }
}

void ExpectSameTokens(const TokenizedText& got, const TokenizedText& want, const std::string& text) {
  ASSERT_EQ(got.normalized, want.normalized) << "text: " << text;
  ASSERT_EQ(got.tokens.size(), want.tokens.size()) << "text: " << text;
  for (size_t k = 0; k < want.tokens.size(); ++k) {
    ASSERT_EQ(got.tokens[k].begin, want.tokens[k].begin) << "text: " << text;
    ASSERT_EQ(got.tokens[k].end, want.tokens[k].end) << "text: " << text;
    ASSERT_EQ(got.tokens[k].norm_begin, want.tokens[k].norm_begin) << "text: " << text;
    ASSERT_EQ(got.tokens[k].norm_end, want.tokens[k].norm_end) << "text: " << text;
  }
  ASSERT_EQ(got.word_hashes, want.word_hashes) << "text: " << text;
}

// The ASCII fast path has two forms: AVX-512 blocks where the CPU has
// them, SSE2 masks elsewhere. Each test below runs with the wide form
// allowed and with it turned off, so both are checked on any machine.
class AsciiPathTest : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override { internal::AllowAsciiWordsAvx512(GetParam()); }
  void TearDown() override { internal::AllowAsciiWordsAvx512(true); }
};

INSTANTIATE_TEST_SUITE_P(BothAsciiPaths, AsciiPathTest, ::testing::Bool(),
                         [](const auto& test) {
                           return std::string(test.param ? "wide_where_available" : "sse2");
                         });

TEST_P(AsciiPathTest, FastPathGivesExactlyWhatTheByteByBytePathGives) {
  // Words of 1 to 40 letters (the fast path takes under 32), runs of up to
  // 40 separators, and now and then an apostrophe, a non-ASCII letter or
  // quote, or an invalid byte next to a word, anywhere in the text.
  std::mt19937 rng(8);
  const std::vector<std::string> separators = {" ", ", ", ". ", "\n", " - ", "\t", "(", ")"};
  const std::vector<std::string> rare = {"'", "\xE2\x80\x99", "\xC3\xA9", "\xE2\x80\x9C", "\xC2\xAD", "\xFF", "\xEF\xBC\xB4"};
  const Tokenizer tokenizer(NormalizeOptions{});
  TokenizedText fast, reference;
  for (int iteration = 0; iteration < 3000; ++iteration) {
    std::string text;
    const size_t pieces = rng() % 60;
    for (size_t p = 0; p < pieces; ++p) {
      const unsigned roll = rng() % 100;
      if (roll < 8) {
        text += rare[rng() % rare.size()];
      } else if (roll < 12) {
        text.append(rng() % 41, ' ');
      } else {
        const size_t letters = 1 + rng() % (roll < 20 ? 40 : 9);
        for (size_t l = 0; l < letters; ++l) {
          const unsigned c = rng() % 62;
          text += static_cast<char>(c < 26 ? 'a' + c : c < 52 ? 'A' + c - 26 : '0' + c - 52);
        }
        text += separators[rng() % separators.size()];
      }
    }
    tokenizer.Tokenize(text, &fast);
    tokenizer.TokenizeByteByByte(text, &reference);
    ASSERT_NO_FATAL_FAILURE(ExpectSameTokens(fast, reference, text));
    TokenizedText hashes_only;
    tokenizer.HashWords(text, &hashes_only);
    ASSERT_EQ(hashes_only.word_hashes, reference.word_hashes) << "text: " << text;
    EXPECT_TRUE(hashes_only.tokens.empty());
  }
}

TEST_P(AsciiPathTest, WordsOfEveryLengthAtEveryBlockOffsetTokenizeAsTheByteByBytePathDoes) {
  // The widest hashing step takes 64-byte blocks and three forms of XXH3
  // by word length (1-3, 4-8, 9-16 bytes; longer words one by one): a word
  // of each length 1..70 starts at each offset 0..70, then comes the end of
  // the text or one of the bytes that end a block step early.
  const std::vector<std::string> after = {"", " ", ". Next words follow here", "'s own", "\xC3\xA9t\xC3\xA9",
                                          "\xE2\x80\x9D", "'"};
  const Tokenizer tokenizer(NormalizeOptions{});
  TokenizedText hashes_only, tokens, reference;
  for (size_t length = 1; length <= 70; ++length) {
    std::string word;
    for (size_t i = 0; i < length; ++i) word += "AbCdEfGhIj0123456789XyZ"[(i * 7 + length) % 23];
    for (size_t offset = 0; offset <= 70; ++offset) {
      for (const std::string& tail : after) {
        std::string text(offset, ' ');
        for (size_t i = 0; i + 2 <= offset; i += 4) text[i] = 'a';  // short words before it
        text += word + tail;
        tokenizer.HashWords(text, &hashes_only);
        tokenizer.Tokenize(text, &tokens);
        tokenizer.TokenizeByteByByte(text, &reference);
        ASSERT_EQ(hashes_only.word_hashes, reference.word_hashes) << "text: " << text;
        ASSERT_NO_FATAL_FAILURE(ExpectSameTokens(tokens, reference, text));
      }
    }
  }
}

TEST_P(AsciiPathTest, LongTextsOfShortWordsFillManyBatchesAndShortTextsAfterThemReuseTheBuffers) {
  // One-letter words put 32 in a block, so a text of thousands fills the
  // wide path's batches of 128 words to the brim, many times over; now and
  // then an apostrophe or a non-ASCII word ends a batch early. Long and
  // short texts alternate, each result in a reused TokenizedText.
  std::mt19937 rng(64);
  const Tokenizer tokenizer(NormalizeOptions{});
  TokenizedText hashes_only, tokens, reference;
  for (int iteration = 0; iteration < 40; ++iteration) {
    std::string text;
    const size_t words = iteration % 2 == 0 ? 1000 + rng() % 9000 : rng() % 40;
    for (size_t w = 0; w < words; ++w) {
      const unsigned roll = rng() % 500;
      if (roll == 0) {
        text += "don't ";
      } else if (roll == 1) {
        text += "caf\xC3\xA9 ";
      } else if (roll < 20) {
        text += std::string(1 + rng() % 20, static_cast<char>('a' + rng() % 26)) + " ";
      } else {
        text += static_cast<char>('A' + rng() % 26);
        text += ' ';
      }
    }
    tokenizer.HashWords(text, &hashes_only);
    tokenizer.Tokenize(text, &tokens);
    tokenizer.TokenizeByteByByte(text, &reference);
    ASSERT_EQ(hashes_only.word_hashes, reference.word_hashes) << "iteration " << iteration;
    ASSERT_NO_FATAL_FAILURE(ExpectSameTokens(tokens, reference, text)) << "iteration " << iteration;
  }
}

TEST(TokenizeTest, RandomBytesNeverBreakTheSpanInvariants) {
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> byte(0, 255);
  std::uniform_int_distribution<size_t> length(0, 64);
  const Tokenizer tokenizer(NormalizeOptions{.strip_diacritics = true});
  TokenizedText t;
  for (int iteration = 0; iteration < 3000; ++iteration) {
    std::string text(length(rng), '\0');
    for (char& c : text) {
      // Bias towards letters so that words actually form around bad bytes.
      const int b = byte(rng);
      c = static_cast<char>(b < 96 ? 'a' + b % 26 : b);
    }
    tokenizer.Tokenize(text, &t);
    TokenizedText reference, hashes_only;
    tokenizer.TokenizeByteByByte(text, &reference);
    ASSERT_NO_FATAL_FAILURE(ExpectSameTokens(t, reference, text));
    tokenizer.HashWords(text, &hashes_only);
    ASSERT_EQ(hashes_only.word_hashes, reference.word_hashes) << "text: " << text;
    // Random bytes hit U+037A and friends; see NormalisedWordsNeverContainASpace.
    ASSERT_NO_FATAL_FAILURE(ExpectWellFormed(text, t, /*check_words_have_no_space=*/false));
    EXPECT_TRUE(IsValidUtf8(t.normalized));
    for (const Token& tok : t.tokens) {
      // Bytes that are not valid UTF-8 are never part of a word.
      ASSERT_TRUE(IsValidUtf8(text.substr(tok.begin, tok.end - tok.begin)));
    }
  }
}

}  // namespace
}  // namespace reprint
