#include "core/sentence_seeds.h"

#include <array>
#include <string>
#include <utility>
#include <vector>

#include "core/align.h"
#include "core/pair_vocabulary.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace reprint {
namespace {

using ::testing::ElementsAre;
using ::testing::Pair;

// Sentence `name`: eight words of its own and a full stop.
std::string Sentence(const std::string& name) {
  std::string out;
  for (int i = 0; i < 8; ++i) out += name + "x" + std::to_string(i) + (i < 7 ? " " : ".");
  return out;
}

std::string Text(const std::vector<std::string>& sentence_names) {
  std::string out;
  for (const std::string& name : sentence_names) {
    if (!out.empty()) out += ' ';
    out += Sentence(name);
  }
  return out;
}

// The sentence method run on two texts, as the alignment runs it.
class SentencePair {
 public:
  SentencePair(const std::vector<std::string>& sentences_a, const std::vector<std::string>& sentences_b)
      : text_a_(Text(sentences_a)), text_b_(Text(sentences_b)),
        a_(PrepareForAlignment(text_a_, NormalizeOptions{})),
        b_(PrepareForAlignment(text_b_, NormalizeOptions{})), sa_(Sentences(a_)), sb_(Sentences(b_)),
        vocabulary_(a_, b_) {
    vocabulary_.Weigh(a_, b_);
  }

  // Find()'s seeds as (a, b).
  std::vector<std::pair<uint32_t, uint32_t>> SeedPairs() const {
    std::vector<std::pair<uint32_t, uint32_t>> out;
    for (const Seed& seed : Method().Find()) out.emplace_back(seed.a, seed.b);
    return out;
  }

  std::vector<Fragment> Fragments() const {
    const SentenceSeeds method = Method();
    PairWordCounts counts(a_, b_);
    std::vector<Fragment> fragments;
    method.Cluster(method.Find(), /*boilerplate=*/false, &counts, &fragments);
    for (uint32_t count : counts.a) EXPECT_EQ(count, 0u) << "scratch left dirty";
    for (uint32_t count : counts.b) EXPECT_EQ(count, 0u) << "scratch left dirty";
    return fragments;
  }

 private:
  SentenceSeeds Method() const { return SentenceSeeds(a_, b_, sa_, sb_, vocabulary_, options_); }

  std::string text_a_, text_b_;
  AlignableText a_, b_;
  std::vector<SentenceRange> sa_, sb_;
  PairVocabulary vocabulary_;
  AlignOptions options_;
};

// A fragment's sentences, for comparing with ElementsAre(a_first, a_last, b_first, b_last).
std::array<uint32_t, 4> SentencesOf(const Fragment& f) {
  return {f.a_first, f.a_last, f.b_first, f.b_last};
}

TEST(SentenceSeedsTest, SentencesCoverEveryTokenInOrder) {
  const AlignableText text = PrepareForAlignment("One two three. Four five! Six", NormalizeOptions{});
  std::vector<std::pair<uint32_t, uint32_t>> ranges;
  for (const SentenceRange& sentence : Sentences(text)) ranges.emplace_back(sentence.begin, sentence.end);
  EXPECT_THAT(ranges, ElementsAre(Pair(0, 3), Pair(3, 5), Pair(5, 6)));
}

TEST(SentenceSeedsTest, OnlyTheSharedSentenceIsASeed) {
  const SentencePair pair({"a0", "a1", "shared"}, {"b0", "shared", "b2"});
  EXPECT_THAT(pair.SeedPairs(), ElementsAre(Pair(2, 1)));
}

TEST(SentenceSeedsTest, SeedsAreOrderedByAThenB) {
  const SentencePair pair({"s1", "s0", "s1"}, {"s0", "s1"});
  EXPECT_THAT(pair.SeedPairs(), ElementsAre(Pair(0, 1), Pair(1, 0), Pair(2, 1)));
}

TEST(SentenceSeedsTest, SentencesCopiedTogetherAreOneFragment) {
  const SentencePair pair({"s0", "s1", "s2", "s3"}, {"s0", "s1", "s2", "s3"});
  const std::vector<Fragment> fragments = pair.Fragments();
  ASSERT_EQ(fragments.size(), 1u);
  EXPECT_THAT(SentencesOf(fragments[0]), ElementsAre(0, 3, 0, 3));
  EXPECT_DOUBLE_EQ(fragments[0].cosine, 1.0);
  EXPECT_FALSE(fragments[0].boilerplate);
}

TEST(SentenceSeedsTest, SeedsFartherApartThanTheGapAreTwoFragments) {
  // max_gap_sentences is 4: five sentences between the seeds split them.
  const SentencePair pair({"s0", "a1", "a2", "a3", "a4", "a5", "s6"},
                          {"s0", "b1", "b2", "b3", "b4", "b5", "s6"});
  const std::vector<Fragment> fragments = pair.Fragments();
  ASSERT_EQ(fragments.size(), 2u);
  EXPECT_THAT(SentencesOf(fragments[0]), ElementsAre(0, 0, 0, 0));
  EXPECT_THAT(SentencesOf(fragments[1]), ElementsAre(6, 6, 6, 6));
}

TEST(SentenceSeedsTest, ClusterStillAlikeAsAWholeStaysOneFragment) {
  // One unrelated sentence between two copied ones: cosine about 0.5.
  const SentencePair pair({"s0", "a1", "s2"}, {"s0", "b1", "s2"});
  const std::vector<Fragment> fragments = pair.Fragments();
  ASSERT_EQ(fragments.size(), 1u);
  EXPECT_THAT(SentencesOf(fragments[0]), ElementsAre(0, 2, 0, 2));
  EXPECT_GE(fragments[0].cosine, AlignOptions{}.min_passage_cosine);
}

TEST(SentenceSeedsTest, ClusterNoLongerAlikeAsAWholeIsClusteredAgainWithASmallerGap) {
  // Three unrelated sentences between two copied ones: within the gap, but
  // the cosine of the whole (about 0.3) is under min_passage_cosine.
  const SentencePair pair({"s0", "a1", "a2", "a3", "s4"}, {"s0", "b1", "b2", "b3", "s4"});
  const std::vector<Fragment> fragments = pair.Fragments();
  ASSERT_EQ(fragments.size(), 2u);
  EXPECT_THAT(SentencesOf(fragments[0]), ElementsAre(0, 0, 0, 0));
  EXPECT_THAT(SentencesOf(fragments[1]), ElementsAre(4, 4, 4, 4));
}

// ------------------------------------------------------------ ResolveOverlaps

Fragment MakeFragment(uint32_t a_first, uint32_t a_last, uint32_t b_first, uint32_t b_last,
                      double cosine, bool boilerplate) {
  return Fragment{a_first, a_last, b_first, b_last, cosine, boilerplate};
}

TEST(SentenceSeedsTest, FragmentsOverlappingOnBothSidesMerge) {
  std::vector<Fragment> fragments = {MakeFragment(1, 3, 1, 3, 0.7, false),
                                     MakeFragment(0, 2, 0, 2, 0.5, true)};
  ResolveOverlaps(&fragments);
  ASSERT_EQ(fragments.size(), 1u);
  EXPECT_THAT(SentencesOf(fragments[0]), ElementsAre(0, 3, 0, 3));
  EXPECT_DOUBLE_EQ(fragments[0].cosine, 0.7);
  EXPECT_FALSE(fragments[0].boilerplate);  // boilerplate only if both were
}

// ResolveOverlaps() of `fragments`, each as its sentences.
std::vector<std::array<uint32_t, 4>> Resolved(std::vector<Fragment> fragments) {
  ResolveOverlaps(&fragments);
  std::vector<std::array<uint32_t, 4>> out;
  for (const Fragment& f : fragments) out.push_back(SentencesOf(f));
  return out;
}

using Sentences4 = std::array<uint32_t, 4>;

TEST(SentenceSeedsTest, OfFragmentsOverlappingOnlyInACopiedTextBeatsBoilerplate) {
  EXPECT_THAT(Resolved({MakeFragment(0, 2, 0, 2, 0.9, true), MakeFragment(1, 3, 10, 12, 0.4, false)}),
              ElementsAre(Sentences4{1, 3, 10, 12}));
}

TEST(SentenceSeedsTest, OfTwoOfAKindOverlappingOnlyInAMoreSimilarStays) {
  EXPECT_THAT(Resolved({MakeFragment(0, 2, 0, 2, 0.5, false), MakeFragment(1, 3, 10, 12, 0.6, false)}),
              ElementsAre(Sentences4{1, 3, 10, 12}));
  EXPECT_THAT(Resolved({MakeFragment(0, 2, 0, 2, 0.6, false), MakeFragment(1, 3, 10, 12, 0.5, false)}),
              ElementsAre(Sentences4{0, 2, 0, 2}));
}

TEST(SentenceSeedsTest, DisjointFragmentsAllStayInOrder) {
  EXPECT_THAT(Resolved({MakeFragment(5, 6, 0, 1, 0.5, false), MakeFragment(0, 1, 5, 6, 0.5, false)}),
              ElementsAre(Sentences4{0, 1, 5, 6}, Sentences4{5, 6, 0, 1}));
}

}  // namespace
}  // namespace reprint
