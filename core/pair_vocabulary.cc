#include "core/pair_vocabulary.h"

#include <cmath>

namespace reprint {

PairVocabulary::PairVocabulary(const AlignableText& a, const AlignableText& b)
    : a_to_b(a.vocabulary.size(), AlignableText::kNoWord),
      b_to_a(b.vocabulary.size(), AlignableText::kNoWord) {
  for (size_t i = 0; i < a.vocabulary.size(); ++i) {
    const uint32_t j = b.FindWord(a.vocabulary[i]);
    if (j != AlignableText::kNoWord) {
      a_to_b[i] = j;
      b_to_a[j] = static_cast<uint32_t>(i);
    }
  }
}

void PairVocabulary::Weigh(const AlignableText& a, const AlignableText& b) {
  const size_t sentences = a.num_sentences() + b.num_sentences();
  const double n = static_cast<double>(sentences);
  // A word's weight depends only on its sentence frequency (1..n): one
  // logarithm per frequency, not per word.
  std::vector<double> weight_of(sentences + 1, -1);
  auto weigh = [&](uint32_t df) {
    double& weight = weight_of[df];
    if (weight < 0) {
      const bool function_word = df > 10 && df > n / 4;
      weight = function_word ? 0.0 : std::log(1.0 + n / df);
    }
    return weight;
  };
  idf_a.resize(a.vocabulary.size());
  idf_b.resize(b.vocabulary.size());
  for (size_t i = 0; i < a.vocabulary.size(); ++i) {
    const uint32_t df_b = a_to_b[i] == AlignableText::kNoWord ? 0 : b.sentence_frequency[a_to_b[i]];
    idf_a[i] = weigh(a.sentence_frequency[i] + df_b);
  }
  for (size_t j = 0; j < b.vocabulary.size(); ++j) {
    idf_b[j] = b_to_a[j] == AlignableText::kNoWord ? weigh(b.sentence_frequency[j]) : idf_a[b_to_a[j]];
  }
}

}  // namespace reprint
