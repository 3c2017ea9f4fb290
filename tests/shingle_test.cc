#include "core/shingle.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "core/random.h"
#include "core/tokenize.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/vector_loops.h"
#include "xxhash.h"

namespace reprint {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

std::vector<uint64_t> Shingles(std::string_view text, int k) {
  Tokenizer tokenizer(NormalizeOptions{});
  TokenizedText tokens;
  tokenizer.Tokenize(text, &tokens);
  std::vector<uint64_t> out;
  HashShingles(tokens, ShingleOptions{.size = k}, &out);
  return out;
}

// The hash of the words of `joined` (single spaces between them), computed
// here from core/shingle.h's definition: XXH3 of each word, combined.
uint64_t HashOf(std::string_view joined) {
  std::vector<uint64_t> words;
  size_t begin = 0;
  while (begin <= joined.size()) {
    size_t end = joined.find(' ', begin);
    if (end == std::string_view::npos) end = joined.size();
    words.push_back(XXH3_64bits(joined.data() + begin, end - begin));
    begin = end + 1;
  }
  return CombineWordHashes(words.data(), words.size());
}

TEST(ShingleTest, TextOfAtLeastKWordsGivesNMinusKPlusOneShingles) {
  EXPECT_EQ(Shingles("one two three four five", 5).size(), 1u);
  EXPECT_EQ(Shingles("one two three four five six seven", 5).size(), 3u);
  EXPECT_EQ(Shingles("a b c d e f g h i j", 3).size(), 8u);
  EXPECT_EQ(Shingles("a b c d e f g h i j", 1).size(), 10u);
  EXPECT_EQ(Shingles("a b c d e f g h i j", 10).size(), 1u);
}

TEST(ShingleTest, TextShorterThanKIsOneShingleOfAllItsWords) {
  EXPECT_THAT(Shingles("just three words", 5), ElementsAre(HashOf("just three words")));
  EXPECT_THAT(Shingles("Solo!", 5), ElementsAre(HashOf("solo")));
}

TEST(ShingleTest, TextWithoutWordsGivesNoShingles) {
  EXPECT_THAT(Shingles("", 5), IsEmpty());
  EXPECT_THAT(Shingles("  -- ... !!! ", 5), IsEmpty());
}

TEST(ShingleTest, OutputReplacesPreviousContents) {
  Tokenizer tokenizer(NormalizeOptions{});
  TokenizedText tokens;
  tokenizer.Tokenize("alpha beta gamma", &tokens);
  std::vector<uint64_t> out = {1, 2, 3, 4, 5, 6, 7};
  HashShingles(tokens, ShingleOptions{.size = 2}, &out);
  EXPECT_THAT(out, ElementsAre(HashOf("alpha beta"), HashOf("beta gamma")));
}

TEST(ShingleTest, HashCombinesTheXxh3OfEachNormalisedWord) {
  const uint64_t words[] = {XXH3_64bits("the", 3), XXH3_64bits("quick", 5), XXH3_64bits("brown", 5),
                            XXH3_64bits("fox", 3), XXH3_64bits("jumps", 5)};
  EXPECT_THAT(Shingles("The quick, brown  FOX -- jumps!", 5),
              ElementsAre(CombineWordHashes(words, 5)));
}

// The shingle loop is compiled for wide vector units where the CPU has
// them: every size and length (vector tails included) must give exactly
// the bits of CombineWordHashes(), which archives store, in both builds.
class ShingleLoopTest : public BothVectorLoops {};
INSTANTIATE_TEST_SUITE_P(BothLoops, ShingleLoopTest, ::testing::Bool(), VectorLoopName);

TEST_P(ShingleLoopTest, EveryShingleIsCombineWordHashesOfItsRunForAnySizeAndLength) {
  Random rng(8128);
  for (size_t n = 0; n <= 140; ++n) {  // several 32-run blocks and every tail
    TokenizedText tokens;
    for (size_t i = 0; i < n; ++i) tokens.word_hashes.push_back(rng.Next());
    for (int k = 1; k <= 9; ++k) {
      std::vector<uint64_t> got;
      HashShingles(tokens, ShingleOptions{.size = k}, &got);
      std::vector<uint64_t> want;
      const size_t run = std::min(static_cast<size_t>(k), n);
      for (size_t i = 0; n > 0 && i + run <= n; ++i) {
        want.push_back(CombineWordHashes(tokens.word_hashes.data() + i, run));
      }
      ASSERT_EQ(got, want) << n << " words, k = " << k;
    }
  }
}

TEST(ShingleTest, HashDependsOnWordOrderAndWordBoundaries) {
  EXPECT_NE(HashOf("alpha beta"), HashOf("beta alpha"));
  EXPECT_NE(HashOf("ab c"), HashOf("a bc"));
  EXPECT_NE(HashOf("a a"), HashOf("a"));
  // Runs that differ in one word never collide: each step is a bijection.
  Random random(7);
  uint64_t run[5] = {random.Next(), random.Next(), random.Next(), random.Next(), random.Next()};
  const uint64_t original = CombineWordHashes(run, 5);
  for (int position = 0; position < 5; ++position) {
    for (int trial = 0; trial < 1000; ++trial) {
      uint64_t changed[5];
      std::copy(run, run + 5, changed);
      changed[position] = random.Next();
      EXPECT_NE(CombineWordHashes(changed, 5), original);
    }
  }
}

TEST(ShingleTest, ShinglesAreInTextOrderWithDuplicatesKept) {
  EXPECT_THAT(Shingles("x y x y x", 2),
              ElementsAre(HashOf("x y"), HashOf("y x"), HashOf("x y"), HashOf("y x")));
}

TEST(ShingleTest, EqualWordRunsInDifferentTextsHashEqually) {
  // "a b c d e" starts at word 2 of the first text and word 1 of the second,
  // with different case and punctuation around and inside the run.
  const std::vector<uint64_t> first = Shingles("Zeta omega, A b c d e! and more", 5);
  const std::vector<uint64_t> second = Shingles("Intro: a. B; C -- d \"E\" ends here", 5);
  ASSERT_GE(first.size(), 3u);
  ASSERT_GE(second.size(), 2u);
  EXPECT_EQ(first[2], second[1]);
  EXPECT_EQ(first[2], HashOf("a b c d e"));
  // Neighbouring shingles differ, so the equality above is not a coincidence.
  EXPECT_NE(first[1], second[0]);
  EXPECT_NE(first[3], second[2]);
}

TEST(ShingleTest, DifferentWordRunsHashDifferently) {
  const std::vector<uint64_t> hashes = Shingles("a b c d e f g h i j k l", 5);
  std::vector<uint64_t> set = hashes;
  MakeShingleSet(&set);
  EXPECT_EQ(set.size(), hashes.size());
}

TEST(ShingleTest, NormalizedTextKeyIsXxh3OfTheWordHashesAndNeverZero) {
  // The archive stores text keys, so their value is fixed: XXH3-64 with
  // seed 0x7e57 of the word hashes' bytes, whichever code path computes it.
  Random rng(99);
  for (const size_t n : {size_t{1}, size_t{2}, size_t{17}, size_t{500}, size_t{3000}}) {
    TokenizedText tokens;
    for (size_t i = 0; i < n; ++i) tokens.word_hashes.push_back(rng.Next());
    const uint64_t want = XXH3_64bits_withSeed(tokens.word_hashes.data(), n * sizeof(uint64_t), 0x7e57);
    EXPECT_EQ(NormalizedTextKey(tokens), want == 0 ? 1 : want) << n;
  }
  EXPECT_EQ(NormalizedTextKey(TokenizedText{}), 0u);
}

TEST(ShingleTest, MakeShingleSetSortsAndRemovesDuplicates) {
  std::vector<uint64_t> hashes = {9, 3, 7, 3, 9, 9, 1, UINT64_MAX, 0, 7};
  MakeShingleSet(&hashes);
  EXPECT_THAT(hashes, ElementsAre(0u, 1u, 3u, 7u, 9u, UINT64_MAX));

  std::vector<uint64_t> empty;
  MakeShingleSet(&empty);
  EXPECT_THAT(empty, IsEmpty());
}

std::vector<uint64_t> SortedUnique(std::vector<uint64_t> values) {
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  return values;
}

// Sets of article size and beyond (the code takes a bucketed path above 64
// elements), uniform or skewed into one bucket, with duplicates and extremes.
TEST(ShingleTest, MakeShingleSetMatchesSortAndUniqueOnLargeInputs) {
  Random random(123);
  for (const size_t n : {63u, 64u, 65u, 66u, 100u, 129u, 1000u, 4097u, 50000u}) {
    for (int kind = 0; kind < 4; ++kind) {
      SCOPED_TRACE(::testing::Message() << "n=" << n << " kind=" << kind);
      std::vector<uint64_t> values(n);
      for (uint64_t& v : values) {
        switch (kind) {
          case 0: v = random.Next(); break;                     // uniform
          case 1: v = random.Uniform(1000); break;              // one top bucket, many duplicates
          case 2: v = random.Next() | 0xFFFF000000000000u; break;  // all in the last bucket
          default: v = random.Bernoulli(0.5) ? random.Next() : random.Uniform(4);  // mixed
        }
      }
      values[0] = UINT64_MAX;
      values[n / 2] = 0;
      values[n - 1] = values[1];
      std::vector<uint64_t> set = values;
      MakeShingleSet(&set);
      ASSERT_EQ(set, SortedUnique(values));
    }
  }
}

TEST(ShingleTest, MakeShingleSetIsSafeOnConcurrentThreads) {
  std::vector<std::vector<uint64_t>> inputs(4);
  Random random(321);
  for (auto& input : inputs) {
    input.resize(20000);
    for (uint64_t& v : input) v = random.Next() >> random.Uniform(8);
  }
  std::vector<std::vector<uint64_t>> outputs(inputs.size());
  std::vector<std::thread> threads;
  for (size_t t = 0; t < inputs.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int repeat = 0; repeat < 20; ++repeat) {
        outputs[t] = inputs[t];
        MakeShingleSet(&outputs[t]);
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (size_t t = 0; t < inputs.size(); ++t) EXPECT_EQ(outputs[t], SortedUnique(inputs[t])) << t;
}

TEST(ShingleTest, IntersectionSizeCountsCommonElements) {
  const std::vector<uint64_t> a = {1, 3, 5, 7, 9};
  const std::vector<uint64_t> b = {2, 3, 4, 5, 10, 11};
  const std::vector<uint64_t> none;
  EXPECT_EQ(IntersectionSize(a, b), 2u);
  EXPECT_EQ(IntersectionSize(b, a), 2u);
  EXPECT_EQ(IntersectionSize(a, a), 5u);
  EXPECT_EQ(IntersectionSize(a, none), 0u);
  EXPECT_EQ(IntersectionSize(none, none), 0u);
  EXPECT_EQ(IntersectionSize(std::vector<uint64_t>{1, 2}, std::vector<uint64_t>{3, 4}), 0u);
  EXPECT_EQ(IntersectionSize(std::vector<uint64_t>{0, UINT64_MAX},
                             std::vector<uint64_t>{UINT64_MAX}),
            1u);
}

TEST(ShingleTest, OverlapOfShingleListsCountsWhatSortedSetsWould) {
  // Lists of 0 to 3,000 values with repeats inside each list and values
  // shared between them, some sharing their low bits (one table slot), zero
  // and the largest value among them; one call after another, so that the
  // reused table must forget the previous pair, and the larger lists grow it.
  Random random(17);
  const std::vector<size_t> sizes = {0, 1, 2, 7, 100, 500, 3000, 40, 3};
  for (int round = 0; round < 200; ++round) {
    std::vector<uint64_t> a(sizes[random.Next() % sizes.size()]);
    std::vector<uint64_t> b(sizes[random.Next() % sizes.size()]);
    for (std::vector<uint64_t>* list : {&a, &b}) {
      for (uint64_t& value : *list) {
        const uint64_t roll = random.Next() % 10;
        value = roll == 0   ? 0
                : roll == 1 ? UINT64_MAX
                : roll < 4  ? (random.Next() % 50) << 40  // same low bits, few values
                            : random.Next() % 5000;       // repeats and shared values
      }
    }
    const SetOverlap overlap = OverlapOfShingleLists(a, b);
    const std::vector<uint64_t> set_a = SortedUnique(a), set_b = SortedUnique(b);
    ASSERT_EQ(overlap.a, set_a.size()) << round;
    ASSERT_EQ(overlap.b, set_b.size()) << round;
    ASSERT_EQ(overlap.common, IntersectionSize(set_a, set_b)) << round;
  }
}

TEST(ShingleTest, JaccardIsIntersectionOverUnion) {
  const std::vector<uint64_t> a = {1, 3, 5, 7, 9};
  const std::vector<uint64_t> b = {2, 3, 4, 5, 10, 11};
  // |a ∩ b| = 2, |a ∪ b| = 9.
  EXPECT_DOUBLE_EQ(Jaccard(a, b), 2.0 / 9.0);
  EXPECT_DOUBLE_EQ(Jaccard(b, a), 2.0 / 9.0);
  EXPECT_DOUBLE_EQ(Jaccard(std::vector<uint64_t>{1, 2, 3, 4}, std::vector<uint64_t>{3, 4, 5}),
                   2.0 / 5.0);
  EXPECT_DOUBLE_EQ(Jaccard(std::vector<uint64_t>{1, 2}, std::vector<uint64_t>{3, 4}), 0.0);
}

TEST(ShingleTest, JaccardOfIdenticalSetsIsOne) {
  const std::vector<uint64_t> a = {4, 8, 15, 16, 23, 42};
  EXPECT_DOUBLE_EQ(Jaccard(a, a), 1.0);
  EXPECT_DOUBLE_EQ(Jaccard(std::vector<uint64_t>{7}, std::vector<uint64_t>{7}), 1.0);
}

TEST(ShingleTest, JaccardWithEmptySetsIsZero) {
  const std::vector<uint64_t> empty;
  const std::vector<uint64_t> a = {1, 2, 3};
  EXPECT_EQ(Jaccard(empty, empty), 0.0);
  EXPECT_EQ(Jaccard(a, empty), 0.0);
  EXPECT_EQ(Jaccard(empty, a), 0.0);
}

}  // namespace
}  // namespace reprint
