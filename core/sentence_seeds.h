// The sentence method of the alignment (after Sanchez-Perez et al., PAN
// 2014): candidate passages from pairs of similar sentences.
//
//   vocabulary.Weigh(a, b);
//   SentenceSeeds method(a, b, sentences_a, sentences_b, vocabulary, options);
//   std::vector<Fragment> fragments;
//   method.Cluster(method.Find(), /*boilerplate=*/false, &counts, &fragments);
//   ResolveOverlaps(&fragments);
//
// Sentences of both texts are compared as tf-idf bags of their content
// words; a pair similar by cosine and by Dice is a seed. Seeds close
// together in both texts are clustered into one fragment, and a cluster
// whose texts are no longer alike as a whole is clustered again with a
// smaller gap. Word order plays no part, so reordered, shuffled and lightly
// reworded text is found as well as verbatim copy.
//
// Internal to the alignment (core/align.h).
#ifndef REPRINT_CORE_SENTENCE_SEEDS_H_
#define REPRINT_CORE_SENTENCE_SEEDS_H_

#include <cstdint>
#include <vector>

#include "core/align.h"
#include "core/pair_vocabulary.h"
#include "reprint/options.h"

namespace reprint {

// A sentence's tokens, [begin, end).
struct SentenceRange {
  uint32_t begin;  // token index
  uint32_t end;
};

// The sentences of `text` (its sentence_starts), in order. O(sentences).
std::vector<SentenceRange> Sentences(const AlignableText& text);

// Sentence `a` of one text is similar to sentence `b` of the other.
struct Seed {
  uint32_t a;  // sentence index in a
  uint32_t b;  // sentence index in b
};

// A candidate passage in sentence indices, inclusive.
struct Fragment {
  uint32_t a_first, a_last, b_first, b_last;
  double cosine;     // of the tf-idf bags of the fragment's two texts
  bool boilerplate;  // made of boilerplate seeds
};

// Seeds and fragments of one pair of texts. Holds references to all it is
// given, which must outlive it. Const methods are thread-safe.
class SentenceSeeds {
 public:
  // REQUIRES: vocabulary.Weigh(a, b) was called; sentences_a and
  // sentences_b are Sentences(a) and Sentences(b).
  SentenceSeeds(const AlignableText& a, const AlignableText& b,
                const std::vector<SentenceRange>& sentences_a,
                const std::vector<SentenceRange>& sentences_b, const PairVocabulary& vocabulary,
                const AlignOptions& options);

  // The sentence pairs with cosine >= options.seed_cosine and Dice >=
  // options.seed_dice, ordered by a, then b. Pairs sharing no content
  // word cost nothing: scores accumulate over postings of b's words.
  std::vector<Seed> Find() const;

  // Appends to *out the fragments of `seeds`: runs whose consecutive
  // members are at most options.max_gap_sentences sentences apart in a,
  // then in b, until no run splits further; a run whose texts' cosine is
  // under options.min_passage_cosine is clustered again with a gap one
  // smaller, down to 0. Each fragment is marked `boilerplate` as given.
  // *counts must be all zero and is left so.
  void Cluster(std::vector<Seed> seeds, bool boilerplate, PairWordCounts* counts,
               std::vector<Fragment>* out) const;

 private:
  void ClusterWithGap(std::vector<Seed> seeds, int gap, bool boilerplate, PairWordCounts* counts,
                      std::vector<Fragment>* out) const;
  // Cosine of the tf-idf bags of words a[a_begin, a_end) and b[b_begin, b_end).
  double RangeCosine(uint32_t a_begin, uint32_t a_end, uint32_t b_begin, uint32_t b_end,
                     PairWordCounts* counts) const;

  const AlignableText& a_;
  const AlignableText& b_;
  const std::vector<SentenceRange>& sa_;
  const std::vector<SentenceRange>& sb_;
  const PairVocabulary& vocabulary_;
  const AlignOptions& options_;
};

// Merges fragments that overlap on both sides into one; of fragments that
// overlap only in a, one stays: copied text beats boilerplate (a notice
// that both texts carry, verbatim, would otherwise drop the copy around
// it), and between two of a kind the one of higher cosine. What is left is
// in the order of the fragments that began each, by (a_first, b_first).
// O(n^2) for n fragments in the worst case; there are few.
void ResolveOverlaps(std::vector<Fragment>* fragments);

}  // namespace reprint

#endif  // REPRINT_CORE_SENTENCE_SEEDS_H_
