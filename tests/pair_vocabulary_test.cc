#include "core/pair_vocabulary.h"

#include <cmath>
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

// Twelve sentences in each text (24 in all). "often" is in the first
// `often` sentences of a; "once" in one sentence of b; "both" in one
// sentence of each.
void PrepareTwelveSentences(int often, AlignableText* a, AlignableText* b, std::string* text_a,
                            std::string* text_b) {
  for (int s = 0; s < 12; ++s) {
    absl::StrAppend(text_a, "a", s, s < often ? " often" : "", s == 0 ? " both" : "", ". ");
    absl::StrAppend(text_b, "b", s, s == 0 ? " once both" : "", ". ");
  }
  PrepareForAlignment(*text_a, NormalizeOptions{}, a);
  PrepareForAlignment(*text_b, NormalizeOptions{}, b);
}

TEST(PairVocabularyTest, WeightIsIdfOverTheSentencesOfBothTexts) {
  AlignableText a, b;
  std::string text_a, text_b;
  PrepareTwelveSentences(10, &a, &b, &text_a, &text_b);
  PairVocabulary vocabulary(a, b);
  vocabulary.Weigh(a, b);
  EXPECT_DOUBLE_EQ(vocabulary.idf_b[IdOf(b, "once")], std::log(1.0 + 24.0 / 1));
  EXPECT_DOUBLE_EQ(vocabulary.idf_a[IdOf(a, "both")], std::log(1.0 + 24.0 / 2));
  EXPECT_DOUBLE_EQ(vocabulary.idf_b[IdOf(b, "both")], vocabulary.idf_a[IdOf(a, "both")]);
  // In ten sentences: not yet a function word.
  EXPECT_DOUBLE_EQ(vocabulary.idf_a[IdOf(a, "often")], std::log(1.0 + 24.0 / 10));
}

TEST(PairVocabularyTest, WordInMoreThanTenAndAQuarterOfTheSentencesWeighsNothing) {
  AlignableText a, b;
  std::string text_a, text_b;
  PrepareTwelveSentences(11, &a, &b, &text_a, &text_b);
  PairVocabulary vocabulary(a, b);
  vocabulary.Weigh(a, b);
  EXPECT_EQ(vocabulary.idf_a[IdOf(a, "often")], 0.0);
  EXPECT_GT(vocabulary.idf_b[IdOf(b, "once")], 0.0);
}

}  // namespace
}  // namespace reprint
