// The vocabularies of two texts being aligned, matched word for word, and
// the term weights the sentence method gives their words.
//
// Internal to the alignment (core/align.h).
#ifndef REPRINT_CORE_PAIR_VOCABULARY_H_
#define REPRINT_CORE_PAIR_VOCABULARY_H_

#include <cstdint>
#include <vector>

#include "core/align.h"

namespace reprint {

// The two texts' vocabularies matched, and (Weigh()) term weights shared by
// the sentences of both: idf over the sentences of the pair. Words in more
// than a quarter of all sentences (and in more than ten) carry no weight:
// they are the function words of whatever language the texts are in, and
// would make unrelated sentences look alike. Plain data once built.
struct PairVocabulary {
  // O(a.vocabulary.size()) lookups into b's word table.
  PairVocabulary(const AlignableText& a, const AlignableText& b);

  // Fills idf_a and idf_b. `a` and `b` are the texts the vocabulary was
  // built from.
  void Weigh(const AlignableText& a, const AlignableText& b);

  std::vector<uint32_t> a_to_b;  // per word id of a: the id of the same word in b, or kNoWord
  std::vector<uint32_t> b_to_a;
  std::vector<double> idf_a;  // per word id of a, after Weigh()
  std::vector<double> idf_b;
};

// Per word id of each of two texts, counts that are all zero between uses:
// scratch that the steps of one alignment share, so that none allocates
// its own. Whoever counts into it zeroes what it counted before it returns.
struct PairWordCounts {
  PairWordCounts(const AlignableText& text_a, const AlignableText& text_b)
      : a(text_a.vocabulary.size(), 0), b(text_b.vocabulary.size(), 0) {}

  std::vector<uint32_t> a;  // per word id of a
  std::vector<uint32_t> b;  // per word id of b
};

}  // namespace reprint

#endif  // REPRINT_CORE_PAIR_VOCABULARY_H_
