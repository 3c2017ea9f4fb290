#include "core/align.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/str_join.h"
#include "core/tokenize.h"
#include "gtest/gtest.h"
#include "xxhash.h"

namespace reprint {
namespace {

// ------------------------------------------------------------------ helpers

// Code points before byte offset `bytes`, counted here independently of the
// library: every byte that is not a UTF-8 continuation byte starts one.
uint32_t CodePointsBefore(std::string_view text, size_t bytes) {
  uint32_t count = 0;
  for (size_t i = 0; i < bytes && i < text.size(); ++i) {
    if ((static_cast<uint8_t>(text[i]) & 0xC0) != 0x80) ++count;
  }
  return count;
}

bool IsAsciiAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

std::string_view Slice(std::string_view text, const TextSpan& span) {
  return text.substr(span.byte_begin, span.byte_end - span.byte_begin);
}

std::vector<std::string> NormalisedWords(std::string_view text) {
  TokenizedText tokens;
  Tokenizer(NormalizeOptions{}).Tokenize(text, &tokens);
  std::vector<std::string> words;
  for (size_t i = 0; i < tokens.tokens.size(); ++i) words.emplace_back(tokens.word(i));
  return words;
}

std::string Join(const std::vector<std::string>& words, size_t begin, size_t end) {
  std::string out;
  for (size_t i = begin; i < end; ++i) {
    if (i > begin) out += ' ';
    out += words[i];
  }
  return out;
}

// One side of a passage: a valid, word-aligned span whose code-point
// offsets and word count match what the text itself says.
void ExpectWellFormedSpan(std::string_view text, const TextSpan& span, uint32_t words,
                          const char* side) {
  SCOPED_TRACE(side);
  ASSERT_LT(span.byte_begin, span.byte_end);
  ASSERT_LE(span.byte_end, text.size());
  // Word boundaries: no letter or digit glued on either side.
  if (span.byte_begin > 0) {
    EXPECT_FALSE(IsAsciiAlnum(text[span.byte_begin - 1]));
  }
  if (span.byte_end < text.size()) {
    EXPECT_FALSE(IsAsciiAlnum(text[span.byte_end]));
  }
  // ... and, for non-ASCII letters, the span starts and ends on token edges.
  TokenizedText tokens;
  Tokenizer(NormalizeOptions{}).Tokenize(text, &tokens);
  bool starts_on_token = false, ends_on_token = false;
  for (const Token& t : tokens.tokens) {
    starts_on_token |= t.begin == span.byte_begin;
    ends_on_token |= t.end == span.byte_end;
  }
  EXPECT_TRUE(starts_on_token) << "span begins mid-word at byte " << span.byte_begin;
  EXPECT_TRUE(ends_on_token) << "span ends mid-word at byte " << span.byte_end;
  EXPECT_EQ(span.char_begin, CodePointsBefore(text, span.byte_begin));
  EXPECT_EQ(span.char_end, CodePointsBefore(text, span.byte_end));
  EXPECT_EQ(words, NormalisedWords(Slice(text, span)).size());
}

// Applies the edit script to passage a's words and checks it yields passage
// b's words, with every position, count and from/to string consistent.
void ExpectEditScriptTurnsAIntoB(const std::vector<std::string>& wa,
                                 const std::vector<std::string>& wb,
                                 const std::vector<Edit>& edits) {
  std::vector<std::string> out;
  size_t i = 0, j = 0;
  for (const Edit& e : edits) {
    ASSERT_GE(e.a_word, i) << "edits out of order";
    const size_t same = e.a_word - i;
    ASSERT_EQ(e.b_word, j + same) << "b_word inconsistent with a_word";
    for (size_t k = 0; k < same; ++k, ++i, ++j) {
      ASSERT_LT(i, wa.size());
      ASSERT_LT(j, wb.size());
      EXPECT_EQ(wa[i], wb[j]) << "unedited words differ at a " << i << ", b " << j;
      out.push_back(wa[i]);
    }
    switch (e.op) {
      case Edit::Op::kSubstitute:
        EXPECT_GT(e.a_count, 0u);
        EXPECT_GT(e.b_count, 0u);
        break;
      case Edit::Op::kInsert:
        EXPECT_EQ(e.a_count, 0u);
        EXPECT_GT(e.b_count, 0u);
        break;
      case Edit::Op::kDelete:
        EXPECT_GT(e.a_count, 0u);
        EXPECT_EQ(e.b_count, 0u);
        break;
    }
    ASSERT_LE(e.a_word + e.a_count, wa.size());
    ASSERT_LE(e.b_word + e.b_count, wb.size());
    EXPECT_EQ(e.from, Join(wa, e.a_word, e.a_word + e.a_count));
    EXPECT_EQ(e.to, Join(wb, e.b_word, e.b_word + e.b_count));
    for (size_t k = 0; k < e.b_count; ++k) out.push_back(wb[e.b_word + k]);
    i = e.a_word + e.a_count;
    j = e.b_word + e.b_count;
  }
  ASSERT_EQ(wa.size() - i, wb.size() - j) << "tails after the last edit differ in length";
  for (; i < wa.size(); ++i, ++j) {
    EXPECT_EQ(wa[i], wb[j]);
    out.push_back(wa[i]);
  }
  EXPECT_EQ(out, wb);
}

// The invariants every passage of every alignment must satisfy.
void ExpectWellFormed(std::string_view a, std::string_view b, const std::vector<Passage>& passages) {
  for (size_t p = 0; p < passages.size(); ++p) {
    SCOPED_TRACE("passage " + std::to_string(p));
    const Passage& passage = passages[p];
    ExpectWellFormedSpan(a, passage.a, passage.words_a, "side a");
    ExpectWellFormedSpan(b, passage.b, passage.words_b, "side b");
    EXPECT_GE(passage.words_a, 15u);
    EXPECT_GE(passage.words_b, 15u);
    EXPECT_GE(passage.similarity, 0.0);
    EXPECT_LE(passage.similarity, 1.0);
    const std::vector<std::string> wa = NormalisedWords(Slice(a, passage.a));
    const std::vector<std::string> wb = NormalisedWords(Slice(b, passage.b));
    if (passage.kind == Passage::Kind::kVerbatim) {
      EXPECT_EQ(wa, wb) << "verbatim passage with different words";
      EXPECT_EQ(passage.similarity, 1.0);
      EXPECT_TRUE(passage.edits.empty());
    } else {
      EXPECT_NE(wa, wb) << "identical words reported as rewritten";
      if (passage.edits_complete) ExpectEditScriptTurnsAIntoB(wa, wb, passage.edits);
    }
    if (p > 0) {
      EXPECT_LE(passages[p - 1].a.byte_end, passage.a.byte_begin)
          << "passages out of order or overlapping in a";
    }
  }
}

// Owns both texts so that the AlignableTexts' views stay valid.
struct Alignment {
  std::string a_text;
  std::string b_text;
  std::vector<Passage> passages;

  std::string_view SliceA(size_t p) const { return Slice(a_text, passages[p].a); }
  std::string_view SliceB(size_t p) const { return Slice(b_text, passages[p].b); }
};

Alignment Align(std::string a, std::string b) {
  Alignment out{std::move(a), std::move(b), {}};
  const AlignableText ta = PrepareForAlignment(out.a_text, NormalizeOptions{});
  const AlignableText tb = PrepareForAlignment(out.b_text, NormalizeOptions{});
  out.passages = AlignPassages(ta, tb, AlignOptions{});
  ExpectWellFormed(out.a_text, out.b_text, out.passages);
  return out;
}

// The text from the first byte of `first` to the last byte of `last`, as a
// hand-marked span: [begin, end).
struct Marked {
  size_t begin;
  size_t end;
};
Marked Mark(std::string_view text, std::string_view passage) {
  const size_t begin = text.find(passage);
  EXPECT_NE(begin, std::string_view::npos) << "test bug: passage not in text";
  EXPECT_EQ(text.find(passage, begin + 1), std::string_view::npos) << "test bug: passage twice";
  return {begin, begin + passage.size()};
}

double OverlapFraction(const TextSpan& found, Marked truth) {
  const size_t lo = std::max<size_t>(found.byte_begin, truth.begin);
  const size_t hi = std::min<size_t>(found.byte_end, truth.end);
  return hi > lo ? static_cast<double>(hi - lo) / static_cast<double>(truth.end - truth.begin) : 0;
}

// ------------------------------------------------------------------ texts

// The copied article of most tests: four sentences, 77 words.
const char kBridge[] =
    "The city council voted on Tuesday to close the old harbour bridge for repairs after "
    "engineers found deep cracks in two of its steel supports. The closure will last at least "
    "six months, and ferry services will run every twenty minutes to carry commuters across the "
    "river. Local shop owners said they feared losing customers during the busy summer season. "
    "The mayor promised an emergency fund to help businesses that can show a sharp drop in trade.";

// kBridge with a word replaced every 4 to 6 words (15 in all, one for one).
const char kBridgeReworded[] =
    "The city assembly voted on Tuesday to shut the old harbour bridge for works after "
    "engineers found deep fractures in two of its iron supports. The closure will continue at "
    "least six months, and boat services will run every thirty minutes to carry commuters over "
    "the river. Local store owners said they feared losing shoppers during the busy holiday "
    "season. The mayor pledged an emergency fund to help firms that can show a sharp fall in "
    "trade.";

const char kFloods[] =
    "Heavy monsoon rains have flooded dozens of villages in the northern province, forcing "
    "thousands of families to leave their homes. Rescue workers used boats to reach residents "
    "stranded on rooftops, and army helicopters dropped food parcels and drinking water. "
    "Meteorologists warned that more storms were expected before the weekend.\n\n"
    "Farmers fear that the rice harvest, due to begin next month, has been ruined in the "
    "lowland districts. Agricultural officials estimated that nearly half of the planted fields "
    "lie under water.";

const char kChess[] =
    "A sixteen-year-old grandmaster from Norway stunned the chess world on Friday by defeating "
    "the reigning champion in a blitz tournament in Berlin. She sacrificed her queen early in "
    "the final game and forced checkmate within forty moves. Commentators called it one of the "
    "most creative attacking performances of the decade.\n\n"
    "The young player, who learned the game from her grandfather, will now compete in the "
    "candidates event scheduled for the spring.";

// Host paragraphs before and after copied material.
const char kHostBefore[] =
    "Shares in technology companies fell sharply on Wednesday as investors worried about rising "
    "interest rates and slowing consumer demand. The main index closed almost three percent "
    "lower, its worst day since the spring.\n\n"
    "Analysts at several banks cut their forecasts for semiconductor makers, citing weaker "
    "orders from smartphone manufacturers. One fund manager described the mood on trading "
    "floors as nervous but not panicked.\n\n"
    "Currency markets were calmer, with the dollar little changed against the euro and the yen "
    "after a week of sharp swings.\n\n";

const char kHostAfter[] =
    "\n\nOil prices edged higher after producers signalled that output cuts would be extended "
    "into next year. Brent crude rose to its highest level in two months.\n\n"
    "Gold, often seen as a safe haven, gained for a fourth consecutive session, while copper "
    "slipped on concerns about construction activity in Asia.\n\n"
    "Bond yields retreated from their recent peaks as traders reassessed the likely path of "
    "central bank policy over the coming quarters.";

const char kOtherBefore[] =
    "The national football team announced its squad for the autumn qualifiers on Thursday, "
    "recalling two veteran defenders who had missed the summer friendlies through injury.\n\n"
    "The coach said he expected a difficult away match against the group leaders, whose "
    "stadium is notoriously loud.\n\n";

const char kOtherAfter[] =
    "\n\nTickets for the home fixture sold out within an hour of going on sale, according to "
    "the federation. Supporters' groups have asked for a second allocation.\n\n"
    "Training camp begins on Monday at the academy outside the capital.";

// A 55-word paragraph of three sentences about a subject neither host has.
const char kParagraph[] =
    "Archaeologists digging beneath a car park in the medieval quarter have uncovered a "
    "remarkably preserved wooden boat that may be more than nine hundred years old. The vessel "
    "was buried in thick clay, which kept out the oxygen that normally destroys timber. "
    "Specialists will spend months drying the planks before it can go on display";

// A 31-word statement of three sentences.
const char kStatement[] =
    "We will not accept any agreement that leaves our fishermen worse off than they are today. "
    "Our coastal towns depend on these waters. The government must stand firm in the talks";

// ------------------------------------------------------------------ verbatim

TEST(AlignTest, WholeArticleCopiedVerbatimIsOnePassageCoveringFirstToLastWord) {
  const Alignment r = Align(kBridge, kBridge);
  ASSERT_EQ(r.passages.size(), 1u);
  const Passage& p = r.passages[0];
  EXPECT_EQ(p.kind, Passage::Kind::kVerbatim);
  EXPECT_STREQ(PassageKindName(p.kind), "verbatim");
  EXPECT_EQ(p.similarity, 1.0);
  EXPECT_TRUE(p.edits.empty());
  EXPECT_TRUE(p.edits_complete);
  EXPECT_FALSE(p.quoted);
  // From "The" to "trade": the final full stop is not a word.
  const std::string_view text = kBridge;
  const std::string_view expected = text.substr(0, text.size() - 1);
  EXPECT_EQ(r.SliceA(0), expected);
  EXPECT_EQ(r.SliceB(0), expected);
  EXPECT_EQ(p.a.byte_begin, 0u);
  EXPECT_EQ(p.a.byte_end, text.size() - 1);
  EXPECT_EQ(p.a.char_begin, 0u);
  EXPECT_EQ(p.a.char_end, text.size() - 1);  // all ASCII
  EXPECT_EQ(p.words_a, 77u);
  EXPECT_EQ(p.words_b, 77u);
}

TEST(AlignTest, VerbatimCopyWithDifferentPunctuationAndCaseIsStillVerbatim) {
  // Normalised words are equal; only the original spans differ.
  const std::string upper =
      "THE CITY COUNCIL VOTED ON TUESDAY TO CLOSE THE OLD HARBOUR BRIDGE FOR REPAIRS AFTER "
      "ENGINEERS FOUND DEEP CRACKS IN TWO OF ITS STEEL SUPPORTS!";
  const std::string lower =
      "The city council voted on Tuesday to close the old harbour bridge for repairs, after "
      "engineers found deep cracks in two of its steel supports.";
  const Alignment r = Align(upper, lower);
  ASSERT_EQ(r.passages.size(), 1u);
  EXPECT_EQ(r.passages[0].kind, Passage::Kind::kVerbatim);
  EXPECT_EQ(r.SliceA(0), upper.substr(0, upper.size() - 1));
  EXPECT_EQ(r.SliceB(0), lower.substr(0, lower.size() - 1));
  EXPECT_EQ(r.passages[0].words_a, 25u);
}

// ------------------------------------------------------------------ substitutions

TEST(AlignTest, SubstitutionEveryFiveWordsGivesHandCheckedEditScript) {
  // a's words: Rescue0 teams1 searched2 the3 flooded4 valley5 on6 Sunday7 for8
  // three9 missing10 hikers11 Officials12 said13 heavy14 rain15 had16 washed17
  // away18 the19 only20 road21 into22 the23 park24.
  const std::string a =
      "Rescue teams searched the flooded valley on Sunday for three missing hikers. Officials "
      "said heavy rain had washed away the only road into the park.";
  const std::string b =
      "Rescue teams searched the muddy valley on Sunday for two missing hikers. Officials said "
      "torrential rain had washed out the only road to the park.";
  const Alignment r = Align(a, b);
  ASSERT_EQ(r.passages.size(), 1u);
  const Passage& p = r.passages[0];
  EXPECT_EQ(p.kind, Passage::Kind::kRewritten);
  EXPECT_STREQ(PassageKindName(p.kind), "rewritten");
  EXPECT_EQ(p.words_a, 25u);
  EXPECT_EQ(p.words_b, 25u);
  EXPECT_DOUBLE_EQ(p.similarity, 2.0 * 20 / 50);  // 20 of 25 words kept on each side
  EXPECT_EQ(r.SliceA(0), a.substr(0, a.size() - 1));
  EXPECT_EQ(r.SliceB(0), b.substr(0, b.size() - 1));
  ASSERT_TRUE(p.edits_complete);
  struct Want {
    uint32_t word;
    const char* from;
    const char* to;
  };
  const std::vector<Want> want = {{4, "flooded", "muddy"},
                                  {9, "three", "two"},
                                  {14, "heavy", "torrential"},
                                  {18, "away", "out"},
                                  {22, "into", "to"}};
  ASSERT_EQ(p.edits.size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(p.edits[i].op, Edit::Op::kSubstitute);
    EXPECT_STREQ(EditOpName(p.edits[i].op), "substitute");
    EXPECT_EQ(p.edits[i].a_word, want[i].word);
    EXPECT_EQ(p.edits[i].a_count, 1u);
    EXPECT_EQ(p.edits[i].b_word, want[i].word);
    EXPECT_EQ(p.edits[i].b_count, 1u);
    EXPECT_EQ(p.edits[i].from, want[i].from);
    EXPECT_EQ(p.edits[i].to, want[i].to);
  }
}

TEST(AlignTest, SubstitutionEveryFifthWordOfWholeArticleIsRewrittenWithHighSimilarity) {
  const Alignment r = Align(kBridge, kBridgeReworded);
  ASSERT_EQ(r.passages.size(), 1u);
  const Passage& p = r.passages[0];
  EXPECT_EQ(p.kind, Passage::Kind::kRewritten);
  EXPECT_LT(p.similarity, 1.0);
  EXPECT_GE(p.similarity, 0.75);
  // The passage covers both articles from first word to last.
  const std::string_view a = kBridge, b = kBridgeReworded;
  EXPECT_EQ(r.SliceA(0), a.substr(0, a.size() - 1));
  EXPECT_EQ(r.SliceB(0), b.substr(0, b.size() - 1));
  // Expected substitutions: the positions where the word lists differ,
  // which are one-for-one here (same word count).
  const std::vector<std::string> wa = NormalisedWords(a), wb = NormalisedWords(b);
  ASSERT_EQ(wa.size(), wb.size());
  std::vector<uint32_t> differ;
  for (uint32_t i = 0; i < wa.size(); ++i) {
    if (wa[i] != wb[i]) differ.push_back(i);
  }
  ASSERT_EQ(differ.size(), 15u);  // test sanity: 15 words replaced in 77
  EXPECT_DOUBLE_EQ(p.similarity, 2.0 * (77 - 15) / (2 * 77));
  ASSERT_TRUE(p.edits_complete);
  ASSERT_EQ(p.edits.size(), differ.size());
  for (size_t i = 0; i < differ.size(); ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(p.edits[i].op, Edit::Op::kSubstitute);
    EXPECT_EQ(p.edits[i].a_word, differ[i]);
    EXPECT_EQ(p.edits[i].b_word, differ[i]);
    EXPECT_EQ(p.edits[i].from, wa[differ[i]]);
    EXPECT_EQ(p.edits[i].to, wb[differ[i]]);
  }
}

// ------------------------------------------------------------------ insert / delete

TEST(AlignTest, InsertedAndDeletedWordsGiveInsertAndDeleteEdits) {
  // a: The0 museum1 will2 reopen3 its4 main5 gallery6 next7 month8 after9 a10
  //    long11 renovation12 Visitors13 will14 see15 the16 ... decade26
  // b: inserts "early" before "next", drops "long", inserts "finally" before "see".
  const std::string a =
      "The museum will reopen its main gallery next month after a long renovation. Visitors "
      "will see the restored ceiling paintings for the first time in a decade.";
  const std::string b =
      "The museum will reopen its main gallery early next month after a renovation. Visitors "
      "will finally see the restored ceiling paintings for the first time in a decade.";
  const Alignment r = Align(a, b);
  ASSERT_EQ(r.passages.size(), 1u);
  const Passage& p = r.passages[0];
  EXPECT_EQ(p.kind, Passage::Kind::kRewritten);
  EXPECT_EQ(p.words_a, 27u);
  EXPECT_EQ(p.words_b, 28u);
  EXPECT_DOUBLE_EQ(p.similarity, 2.0 * 26 / 55);
  ASSERT_TRUE(p.edits_complete);
  ASSERT_EQ(p.edits.size(), 3u);

  EXPECT_EQ(p.edits[0].op, Edit::Op::kInsert);
  EXPECT_STREQ(EditOpName(p.edits[0].op), "insert");
  EXPECT_EQ(p.edits[0].a_word, 7u);
  EXPECT_EQ(p.edits[0].a_count, 0u);
  EXPECT_EQ(p.edits[0].b_word, 7u);
  EXPECT_EQ(p.edits[0].b_count, 1u);
  EXPECT_EQ(p.edits[0].from, "");
  EXPECT_EQ(p.edits[0].to, "early");

  EXPECT_EQ(p.edits[1].op, Edit::Op::kDelete);
  EXPECT_STREQ(EditOpName(p.edits[1].op), "delete");
  EXPECT_EQ(p.edits[1].a_word, 11u);
  EXPECT_EQ(p.edits[1].a_count, 1u);
  EXPECT_EQ(p.edits[1].b_word, 12u);
  EXPECT_EQ(p.edits[1].b_count, 0u);
  EXPECT_EQ(p.edits[1].from, "long");
  EXPECT_EQ(p.edits[1].to, "");

  EXPECT_EQ(p.edits[2].op, Edit::Op::kInsert);
  EXPECT_EQ(p.edits[2].a_word, 15u);
  EXPECT_EQ(p.edits[2].b_word, 15u);
  EXPECT_EQ(p.edits[2].b_count, 1u);
  EXPECT_EQ(p.edits[2].to, "finally");
}

TEST(AlignTest, DeletedRunOfWordsIsOneDeleteEdit) {
  // b drops the three words "for urgent repairs".
  const std::string a =
      "The city council voted on Tuesday to close the old harbour bridge for urgent repairs "
      "after engineers found deep cracks in two of its steel supports.";
  const std::string b =
      "The city council voted on Tuesday to close the old harbour bridge after engineers found "
      "deep cracks in two of its steel supports.";
  // a: ... bridge11 for12 urgent13 repairs14 after15 ...; b: bridge11 after12.
  const Alignment r = Align(a, b);
  ASSERT_EQ(r.passages.size(), 1u);
  const Passage& p = r.passages[0];
  ASSERT_EQ(p.edits.size(), 1u);
  EXPECT_EQ(p.edits[0].op, Edit::Op::kDelete);
  EXPECT_EQ(p.edits[0].a_word, 12u);
  EXPECT_EQ(p.edits[0].a_count, 3u);
  EXPECT_EQ(p.edits[0].b_word, 12u);
  EXPECT_EQ(p.edits[0].b_count, 0u);
  EXPECT_EQ(p.edits[0].from, "for urgent repairs");
  EXPECT_EQ(p.words_a, 26u);
  EXPECT_EQ(p.words_b, 23u);
}

// ------------------------------------------------------------------ reorder

TEST(AlignTest, SwappedSentencesAreFoundAsOnePassageCoveringBoth) {
  const std::string s1 =
      "The city council voted on Tuesday to close the old harbour bridge for repairs after "
      "engineers found deep cracks in two of its steel supports.";
  const std::string s2 =
      "The closure will last at least six months, and ferry services will run every twenty "
      "minutes to carry commuters across the river.";
  const std::string s3 =
      "Local shop owners said they feared losing customers during the busy summer season.";
  const std::string s4 =
      "The mayor promised an emergency fund to help businesses that can show a sharp drop in "
      "trade.";
  const std::string a = s1 + " " + s2 + " " + s3 + " " + s4;
  const std::string b = s1 + " " + s3 + " " + s2 + " " + s4;  // s2 and s3 swapped
  const Alignment r = Align(a, b);
  ASSERT_EQ(r.passages.size(), 1u) << "reordered text split into several passages";
  const Passage& p = r.passages[0];
  EXPECT_EQ(r.SliceA(0), a.substr(0, a.size() - 1));
  EXPECT_EQ(r.SliceB(0), b.substr(0, b.size() - 1));
  EXPECT_EQ(p.kind, Passage::Kind::kRewritten);  // same words, different order
  EXPECT_EQ(p.words_a, 77u);
  EXPECT_EQ(p.words_b, 77u);
  EXPECT_DOUBLE_EQ(p.similarity, 1.0);  // the word multisets are equal
}

TEST(AlignTest, SwappedSentencesInsideHostArticleStayWithinTheSwappedSentences) {
  const std::string s1 =
      "Archaeologists digging beneath a car park in the medieval quarter have uncovered a "
      "remarkably preserved wooden boat that may be more than nine hundred years old.";
  const std::string s2 =
      "The vessel was buried in thick clay, which kept out the oxygen that normally destroys "
      "timber.";
  const std::string a = std::string(kHostBefore) + s1 + " " + s2 + kHostAfter;
  const std::string b = std::string(kOtherBefore) + s2 + " " + s1 + kOtherAfter;
  const Alignment r = Align(a, b);
  ASSERT_EQ(r.passages.size(), 1u);
  EXPECT_EQ(r.SliceA(0), s1 + " " + s2.substr(0, s2.size() - 1));
  EXPECT_EQ(r.SliceB(0), s2 + " " + s1.substr(0, s1.size() - 1));
}

// ------------------------------------------------------------------ embedded

TEST(AlignTest, ParagraphEmbeddedInUnrelatedArticlesIsOnePassageTrimmedToItsWords) {
  const std::string a = std::string(kHostBefore) + kParagraph + "." + kHostAfter;
  const std::string b = std::string(kOtherBefore) + kParagraph + "." + kOtherAfter;
  ASSERT_EQ(NormalisedWords(kParagraph).size(), 55u);
  const Alignment r = Align(a, b);
  ASSERT_EQ(r.passages.size(), 1u);
  const Passage& p = r.passages[0];
  const std::string_view para = kParagraph;
  // Starts with its first word and ends with its last.
  EXPECT_TRUE(r.SliceA(0).starts_with("Archaeologists")) << r.SliceA(0);
  EXPECT_TRUE(r.SliceA(0).ends_with("display")) << r.SliceA(0);
  EXPECT_TRUE(r.SliceB(0).starts_with("Archaeologists")) << r.SliceB(0);
  EXPECT_TRUE(r.SliceB(0).ends_with("display")) << r.SliceB(0);
  EXPECT_GE(OverlapFraction(p.a, Mark(a, para)), 0.9);
  EXPECT_GE(OverlapFraction(p.b, Mark(b, para)), 0.9);
  // Hand-marked: exactly the paragraph, in both.
  EXPECT_EQ(p.a.byte_begin, std::string_view(kHostBefore).size());
  EXPECT_EQ(p.b.byte_begin, std::string_view(kOtherBefore).size());
  EXPECT_EQ(r.SliceA(0), para);
  EXPECT_EQ(r.SliceB(0), para);
  EXPECT_EQ(p.words_a, 55u);
  EXPECT_EQ(p.kind, Passage::Kind::kVerbatim);
  EXPECT_FALSE(p.quoted);
}

TEST(AlignTest, ParagraphEmbeddedInHostAgainstStandaloneSourceIsFoundInTheHost) {
  const std::string source = std::string(kParagraph) + ".";
  const std::string host = std::string(kHostBefore) + source + kHostAfter;
  const Alignment r = Align(host, source);
  ASSERT_EQ(r.passages.size(), 1u);
  EXPECT_EQ(r.SliceA(0), std::string_view(kParagraph));
  EXPECT_EQ(r.SliceB(0), std::string_view(kParagraph));
  EXPECT_EQ(r.passages[0].a.char_begin, std::string_view(kHostBefore).size());  // ASCII
}

TEST(AlignTest, AttributionAddedAfterCopiedParagraphIsTrimmedOff) {
  // The copy ends its last sentence with ", the museum said." -- "the" is a
  // word of the paragraph, but "the museum said" was not copied, so the
  // passage must still end at "display" and stay verbatim.
  const std::string a = std::string(kHostBefore) + kParagraph + "." + kHostAfter;
  const std::string b =
      std::string(kOtherBefore) + kParagraph + ", the museum said." + kOtherAfter;
  const Alignment r = Align(a, b);
  ASSERT_EQ(r.passages.size(), 1u);
  EXPECT_EQ(r.SliceA(0), std::string_view(kParagraph));
  EXPECT_EQ(r.SliceB(0), std::string_view(kParagraph));
  EXPECT_EQ(r.passages[0].words_b, 55u);
  EXPECT_EQ(r.passages[0].kind, Passage::Kind::kVerbatim);
}

TEST(AlignTest, QuoteFollowedByAttributionIsTrimmedToTheQuote) {
  const std::string a = std::string(kHostBefore) + "The minister spoke to reporters. \"" +
                        kStatement + ".\" Officials declined to comment further." + kHostAfter;
  const std::string b = std::string(kOtherBefore) + "Asked about the dispute, she replied. \"" +
                        kStatement + ",\" she told the crowd." + kOtherAfter;
  const Alignment r = Align(a, b);
  ASSERT_EQ(r.passages.size(), 1u);
  EXPECT_EQ(r.SliceA(0), std::string_view(kStatement));
  EXPECT_EQ(r.SliceB(0), std::string_view(kStatement));
  EXPECT_EQ(r.passages[0].kind, Passage::Kind::kVerbatim);
  EXPECT_TRUE(r.passages[0].quoted);
}

TEST(AlignTest, TwoParagraphsCopiedFarApartAreTwoPassagesInOrder) {
  const std::string para2 =
      "Rescue teams searched the flooded valley on Sunday for three missing hikers. Officials "
      "said heavy rain had washed away the only road into the park";
  const std::string a = std::string(kHostBefore) + kParagraph + "." + kHostAfter + "\n\n" +
                        kHostBefore + para2 + ".";
  const std::string b = para2 + ".\n\n" + kOtherBefore + kChess + "\n\n" + kFloods + "\n\n" +
                        kParagraph + "." + kOtherAfter;
  const Alignment r = Align(a, b);
  ASSERT_EQ(r.passages.size(), 2u);
  EXPECT_EQ(r.SliceA(0), std::string_view(kParagraph));
  EXPECT_EQ(r.SliceA(1), para2);
  EXPECT_EQ(r.SliceB(0), std::string_view(kParagraph));
  EXPECT_EQ(r.SliceB(1), para2);
}

// ------------------------------------------------------------------ whole copies

// Copies with light edits are aligned by a word-level diff anchored on words
// both texts use once, without sentences; whatever that cannot take whole
// falls back to the sentence method. Both routes must give the same kind of
// answer.

TEST(AlignTest, CopyWithNewDatelineAndTrimmedEndIsOnePassageFromFirstToLastSharedWord) {
  const std::string body = std::string(kBridge);
  const std::string a = body;
  // A dateline added, one word substituted, the last sentence dropped.
  std::string b = "LONDON (Wire) - " + body;
  b.replace(b.find("bridge"), 6, "crossing");
  b = b.substr(0, b.rfind(". ") + 1);
  const Alignment r = Align(a, b);
  ASSERT_EQ(r.passages.size(), 1u);
  const Passage& p = r.passages[0];
  EXPECT_EQ(p.kind, Passage::Kind::kRewritten);
  EXPECT_EQ(r.SliceB(0), b.substr(16, b.size() - 17)) << "the dateline is outside the passage";
  // "crossing" is two bytes longer than "bridge".
  EXPECT_EQ(r.SliceA(0), a.substr(0, r.SliceB(0).size() - 2)) << "a's span ends where b's text does";
  ASSERT_EQ(p.edits.size(), 1u);
  EXPECT_EQ(p.edits[0].op, Edit::Op::kSubstitute);
  EXPECT_EQ(p.edits[0].from, "bridge");
  EXPECT_EQ(p.edits[0].to, "crossing");
}

TEST(AlignTest, CopyWithASentenceInsertedIsOnePassageWithTheInsertionAsOneEdit) {
  // 20 words added mid-copy: longer than a passage on one side, nothing on
  // the other, so no second passage can hide there.
  const std::string added =
      "Engineers from three private firms will inspect every other bridge in the district before the "
      "winter storms arrive next year.";
  ASSERT_EQ(NormalisedWords(added).size(), 20u);
  const std::string a = kBridge;
  std::string b = a;
  const size_t at = b.find("Local shop owners");
  b.insert(at, added + " ");
  const Alignment r = Align(a, b);
  ASSERT_EQ(r.passages.size(), 1u);
  EXPECT_EQ(r.SliceA(0), a.substr(0, a.size() - 1)) << "all of a, but the final full stop";
  EXPECT_EQ(r.SliceB(0), b.substr(0, b.size() - 1));
  const Passage& p = r.passages[0];
  EXPECT_EQ(p.kind, Passage::Kind::kRewritten);
  ASSERT_EQ(p.edits.size(), 1u);
  EXPECT_EQ(p.edits[0].op, Edit::Op::kInsert);
  EXPECT_EQ(p.edits[0].to, absl::StrJoin(NormalisedWords(added), " "));
  EXPECT_EQ(b.substr(p.edits[0].b_byte_begin, p.edits[0].b_byte_end - p.edits[0].b_byte_begin),
            added.substr(0, added.size() - 1));
  // Dropped instead: the same passage the other way round, one deletion.
  const Alignment back = Align(b, a);
  ASSERT_EQ(back.passages.size(), 1u);
  ASSERT_EQ(back.passages[0].edits.size(), 1u);
  EXPECT_EQ(back.passages[0].edits[0].op, Edit::Op::kDelete);
  EXPECT_EQ(back.passages[0].edits[0].from, p.edits[0].to);
}

TEST(AlignTest, ParagraphPastedIntoACopyEndsThePassageOnEitherSideOfIt) {
  // A copy of kChess + kBridge with kParagraph (55 words no other text
  // holds) pasted between them: two passages, and the pasted words in
  // neither, rather than one passage with the paste as a 55-word insertion.
  const std::string a = std::string(kChess) + "\n\n" + kBridge;
  const std::string b = std::string(kChess) + "\n\n" + kParagraph + ".\n\n" + kBridge;
  const Alignment r = Align(a, b);
  ASSERT_EQ(r.passages.size(), 2u);
  EXPECT_EQ(r.SliceB(0), std::string_view(kChess).substr(0, std::string_view(kChess).size() - 1));
  EXPECT_EQ(r.SliceB(1), std::string_view(kBridge).substr(0, std::string_view(kBridge).size() - 1));
  const Marked pasted = Mark(b, kParagraph);
  for (const Passage& p : r.passages) {
    EXPECT_EQ(OverlapFraction(p.b, pasted), 0.0);
    EXPECT_EQ(p.kind, Passage::Kind::kVerbatim);
  }
  // Dropped instead (the same texts the other way round): the same two passages.
  const Alignment back = Align(b, a);
  ASSERT_EQ(back.passages.size(), 2u);
  EXPECT_EQ(back.SliceA(0), r.SliceB(0));
  EXPECT_EQ(back.SliceA(1), r.SliceB(1));
}

TEST(AlignTest, PastedParagraphStaysAnEditOnlyWhenBreakingIsOff) {
  const std::string a = std::string(kChess) + "\n\n" + kBridge;
  const std::string b = std::string(kChess) + "\n\n" + kParagraph + ".\n\n" + kBridge;
  const AlignableText ta = PrepareForAlignment(a, NormalizeOptions{});
  const AlignableText tb = PrepareForAlignment(b, NormalizeOptions{});
  AlignOptions never;
  never.break_words = 0;
  const std::vector<Passage> whole = AlignPassages(ta, tb, never);
  ASSERT_EQ(whole.size(), 1u);
  EXPECT_EQ(whole[0].words_b - whole[0].words_a, 55u) << "the paste is inside, as edits";
  // A break length well above the paste's 55 words keeps it inside too.
  AlignOptions longer;
  longer.break_words = 100;
  EXPECT_EQ(AlignPassages(ta, tb, longer).size(), 1u);
  EXPECT_EQ(AlignPassages(ta, tb, AlignOptions{}).size(), 2u);
}

TEST(AlignTest, ParagraphPastedOverAShortSentenceStillPartsTheTexts) {
  // kBridge's third sentence (14 words) replaced by kParagraph's 55: the
  // run opposite is under half as long, so the texts part there.
  std::string b = kBridge;
  const std::string third = "Local shop owners said they feared losing customers during the busy summer season.";
  b.replace(b.find(third), third.size(), std::string(kParagraph) + ".");
  const Alignment r = Align(kBridge, b);
  ASSERT_EQ(r.passages.size(), 2u) << "both stretches around the paste are 15+ words";
  for (const Passage& p : r.passages) EXPECT_EQ(OverlapFraction(p.b, Mark(b, kParagraph)), 0.0);
}

TEST(AlignTest, ParagraphPastedWhereAnotherWasDroppedPartsTheTexts) {
  // a's 31-word sentence gives way in b to kParagraph's 55 words: runs of
  // like length facing each other, but sharing no content word, so text
  // dropped and other text pasted in its place, not a rewording.
  const std::string dropped =
      "Volunteers from the rowing club spent the whole weekend clearing fallen branches and litter from "
      "the towpath, and the council thanked them with free passes to the municipal swimming pool.";
  ASSERT_GE(NormalisedWords(dropped).size(), 28u);
  const std::string a = std::string(kChess) + "\n\n" + dropped + "\n\n" + kBridge;
  const std::string b = std::string(kChess) + "\n\n" + kParagraph + ".\n\n" + kBridge;
  const Alignment r = Align(a, b);
  ASSERT_EQ(r.passages.size(), 2u);
  for (const Passage& p : r.passages) {
    EXPECT_EQ(OverlapFraction(p.b, Mark(b, kParagraph)), 0.0);
    EXPECT_EQ(OverlapFraction(p.a, Mark(a, dropped)), 0.0);
  }
}

TEST(AlignTest, LongSentenceMovedWithinACopyStaysInsideAsMovedEdits) {
  // A 38-word sentence moved from the start of a copy to its end: its words
  // have counterparts, so the copy stays one passage; the deletion and the
  // insertion that the diff gives for the move are marked `moved`.
  const std::string moved =
      "Officials from the transport ministry, the harbour authority and two engineering firms "
      "met on Monday evening to agree a timetable for the works, which had been delayed twice "
      "by disputes over who would pay for them.";
  ASSERT_GE(NormalisedWords(moved).size(), 30u);
  const std::string a = moved + " " + kBridge + " " + kChess;
  const std::string b = std::string(kBridge) + " " + kChess + " " + moved;
  const Alignment r = Align(a, b);
  ASSERT_EQ(r.passages.size(), 1u);
  size_t moved_edits = 0;
  for (const Edit& edit : r.passages[0].edits) {
    if (std::max(edit.a_count, edit.b_count) >= 30) {
      EXPECT_TRUE(edit.moved) << edit.from << " -> " << edit.to;
      ++moved_edits;
    } else {
      EXPECT_FALSE(edit.moved);
    }
  }
  EXPECT_EQ(moved_edits, 2u);
}

TEST(AlignTest, BoilerplateAtAnotherPlaceDoesNotDisplaceTheCopyAroundIt) {
  // a carries the archive's notice between two copied paragraphs, b at its
  // start: the notice's fragment overlaps the copy's only in a. The copy
  // (lightly reworded, so less similar than the verbatim notice) must stay.
  const std::string notice =
      "Comments are moderated and generally will be posted if they are on-topic and not abusive. "
      "For more information please see our Comments FAQ and community guidelines.";
  const std::string a = std::string(kBridgeReworded) + "\n\n" + notice + "\n\n" + kFloods;
  const std::string b = notice + "\n\n" + kBridge + "\n\n" + kFloods;
  AlignableText ta = PrepareForAlignment(a, NormalizeOptions{});
  AlignableText tb = PrepareForAlignment(b, NormalizeOptions{});
  auto mark_notice = [&](const std::string& text, AlignableText* t) {
    const size_t begin = text.find(notice), end = begin + notice.size();
    t->common_text.assign(t->tokens.tokens.size(), 0);
    for (size_t i = 0; i < t->tokens.tokens.size(); ++i) {
      t->common_text[i] = t->tokens.tokens[i].begin >= begin && t->tokens.tokens[i].end <= end;
    }
  };
  mark_notice(a, &ta);
  mark_notice(b, &tb);
  const std::vector<Passage> passages = AlignPassages(ta, tb, AlignOptions{});
  size_t copied_a = 0;
  for (const Passage& p : passages) {
    if (p.kind != Passage::Kind::kBoilerplate) copied_a += p.a.byte_end - p.a.byte_begin;
  }
  EXPECT_GE(copied_a, std::string_view(kFloods).size() + std::string_view(kBridgeReworded).size() / 2)
      << "the copied paragraphs are passages";
}

TEST(AlignTest, ParagraphMovedFarInACopyIsStillCoveredOnBothSides) {
  // Too far moved for one diff: the sentence method takes over.
  const std::string a = std::string(kFloods) + "\n\n" + kChess + "\n\n" + kBridge;
  const std::string b = std::string(kChess) + "\n\n" + kBridge + "\n\n" + kFloods;
  const Alignment r = Align(a, b);
  ASSERT_FALSE(r.passages.empty());
  size_t covered_a = 0, covered_b = 0;
  for (const Passage& p : r.passages) {
    covered_a += p.a.byte_end - p.a.byte_begin;
    covered_b += p.b.byte_end - p.b.byte_begin;
  }
  // Every paragraph of each side is inside a passage (the separators and
  // final full stops need not be).
  EXPECT_GE(covered_a, a.size() - 8);
  EXPECT_GE(covered_b, b.size() - 8);
}

// ------------------------------------------------------------------ nothing shared

TEST(AlignTest, UnrelatedArticlesShareNoPassage) {
  EXPECT_TRUE(Align(kFloods, kChess).passages.empty());
  EXPECT_TRUE(Align(kBridge, kFloods).passages.empty());
  EXPECT_TRUE(Align(std::string(kHostBefore) + kHostAfter, std::string(kOtherBefore) + kOtherAfter)
                  .passages.empty());
}

TEST(AlignTest, EmptyTextOnEitherSideGivesNoPassage) {
  EXPECT_TRUE(Align("", kBridge).passages.empty());
  EXPECT_TRUE(Align(kBridge, "").passages.empty());
  EXPECT_TRUE(Align("", "").passages.empty());
  // Punctuation only: no words at all.
  EXPECT_TRUE(Align(" ... !!! -- \n\n", kBridge).passages.empty());
  EXPECT_TRUE(Align(kBridge, "“ ” — ?").passages.empty());
}

TEST(AlignTest, PassageOfExactlyMinWordsIsKeptAndOneShorterIsDropped) {
  const std::string fifteen =
      "Engineers found deep cracks in two steel supports beneath the old harbour bridge on "
      "Tuesday.";
  ASSERT_EQ(NormalisedWords(fifteen).size(), 15u);
  const Alignment kept = Align(fifteen, fifteen);
  ASSERT_EQ(kept.passages.size(), 1u);
  EXPECT_EQ(kept.passages[0].words_a, 15u);

  const std::string fourteen =
      "Engineers found deep cracks in two steel supports beneath the old harbour bridge "
      "yesterday.";
  ASSERT_EQ(NormalisedWords(fourteen).size(), 14u);
  EXPECT_TRUE(Align(fourteen, fourteen).passages.empty());
}

// ------------------------------------------------------------------ quotations

TEST(AlignTest, SameStraightQuoteInTwoDifferentArticlesIsQuoted) {
  const std::string a = std::string(kHostBefore) + "The minister spoke to reporters. \"" +
                        kStatement + ".\" Officials declined to comment further." + kHostAfter;
  const std::string b = std::string(kOtherBefore) + "Asked about the dispute, she replied. \"" +
                        kStatement + ",\" she added." + kOtherAfter;
  const Alignment r = Align(a, b);
  ASSERT_EQ(r.passages.size(), 1u);
  EXPECT_EQ(r.SliceA(0), std::string_view(kStatement));
  EXPECT_EQ(r.SliceB(0), std::string_view(kStatement));
  EXPECT_TRUE(r.passages[0].quoted);
}

TEST(AlignTest, SameCurlyQuoteInTwoDifferentArticlesIsQuoted) {
  const std::string a = std::string(kHostBefore) + "The minister spoke to reporters. “" +
                        kStatement + ".” Officials declined to comment further." + kHostAfter;
  const std::string b = std::string(kOtherBefore) + "Asked about the dispute, she replied. “" +
                        kStatement + ",” she added." + kOtherAfter;
  const Alignment r = Align(a, b);
  ASSERT_EQ(r.passages.size(), 1u);
  EXPECT_EQ(r.SliceA(0), std::string_view(kStatement));
  EXPECT_EQ(r.SliceB(0), std::string_view(kStatement));
  EXPECT_TRUE(r.passages[0].quoted);
}

TEST(AlignTest, SameQuoteWithTheSameAttributionIsStillQuoted) {
  // Both articles quote the statement and attribute it alike: the shared
  // passage runs past the closing mark by the attribution's few words.
  const std::string a = std::string(kHostBefore) + "The minister spoke to reporters. \"" +
                        kStatement + ",\" an official at the ministry said." + kHostAfter;
  const std::string b = std::string(kOtherBefore) + "Asked about the dispute, the ministry replied. “" +
                        kStatement + ",” an official at the ministry said." + kOtherAfter;
  const Alignment r = Align(a, b);
  ASSERT_EQ(r.passages.size(), 1u);
  EXPECT_EQ(r.SliceA(0), std::string(kStatement) + ",\" an official at the ministry said");
  EXPECT_TRUE(r.passages[0].quoted);
}

TEST(AlignTest, QuoteWithALongAttributionToTheEndOfItsSentenceIsQuoted) {
  // The attribution, eleven words after the closing mark, runs to the end of
  // the sentence: the passage is still the quotation both articles make.
  const std::string attribution = ",\" Foreign Minister Ishaq Dar told a news conference in Islamabad on Monday.";
  const std::string a = std::string(kHostBefore) + "The talks resumed. \"" + kStatement + attribution + kHostAfter;
  const std::string b = std::string(kOtherBefore) + "The coach was asked. “" + kStatement +
                        ",” Foreign Minister Ishaq Dar told a news conference in Islamabad on Monday." +
                        kOtherAfter;
  const Alignment r = Align(a, b);
  ASSERT_EQ(r.passages.size(), 1u);
  EXPECT_NE(r.SliceA(0).find("Islamabad on Monday"), std::string_view::npos) << r.SliceA(0);
  EXPECT_TRUE(r.passages[0].quoted);
  // Running on past the sentence's end, the unquoted words are reuse.
  const std::string more = " The minister then set out a plan for new patrols along the coast, new radar stations and a fund "
                           "for the families of fishermen lost at sea.";
  const Alignment longer = Align(a.substr(0, a.find(kHostAfter)) + more + kHostAfter,
                                 b.substr(0, b.find(kOtherAfter)) + more + kOtherAfter);
  ASSERT_EQ(longer.passages.size(), 1u);
  EXPECT_FALSE(longer.passages[0].quoted);
}

TEST(AlignTest, QuoteInOneArticleButNotTheOtherIsNotQuoted) {
  const std::string a = std::string(kHostBefore) + "The minister spoke to reporters. “" +
                        kStatement + ".” Officials declined to comment further." + kHostAfter;
  const std::string b = std::string(kOtherBefore) + kStatement + "." + kOtherAfter;
  const Alignment r = Align(a, b);
  ASSERT_EQ(r.passages.size(), 1u);
  EXPECT_EQ(r.SliceA(0), std::string_view(kStatement));
  EXPECT_FALSE(r.passages[0].quoted);
}

TEST(AlignTest, CopiedParagraphWithoutQuotationMarksIsNotQuoted) {
  const std::string a = std::string(kHostBefore) + kStatement + "." + kHostAfter;
  const std::string b = std::string(kOtherBefore) + kStatement + "." + kOtherAfter;
  const Alignment r = Align(a, b);
  ASSERT_EQ(r.passages.size(), 1u);
  EXPECT_EQ(r.SliceA(0), std::string_view(kStatement));
  EXPECT_FALSE(r.passages[0].quoted);
}

TEST(AlignTest, QuoteRunningOverTwoParagraphsInNewsStyleIsQuoted) {
  // News style: a quote continuing into the next paragraph leaves the first
  // paragraph's quote open and reopens it. The header: "a blank line ends
  // any quote left open, as a paragraph does", then “ / " opens again.
  const std::string quote =
      "\"We will not accept any agreement that leaves our fishermen worse off than they are "
      "today.\n\n\"Our coastal towns depend on these waters, and the government must stand "
      "firm in the talks.\"";
  const std::string a = std::string(kHostBefore) + "The minister spoke to reporters.\n\n" +
                        quote + "\n\nOfficials declined to comment further." + kHostAfter;
  const std::string b = std::string(kOtherBefore) + quote + kOtherAfter;
  const Alignment r = Align(a, b);
  ASSERT_EQ(r.passages.size(), 1u);
  EXPECT_EQ(r.SliceA(0), quote.substr(1, quote.size() - 3));
  EXPECT_TRUE(r.passages[0].quoted);
}

// ------------------------------------------------------------------ PrepareForAlignment

TEST(AlignTest, PrepareSplitsSentencesAtTerminalPunctuationAndBlankLines) {
  const std::string text = "One two. Three four! Five six? Seven eight\n\nNine ten\nEleven";
  const AlignableText t = PrepareForAlignment(text, NormalizeOptions{});
  ASSERT_EQ(t.tokens.tokens.size(), 11u);
  // A single newline does not end a sentence; a blank line does.
  EXPECT_EQ(t.sentence_starts, (std::vector<uint32_t>{0, 2, 4, 6, 8}));
  ASSERT_EQ(t.num_sentences(), 5u);
  ASSERT_EQ(t.term_starts.size(), 6u);
  EXPECT_EQ(t.term_starts[5] - t.term_starts[4], 3u);  // nine ten eleven
  EXPECT_EQ(t.tokens.word_hashes.size(), 11u);
  EXPECT_EQ(t.vocabulary.size(), 11u);
  EXPECT_EQ(t.in_quotes, std::vector<uint8_t>(11, 0));
}

TEST(AlignTest, PrepareCountsSentenceFrequencyOncePerSentence) {
  const std::string text = "the cat saw the dog. the dog ran.";
  const AlignableText t = PrepareForAlignment(text, NormalizeOptions{});
  ASSERT_EQ(t.sentence_starts, (std::vector<uint32_t>{0, 5}));
  // Five distinct words, numbered as they first occur; equal words share an id.
  ASSERT_EQ(t.vocabulary.size(), 5u);
  EXPECT_EQ(t.word_ids, (std::vector<uint32_t>{0, 1, 2, 0, 3, 0, 3, 4}));
  for (size_t i = 0; i < t.word_ids.size(); ++i) {
    EXPECT_EQ(t.vocabulary[t.word_ids[i]], t.tokens.word_hashes[i]);
    EXPECT_EQ(t.FindWord(t.tokens.word_hashes[i]), t.word_ids[i]);
  }
  EXPECT_EQ(t.FindWord(XXH3_64bits("cow", 3)), AlignableText::kNoWord);
  // "the": twice in sentence 0, once in sentence 1 -> in 2 sentences.
  EXPECT_EQ(t.sentence_frequency[t.word_ids[0]], 2u);  // the
  EXPECT_EQ(t.sentence_frequency[t.word_ids[1]], 1u);  // cat
  EXPECT_EQ(t.sentence_frequency[t.word_ids[4]], 2u);  // dog
  // Sentence 0's terms: the x2, cat, saw, dog; sentence 1's: the, dog, ran.
  ASSERT_EQ(t.term_starts, (std::vector<uint32_t>{0, 4, 7}));
  EXPECT_EQ(t.terms, (std::vector<std::pair<uint32_t, uint32_t>>{
                         {0, 2}, {1, 1}, {2, 1}, {3, 1}, {0, 1}, {3, 1}, {4, 1}}));
}

TEST(AlignTest, PrepareMarksWordsInsideStraightAndCurlyQuotes) {
  const std::string text = "He said \"we will win\" and “they will lose” today.";
  const AlignableText t = PrepareForAlignment(text, NormalizeOptions{});
  // he said we will win and they will lose today
  EXPECT_EQ(t.in_quotes, (std::vector<uint8_t>{0, 0, 1, 1, 1, 0, 1, 1, 1, 0}));
}

TEST(AlignTest, PrepareEndsAnOpenQuoteAtABlankLine) {
  // The first paragraph ends with a full stop and leaves its quote open.
  const std::string text = "He said \"we will win.\n\nThe rain fell all day.";
  const AlignableText t = PrepareForAlignment(text, NormalizeOptions{});
  // he said we will win the rain fell all day
  EXPECT_EQ(t.in_quotes, (std::vector<uint8_t>{0, 0, 1, 1, 1, 0, 0, 0, 0, 0}));
}

TEST(AlignTest, PrepareReopensAQuoteContinuedInTheNextParagraph) {
  const std::string text = "\"We will win.\n\n\"They will lose.\" He left.";
  const AlignableText t = PrepareForAlignment(text, NormalizeOptions{});
  // we will win they will lose he left
  EXPECT_EQ(t.in_quotes, (std::vector<uint8_t>{1, 1, 1, 1, 1, 1, 0, 0}));
}

// ------------------------------------------------------------------ multi-byte

TEST(AlignTest, MultiByteWordsAtSpanEdgesGiveExactByteAndCodePointSpans) {
  const std::string copied =
      "Über zweihundert cyclists gathered outside the old station on Saturday morning for the "
      "annual charity ride. They crossed three bridges and finished the route with coffee at "
      "the riverside café";
  ASSERT_EQ(NormalisedWords(copied).size(), 30u);
  // Emoji glued directly to the first and last word; accented and
  // fullwidth text before, so byte and code-point offsets differ.
  const std::string a = "Météo: pluie légère à Zürich 🌧️ aujourd’hui. Ｔａｌｉｂａｎ leaders met "
                        "envoys in Doha for a second day of talks.\n\n🚲" +
                        copied + "☕️. Then everyone went home.";
  const std::string b = "Ｎｅｗｓ in brief 📰 from the naïve reporter at the Café Noir.\n\n"
                        "📰" + copied + "🙂! Photos by the organisers.";
  const Alignment r = Align(a, b);
  ASSERT_EQ(r.passages.size(), 1u);
  const Passage& p = r.passages[0];
  EXPECT_EQ(r.SliceA(0), copied);
  EXPECT_EQ(r.SliceB(0), copied);
  const Marked ma = Mark(a, copied), mb = Mark(b, copied);
  EXPECT_EQ(p.a.byte_begin, ma.begin);
  EXPECT_EQ(p.a.byte_end, ma.end);
  EXPECT_EQ(p.b.byte_begin, mb.begin);
  EXPECT_EQ(p.b.byte_end, mb.end);
  EXPECT_EQ(p.a.char_begin, CodePointsBefore(a, ma.begin));
  EXPECT_EQ(p.a.char_end, CodePointsBefore(a, ma.end));
  EXPECT_EQ(p.b.char_begin, CodePointsBefore(b, mb.begin));
  EXPECT_EQ(p.b.char_end, CodePointsBefore(b, mb.end));
  // Code points of the passage itself: 2 bytes each for Ü and é.
  EXPECT_EQ(p.a.char_end - p.a.char_begin, copied.size() - 2);
  EXPECT_LT(p.a.char_begin, p.a.byte_begin);  // the prefix is not ASCII
  EXPECT_EQ(p.kind, Passage::Kind::kVerbatim);
}

TEST(AlignTest, FullwidthAndAsciiSpellingsAlignAndEachSpanSlicesItsOwnSpelling) {
  const std::string tail =
      " commanders agreed on Monday to extend the ceasefire around the northern city for "
      "another fortnight while aid convoys deliver food and medicine to the residents of the ";
  const std::string a = std::string(kHostBefore) + "Taliban" + tail + "old café.\n\nMore later.";
  const std::string b = "Reporting from Kabul 🇦🇫.\n\nＴａｌｉｂａｎ" + tail + "old café🙂";
  const Alignment r = Align(a, b);
  ASSERT_EQ(r.passages.size(), 1u);
  const Passage& p = r.passages[0];
  EXPECT_EQ(r.SliceA(0), "Taliban" + tail + "old café");
  EXPECT_EQ(r.SliceB(0), "Ｔａｌｉｂａｎ" + tail + "old café");
  const Marked mb = Mark(b, "Ｔａｌｉｂａｎ");
  EXPECT_EQ(p.b.byte_begin, mb.begin);
  EXPECT_EQ(p.b.byte_end, b.size() - std::string_view("🙂").size());
  EXPECT_EQ(p.b.char_begin, CodePointsBefore(b, mb.begin));
  EXPECT_EQ(p.b.char_end, CodePointsBefore(b, p.b.byte_end));
  EXPECT_EQ(p.a.char_begin, std::string_view(kHostBefore).size());  // ASCII host
  // Normalised words are identical, so the passage is verbatim.
  EXPECT_EQ(p.kind, Passage::Kind::kVerbatim);
  EXPECT_EQ(p.words_a, p.words_b);
}

// ------------------------------------------------------------------ determinism

std::string Describe(const std::vector<Passage>& passages) {
  std::ostringstream out;
  out.precision(17);
  for (const Passage& p : passages) {
    out << p.a.byte_begin << ' ' << p.a.byte_end << ' ' << p.a.char_begin << ' ' << p.a.char_end
        << ' ' << p.b.byte_begin << ' ' << p.b.byte_end << ' ' << p.b.char_begin << ' '
        << p.b.char_end << ' ' << p.words_a << ' ' << p.words_b << ' '
        << PassageKindName(p.kind) << ' ' << p.similarity << ' ' << p.quoted << ' '
        << p.edits_complete << '\n';
    for (const Edit& e : p.edits) {
      out << "  " << EditOpName(e.op) << ' ' << e.a_word << ' ' << e.a_count << ' ' << e.b_word
          << ' ' << e.b_count << " [" << e.from << "] [" << e.to << "]\n";
    }
  }
  return out.str();
}

TEST(AlignTest, AligningTheSamePairTwiceGivesIdenticalPassages) {
  const std::string a = std::string(kHostBefore) + kBridge + "\n\n" + kParagraph + "." + kHostAfter;
  const std::string b = std::string(kOtherBefore) + kBridgeReworded + "\n\n" + kChess + "\n\n" +
                        kParagraph + "." + kOtherAfter;
  const Alignment first = Align(a, b);
  const Alignment second = Align(a, b);
  ASSERT_FALSE(first.passages.empty());
  EXPECT_EQ(Describe(first.passages), Describe(second.passages));
  // And against one prepared pair reused.
  const AlignableText ta = PrepareForAlignment(a, NormalizeOptions{});
  const AlignableText tb = PrepareForAlignment(b, NormalizeOptions{});
  EXPECT_EQ(Describe(AlignPassages(ta, tb, AlignOptions{})), Describe(first.passages));
  EXPECT_EQ(Describe(AlignPassages(ta, tb, AlignOptions{})), Describe(first.passages));
}

}  // namespace
}  // namespace reprint
