#include "core/sentence_seeds.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <tuple>
#include <utility>

namespace reprint {
namespace {

constexpr uint32_t kNoWord = AlignableText::kNoWord;

// The sentences of a text as tf-idf bags of their content words (idf > 0),
// all in one array: sentence s is terms[starts[s], starts[s + 1]) as
// (word id, weight), with Euclidean norm norms[s].
struct SentenceBags {
  SentenceBags(const AlignableText& text, const std::vector<double>& idf) {
    const size_t n = text.num_sentences();
    starts.reserve(n + 1);
    norms.reserve(n);
    terms.reserve(text.terms.size());
    starts.push_back(0);
    for (size_t s = 0; s < n; ++s) {
      double norm = 0;
      for (uint32_t t = text.term_starts[s]; t < text.term_starts[s + 1]; ++t) {
        const auto [word, count] = text.terms[t];
        if (idf[word] <= 0) continue;
        const double weight = count * idf[word];
        terms.emplace_back(word, weight);
        norm += weight * weight;
      }
      starts.push_back(static_cast<uint32_t>(terms.size()));
      norms.push_back(std::sqrt(norm));
    }
  }

  size_t size() const { return norms.size(); }
  uint32_t num_terms(size_t s) const { return starts[s + 1] - starts[s]; }

  std::vector<uint32_t> starts;
  std::vector<std::pair<uint32_t, double>> terms;
  std::vector<double> norms;
};

// For each content word of a text, the sentences that hold it and its
// weight there: entries[starts[w], starts[w + 1]).
struct Postings {
  Postings(const SentenceBags& bags, size_t vocabulary_size) : starts(vocabulary_size + 1, 0) {
    for (const auto& term : bags.terms) ++starts[term.first + 1];
    for (size_t w = 0; w < vocabulary_size; ++w) starts[w + 1] += starts[w];
    entries.resize(starts.back());
    std::vector<uint32_t> fill(starts.begin(), starts.end() - 1);
    for (uint32_t j = 0; j < bags.size(); ++j) {
      for (uint32_t t = bags.starts[j]; t < bags.starts[j + 1]; ++t) {
        const auto [word, weight] = bags.terms[t];
        entries[fill[word]++] = {j, weight};
      }
    }
  }

  std::vector<uint32_t> starts;
  std::vector<std::pair<uint32_t, double>> entries;
};

// Counts the content words (idf > 0) of text[begin, end) into *counts;
// returns their ids, ascending. The caller zeroes the counts again.
std::vector<uint32_t> CountWords(const AlignableText& text, uint32_t begin, uint32_t end,
                                 const std::vector<double>& idf, std::vector<uint32_t>* counts) {
  std::vector<uint32_t> words;
  for (uint32_t t = begin; t < end; ++t) {
    const uint32_t w = text.word_ids[t];
    if (idf[w] > 0 && (*counts)[w]++ == 0) words.push_back(w);
  }
  std::sort(words.begin(), words.end());
  return words;
}

// Splits `seeds` into runs whose consecutive members are at most `gap`
// sentences apart in a, then in b, until no run splits further; the runs
// ordered by their first seed.
std::vector<std::vector<Seed>> SplitByGap(std::vector<Seed> seeds, int gap) {
  std::vector<std::vector<Seed>> done;
  std::vector<std::vector<Seed>> pending = {std::move(seeds)};
  while (!pending.empty()) {
    std::vector<Seed> group = std::move(pending.back());
    pending.pop_back();
    bool split = false;
    for (const bool by_a : {true, false}) {
      auto key = [by_a](const Seed& s) { return by_a ? s.a : s.b; };
      std::sort(group.begin(), group.end(), [&](const Seed& x, const Seed& y) {
        return key(x) != key(y) ? key(x) < key(y) : (by_a ? x.b < y.b : x.a < y.a);
      });
      size_t run_begin = 0;
      std::vector<std::vector<Seed>> parts;
      for (size_t i = 1; i <= group.size(); ++i) {
        if (i == group.size() || key(group[i]) - key(group[i - 1]) > static_cast<uint32_t>(gap) + 1) {
          parts.emplace_back(group.begin() + static_cast<std::ptrdiff_t>(run_begin),
                             group.begin() + static_cast<std::ptrdiff_t>(i));
          run_begin = i;
        }
      }
      if (parts.size() > 1) {
        for (auto& part : parts) pending.push_back(std::move(part));
        split = true;
        break;
      }
    }
    if (!split) done.push_back(std::move(group));
  }
  std::sort(done.begin(), done.end(), [](const auto& x, const auto& y) {
    return std::make_pair(x.front().a, x.front().b) < std::make_pair(y.front().a, y.front().b);
  });
  return done;
}

}  // namespace

std::vector<SentenceRange> Sentences(const AlignableText& text) {
  std::vector<SentenceRange> out;
  const auto num_tokens = static_cast<uint32_t>(text.tokens.tokens.size());
  for (size_t s = 0; s < text.sentence_starts.size(); ++s) {
    const uint32_t end =
        s + 1 < text.sentence_starts.size() ? text.sentence_starts[s + 1] : num_tokens;
    out.push_back({text.sentence_starts[s], end});
  }
  return out;
}

SentenceSeeds::SentenceSeeds(const AlignableText& a, const AlignableText& b,
                             const std::vector<SentenceRange>& sentences_a,
                             const std::vector<SentenceRange>& sentences_b,
                             const PairVocabulary& vocabulary, const AlignOptions& options)
    : a_(a), b_(b), sa_(sentences_a), sb_(sentences_b), vocabulary_(vocabulary), options_(options) {}

std::vector<Seed> SentenceSeeds::Find() const {
  const SentenceBags bags_a(a_, vocabulary_.idf_a);
  const SentenceBags bags_b(b_, vocabulary_.idf_b);
  // Dot products and shared-word counts accumulate over b's postings, so
  // sentence pairs sharing no content word cost nothing.
  const Postings postings_b(bags_b, b_.vocabulary.size());
  std::vector<Seed> seeds;
  std::vector<double> dot(bags_b.size(), 0);
  std::vector<uint32_t> shared(bags_b.size(), 0);
  std::vector<uint32_t> touched;
  for (uint32_t i = 0; i < bags_a.size(); ++i) {
    touched.clear();
    for (uint32_t t = bags_a.starts[i]; t < bags_a.starts[i + 1]; ++t) {
      const auto [word, weight] = bags_a.terms[t];
      const uint32_t word_b = vocabulary_.a_to_b[word];
      if (word_b == kNoWord) continue;
      for (uint32_t p = postings_b.starts[word_b]; p < postings_b.starts[word_b + 1]; ++p) {
        const auto [j, weight_b] = postings_b.entries[p];
        if (shared[j] == 0) touched.push_back(j);
        ++shared[j];
        dot[j] += weight * weight_b;
      }
    }
    std::sort(touched.begin(), touched.end());
    for (const uint32_t j : touched) {
      const double cosine = dot[j] / (bags_a.norms[i] * bags_b.norms[j]);
      const double dice = 2.0 * shared[j] /
                          static_cast<double>(bags_a.num_terms(i) + bags_b.num_terms(j));
      if (cosine >= options_.seed_cosine && dice >= options_.seed_dice) seeds.push_back({i, j});
      dot[j] = 0;
      shared[j] = 0;
    }
  }
  return seeds;
}

void SentenceSeeds::Cluster(std::vector<Seed> seeds, bool boilerplate, PairWordCounts* counts,
                            std::vector<Fragment>* out) const {
  ClusterWithGap(std::move(seeds), options_.max_gap_sentences, boilerplate, counts, out);
}

void SentenceSeeds::ClusterWithGap(std::vector<Seed> seeds, int gap, bool boilerplate,
                                   PairWordCounts* counts, std::vector<Fragment>* out) const {
  std::vector<std::vector<Seed>> groups = SplitByGap(std::move(seeds), gap);
  for (std::vector<Seed>& group : groups) {
    Fragment fragment{UINT32_MAX, 0, UINT32_MAX, 0, 0, boilerplate};
    for (const Seed& seed : group) {
      fragment.a_first = std::min(fragment.a_first, seed.a);
      fragment.a_last = std::max(fragment.a_last, seed.a);
      fragment.b_first = std::min(fragment.b_first, seed.b);
      fragment.b_last = std::max(fragment.b_last, seed.b);
    }
    fragment.cosine = RangeCosine(sa_[fragment.a_first].begin, sa_[fragment.a_last].end,
                                  sb_[fragment.b_first].begin, sb_[fragment.b_last].end, counts);
    if (fragment.cosine < options_.min_passage_cosine && gap > 0 && group.size() > 1) {
      ClusterWithGap(std::move(group), gap - 1, boilerplate, counts, out);
    } else {
      out->push_back(fragment);
    }
  }
}

double SentenceSeeds::RangeCosine(uint32_t a_begin, uint32_t a_end, uint32_t b_begin,
                                  uint32_t b_end, PairWordCounts* counts) const {
  std::vector<uint32_t>& count_a = counts->a;
  std::vector<uint32_t>& count_b = counts->b;
  const std::vector<uint32_t> words_a = CountWords(a_, a_begin, a_end, vocabulary_.idf_a, &count_a);
  const std::vector<uint32_t> words_b = CountWords(b_, b_begin, b_end, vocabulary_.idf_b, &count_b);
  double norm_a = 0, norm_b = 0, dot = 0;
  for (const uint32_t w : words_a) {
    const double weight = count_a[w] * vocabulary_.idf_a[w];
    norm_a += weight * weight;
    const uint32_t w_b = vocabulary_.a_to_b[w];
    if (w_b != kNoWord && count_b[w_b] > 0) dot += weight * (count_b[w_b] * vocabulary_.idf_b[w_b]);
  }
  for (const uint32_t w : words_b) {
    const double weight = count_b[w] * vocabulary_.idf_b[w];
    norm_b += weight * weight;
  }
  for (const uint32_t w : words_a) count_a[w] = 0;
  for (const uint32_t w : words_b) count_b[w] = 0;
  if (norm_a == 0 || norm_b == 0) return 0;
  return dot / (std::sqrt(norm_a) * std::sqrt(norm_b));
}

void ResolveOverlaps(std::vector<Fragment>* fragments) {
  std::sort(fragments->begin(), fragments->end(), [](const Fragment& x, const Fragment& y) {
    return std::tie(x.a_first, x.b_first) < std::tie(y.a_first, y.b_first);
  });
  std::vector<Fragment> kept;
  for (const Fragment& f : *fragments) {
    bool absorbed = false;
    for (Fragment& k : kept) {
      const bool overlap_a = f.a_first <= k.a_last && k.a_first <= f.a_last;
      const bool overlap_b = f.b_first <= k.b_last && k.b_first <= f.b_last;
      if (overlap_a && overlap_b) {
        k.a_first = std::min(k.a_first, f.a_first);
        k.a_last = std::max(k.a_last, f.a_last);
        k.b_first = std::min(k.b_first, f.b_first);
        k.b_last = std::max(k.b_last, f.b_last);
        k.cosine = std::max(k.cosine, f.cosine);
        k.boilerplate = k.boilerplate && f.boilerplate;
        absorbed = true;
        break;
      }
      if (overlap_a) {
        if (f.boilerplate != k.boilerplate ? k.boilerplate : f.cosine > k.cosine) k = f;
        absorbed = true;
        break;
      }
    }
    if (!absorbed) kept.push_back(f);
  }
  *fragments = std::move(kept);
}

}  // namespace reprint
