#include "core/pair_vocabulary.h"

#include <cmath>
#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "core/align.h"
#include "gtest/gtest.h"
#include "xxhash.h"

namespace reprint {
namespace {

constexpr uint32_t kNoWord = AlignableText::kNoWord;

uint32_t IdOf(const AlignableText& text, const std::string& word) {
  return text.FindWord(XXH3_64bits(word.data(), word.size()));
}

TEST(PairVocabularyTest, SharedWordsAreMatchedBothWaysAndOthersAreNot) {
  const AlignableText a = PrepareForAlignment("alpha beta gamma", NormalizeOptions{});
  const AlignableText b = PrepareForAlignment("gamma delta alpha", NormalizeOptions{});
  const PairVocabulary vocabulary(a, b);
  EXPECT_EQ(vocabulary.a_to_b[IdOf(a, "alpha")], IdOf(b, "alpha"));
  EXPECT_EQ(vocabulary.a_to_b[IdOf(a, "gamma")], IdOf(b, "gamma"));
  EXPECT_EQ(vocabulary.a_to_b[IdOf(a, "beta")], kNoWord);
  EXPECT_EQ(vocabulary.b_to_a[IdOf(b, "alpha")], IdOf(a, "alpha"));
  EXPECT_EQ(vocabulary.b_to_a[IdOf(b, "delta")], kNoWord);
}

// Twelve sentences in each text (24 in all), weighed. "often" is in the
// first `often` sentences of a; "once" in one sentence of b; "both" in one
// sentence of each.
class TwelveSentencesEach {
 public:
  explicit TwelveSentencesEach(int often) {
    for (int s = 0; s < 12; ++s) {
      absl::StrAppend(&text_a_, "a", s, s < often ? " often" : "", s == 0 ? " both" : "", ". ");
      absl::StrAppend(&text_b_, "b", s, s == 0 ? " once both" : "", ". ");
    }
    a_ = PrepareForAlignment(text_a_, NormalizeOptions{});
    b_ = PrepareForAlignment(text_b_, NormalizeOptions{});
    vocabulary_.emplace(a_, b_);
    vocabulary_->Weigh(a_, b_);
  }

  double WeightInA(const std::string& word) const { return vocabulary_->idf_a[IdOf(a_, word)]; }
  double WeightInB(const std::string& word) const { return vocabulary_->idf_b[IdOf(b_, word)]; }

 private:
  std::string text_a_, text_b_;
  AlignableText a_, b_;
  std::optional<PairVocabulary> vocabulary_;
};

TEST(PairVocabularyTest, WeightIsIdfOverTheSentencesOfBothTexts) {
  const TwelveSentencesEach texts(/*often=*/10);
  EXPECT_DOUBLE_EQ(texts.WeightInB("once"), std::log(1.0 + 24.0 / 1));
  EXPECT_DOUBLE_EQ(texts.WeightInA("both"), std::log(1.0 + 24.0 / 2));
  EXPECT_DOUBLE_EQ(texts.WeightInB("both"), texts.WeightInA("both"));
  // In ten sentences: not yet a function word.
  EXPECT_DOUBLE_EQ(texts.WeightInA("often"), std::log(1.0 + 24.0 / 10));
}

TEST(PairVocabularyTest, WordInMoreThanTenAndAQuarterOfTheSentencesWeighsNothing) {
  const TwelveSentencesEach texts(/*often=*/11);
  EXPECT_EQ(texts.WeightInA("often"), 0.0);
  EXPECT_GT(texts.WeightInB("once"), 0.0);
}

}  // namespace
}  // namespace reprint
