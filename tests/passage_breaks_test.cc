#include "core/passage_breaks.h"

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "core/align.h"
#include "core/word_diff.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace reprint {
namespace {

using ::testing::ElementsAre;

constexpr int kBreakWords = 30;

// Words prefix<begin> .. prefix<end - 1>, space-separated: each distinct.
std::string Words(const std::string& prefix, int begin, int end) {
  std::string out;
  for (int i = begin; i < end; ++i) {
    if (!out.empty()) out += ' ';
    out += prefix + std::to_string(i);
  }
  return out;
}

std::string Join(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& part : parts) {
    if (part.empty()) continue;
    if (!out.empty()) out += ' ';
    out += part;
  }
  return out;
}

// Two texts aligned whole, their words lined up by a minimal diff.
class AlignedPair {
 public:
  AlignedPair(std::string text_a, std::string text_b)
      : text_a_(std::move(text_a)), text_b_(std::move(text_b)),
        a_(PrepareForAlignment(text_a_, NormalizeOptions{})),
        b_(PrepareForAlignment(text_b_, NormalizeOptions{})) {
    alignment_.a_begin = 0;
    alignment_.a_end = static_cast<uint32_t>(a_.tokens.tokens.size());
    alignment_.b_begin = 0;
    alignment_.b_end = static_cast<uint32_t>(b_.tokens.tokens.size());
    alignment_.matches = MyersMatches(a_.tokens.word_hashes, b_.tokens.word_hashes, 1000);
  }

  std::vector<Alignment> Stretches(int break_words) {
    PassageBreaks breaks(a_, b_, alignment_, break_words);
    PairWordCounts counts(a_, b_);
    std::vector<Alignment> stretches = breaks.Stretches(&counts);
    for (uint32_t count : counts.a) EXPECT_EQ(count, 0u) << "scratch left dirty";
    for (uint32_t count : counts.b) EXPECT_EQ(count, 0u) << "scratch left dirty";
    return stretches;
  }

  bool IsMoved(int break_words, const Alignment& stretch, const Edit& edit) {
    PassageBreaks breaks(a_, b_, alignment_, break_words);
    return breaks.IsMoved(stretch, edit);
  }

  const Alignment& alignment() const { return alignment_; }
  void GiveUpDiff() { alignment_.matches = std::nullopt; }

 private:
  std::string text_a_, text_b_;
  AlignableText a_, b_;
  Alignment alignment_;
};

// A stretch's words, for comparing with ElementsAre(a_begin, a_end, b_begin, b_end).
std::array<uint32_t, 4> WordsOf(const Alignment& stretch) {
  return {stretch.a_begin, stretch.a_end, stretch.b_begin, stretch.b_end};
}

// a: w0 .. w199; b: the same with `pasted` words of its own after w99.
AlignedPair PastedAfterTheHundredthWord(int pasted) {
  return AlignedPair(Words("w", 0, 200),
                     Join({Words("w", 0, 100), Words("pasted", 0, pasted), Words("w", 100, 200)}));
}

TEST(PassageBreaksTest, RunOfBreakWordsPastedInPartsTheTexts) {
  AlignedPair pair = PastedAfterTheHundredthWord(kBreakWords);
  const std::vector<Alignment> stretches = pair.Stretches(kBreakWords);
  ASSERT_EQ(stretches.size(), 2u);
  EXPECT_THAT(WordsOf(stretches[0]), ElementsAre(0, 100, 0, 100));
  EXPECT_THAT(WordsOf(stretches[1]), ElementsAre(100, 200, 100 + kBreakWords, 200 + kBreakWords));
  for (const Alignment& stretch : stretches) {
    ASSERT_TRUE(stretch.matches.has_value());
    ASSERT_EQ(stretch.matches->size(), 100u);
    // Relative to the stretch's own starts.
    EXPECT_EQ(stretch.matches->front(), std::make_pair(0, 0));
    EXPECT_EQ(stretch.matches->back(), std::make_pair(99, 99));
  }
}

TEST(PassageBreaksTest, RunOfOneWordFewerStaysInsideThePassage) {
  AlignedPair pair = PastedAfterTheHundredthWord(kBreakWords - 1);
  const std::vector<Alignment> stretches = pair.Stretches(kBreakWords);
  ASSERT_EQ(stretches.size(), 1u);
  EXPECT_THAT(WordsOf(stretches[0]), ElementsAre(0, 200, 0, 200 + kBreakWords - 1));
  ASSERT_TRUE(stretches[0].matches.has_value());
  EXPECT_EQ(stretches[0].matches->size(), 200u);
}

TEST(PassageBreaksTest, RunOfBreakWordsDroppedPartsTheTexts) {
  AlignedPair pair(Words("w", 0, 200), Join({Words("w", 0, 100), Words("w", 100 + kBreakWords, 200)}));
  const std::vector<Alignment> stretches = pair.Stretches(kBreakWords);
  ASSERT_EQ(stretches.size(), 2u);
  EXPECT_THAT(WordsOf(stretches[0]), ElementsAre(0, 100, 0, 100));
  EXPECT_THAT(WordsOf(stretches[1]), ElementsAre(100 + kBreakWords, 200, 100, 200 - kBreakWords));
}

TEST(PassageBreaksTest, RunReplacedByAnotherSharingNoWordPartsTheTexts) {
  AlignedPair pair(Join({Words("w", 0, 100), Words("old", 0, 40), Words("w", 100, 200)}),
                   Join({Words("w", 0, 100), Words("new", 0, 40), Words("w", 100, 200)}));
  const std::vector<Alignment> stretches = pair.Stretches(kBreakWords);
  ASSERT_EQ(stretches.size(), 2u);
  EXPECT_THAT(WordsOf(stretches[0]), ElementsAre(0, 100, 0, 100));
  EXPECT_THAT(WordsOf(stretches[1]), ElementsAre(140, 240, 140, 240));
}

TEST(PassageBreaksTest, WithBreakingOffTheAlignmentIsOneStretch) {
  AlignedPair pair = PastedAfterTheHundredthWord(100);
  const std::vector<Alignment> stretches = pair.Stretches(0);
  ASSERT_EQ(stretches.size(), 1u);
  EXPECT_THAT(WordsOf(stretches[0]), ElementsAre(0, 200, 0, 300));
  EXPECT_EQ(stretches[0].matches, pair.alignment().matches);
}

TEST(PassageBreaksTest, AlignmentWhoseDiffWasGivenUpIsOneStretch) {
  AlignedPair pair = PastedAfterTheHundredthWord(100);
  pair.GiveUpDiff();
  const std::vector<Alignment> stretches = pair.Stretches(kBreakWords);
  ASSERT_EQ(stretches.size(), 1u);
  EXPECT_THAT(WordsOf(stretches[0]), ElementsAre(0, 200, 0, 300));
  EXPECT_FALSE(stretches[0].matches.has_value());
}

// a: w0 .. w199; b moves w50 .. w89 to after w149.
AlignedPair FortyWordsMoved() {
  return AlignedPair(Words("w", 0, 200), Join({Words("w", 0, 50), Words("w", 90, 150),
                                               Words("w", 50, 90), Words("w", 150, 200)}));
}

TEST(PassageBreaksTest, LongRunMovedWithinTheAlignmentDoesNotPartTheTexts) {
  AlignedPair pair = FortyWordsMoved();
  const std::vector<Alignment> stretches = pair.Stretches(kBreakWords);
  ASSERT_EQ(stretches.size(), 1u);
  EXPECT_THAT(WordsOf(stretches[0]), ElementsAre(0, 200, 0, 200));
}

TEST(PassageBreaksTest, LongRunMovedWithinTheAlignmentIsAMovedEdit) {
  AlignedPair pair = FortyWordsMoved();
  const Alignment stretch = pair.Stretches(kBreakWords).at(0);
  // The diff keeps the sixty words w90 .. w149 in place: w50 .. w89 are
  // deleted where a has them and inserted where b has them.
  Edit deleted;
  deleted.op = Edit::Op::kDelete;
  deleted.a_word = 50, deleted.a_count = 40, deleted.b_word = 50, deleted.b_count = 0;
  Edit inserted;
  inserted.op = Edit::Op::kInsert;
  inserted.a_word = 150, inserted.a_count = 0, inserted.b_word = 110, inserted.b_count = 40;
  EXPECT_TRUE(pair.IsMoved(kBreakWords, stretch, deleted));
  EXPECT_TRUE(pair.IsMoved(kBreakWords, stretch, inserted));
  // Shorter than break_words, or with breaking off, an edit is never moved.
  EXPECT_FALSE(pair.IsMoved(41, stretch, deleted));
  EXPECT_FALSE(pair.IsMoved(0, stretch, deleted));
}

TEST(PassageBreaksTest, RunPastedInIsNotAMovedEdit) {
  AlignedPair pair = PastedAfterTheHundredthWord(kBreakWords - 1);
  const Alignment stretch = pair.Stretches(kBreakWords).at(0);
  Edit inserted;
  inserted.op = Edit::Op::kInsert;
  inserted.a_word = 100, inserted.a_count = 0, inserted.b_word = 100;
  inserted.b_count = kBreakWords - 1;
  EXPECT_FALSE(pair.IsMoved(kBreakWords - 1, stretch, inserted));
}

}  // namespace
}  // namespace reprint
