#include "core/sentence_seeds.h"

#include <string>
#include <vector>

#include "core/align.h"
#include "core/pair_vocabulary.h"
#include "gtest/gtest.h"

namespace reprint {
namespace {

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

  std::vector<Seed> Find() const { return Method().Find(); }

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

void ExpectFragment(const Fragment& f, uint32_t a_first, uint32_t a_last, uint32_t b_first,
                    uint32_t b_last) {
  EXPECT_EQ(f.a_first, a_first);
  EXPECT_EQ(f.a_last, a_last);
  EXPECT_EQ(f.b_first, b_first);
  EXPECT_EQ(f.b_last, b_last);
}

TEST(SentenceSeedsTest, SentencesCoverEveryTokenInOrder) {
  const AlignableText text = PrepareForAlignment("One two three. Four five! Six", NormalizeOptions{});
  const std::vector<SentenceRange> sentences = Sentences(text);
  ASSERT_EQ(sentences.size(), 3u);
  EXPECT_EQ(sentences[0].begin, 0u);
  EXPECT_EQ(sentences[0].end, 3u);
  EXPECT_EQ(sentences[1].begin, 3u);
  EXPECT_EQ(sentences[1].end, 5u);
  EXPECT_EQ(sentences[2].begin, 5u);
  EXPECT_EQ(sentences[2].end, 6u);
}

TEST(SentenceSeedsTest, OnlyTheSharedSentenceIsASeed) {
  const SentencePair pair({"a0", "a1", "shared"}, {"b0", "shared", "b2"});
  const std::vector<Seed> seeds = pair.Find();
  ASSERT_EQ(seeds.size(), 1u);
  EXPECT_EQ(seeds[0].a, 2u);
  EXPECT_EQ(seeds[0].b, 1u);
}

TEST(SentenceSeedsTest, SeedsAreOrderedByAThenB) {
  const SentencePair pair({"s1", "s0", "s1"}, {"s0", "s1"});
  const std::vector<Seed> seeds = pair.Find();
  ASSERT_EQ(seeds.size(), 3u);
  EXPECT_EQ(seeds[0].a, 0u);
  EXPECT_EQ(seeds[0].b, 1u);
  EXPECT_EQ(seeds[1].a, 1u);
  EXPECT_EQ(seeds[1].b, 0u);
  EXPECT_EQ(seeds[2].a, 2u);
  EXPECT_EQ(seeds[2].b, 1u);
}

TEST(SentenceSeedsTest, SentencesCopiedTogetherAreOneFragment) {
  const SentencePair pair({"s0", "s1", "s2", "s3"}, {"s0", "s1", "s2", "s3"});
  const std::vector<Fragment> fragments = pair.Fragments();
  ASSERT_EQ(fragments.size(), 1u);
  ExpectFragment(fragments[0], 0, 3, 0, 3);
  EXPECT_DOUBLE_EQ(fragments[0].cosine, 1.0);
  EXPECT_FALSE(fragments[0].boilerplate);
}

TEST(SentenceSeedsTest, SeedsFartherApartThanTheGapAreTwoFragments) {
  // max_gap_sentences is 4: five sentences between the seeds split them.
  const SentencePair pair({"s0", "a1", "a2", "a3", "a4", "a5", "s6"},
                          {"s0", "b1", "b2", "b3", "b4", "b5", "s6"});
  const std::vector<Fragment> fragments = pair.Fragments();
  ASSERT_EQ(fragments.size(), 2u);
  ExpectFragment(fragments[0], 0, 0, 0, 0);
  ExpectFragment(fragments[1], 6, 6, 6, 6);
}

TEST(SentenceSeedsTest, ClusterStillAlikeAsAWholeStaysOneFragment) {
  // One unrelated sentence between two copied ones: cosine about 0.5.
  const SentencePair pair({"s0", "a1", "s2"}, {"s0", "b1", "s2"});
  const std::vector<Fragment> fragments = pair.Fragments();
  ASSERT_EQ(fragments.size(), 1u);
  ExpectFragment(fragments[0], 0, 2, 0, 2);
  EXPECT_GE(fragments[0].cosine, AlignOptions{}.min_passage_cosine);
}

TEST(SentenceSeedsTest, ClusterNoLongerAlikeAsAWholeIsClusteredAgainWithASmallerGap) {
  // Three unrelated sentences between two copied ones: within the gap, but
  // the cosine of the whole (about 0.3) is under min_passage_cosine.
  const SentencePair pair({"s0", "a1", "a2", "a3", "s4"}, {"s0", "b1", "b2", "b3", "s4"});
  const std::vector<Fragment> fragments = pair.Fragments();
  ASSERT_EQ(fragments.size(), 2u);
  ExpectFragment(fragments[0], 0, 0, 0, 0);
  ExpectFragment(fragments[1], 4, 4, 4, 4);
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
  ExpectFragment(fragments[0], 0, 3, 0, 3);
  EXPECT_DOUBLE_EQ(fragments[0].cosine, 0.7);
  EXPECT_FALSE(fragments[0].boilerplate);  // boilerplate only if both were
}

TEST(SentenceSeedsTest, OfFragmentsOverlappingOnlyInACopiedTextBeatsBoilerplate) {
  std::vector<Fragment> fragments = {MakeFragment(0, 2, 0, 2, 0.9, true),
                                     MakeFragment(1, 3, 10, 12, 0.4, false)};
  ResolveOverlaps(&fragments);
  ASSERT_EQ(fragments.size(), 1u);
  ExpectFragment(fragments[0], 1, 3, 10, 12);
}

TEST(SentenceSeedsTest, OfTwoOfAKindOverlappingOnlyInAMoreSimilarStays) {
  std::vector<Fragment> fragments = {MakeFragment(0, 2, 0, 2, 0.5, false),
                                     MakeFragment(1, 3, 10, 12, 0.6, false)};
  ResolveOverlaps(&fragments);
  ASSERT_EQ(fragments.size(), 1u);
  ExpectFragment(fragments[0], 1, 3, 10, 12);
  fragments = {MakeFragment(0, 2, 0, 2, 0.6, false), MakeFragment(1, 3, 10, 12, 0.5, false)};
  ResolveOverlaps(&fragments);
  ASSERT_EQ(fragments.size(), 1u);
  ExpectFragment(fragments[0], 0, 2, 0, 2);
}

TEST(SentenceSeedsTest, DisjointFragmentsAllStayInOrder) {
  std::vector<Fragment> fragments = {MakeFragment(5, 6, 0, 1, 0.5, false),
                                     MakeFragment(0, 1, 5, 6, 0.5, false)};
  ResolveOverlaps(&fragments);
  ASSERT_EQ(fragments.size(), 2u);
  ExpectFragment(fragments[0], 0, 1, 5, 6);
  ExpectFragment(fragments[1], 5, 6, 0, 1);
}

}  // namespace
}  // namespace reprint
