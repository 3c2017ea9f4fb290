#include "core/align.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <tuple>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "core/encoding.h"

namespace reprint {
namespace {

// A sentence with no terminal punctuation for this many words is cut there:
// scraped text and poetry can run for pages without a full stop, and one
// huge "sentence" would make a seed cover far more than what was reused.
constexpr uint32_t kMaxSentenceWords = 50;

bool IsBlank(std::string_view line) { return line.find_first_not_of(" \t\r") == std::string_view::npos; }

// Reads the text between two words. Returns whether it ends a sentence (it
// holds . ! ? or a blank line) and updates the quote state *inside: “ opens,
// ” closes, a straight " toggles. A blank line ends any quote left open, as
// a paragraph does; news style reopens a quote that runs on with a quotation
// mark at the start of the next paragraph, which then counts as opening it.
bool ReadGap(std::string_view gap, bool* inside) {
  if (gap.size() == 1 && gap[0] == ' ') return false;  // by far the most common gap
  bool ends_sentence = false;
  size_t line_start = std::string_view::npos;  // just after the last newline
  for (size_t i = 0; i < gap.size(); ++i) {
    const char c = gap[i];
    if (c == '.' || c == '!' || c == '?') {
      ends_sentence = true;
    } else if (c == '\n') {
      if (line_start != std::string_view::npos && IsBlank(gap.substr(line_start, i - line_start))) {
        ends_sentence = true;
        *inside = false;
      }
      line_start = i + 1;
    } else if (c == '"') {
      *inside = !*inside;
    } else if (gap.compare(i, 3, "\xE2\x80\x9C") == 0) {  // “
      *inside = true;
    } else if (gap.compare(i, 3, "\xE2\x80\x9D") == 0) {  // ”
      *inside = false;
    }
  }
  return ends_sentence;
}

struct SentenceRange {
  uint32_t begin;  // token index
  uint32_t end;
};

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

constexpr uint32_t kNoWord = AlignableText::kNoWord;

// The two texts' vocabularies matched, and (Weigh()) term weights shared
// by the sentences of both: idf over the sentences of the pair. Words in
// more than a quarter of all sentences (and in more than ten) carry no
// weight: they are the function words of whatever language the texts are
// in, and would make unrelated sentences look alike.
struct PairVocabulary {
  PairVocabulary(const AlignableText& a, const AlignableText& b)
      : a_to_b(a.vocabulary.size(), kNoWord), b_to_a(b.vocabulary.size(), kNoWord) {
    for (size_t i = 0; i < a.vocabulary.size(); ++i) {
      const uint32_t j = b.FindWord(a.vocabulary[i]);
      if (j != kNoWord) {
        a_to_b[i] = j;
        b_to_a[j] = static_cast<uint32_t>(i);
      }
    }
  }

  void Weigh(const AlignableText& a, const AlignableText& b) {
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
      const uint32_t df_b = a_to_b[i] == kNoWord ? 0 : b.sentence_frequency[a_to_b[i]];
      idf_a[i] = weigh(a.sentence_frequency[i] + df_b);
    }
    for (size_t j = 0; j < b.vocabulary.size(); ++j) {
      idf_b[j] = b_to_a[j] == kNoWord ? weigh(b.sentence_frequency[j]) : idf_a[b_to_a[j]];
    }
  }

  std::vector<uint32_t> a_to_b;  // per word id of a: the id of the same word in b, or kNoWord
  std::vector<uint32_t> b_to_a;
  std::vector<double> idf_a;  // per word id of a, after Weigh()
  std::vector<double> idf_b;
};

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

struct Seed {
  uint32_t a;  // sentence index in a
  uint32_t b;  // sentence index in b
};

// A candidate passage in sentence indices, inclusive.
struct Fragment {
  uint32_t a_first, a_last, b_first, b_last;
  double cosine;
  bool boilerplate;  // made of boilerplate seeds
};

using Matches = std::vector<std::pair<int, int>>;

// Words a[a_begin, a_end) aligned with b[b_begin, b_end): `matches` holds the
// word pairs a diff lined up, relative to the two starts, in order; none if
// the diff was given up (beyond AlignOptions::max_edit_distance).
struct Alignment {
  uint32_t a_begin, a_end, b_begin, b_end;
  std::optional<Matches> matches;
};

// Appends to *out the matched word pairs (i0 + i, j0 + j) of a word-level
// diff of x[0, n) and y[0, m), in order (Myers' O((n + m) D) algorithm:
// cheap for the light edits that matter most). Returns false, appending
// nothing, if more than max_edit_distance words would have to be inserted
// or deleted.
bool AppendDiffMatches(const uint64_t* x, int n, const uint64_t* y, int m, int max_edit_distance,
                       int i0, int j0, Matches* out) {
  const int max_d = std::min(n + m, max_edit_distance);
  const int offset = max_d + 1;
  // Per-thread buffers: the whole-copy path diffs every short gap.
  thread_local std::vector<int> v;
  v.assign(2 * static_cast<size_t>(max_d) + 3, 0);
  // v[-d..d] before step d, for every d, one after another: step d's
  // entries start at d * d.
  thread_local std::vector<int> trace;
  trace.clear();
  int final_d = -1;
  for (int d = 0; d <= max_d && final_d < 0; ++d) {
    trace.insert(trace.end(), v.begin() + offset - d, v.begin() + offset + d + 1);
    for (int k = -d; k <= d; k += 2) {
      int i = (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]))
                  ? v[offset + k + 1]
                  : v[offset + k - 1] + 1;
      int j = i - k;
      while (i < n && j < m && x[i] == y[j]) ++i, ++j;
      v[offset + k] = i;
      if (i >= n && j >= m) {
        final_d = d;
        break;
      }
    }
  }
  if (final_d < 0) return false;
  // Walk back from (n, m), recording matched word pairs in reverse.
  Matches& matches = *out;
  const size_t first = matches.size();
  int i = n, j = m;
  for (int d = final_d; d > 0; --d) {
    const int* prev = trace.data() +
                      static_cast<size_t>(d) * static_cast<size_t>(d);  // v[-d..d] after step d - 1
    auto at = [&](int k) { return prev[k + d]; };
    const int k = i - j;
    const bool down = k == -d || (k != d && at(k - 1) < at(k + 1));
    const int prev_k = down ? k + 1 : k - 1;
    const int prev_i = at(prev_k);
    const int start_i = down ? prev_i : prev_i + 1;
    while (i > start_i && j > start_i - k) --i, --j, matches.emplace_back(i0 + i, j0 + j);
    i = prev_i;
    j = prev_i - prev_k;
  }
  while (i > 0 && j > 0) --i, --j, matches.emplace_back(i0 + i, j0 + j);
  std::reverse(matches.begin() + static_cast<std::ptrdiff_t>(first), matches.end());
  return true;
}

// The same, as a list of its own: empty optional if the diff was given up.
std::optional<Matches> DiffMatches(const uint64_t* x, int n, const uint64_t* y, int m,
                                   int max_edit_distance) {
  Matches matches;
  if (!AppendDiffMatches(x, n, y, m, max_edit_distance, 0, 0, &matches)) return std::nullopt;
  return matches;
}

class Aligner {
 public:
  Aligner(const AlignableText& a, const AlignableText& b, const AlignOptions& options)
      : a_(a), b_(b), options_(options), sa_(Sentences(a)), sb_(Sentences(b)),
        vocabulary_(a, b), count_a_(a.vocabulary.size(), 0), count_b_(b.vocabulary.size(), 0) {}

  std::vector<Passage> Run() {
    std::vector<Passage> passages;
    if (std::optional<Alignment> copy = WholeCopy()) {
      AppendPassages(*copy, &passages);
      return passages;
    }
    vocabulary_.Weigh(a_, b_);
    std::vector<Seed> seeds = FindSeeds();
    if (seeds.empty()) return {};
    // Boilerplate sentences are clustered apart, so that a notice a few
    // sentences after a copied paragraph does not join it into one passage.
    std::vector<Seed> content_seeds, boilerplate_seeds;
    for (const Seed& seed : seeds) {
      const bool common = MostlyCommon(a_, sa_[seed.a].begin, sa_[seed.a].end) &&
                          MostlyCommon(b_, sb_[seed.b].begin, sb_[seed.b].end);
      (common ? boilerplate_seeds : content_seeds).push_back(seed);
    }
    std::vector<Fragment> fragments;
    if (!content_seeds.empty()) {
      ExtendSeeds(std::move(content_seeds), options_.max_gap_sentences, /*boilerplate=*/false, &fragments);
    }
    if (!boilerplate_seeds.empty()) {
      ExtendSeeds(std::move(boilerplate_seeds), options_.max_gap_sentences, /*boilerplate=*/true, &fragments);
    }
    ResolveOverlaps(&fragments);
    for (const Fragment& fragment : fragments) {
      if (std::optional<Alignment> alignment = ToAlignment(fragment)) {
        AppendPassages(*alignment, &passages);
      }
    }
    std::sort(passages.begin(), passages.end(), [](const Passage& x, const Passage& y) {
      return x.a.byte_begin < y.a.byte_begin;
    });
    return passages;
  }

 private:
  std::vector<Seed> FindSeeds() {
    const SentenceBags bags_a(a_, vocabulary_.idf_a);
    const SentenceBags bags_b(b_, vocabulary_.idf_b);
    // Postings: for each content word of b, the sentences that hold it and
    // its weight there (posting_entries[posting_starts[w], posting_starts[w + 1])).
    // Dot products and shared-word counts accumulate over the postings, so
    // sentence pairs sharing no content word cost nothing.
    std::vector<uint32_t> posting_starts(b_.vocabulary.size() + 1, 0);
    for (const auto& term : bags_b.terms) ++posting_starts[term.first + 1];
    for (size_t w = 0; w < b_.vocabulary.size(); ++w) posting_starts[w + 1] += posting_starts[w];
    std::vector<std::pair<uint32_t, double>> posting_entries(posting_starts.back());
    {
      std::vector<uint32_t> fill(posting_starts.begin(), posting_starts.end() - 1);
      for (uint32_t j = 0; j < bags_b.size(); ++j) {
        for (uint32_t t = bags_b.starts[j]; t < bags_b.starts[j + 1]; ++t) {
          const auto [word, weight] = bags_b.terms[t];
          posting_entries[fill[word]++] = {j, weight};
        }
      }
    }
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
        for (uint32_t p = posting_starts[word_b]; p < posting_starts[word_b + 1]; ++p) {
          const auto [j, weight_b] = posting_entries[p];
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

  // Splits `seeds` into runs whose consecutive members are at most `gap`
  // sentences apart in a, then in b, until no run splits further; each run
  // becomes a fragment, or, if its texts are no longer alike as a whole, is
  // clustered again with a smaller gap.
  void ExtendSeeds(std::vector<Seed> seeds, int gap, bool boilerplate, std::vector<Fragment>* out) {
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
                                    sb_[fragment.b_first].begin, sb_[fragment.b_last].end);
      if (fragment.cosine < options_.min_passage_cosine && gap > 0 && group.size() > 1) {
        ExtendSeeds(std::move(group), gap - 1, boilerplate, out);
      } else {
        out->push_back(fragment);
      }
    }
  }

  // Cosine of the tf-idf bags of words a[a_begin, a_end) and b[b_begin, b_end).
  double RangeCosine(uint32_t a_begin, uint32_t a_end, uint32_t b_begin, uint32_t b_end) {
    const std::vector<uint32_t> words_a = CountWords(a_, a_begin, a_end, vocabulary_.idf_a, &count_a_);
    const std::vector<uint32_t> words_b = CountWords(b_, b_begin, b_end, vocabulary_.idf_b, &count_b_);
    double norm_a = 0, norm_b = 0, dot = 0;
    for (const uint32_t w : words_a) {
      const double weight = count_a_[w] * vocabulary_.idf_a[w];
      norm_a += weight * weight;
      const uint32_t w_b = vocabulary_.a_to_b[w];
      if (w_b != kNoWord && count_b_[w_b] > 0) dot += weight * (count_b_[w_b] * vocabulary_.idf_b[w_b]);
    }
    for (const uint32_t w : words_b) {
      const double weight = count_b_[w] * vocabulary_.idf_b[w];
      norm_b += weight * weight;
    }
    for (const uint32_t w : words_a) count_a_[w] = 0;
    for (const uint32_t w : words_b) count_b_[w] = 0;
    if (norm_a == 0 || norm_b == 0) return 0;
    return dot / (std::sqrt(norm_a) * std::sqrt(norm_b));
  }

  // Counts the content words (idf > 0) of text[begin, end) into *counts;
  // returns their ids, ascending. The caller zeroes the counts again.
  static std::vector<uint32_t> CountWords(const AlignableText& text, uint32_t begin, uint32_t end,
                                          const std::vector<double>& idf,
                                          std::vector<uint32_t>* counts) {
    std::vector<uint32_t> words;
    for (uint32_t t = begin; t < end; ++t) {
      const uint32_t w = text.word_ids[t];
      if (idf[w] > 0 && (*counts)[w]++ == 0) words.push_back(w);
    }
    std::sort(words.begin(), words.end());
    return words;
  }

  static std::vector<std::vector<Seed>> SplitByGap(std::vector<Seed> seeds, int gap) {
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

  // Fragments overlapping on both sides are one passage; fragments
  // overlapping only in a compete: copied text beats boilerplate (a notice
  // that both texts carry, verbatim, would otherwise drop the copy around
  // it), and between two of a kind the more similar one stays.
  static void ResolveOverlaps(std::vector<Fragment>* fragments) {
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

  TextSpan SpanOf(const AlignableText& text, uint32_t first_token, uint32_t end_token) const {
    TextSpan span;
    span.byte_begin = text.tokens.tokens[first_token].begin;
    span.byte_end = text.tokens.tokens[end_token - 1].end;
    span.char_begin = static_cast<uint32_t>(CountCodePoints(text.text.substr(0, span.byte_begin)));
    span.char_end = span.char_begin + static_cast<uint32_t>(CountCodePoints(
                                          text.text.substr(span.byte_begin,
                                                           span.byte_end - span.byte_begin)));
    return span;
  }

  // Narrows [*begin, *end) of `text` to start and end on words that
  // `in_other` (indexed by the text's word ids) marks.
  static void TrimToShared(const AlignableText& text, const std::vector<uint8_t>& in_other,
                           uint32_t* begin, uint32_t* end) {
    while (*begin < *end && !in_other[text.word_ids[*begin]]) ++*begin;
    while (*end > *begin && !in_other[text.word_ids[*end - 1]]) --*end;
  }

  // Per word id of `text`, 1 if the word occurs in other[begin, end).
  static std::vector<uint8_t> WordsFoundIn(const AlignableText& text, const AlignableText& other,
                                           const std::vector<uint32_t>& other_to_text,
                                           uint32_t begin, uint32_t end) {
    std::vector<uint8_t> found(text.vocabulary.size(), 0);
    for (uint32_t t = begin; t < end; ++t) {
      const uint32_t w = other_to_text[other.word_ids[t]];
      if (w != kNoWord) found[w] = 1;
    }
    return found;
  }

  // A copy of one text in the other with light edits, found without
  // sentences (patience diff): the words that occur once in each text are
  // matched, the longest run of them in the same order in both anchors the
  // alignment, equal words extend it, and short gaps between anchors are
  // diffed word by word. Taken as the only passage if no gap could hold a
  // passage of its own (one side of each is shorter than options.min_words:
  // a sentence inserted or dropped is the typical edit, and, the other side
  // being bounded, its diff stays cheap), most words of the span match, no
  // boilerplate passage could lie in it, and one of the texts has no room
  // left for a second passage; otherwise the sentence method decides. For
  // the near-duplicates that are most pairs, this replaces sentence seeds
  // and a whole-text diff by work linear in the texts.
  std::optional<Alignment> WholeCopy() {
    const auto& x = a_.tokens.word_hashes;
    const auto& y = b_.tokens.word_hashes;
    const auto na = static_cast<int>(x.size()), nb = static_cast<int>(y.size());
    const int max_gap = std::max(1, options_.min_words);
    // The longer side of a gap, at most: an insertion of a few sentences.
    const int max_one_sided_gap = 4 * max_gap;
    // Anchors: words occurring once in a and once in b, as (i, j).
    std::vector<uint32_t> position_b(b_.vocabulary.size(), kNoWord);
    for (int j = 0; j < nb; ++j) {
      const uint32_t w = b_.word_ids[j];
      ++count_b_[w];
      position_b[w] = static_cast<uint32_t>(j);
    }
    for (int i = 0; i < na; ++i) ++count_a_[a_.word_ids[i]];
    Matches anchors;
    anchors.reserve(static_cast<size_t>(std::min(a_.vocabulary.size(), b_.vocabulary.size())));
    for (int i = 0; i < na; ++i) {
      const uint32_t w = a_.word_ids[i];
      const uint32_t w_b = vocabulary_.a_to_b[w];
      if (count_a_[w] == 1 && w_b != kNoWord && count_b_[w_b] == 1) {
        anchors.emplace_back(i, static_cast<int>(position_b[w_b]));
      }
    }
    std::fill(count_a_.begin(), count_a_.end(), 0);
    std::fill(count_b_.begin(), count_b_.end(), 0);
    if (anchors.size() < 2) return std::nullopt;
    // The longest run of anchors increasing in j (patience sorting).
    std::vector<int> tails;  // anchor index ending the best run of each length
    tails.reserve(anchors.size());
    std::vector<int> previous(anchors.size(), -1);
    for (int k = 0; k < static_cast<int>(anchors.size()); ++k) {
      // In a copy, nearly every anchor extends the longest run: no search.
      const bool extends = tails.empty() || anchors[tails.back()].second < anchors[k].second;
      const auto it = extends
                          ? tails.end()
                          : std::lower_bound(tails.begin(), tails.end(), anchors[k].second,
                                             [&](int t, int j) { return anchors[t].second < j; });
      if (it != tails.begin()) previous[k] = *(it - 1);
      if (it == tails.end()) {
        tails.push_back(k);
      } else {
        *it = k;
      }
    }
    std::vector<int> chain;
    chain.reserve(tails.size());
    for (int k = tails.back(); k >= 0; k = previous[k]) chain.push_back(k);
    std::reverse(chain.begin(), chain.end());
    // Matches from the first anchor to the last, equal words extending
    // each anchor, short gaps diffed.
    Matches matches;
    matches.reserve(static_cast<size_t>(std::min(na, nb)));
    auto [i, j] = anchors[chain[0]];
    while (i > 0 && j > 0 && x[i - 1] == y[j - 1]) --i, --j;
    for (size_t c = 0; c <= chain.size(); ++c) {
      // From (i, j), the next unmatched words, to the next anchor (or the ends).
      const auto [next_i, next_j] = c < chain.size() ? anchors[chain[c]] : std::make_pair(na, nb);
      while (i < next_i && j < next_j && x[i] == y[j]) matches.emplace_back(i++, j++);
      int end_i = next_i, end_j = next_j;
      if (c < chain.size()) {
        while (end_i > i && end_j > j && x[end_i - 1] == y[end_j - 1]) --end_i, --end_j;
        const int gap_a = end_i - i, gap_b = end_j - j;
        if (std::min(gap_a, gap_b) >= max_gap || std::max(gap_a, gap_b) >= max_one_sided_gap) {
          return std::nullopt;
        }
        // A word substituted (the usual light edit) has nothing to diff:
        // the snakes already matched everything equal around it.
        if (gap_a > 1 && gap_b > 1) {
          // Within gap_a + gap_b edits, the diff always completes.
          AppendDiffMatches(x.data() + i, gap_a, y.data() + j, gap_b, gap_a + gap_b, i, j,
                            &matches);
        } else if (gap_a > 0 && gap_b > 0) {
          // One word on one side: it matches its first equal on the other, if any.
          for (int gi = i; gi < end_i; ++gi) {
            const int gj =
                static_cast<int>(std::find(y.begin() + j, y.begin() + end_j, x[gi]) - y.begin());
            if (gj < end_j) {
              matches.emplace_back(gi, gj);
              break;
            }
          }
        }
        for (; end_i < next_i; ++end_i, ++end_j) matches.emplace_back(end_i, end_j);
        matches.emplace_back(next_i, next_j);
        i = next_i + 1;
        j = next_j + 1;
      }
    }
    const auto [first_i, first_j] = matches.front();
    const auto [last_i, last_j] = matches.back();
    const int span_a = last_i + 1 - first_i, span_b = last_j + 1 - first_j;
    const auto matched = static_cast<int>(matches.size());
    if (span_a < options_.min_words || span_b < options_.min_words) return std::nullopt;
    if (5 * matched < 4 * span_a || 5 * matched < 4 * span_b) return std::nullopt;
    if (na - span_a >= options_.min_words && nb - span_b >= options_.min_words) return std::nullopt;
    const auto a_begin = static_cast<uint32_t>(first_i), b_begin = static_cast<uint32_t>(first_j);
    const auto a_end = static_cast<uint32_t>(last_i + 1), b_end = static_cast<uint32_t>(last_j + 1);
    if (HasBoilerplate(a_, a_begin, a_end) || HasBoilerplate(b_, b_begin, b_end)) {
      return std::nullopt;
    }
    for (auto& [mi, mj] : matches) mi -= first_i, mj -= first_j;
    return Alignment{a_begin, a_end, b_begin, b_end, std::move(matches)};
  }

  // Whether text[begin, end) holds a run of common text long enough to be
  // a boilerplate passage of its own. Shorter runs are stock phrases: the
  // sentence method would leave them inside the passage too.
  bool HasBoilerplate(const AlignableText& text, uint32_t begin, uint32_t end) const {
    if (text.common_text.empty()) return false;
    uint32_t run = 0;
    for (uint32_t t = begin; t < end; ++t) {
      run = text.common_text[t] ? run + 1 : 0;
      if (run >= static_cast<uint32_t>(options_.min_words)) return true;
    }
    return false;
  }

  std::optional<Alignment> ToAlignment(const Fragment& f) {
    uint32_t a_begin = sa_[f.a_first].begin, a_end = sa_[f.a_last].end;
    uint32_t b_begin = sb_[f.b_first].begin, b_end = sb_[f.b_last].end;
    const std::vector<uint8_t> a_words_in_b = WordsFoundIn(a_, b_, vocabulary_.b_to_a, b_begin, b_end);
    const std::vector<uint8_t> b_words_in_a = WordsFoundIn(b_, a_, vocabulary_.a_to_b, a_begin, a_end);
    TrimToShared(a_, a_words_in_b, &a_begin, &a_end);
    TrimToShared(b_, b_words_in_a, &b_begin, &b_end);
    // A few words at either end that the diff does not line up (an added
    // "the museum said") share words with the passage but are not part of
    // it: they are cut. Longer unmatched ends are kept: they are sentences
    // moved within the passage, found by the sentence seeds.
    constexpr int kMaxCutWords = 6;
    std::optional<Matches> matches;
    if (a_end > a_begin && b_end > b_begin) {
      matches =
          DiffMatches(a_.tokens.word_hashes.data() + a_begin, static_cast<int>(a_end - a_begin),
                      b_.tokens.word_hashes.data() + b_begin, static_cast<int>(b_end - b_begin),
                      options_.max_edit_distance);
    }
    if (matches && !matches->empty()) {
      const auto [first_i, first_j] = matches->front();
      const auto [last_i, last_j] = matches->back();
      const int cut_a = first_i <= kMaxCutWords ? first_i : 0;
      const int cut_b = first_j <= kMaxCutWords ? first_j : 0;
      const int tail_a = static_cast<int>(a_end - a_begin) - last_i - 1;
      const int tail_b = static_cast<int>(b_end - b_begin) - last_j - 1;
      if (tail_a <= kMaxCutWords) a_end -= static_cast<uint32_t>(tail_a);
      if (tail_b <= kMaxCutWords) b_end -= static_cast<uint32_t>(tail_b);
      a_begin += static_cast<uint32_t>(cut_a);
      b_begin += static_cast<uint32_t>(cut_b);
      for (auto& [i, j] : *matches) i -= cut_a, j -= cut_b;
    }
    if (a_end - a_begin < static_cast<uint32_t>(options_.min_words) ||
        b_end - b_begin < static_cast<uint32_t>(options_.min_words)) {
      return std::nullopt;
    }
    return Alignment{a_begin, a_end, b_begin, b_end, std::move(matches)};
  }

  // Appends the passages of `alignment` to *out: one, or, where the texts
  // part inside it, one per stretch between the partings, each kept if it
  // has options.min_words on both sides. The texts part at an unmatched run
  // of the diff with options.break_words words or more on one side that the
  // other side's span lacks (Counterparts): text pasted into one of them,
  // or a paragraph dropped. So such text is never an edit inside a
  // passage, and containment counts only what the two texts share. A long
  // run that the other side holds elsewhere (a sentence moved) stays
  // inside, as an edit marked `moved`.
  void AppendPassages(const Alignment& alignment, std::vector<Passage>* out) {
    const uint32_t min_words = static_cast<uint32_t>(std::max(1, options_.min_words));
    const int limit = options_.break_words;
    Counterparts counterparts(*this, alignment);
    auto emit = [&](uint32_t a_begin, uint32_t a_end, uint32_t b_begin, uint32_t b_end,
                    std::optional<Matches> matches) {
      if (a_end - a_begin < min_words || b_end - b_begin < min_words) return;
      Passage passage = MakePassage(a_begin, a_end, b_begin, b_end, matches);
      for (Edit& edit : passage.edits) {
        // Positions relative to the alignment, as Counterparts takes them.
        const int i0 = static_cast<int>(a_begin - alignment.a_begin + edit.a_word);
        const int j0 = static_cast<int>(b_begin - alignment.b_begin + edit.b_word);
        const int a_count = static_cast<int>(edit.a_count), b_count = static_cast<int>(edit.b_count);
        edit.moved = limit > 0 && ((a_count >= limit && counterparts.MostlyIn(true, i0, i0 + a_count)) ||
                                   (b_count >= limit && counterparts.MostlyIn(false, j0, j0 + b_count)));
      }
      out->push_back(std::move(passage));
    };
    const std::optional<Matches>& matches = alignment.matches;
    if (limit <= 0 || !matches || matches->empty()) {
      emit(alignment.a_begin, alignment.a_end, alignment.b_begin, alignment.b_end, matches);
      return;
    }
    const Matches& m = *matches;
    const int n = static_cast<int>(alignment.a_end - alignment.a_begin);
    const int k = static_cast<int>(alignment.b_end - alignment.b_begin);
    // A diff lines up common words by chance ("the", "of") in text only one
    // side has, every few words: those matches must not hide a parting. So
    // partings are looked for between strong matches only: a word matched
    // in a run of three or more, or a word one side's span holds at most twice.
    const std::vector<size_t> strong = StrongMatches(alignment, m);
    // A run parts the texts if it is long, has no counterpart elsewhere,
    // and the run opposite it is under half as long: text pasted in, or
    // dropped.
    auto one_sided = [&](bool side_a, int i0, int i1, int o0, int o1) {
      return i1 - i0 >= limit && 2 * (o1 - o0) < i1 - i0 && !counterparts.MostlyIn(side_a, i0, i1);
    };
    // Two long runs facing each other are one replaced by the other (text
    // dropped and other text pasted in its place) when they share hardly a
    // content word: a rewording, however heavy, keeps names and numbers.
    auto replaced = [&](int i0, int i1, int j0, int j1) {
      const bool longer_a = i1 - i0 >= j1 - j0;
      return std::max(i1 - i0, j1 - j0) >= limit &&
             (longer_a ? !counterparts.MostlyIn(true, i0, i1) : !counterparts.MostlyIn(false, j0, j1)) &&
             (longer_a ? counterparts.FewContentWordsShared(true, i0, i1, j0, j1)
                       : counterparts.FewContentWordsShared(false, j0, j1, i0, i1));
    };
    auto parts = [&](int i0, int i1, int j0, int j1) {
      return one_sided(/*side_a=*/true, i0, i1, j0, j1) || one_sided(/*side_a=*/false, j0, j1, i0, i1) ||
             replaced(i0, i1, j0, j1);
    };
    // The stretch being built: matches m[first..] relative to (begin_i, begin_j).
    size_t first = 0;
    int begin_i = 0, begin_j = 0;
    int floor_i = 0, floor_j = 0;  // where the stretch before it ended
    const auto& hashes_a = a_.tokens.word_hashes;
    const auto& hashes_b = b_.tokens.word_hashes;
    auto close = [&](size_t last, int end_i, int end_j) {
      Matches piece;
      // The diff may have lined the stretch's first words up with lookalikes
      // in the text that parts them ("The" of a pasted sentence): equal words
      // just before the stretch belong to it.
      while (begin_i > floor_i && begin_j > floor_j &&
             hashes_a[alignment.a_begin + static_cast<uint32_t>(begin_i) - 1] ==
                 hashes_b[alignment.b_begin + static_cast<uint32_t>(begin_j) - 1]) {
        --begin_i, --begin_j;
        piece.emplace_back(begin_i, begin_j);
      }
      std::reverse(piece.begin(), piece.end());
      piece.insert(piece.end(), m.begin() + static_cast<std::ptrdiff_t>(first),
                   m.begin() + static_cast<std::ptrdiff_t>(last) + 1);
      for (auto& [i, j] : piece) i -= begin_i, j -= begin_j;
      floor_i = end_i, floor_j = end_j;
      emit(alignment.a_begin + static_cast<uint32_t>(begin_i), alignment.a_begin + static_cast<uint32_t>(end_i),
           alignment.b_begin + static_cast<uint32_t>(begin_j), alignment.b_begin + static_cast<uint32_t>(end_j),
           std::move(piece));
    };
    const size_t s0 = strong.front();
    if (parts(0, m[s0].first, 0, m[s0].second)) {
      first = s0;
      begin_i = m[s0].first, begin_j = m[s0].second;
    }
    for (size_t x = 0; x + 1 < strong.size(); ++x) {
      const auto [i, j] = m[strong[x]];
      const auto [next_i, next_j] = m[strong[x + 1]];
      if (!parts(i + 1, next_i, j + 1, next_j)) continue;
      close(strong[x], i + 1, j + 1);
      first = strong[x + 1];
      begin_i = next_i;
      begin_j = next_j;
    }
    const size_t s1 = strong.back();
    const auto [last_i, last_j] = m[s1];
    if (parts(last_i + 1, n, last_j + 1, k)) {
      close(s1, last_i + 1, last_j + 1);
    } else {
      close(m.size() - 1, n, k);
    }
  }

  // Which words of one side of an alignment the other side holds: a word
  // has a counterpart if it lies in a word trigram found anywhere in the
  // other side's span. Text moved within the passage has counterparts;
  // text pasted into one side, or dropped from it, next to none.
  class Counterparts {
   public:
    Counterparts(const Aligner& aligner, const Alignment& alignment)
        : aligner_(aligner), alignment_(alignment) {}

    // Whether at least half of the words [i0, i1) of side a (or b),
    // relative to the alignment's start, have a counterpart.
    bool MostlyIn(bool side_a, int i0, int i1) {
      const AlignableText& text = side_a ? aligner_.a_ : aligner_.b_;
      const AlignableText& other = side_a ? aligner_.b_ : aligner_.a_;
      absl::flat_hash_set<uint64_t>& trigrams = side_a ? trigrams_b_ : trigrams_a_;
      if (trigrams.empty()) {
        const uint32_t other_begin = side_a ? alignment_.b_begin : alignment_.a_begin;
        const uint32_t other_end = side_a ? alignment_.b_end : alignment_.a_end;
        for (uint32_t t = other_begin; t + 2 < other_end; ++t) trigrams.insert(Trigram(other.tokens.word_hashes, t));
        trigrams.insert(0);  // marks the set built, even for a span of under three words
      }
      const uint32_t offset = side_a ? alignment_.a_begin : alignment_.b_begin;
      const uint32_t begin = offset + static_cast<uint32_t>(i0), end = offset + static_cast<uint32_t>(i1);
      const auto& hashes = text.tokens.word_hashes;
      const auto size = static_cast<uint32_t>(hashes.size());
      uint32_t with_counterpart = 0;
      for (uint32_t t = begin; t < end; ++t) {
        bool found = false;
        for (uint32_t start = t >= 2 ? t - 2 : 0; start <= t && !found; ++start) {
          found = start + 2 < size && trigrams.contains(Trigram(hashes, start));
        }
        with_counterpart += found;
      }
      return 2 * with_counterpart >= end - begin;
    }

    // Whether under a tenth of the content words of run [i0, i1) of side a
    // (or b) (words its span holds at most twice) occur in the run [o0, o1)
    // of the other side; positions relative to the alignment's starts.
    bool FewContentWordsShared(bool side_a, int i0, int i1, int o0, int o1) {
      const AlignableText& text = side_a ? aligner_.a_ : aligner_.b_;
      const AlignableText& other = side_a ? aligner_.b_ : aligner_.a_;
      const uint32_t begin = side_a ? alignment_.a_begin : alignment_.b_begin;
      const uint32_t end = side_a ? alignment_.a_end : alignment_.b_end;
      const uint32_t other_begin = side_a ? alignment_.b_begin : alignment_.a_begin;
      std::vector<uint32_t>& counts = side_a ? span_counts_a_ : span_counts_b_;
      if (counts.empty()) {
        counts.assign(text.vocabulary.size(), 0);
        for (uint32_t t = begin; t < end; ++t) ++counts[text.word_ids[t]];
      }
      absl::flat_hash_set<uint64_t> opposite;
      for (int t = o0; t < o1; ++t) opposite.insert(other.tokens.word_hashes[other_begin + static_cast<uint32_t>(t)]);
      int content = 0, shared = 0;
      for (int t = i0; t < i1; ++t) {
        const uint32_t token = begin + static_cast<uint32_t>(t);
        if (counts[text.word_ids[token]] > 2) continue;
        ++content;
        shared += opposite.contains(text.tokens.word_hashes[token]);
      }
      return 10 * shared < content;
    }

   private:
    static uint64_t Trigram(const std::vector<uint64_t>& hashes, size_t t) {
      return hashes[t] * 0x9E3779B97F4A7C15ull ^ hashes[t + 1] * 0xC2B2AE3D27D4EB4Full ^
             (hashes[t + 2] + 0x165667B19E3779F9ull);
    }

    const Aligner& aligner_;
    const Alignment& alignment_;
    absl::flat_hash_set<uint64_t> trigrams_a_, trigrams_b_;  // built when first needed
    // Per word id, how often each side's span holds it; built when needed.
    std::vector<uint32_t> span_counts_a_, span_counts_b_;
  };

  // The indices of the matches of `alignment` (relative word pairs `m`)
  // that are strong evidence: in a diagonal run of three or more matched
  // words, or of a word that one side's span holds at most twice (not a
  // function word). All of them if none is.
  std::vector<size_t> StrongMatches(const Alignment& alignment, const Matches& m) {
    for (uint32_t t = alignment.a_begin; t < alignment.a_end; ++t) ++count_a_[a_.word_ids[t]];
    for (uint32_t t = alignment.b_begin; t < alignment.b_end; ++t) ++count_b_[b_.word_ids[t]];
    std::vector<size_t> strong;
    for (size_t x = 0; x < m.size();) {
      size_t run_end = x + 1;  // the diagonal run m[x, run_end)
      while (run_end < m.size() && m[run_end].first == m[run_end - 1].first + 1 &&
             m[run_end].second == m[run_end - 1].second + 1) {
        ++run_end;
      }
      for (size_t y = x; y < run_end; ++y) {
        const uint32_t word_a = a_.word_ids[alignment.a_begin + static_cast<uint32_t>(m[y].first)];
        const uint32_t word_b = b_.word_ids[alignment.b_begin + static_cast<uint32_t>(m[y].second)];
        if (run_end - x >= 3 || std::min(count_a_[word_a], count_b_[word_b]) <= 2) strong.push_back(y);
      }
      x = run_end;
    }
    for (uint32_t t = alignment.a_begin; t < alignment.a_end; ++t) count_a_[a_.word_ids[t]] = 0;
    for (uint32_t t = alignment.b_begin; t < alignment.b_end; ++t) count_b_[b_.word_ids[t]] = 0;
    if (strong.empty()) {
      strong.resize(m.size());
      for (size_t x = 0; x < m.size(); ++x) strong[x] = x;
    }
    return strong;
  }

  // The passage a[a_begin, a_end) ~ b[b_begin, b_end), classified, with the
  // edit script from `matches` (positions relative to the two starts; none:
  // the diff was given up).
  Passage MakePassage(uint32_t a_begin, uint32_t a_end, uint32_t b_begin, uint32_t b_end,
                      const std::optional<Matches>& matches) {
    Passage passage;
    passage.a = SpanOf(a_, a_begin, a_end);
    passage.b = SpanOf(b_, b_begin, b_end);
    passage.words_a = a_end - a_begin;
    passage.words_b = b_end - b_begin;
    const bool same_words =
        passage.words_a == passage.words_b &&
        std::equal(a_.tokens.word_hashes.begin() + a_begin, a_.tokens.word_hashes.begin() + a_end,
                   b_.tokens.word_hashes.begin() + b_begin);
    passage.kind = MostlyCommon(a_, a_begin, a_end) && MostlyCommon(b_, b_begin, b_end)
                       ? Passage::Kind::kBoilerplate
                   : same_words ? Passage::Kind::kVerbatim
                                : Passage::Kind::kRewritten;
    passage.similarity = same_words ? 1.0 : MultisetDice(a_begin, a_end, b_begin, b_end);
    passage.quoted = MostlyQuoted(a_, a_begin, a_end) && MostlyQuoted(b_, b_begin, b_end);
    if (!same_words) {
      passage.edits_complete = matches.has_value();
      if (matches) {
        passage.edits = EditsBetween(*matches, a_begin, static_cast<int>(passage.words_a), b_begin,
                                     static_cast<int>(passage.words_b));
      }
    }
    return passage;
  }

  double MultisetDice(uint32_t a_begin, uint32_t a_end, uint32_t b_begin, uint32_t b_end) {
    for (uint32_t t = a_begin; t < a_end; ++t) ++count_a_[a_.word_ids[t]];
    size_t common = 0;
    for (uint32_t t = b_begin; t < b_end; ++t) {
      const uint32_t w = vocabulary_.b_to_a[b_.word_ids[t]];
      if (w != kNoWord && count_a_[w] > 0) --count_a_[w], ++common;
    }
    for (uint32_t t = a_begin; t < a_end; ++t) count_a_[a_.word_ids[t]] = 0;
    return 2.0 * static_cast<double>(common) / static_cast<double>((a_end - a_begin) + (b_end - b_begin));
  }

  static bool MostlyCommon(const AlignableText& text, uint32_t begin, uint32_t end) {
    if (text.common_text.empty()) return false;
    uint32_t common = 0;
    for (uint32_t t = begin; t < end; ++t) common += text.common_text[t];
    return common * 2 >= end - begin;
  }

  // At least 90% of the words inside quotation marks, not counting the
  // attribution at either end that articles quoting one statement share
  // with it ("..., Foreign Minister Ishaq Dar told a news conference in
  // Islamabad"): an unquoted run of at most six words, or one of any length
  // that stays within the sentence where the quotation opens or closes.
  static bool MostlyQuoted(const AlignableText& text, uint32_t begin, uint32_t end) {
    constexpr uint32_t kMaxAttributionWords = 6;
    auto sentence_of = [&](uint32_t t) {
      return std::upper_bound(text.sentence_starts.begin(), text.sentence_starts.end(), t) -
             text.sentence_starts.begin();
    };
    uint32_t lead = 0, trail = 0;
    while (begin + lead < end && !text.in_quotes[begin + lead]) ++lead;
    if (begin + lead == end) return false;  // nothing quoted
    if (lead <= kMaxAttributionWords || sentence_of(begin) == sentence_of(begin + lead)) {
      begin += lead;
    }
    while (end - trail > begin && !text.in_quotes[end - 1 - trail]) ++trail;
    if (trail <= kMaxAttributionWords || sentence_of(end - 1 - trail) == sentence_of(end - 1)) {
      end -= trail;
    }
    // The count stops at the first unquoted word past a tenth: most
    // passages are not quotations.
    uint32_t unquoted = 0;
    for (uint32_t t = begin; t < end; ++t) {
      unquoted += !text.in_quotes[t];
      if (unquoted * 10 > end - begin) return false;
    }
    return true;
  }

  // Words [begin, end) of `text`, normalised and space-separated: one
  // slice of the normalised text, where they lie joined just so.
  static std::string Words(const AlignableText& text, uint32_t begin, uint32_t end) {
    if (begin >= end) return {};
    const auto& tokens = text.tokens.tokens;
    return std::string(text.tokens.normalized.data() + tokens[begin].norm_begin,
                       tokens[end - 1].norm_end - tokens[begin].norm_begin);
  }

  // Bytes of words [i0, i1) of the passage starting at token `begin`
  // (`count` words long); for i0 == i1, the empty range where they would go.
  static std::pair<uint32_t, uint32_t> ByteRange(const AlignableText& text, uint32_t begin,
                                                 int count, int i0, int i1) {
    const auto& tokens = text.tokens.tokens;
    if (i0 < i1) return {tokens[begin + i0].begin, tokens[begin + i1 - 1].end};
    const uint32_t at = i0 < count ? tokens[begin + i0].begin : tokens[begin + count - 1].end;
    return {at, at};
  }

  // The edit script between matched words: runs between matches become
  // substitutions, insertions or deletions.
  std::vector<Edit> EditsBetween(const std::vector<std::pair<int, int>>& matches, uint32_t a_begin,
                                 int n, uint32_t b_begin, int m) const {
    std::vector<Edit> edits;
    size_t gaps = 0;
    for (size_t k = 0; k < matches.size(); ++k) {
      gaps += k == 0 ? matches[0] != std::make_pair(0, 0)
                     : matches[k].first != matches[k - 1].first + 1 ||
                           matches[k].second != matches[k - 1].second + 1;
    }
    edits.reserve(gaps + 1);
    auto emit = [&](int i0, int i1, int j0, int j1) {
      if (i0 == i1 && j0 == j1) return;
      Edit edit;
      edit.op = i0 == i1 ? Edit::Op::kInsert : j0 == j1 ? Edit::Op::kDelete : Edit::Op::kSubstitute;
      edit.a_word = static_cast<uint32_t>(i0);
      edit.a_count = static_cast<uint32_t>(i1 - i0);
      edit.b_word = static_cast<uint32_t>(j0);
      edit.b_count = static_cast<uint32_t>(j1 - j0);
      edit.from = Words(a_, a_begin + static_cast<uint32_t>(i0), a_begin + static_cast<uint32_t>(i1));
      edit.to = Words(b_, b_begin + static_cast<uint32_t>(j0), b_begin + static_cast<uint32_t>(j1));
      std::tie(edit.a_byte_begin, edit.a_byte_end) = ByteRange(a_, a_begin, n, i0, i1);
      std::tie(edit.b_byte_begin, edit.b_byte_end) = ByteRange(b_, b_begin, m, j0, j1);
      edits.push_back(std::move(edit));
    };
    int gap_i = 0, gap_j = 0;
    for (const auto& [mi, mj] : matches) {
      emit(gap_i, mi, gap_j, mj);
      gap_i = mi + 1;
      gap_j = mj + 1;
    }
    emit(gap_i, n, gap_j, m);
    return edits;
  }

  const AlignableText& a_;
  const AlignableText& b_;
  const AlignOptions& options_;
  const std::vector<SentenceRange> sa_;
  const std::vector<SentenceRange> sb_;
  PairVocabulary vocabulary_;
  // Per word id, scratch counts; all zero between uses.
  std::vector<uint32_t> count_a_;
  std::vector<uint32_t> count_b_;
};

}  // namespace

AlignableText PrepareForAlignment(std::string_view text, const NormalizeOptions& normalize) {
  AlignableText out;
  PrepareForAlignment(text, normalize, &out);
  return out;
}

void PrepareForAlignment(std::string_view text, const NormalizeOptions& normalize,
                         AlignableText* prepared) {
  AlignableText& out = *prepared;
  out.text = text;
  out.vocabulary.clear();
  out.sentence_starts.clear();
  out.term_starts.clear();
  out.terms.clear();
  out.common_text.clear();
  // The tokenizer reserves for the worst case (a word every other byte); it
  // works in a per-thread buffer, warm after the first text, and a text kept
  // for alignment copies out only what it uses.
  thread_local TokenizedText scratch;
  Tokenizer(normalize).Tokenize(text, &scratch);
  out.tokens.tokens.assign(scratch.tokens.begin(), scratch.tokens.end());
  out.tokens.word_hashes.assign(scratch.word_hashes.begin(), scratch.word_hashes.end());
  out.tokens.normalized.assign(scratch.normalized);
  const auto& tokens = out.tokens.tokens;
  // Number the distinct words in order of first occurrence, through an
  // open-addressing table indexed by the hashes' low bits (they are uniform).
  const std::vector<uint64_t>& hashes = out.tokens.word_hashes;
  size_t slots = 16;
  while (slots < 2 * hashes.size()) slots *= 2;
  out.word_table.assign(slots, kNoWord);
  out.word_ids.resize(hashes.size());
  for (size_t t = 0; t < hashes.size(); ++t) {
    uint32_t& slot = out.word_table[out.SlotOf(hashes[t])];
    if (slot == kNoWord) {
      slot = static_cast<uint32_t>(out.vocabulary.size());
      out.vocabulary.push_back(hashes[t]);
    }
    out.word_ids[t] = slot;
  }
  out.in_quotes.resize(tokens.size());
  bool inside = false;
  uint32_t sentence_words = 0;
  for (size_t t = 0; t < tokens.size(); ++t) {
    const size_t gap_begin = t == 0 ? 0 : tokens[t - 1].end;
    const bool ends_sentence = ReadGap(text.substr(gap_begin, tokens[t].begin - gap_begin), &inside);
    out.in_quotes[t] = inside;
    if (t == 0 || ends_sentence || sentence_words >= kMaxSentenceWords) {
      out.sentence_starts.push_back(static_cast<uint32_t>(t));
      sentence_words = 0;
    }
    ++sentence_words;
  }
  // Each sentence's distinct words in order of first occurrence, counted in
  // a per-word array.
  out.sentence_frequency.assign(out.vocabulary.size(), 0);
  out.term_starts.push_back(0);
  thread_local std::vector<uint32_t> count;  // zero between uses
  count.resize(std::max(count.size(), out.vocabulary.size()), 0);
  for (const SentenceRange& sentence : Sentences(out)) {
    const size_t first_term = out.terms.size();
    for (uint32_t t = sentence.begin; t < sentence.end; ++t) {
      if (count[out.word_ids[t]]++ == 0) out.terms.emplace_back(out.word_ids[t], 0);
    }
    for (auto it = out.terms.begin() + static_cast<std::ptrdiff_t>(first_term); it != out.terms.end();
         ++it) {
      it->second = count[it->first];
      count[it->first] = 0;
      ++out.sentence_frequency[it->first];
    }
    out.term_starts.push_back(static_cast<uint32_t>(out.terms.size()));
  }
}

std::vector<Passage> AlignPassages(const AlignableText& a, const AlignableText& b,
                                   const AlignOptions& options) {
  if (a.tokens.tokens.empty() || b.tokens.tokens.empty()) return {};
  return Aligner(a, b, options).Run();
}

}  // namespace reprint
