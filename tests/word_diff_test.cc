#include "core/word_diff.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <random>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace reprint {
namespace {

using ::testing::ElementsAre;
using Pair = std::pair<int, int>;

// Length of a longest common subsequence, by the textbook dynamic program:
// the oracle a minimal diff must meet.
int LcsLength(const std::vector<uint64_t>& x, const std::vector<uint64_t>& y) {
  std::vector<std::vector<int>> table(x.size() + 1, std::vector<int>(y.size() + 1, 0));
  for (size_t i = 1; i <= x.size(); ++i) {
    for (size_t j = 1; j <= y.size(); ++j) {
      table[i][j] = x[i - 1] == y[j - 1] ? table[i - 1][j - 1] + 1
                                         : std::max(table[i - 1][j], table[i][j - 1]);
    }
  }
  return table[x.size()][y.size()];
}

// Every pair lines up equal words, and pairs increase on both sides.
void ExpectValidMatches(const std::vector<uint64_t>& x, const std::vector<uint64_t>& y,
                        const WordMatches& matches) {
  for (size_t k = 0; k < matches.size(); ++k) {
    const auto [i, j] = matches[k];
    ASSERT_GE(i, 0);
    ASSERT_GE(j, 0);
    ASSERT_LT(i, static_cast<int>(x.size()));
    ASSERT_LT(j, static_cast<int>(y.size()));
    EXPECT_EQ(x[i], y[j]) << "pair " << k;
    if (k > 0) {
      EXPECT_LT(matches[k - 1].first, i) << "pair " << k;
      EXPECT_LT(matches[k - 1].second, j) << "pair " << k;
    }
  }
}

// Words 1000 + i for i in [begin, end): distinct from the small numbers
// the tests use as edits.
std::vector<uint64_t> Distinct(int begin, int end) {
  std::vector<uint64_t> words;
  for (int i = begin; i < end; ++i) words.push_back(1000 + static_cast<uint64_t>(i));
  return words;
}

// ------------------------------------------------------------ Myers

TEST(WordDiffTest, MyersLinesUpTheHandCheckedMinimalScript) {
  // a b c d e -> a x c d f e: b substituted by x, f inserted before e.
  const std::vector<uint64_t> x = {1, 2, 3, 4, 5};
  const std::vector<uint64_t> y = {1, 9, 3, 4, 8, 5};
  const std::optional<WordMatches> matches = MyersMatches(x, y, 100);
  ASSERT_TRUE(matches.has_value());
  EXPECT_THAT(*matches, ElementsAre(Pair(0, 0), Pair(2, 2), Pair(3, 3), Pair(4, 5)));
}

TEST(WordDiffTest, MyersMatchesAsManyWordsAsALongestCommonSubsequenceOnRandomLists) {
  std::mt19937 random(7);
  for (int round = 0; round < 300; ++round) {
    SCOPED_TRACE(round);
    // A small alphabet, so that lists share many words in many ways.
    std::uniform_int_distribution<int> length(0, 24), word(0, 3);
    std::vector<uint64_t> x(static_cast<size_t>(length(random)));
    std::vector<uint64_t> y(static_cast<size_t>(length(random)));
    for (uint64_t& w : x) w = static_cast<uint64_t>(word(random));
    for (uint64_t& w : y) w = static_cast<uint64_t>(word(random));
    const std::optional<WordMatches> matches = MyersMatches(x, y, 1000);
    ASSERT_TRUE(matches.has_value());
    ExpectValidMatches(x, y, *matches);
    EXPECT_EQ(static_cast<int>(matches->size()), LcsLength(x, y));
  }
}

TEST(WordDiffTest, MyersGivesUpJustBeyondMaxEditDistance) {
  // Three words deleted (2 3 5) and three inserted (7 8 9): edit distance 6.
  const std::vector<uint64_t> x = {1, 2, 3, 4, 5};
  const std::vector<uint64_t> y = {1, 7, 8, 9, 4};
  EXPECT_FALSE(MyersMatches(x, y, 4).has_value());
  EXPECT_FALSE(MyersMatches(x, y, 5).has_value());
  const std::optional<WordMatches> matches = MyersMatches(x, y, 6);
  ASSERT_TRUE(matches.has_value());
  EXPECT_THAT(*matches, ElementsAre(Pair(0, 0), Pair(3, 4)));
}

TEST(WordDiffTest, MyersOfListsSharingNothingMatchesNothing) {
  const std::vector<uint64_t> x = {1, 2, 3};
  const std::vector<uint64_t> y = {4, 5};
  const std::optional<WordMatches> matches = MyersMatches(x, y, 5);
  ASSERT_TRUE(matches.has_value());
  EXPECT_TRUE(matches->empty());
  EXPECT_FALSE(MyersMatches(x, y, 4).has_value());
}

TEST(WordDiffTest, AppendMyersKeepsWhatIsThereAndOffsetsTheNewPairs) {
  const std::vector<uint64_t> x = {1, 2, 3};
  const std::vector<uint64_t> y = {1, 3};
  WordMatches out = {{0, 0}};
  ASSERT_TRUE(AppendMyersMatches(x, y, 10, 10, 20, &out));
  EXPECT_THAT(out, ElementsAre(Pair(0, 0), Pair(10, 20), Pair(12, 21)));
  EXPECT_FALSE(AppendMyersMatches(x, y, 0, 10, 20, &out));
  EXPECT_EQ(out.size(), 3u);  // nothing appended when given up
}

// ------------------------------------------------------------ patience

// The pairs of words that x and y each hold once, in order of i.
WordMatches UniqueAnchors(const std::vector<uint64_t>& x, const std::vector<uint64_t>& y) {
  WordMatches anchors;
  for (size_t i = 0; i < x.size(); ++i) {
    if (std::count(x.begin(), x.end(), x[i]) != 1 || std::count(y.begin(), y.end(), x[i]) != 1) {
      continue;
    }
    const auto j = std::find(y.begin(), y.end(), x[i]) - y.begin();
    anchors.emplace_back(static_cast<int>(i), static_cast<int>(j));
  }
  return anchors;
}

TEST(WordDiffTest, PatienceMatchesEveryWordOfACopyButTheSubstitutedOne) {
  const std::vector<uint64_t> x = Distinct(0, 100);
  std::vector<uint64_t> y = x;
  y[50] = 7;
  const std::optional<WordMatches> matches = PatienceMatches(x, y, UniqueAnchors(x, y), {});
  ASSERT_TRUE(matches.has_value());
  ExpectValidMatches(x, y, *matches);
  ASSERT_EQ(matches->size(), 99u);
  EXPECT_EQ((*matches)[49], Pair(49, 49));
  EXPECT_EQ((*matches)[50], Pair(51, 51));
}

TEST(WordDiffTest, PatienceDiffsAShortGapWordByWord) {
  // x: ... 1 2 3 ... ; y: ... 2 9 3 1 ...: repeated words, not anchors,
  // lined up inside the gap by a minimal diff.
  std::vector<uint64_t> x = Distinct(0, 20), y = Distinct(0, 20);
  const std::vector<uint64_t> gap_x = {1, 2, 3, 1, 2}, gap_y = {2, 9, 3, 1};
  x.insert(x.begin() + 10, gap_x.begin(), gap_x.end());
  y.insert(y.begin() + 10, gap_y.begin(), gap_y.end());
  const std::optional<WordMatches> matches = PatienceMatches(x, y, UniqueAnchors(x, y), {});
  ASSERT_TRUE(matches.has_value());
  ExpectValidMatches(x, y, *matches);
  EXPECT_EQ(static_cast<int>(matches->size()), LcsLength(x, y));
}

TEST(WordDiffTest, PatienceMatchesAOneWordGapToItsFirstEqual) {
  // x's gap is the one word 5; y's gap 6 5 5 6 holds it twice.
  std::vector<uint64_t> x = Distinct(0, 10), y = Distinct(0, 10);
  x.insert(x.begin() + 5, uint64_t{5});
  const std::vector<uint64_t> gap_y = {6, 5, 5, 6};
  y.insert(y.begin() + 5, gap_y.begin(), gap_y.end());
  const std::optional<WordMatches> matches = PatienceMatches(x, y, UniqueAnchors(x, y), {});
  ASSERT_TRUE(matches.has_value());
  ASSERT_EQ(matches->size(), 11u);
  EXPECT_EQ((*matches)[5], Pair(5, 6));
}

// Expects the patience diff of x and y to give up with `failing` limits and
// to match `matched` words with `passing` ones.
void ExpectGivesUpOnlyAtTheLimit(const std::vector<uint64_t>& x, const std::vector<uint64_t>& y,
                                 const PatienceLimits& failing, const PatienceLimits& passing,
                                 size_t matched) {
  const WordMatches anchors = UniqueAnchors(x, y);
  EXPECT_FALSE(PatienceMatches(x, y, anchors, failing).has_value());
  const std::optional<WordMatches> matches = PatienceMatches(x, y, anchors, passing);
  ASSERT_TRUE(matches.has_value());
  EXPECT_EQ(matches->size(), matched);
}

TEST(WordDiffTest, PatienceGivesUpAtAOneSidedGapOfTheLimit) {
  const std::vector<uint64_t> x = Distinct(0, 100);
  std::vector<uint64_t> y = x;
  const std::vector<uint64_t> inserted = Distinct(200, 210);  // ten words y alone has
  y.insert(y.begin() + 50, inserted.begin(), inserted.end());
  ExpectGivesUpOnlyAtTheLimit(x, y, PatienceLimits{5, 10}, PatienceLimits{5, 11}, 100);
}

TEST(WordDiffTest, PatienceGivesUpAtAGapOfTheLimitOnBothSides) {
  std::vector<uint64_t> x = Distinct(0, 100), y = Distinct(0, 100);
  for (int k = 40; k < 44; ++k) {
    x[k] = static_cast<uint64_t>(k);        // four words replaced by four others
    y[k] = static_cast<uint64_t>(k + 100);
  }
  ExpectGivesUpOnlyAtTheLimit(x, y, PatienceLimits{4, 100}, PatienceLimits{5, 100}, 96);
}

TEST(WordDiffTest, PatienceFollowsTheLongestRunOfAnchorsInOrder) {
  // y moves x's first two words to its end: anchors (0, 8) and (1, 9) are
  // out of order with the eight others and are left out.
  const std::vector<uint64_t> x = Distinct(0, 10);
  std::vector<uint64_t> y(x.begin() + 2, x.end());
  y.push_back(x[0]);
  y.push_back(x[1]);
  const std::optional<WordMatches> matches =
      PatienceMatches(x, y, UniqueAnchors(x, y), PatienceLimits{100, 100});
  ASSERT_TRUE(matches.has_value());
  ExpectValidMatches(x, y, *matches);
  ASSERT_EQ(matches->size(), 8u);
  EXPECT_EQ(matches->front(), Pair(2, 0));
  EXPECT_EQ(matches->back(), Pair(9, 7));
}

TEST(WordDiffTest, PatienceExtendsTheFirstAnchorBackwardsOverEqualWords) {
  // The first two words are one word twice, so no anchor, but equal on both
  // sides before the first anchor (2).
  std::vector<uint64_t> x = {1, 1, 2};
  const std::vector<uint64_t> rest = Distinct(0, 10);
  x.insert(x.end(), rest.begin(), rest.end());
  const std::vector<uint64_t> y = x;
  const std::optional<WordMatches> matches = PatienceMatches(x, y, UniqueAnchors(x, y), {});
  ASSERT_TRUE(matches.has_value());
  ASSERT_EQ(matches->size(), x.size());
  EXPECT_EQ(matches->front(), Pair(0, 0));
}

}  // namespace
}  // namespace reprint
