#include "core/fingerprint.h"
#include "core/shingle.h"

#include <algorithm>
#include <cstdint>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "core/lsh.h"
#include "core/random.h"
#include "core/tokenize.h"
#include "gtest/gtest.h"
#include "xxhash.h"

namespace reprint {
namespace {

// ------------------------------------------------------------------ helpers

using Words = std::vector<std::string>;

// `count` distinct random lower-case words of 4 to 10 letters.
Words RandomVocabulary(Random& rng, size_t count, absl::flat_hash_set<std::string>* taken) {
  Words out;
  while (out.size() < count) {
    std::string word(4 + rng.Uniform(7), 'a');
    for (char& c : word) c = static_cast<char>('a' + rng.Uniform(26));
    if (taken->insert(word).second) out.push_back(std::move(word));
  }
  return out;
}

Words RandomWords(Random& rng, const Words& vocabulary, size_t count) {
  Words out;
  for (size_t i = 0; i < count; ++i) out.push_back(vocabulary[rng.Uniform(vocabulary.size())]);
  return out;
}

std::string Join(const Words& words, size_t begin, size_t end) {
  std::string out;
  for (size_t i = begin; i < end; ++i) {
    if (i > begin) out += ' ';
    out += words[i];
  }
  return out;
}
std::string Join(const Words& words) { return Join(words, 0, words.size()); }

std::vector<uint64_t> Fingerprints(const std::string& text, const FingerprintOptions& options) {
  TokenizedText tokens;
  Tokenizer(NormalizeOptions{}).Tokenize(text, &tokens);
  std::vector<uint64_t> scratch, out;
  Winnow(tokens, options, &scratch, &out);
  return out;
}

// The hash of one n-gram, computed here from its words: XXH3 of each word,
// combined (core/shingle.h's definition).
uint64_t NgramHash(const Words& words, size_t begin, size_t n) {
  std::vector<uint64_t> hashes;
  for (size_t i = begin; i < begin + n; ++i) hashes.push_back(XXH3_64bits(words[i].data(), words[i].size()));
  return CombineWordHashes(hashes.data(), n);
}

std::vector<uint64_t> NgramHashes(const Words& words, size_t n) {
  std::vector<uint64_t> out;
  for (size_t i = 0; i + n <= words.size(); ++i) out.push_back(NgramHash(words, i, n));
  return out;
}

// Winnowing by definition: the set of the minimum of every window.
std::vector<uint64_t> WindowMinima(const std::vector<uint64_t>& hashes, size_t window) {
  std::set<uint64_t> minima;
  if (hashes.size() <= window) {
    if (!hashes.empty()) minima.insert(*std::min_element(hashes.begin(), hashes.end()));
  } else {
    for (size_t s = 0; s + window <= hashes.size(); ++s) {
      minima.insert(*std::min_element(hashes.begin() + static_cast<std::ptrdiff_t>(s),
                                      hashes.begin() + static_cast<std::ptrdiff_t>(s + window)));
    }
  }
  return {minima.begin(), minima.end()};
}

size_t SharedCount(const std::vector<uint64_t>& x, const std::vector<uint64_t>& y) {
  std::vector<uint64_t> common;
  std::set_intersection(x.begin(), x.end(), y.begin(), y.end(), std::back_inserter(common));
  return common.size();
}

using PairList = std::vector<std::pair<uint32_t, uint32_t>>;

PairList AsPairs(const std::vector<CandidatePair>& pairs) {
  PairList out;
  for (const CandidatePair& p : pairs) out.emplace_back(p.a, p.b);
  return out;
}

PairList Shared(const std::vector<std::vector<uint64_t>>& fingerprints,
                const FingerprintOptions& options, int threads = 1) {
  return AsPairs(SharedFingerprintPairs(fingerprints, options, threads));
}

// Brute force over all pairs: document frequency first, then the count of
// shared fingerprints that are rare enough. Inputs sorted and unique.
PairList BruteForcePairs(const std::vector<std::vector<uint64_t>>& fingerprints,
                         const FingerprintOptions& options) {
  absl::flat_hash_map<uint64_t, int> df;
  for (const auto& doc : fingerprints) {
    for (const uint64_t fp : doc) ++df[fp];
  }
  PairList out;
  for (uint32_t i = 0; i < fingerprints.size(); ++i) {
    for (uint32_t j = i + 1; j < fingerprints.size(); ++j) {
      int shared = 0;
      for (const uint64_t fp : fingerprints[i]) {
        if (df[fp] <= options.max_document_frequency &&
            std::binary_search(fingerprints[j].begin(), fingerprints[j].end(), fp)) {
          ++shared;
        }
      }
      if (shared >= options.min_shared) out.emplace_back(i, j);
    }
  }
  return out;
}

// ------------------------------------------------------------------ Winnow

TEST(FingerprintTest, SharedRunOfWordsPlusWindowMinusOneAlwaysSharesTheWindowMinimum) {
  const FingerprintOptions options;  // words 3, window 5
  const size_t run_length = options.words + options.window - 1;
  ASSERT_EQ(run_length, 7u);
  Random rng(20240611);
  // Disjoint vocabularies, so the texts share nothing but the planted run.
  absl::flat_hash_set<std::string> taken;
  const Words vocab_a = RandomVocabulary(rng, 3000, &taken);
  const Words vocab_b = RandomVocabulary(rng, 3000, &taken);
  const Words vocab_run = RandomVocabulary(rng, 3000, &taken);
  for (int trial = 0; trial < 500; ++trial) {
    SCOPED_TRACE(trial);
    Words a = RandomWords(rng, vocab_a, 20 + rng.Uniform(300));
    Words b = RandomWords(rng, vocab_b, 20 + rng.Uniform(300));
    const Words run = RandomWords(rng, vocab_run, run_length);
    // Any placement, including the very start and end of either text.
    const size_t at_a = rng.Uniform(a.size() + 1), at_b = rng.Uniform(b.size() + 1);
    a.insert(a.begin() + static_cast<std::ptrdiff_t>(at_a), run.begin(), run.end());
    b.insert(b.begin() + static_cast<std::ptrdiff_t>(at_b), run.begin(), run.end());
    const std::vector<uint64_t> fa = Fingerprints(Join(a), options);
    const std::vector<uint64_t> fb = Fingerprints(Join(b), options);
    // The window made of the run's 5 n-grams lies wholly in both texts, so
    // its minimum is selected in both.
    const std::vector<uint64_t> run_hashes = NgramHashes(run, options.words);
    ASSERT_EQ(run_hashes.size(), static_cast<size_t>(options.window));
    const uint64_t window_min = *std::min_element(run_hashes.begin(), run_hashes.end());
    EXPECT_TRUE(std::binary_search(fa.begin(), fa.end(), window_min));
    EXPECT_TRUE(std::binary_search(fb.begin(), fb.end(), window_min));
    EXPECT_GE(SharedCount(fa, fb), 1u);
  }
}

TEST(FingerprintTest, TextsWithNoCommonNgramShareNoFingerprint) {
  // The control for the guarantee above: without the planted run, nothing
  // is shared, so a shared fingerprint there comes from the run.
  Random rng(7);
  absl::flat_hash_set<std::string> taken;
  const Words vocab_a = RandomVocabulary(rng, 3000, &taken);
  const Words vocab_b = RandomVocabulary(rng, 3000, &taken);
  for (int trial = 0; trial < 50; ++trial) {
    const std::vector<uint64_t> fa =
        Fingerprints(Join(RandomWords(rng, vocab_a, 300)), FingerprintOptions{});
    const std::vector<uint64_t> fb =
        Fingerprints(Join(RandomWords(rng, vocab_b, 300)), FingerprintOptions{});
    ASSERT_FALSE(fa.empty());
    EXPECT_EQ(SharedCount(fa, fb), 0u);
  }
}

TEST(FingerprintTest, GuaranteeHoldsForOtherWordAndWindowSizes) {
  Random rng(99);
  absl::flat_hash_set<std::string> taken;
  const Words vocab_a = RandomVocabulary(rng, 2000, &taken);
  const Words vocab_b = RandomVocabulary(rng, 2000, &taken);
  const Words vocab_run = RandomVocabulary(rng, 2000, &taken);
  for (const auto& [words, window] : {std::pair{1, 1}, {2, 8}, {5, 3}, {4, 12}}) {
    FingerprintOptions options;
    options.words = words;
    options.window = window;
    SCOPED_TRACE(testing::Message() << "words " << words << " window " << window);
    for (int trial = 0; trial < 100; ++trial) {
      Words a = RandomWords(rng, vocab_a, 30 + rng.Uniform(200));
      Words b = RandomWords(rng, vocab_b, 30 + rng.Uniform(200));
      const Words run = RandomWords(rng, vocab_run, static_cast<size_t>(words + window - 1));
      a.insert(a.begin() + static_cast<std::ptrdiff_t>(rng.Uniform(a.size() + 1)), run.begin(),
               run.end());
      b.insert(b.begin() + static_cast<std::ptrdiff_t>(rng.Uniform(b.size() + 1)), run.begin(),
               run.end());
      EXPECT_GE(SharedCount(Fingerprints(Join(a), options), Fingerprints(Join(b), options)), 1u);
    }
  }
}

TEST(FingerprintTest, OutputIsTheSortedSetOfWindowMinima) {
  Random rng(3);
  absl::flat_hash_set<std::string> taken;
  // A tiny vocabulary, so n-grams and window minima repeat often and
  // duplicates would show.
  const Words tiny = RandomVocabulary(rng, 4, &taken);
  const Words large = RandomVocabulary(rng, 5000, &taken);
  const FingerprintOptions options;
  for (const Words* vocab : {&tiny, &large}) {
    for (int trial = 0; trial < 20; ++trial) {
      const Words words = RandomWords(rng, *vocab, 1 + rng.Uniform(400));
      const std::vector<uint64_t> got = Fingerprints(Join(words), options);
      EXPECT_TRUE(std::is_sorted(got.begin(), got.end()));
      EXPECT_EQ(std::adjacent_find(got.begin(), got.end()), got.end()) << "duplicate fingerprint";
      std::vector<uint64_t> hashes = NgramHashes(words, options.words);
      if (hashes.empty()) hashes.push_back(NgramHash(words, 0, words.size()));
      EXPECT_EQ(got, WindowMinima(hashes, options.window));
    }
  }
}

TEST(FingerprintTest, InTextOrderHoldsTheSameFingerprintsInTheOrderTheTextReachesThem) {
  Random rng(777);
  absl::flat_hash_set<std::string> taken;
  const Words vocab = RandomVocabulary(rng, 40, &taken);  // small: phrases recur
  for (int trial = 0; trial < 50; ++trial) {
    const Words words = RandomWords(rng, vocab, 1 + rng.Uniform(300));
    TokenizedText tokens;
    Tokenizer(NormalizeOptions{}).Tokenize(Join(words), &tokens);
    const FingerprintOptions options;
    std::vector<uint64_t> scratch, in_order, sorted;
    WinnowInTextOrder(tokens, options, &scratch, &in_order);
    Winnow(tokens, options, &scratch, &sorted);
    std::set<uint64_t> distinct(in_order.begin(), in_order.end());
    EXPECT_EQ(std::vector<uint64_t>(distinct.begin(), distinct.end()), sorted);
    // Each kept minimum is a window's, in the order of the windows: the
    // position where each is first found never goes back.
    std::vector<uint64_t> hashes = NgramHashes(words, options.words);
    if (hashes.empty()) hashes.push_back(NgramHash(words, 0, words.size()));
    size_t position = 0;
    for (size_t k = 0; k < in_order.size(); ++k) {
      if (k > 0) {
        EXPECT_NE(in_order[k], in_order[k - 1]) << "a run of equal minima kept twice";
      }
      const auto found = std::find(hashes.begin() + static_cast<std::ptrdiff_t>(position), hashes.end(),
                                   in_order[k]);
      ASSERT_NE(found, hashes.end()) << "fingerprint " << k << " is out of text order";
      position = static_cast<size_t>(found - hashes.begin());
    }
  }
}

TEST(FingerprintTest, RepetitiveTextGivesDuplicateFreeFingerprints) {
  // "a b a b ...": only two distinct trigrams, each a window minimum many times.
  Words words;
  for (int i = 0; i < 100; ++i) words.push_back(i % 2 ? "flood" : "warning");
  const std::vector<uint64_t> got = Fingerprints(Join(words), FingerprintOptions{});
  const uint64_t h0 = NgramHash(words, 0, 3), h1 = NgramHash(words, 1, 3);
  EXPECT_EQ(got, (std::vector<uint64_t>{std::min(h0, h1)}));
}

TEST(FingerprintTest, DensityOnRandomTextIsAboutTwoOverWindowPlusOne) {
  Random rng(12345);
  absl::flat_hash_set<std::string> taken;
  const Words vocab = RandomVocabulary(rng, 5000, &taken);
  const Words words = RandomWords(rng, vocab, 30000);
  const std::string text = Join(words);
  for (const int window : {2, 5, 10, 20}) {
    FingerprintOptions options;
    options.window = window;
    const size_t ngrams = words.size() - 2;
    const double density =
        static_cast<double>(Fingerprints(text, options).size()) / static_cast<double>(ngrams);
    const double expected = 2.0 / (window + 1);
    // 30,000 n-grams: the sampling error is well under 5% of the expectation.
    EXPECT_NEAR(density, expected, 0.08 * expected) << "window " << window;
  }
}

TEST(FingerprintTest, TextShorterThanTheWindowGivesExactlyItsSmallestNgram) {
  const FingerprintOptions options;  // words 3, window 5
  // 6 words: 4 trigrams, fewer than one window.
  const Words six = {"river", "levels", "rose", "again", "overnight", "downstream"};
  EXPECT_EQ(Fingerprints(Join(six), options),
            (std::vector<uint64_t>{std::ranges::min(NgramHashes(six, 3))}));
  // 7 words: exactly one window of 5 trigrams.
  const Words seven = {"river", "levels", "rose", "again", "overnight", "downstream", "too"};
  EXPECT_EQ(Fingerprints(Join(seven), options),
            (std::vector<uint64_t>{std::ranges::min(NgramHashes(seven, 3))}));
  // Fewer words than an n-gram: the whole text is one n-gram.
  const Words two = {"river", "levels"};
  EXPECT_EQ(Fingerprints(Join(two), options), (std::vector<uint64_t>{NgramHash(two, 0, 2)}));
  EXPECT_EQ(Fingerprints("Flood!", options).size(), 1u);
}

TEST(FingerprintTest, EmptyTextGivesNoFingerprintAndClearsTheOutput) {
  TokenizedText tokens;
  Tokenizer(NormalizeOptions{}).Tokenize("", &tokens);
  std::vector<uint64_t> scratch = {1, 2, 3};
  std::vector<uint64_t> out = {4, 5, 6};  // replaced, not appended to
  Winnow(tokens, FingerprintOptions{}, &scratch, &out);
  EXPECT_TRUE(out.empty());
  EXPECT_TRUE(Fingerprints(" -- ... !", FingerprintOptions{}).empty());
}

TEST(FingerprintTest, OutputIsReplacedNotAppendedAcrossCalls) {
  const FingerprintOptions options;
  TokenizedText first, second;
  Tokenizer(NormalizeOptions{}).Tokenize("one two three four five six seven eight nine", &first);
  Tokenizer(NormalizeOptions{}).Tokenize("alpha beta gamma delta", &second);
  std::vector<uint64_t> scratch, out;
  Winnow(first, options, &scratch, &out);
  Winnow(second, options, &scratch, &out);
  EXPECT_EQ(out, Fingerprints("alpha beta gamma delta", options));
}

// ------------------------------------------------------------------ SharedFingerprintPairs

// `count` documents, each holding min_size + Uniform(extra) distinct
// fingerprints drawn from `pool`, sorted.
std::vector<std::vector<uint64_t>> DocumentsFromPool(Random& rng, const std::vector<uint64_t>& pool,
                                                     size_t count, size_t min_size, size_t extra) {
  std::vector<std::vector<uint64_t>> docs(count);
  for (auto& doc : docs) {
    std::set<uint64_t> picked;
    const size_t size = min_size + rng.Uniform(extra);
    while (picked.size() < size) picked.insert(pool[rng.Uniform(pool.size())]);
    doc.assign(picked.begin(), picked.end());
  }
  return docs;
}

// Fingerprints that differ from small values only in their top bits:
// partitions and table slots come from the low bits, so these rely on the
// whole fingerprint being compared.
constexpr uint64_t kHigh = 0xF000000000000000ULL;
constexpr uint64_t kMid = 0x8000000000000000ULL;

TEST(FingerprintTest, PairsMatchBruteForceAndAreSortedUniqueWithALessThanB) {
  Random rng(42);
  std::vector<uint64_t> pool;
  for (int i = 0; i < 300; ++i) pool.push_back(rng.Next());  // spread over all partitions
  FingerprintOptions options;
  options.min_shared = 3;
  options.max_document_frequency = 10;
  const std::vector<std::vector<uint64_t>> docs = DocumentsFromPool(rng, pool, 80, 0, 50);
  const PairList got = Shared(docs, options);
  const PairList want = BruteForcePairs(docs, options);
  ASSERT_GT(want.size(), 10u) << "test sanity: the oracle should find pairs";
  EXPECT_EQ(got, want);
  for (size_t i = 0; i < got.size(); ++i) {
    EXPECT_LT(got[i].first, got[i].second);
    if (i > 0) {
      EXPECT_LT(got[i - 1], got[i]) << "not sorted or not unique";
    }
  }
  // Some fingerprints exceed the frequency limit, so ignoring it would differ.
  FingerprintOptions unlimited = options;
  unlimited.max_document_frequency = 1000;
  EXPECT_NE(BruteForcePairs(docs, unlimited), want) << "test sanity: the limit should matter";
  EXPECT_EQ(Shared(docs, unlimited), BruteForcePairs(docs, unlimited));
}

// Fingerprints that agree on their low 32 bits and differ only above: they
// fall in one partition and, in its table, on one slot, so grouping them
// rests on probing past the slots of the others.
TEST(FingerprintTest, FingerprintsThatDifferOnlyInTheirHighBitsAreToldApart) {
  Random rng(7);
  std::vector<uint64_t> pool;
  for (uint64_t i = 1; i <= 60; ++i) pool.push_back((i << 32) | 0x2A);
  FingerprintOptions options;
  options.min_shared = 2;
  options.max_document_frequency = 6;
  const std::vector<std::vector<uint64_t>> docs = DocumentsFromPool(rng, pool, 40, 2, 10);
  const PairList want = BruteForcePairs(docs, options);
  ASSERT_GT(want.size(), 5u) << "test sanity: the oracle should find pairs";
  EXPECT_EQ(Shared(docs, options), want);
  EXPECT_EQ(Shared(docs, options, 3), want);
}

TEST(FingerprintTest, PairsNeedAtLeastMinSharedFingerprints) {
  // Docs 0 and 1 share 3 fingerprints; 0 and 2, 1 and 2 share 2; 3 shares 1 with each.
  const std::vector<std::vector<uint64_t>> docs = {
      {1, 2, kMid + 3, 50},
      {1, 2, kMid + 3, 60},
      {1, 2, 70},
      {kHigh + 9, 50, 60, 70}};
  FingerprintOptions options;
  options.max_document_frequency = 50;
  options.min_shared = 3;
  EXPECT_EQ(Shared(docs, options), (PairList{{0, 1}}));
  options.min_shared = 2;
  EXPECT_EQ(Shared(docs, options), (PairList{{0, 1}, {0, 2}, {1, 2}}));
  options.min_shared = 1;
  EXPECT_EQ(Shared(docs, options), (PairList{{0, 1}, {0, 2}, {0, 3}, {1, 2}, {1, 3}, {2, 3}}));
  options.min_shared = 4;
  EXPECT_TRUE(Shared(docs, options).empty());
}

TEST(FingerprintTest, FingerprintHeldByMoreThanMaxDocumentFrequencyDocumentsIsIgnored) {
  // A stock phrase X is in docs 0-3; docs 0 and 1 also share Y, docs 2 and
  // 3 share Z (in another partition).
  constexpr uint64_t kX = 0x1234, kY = kMid + 7, kZ = kHigh + 11;
  const std::vector<std::vector<uint64_t>> docs = {{kX, kY}, {kX, kY}, {kX, kZ}, {kX, kZ}};
  FingerprintOptions options;
  options.min_shared = 1;
  options.max_document_frequency = 3;  // X, in 4 documents, is ignored
  EXPECT_EQ(Shared(docs, options), (PairList{{0, 1}, {2, 3}}));
  options.max_document_frequency = 4;  // at most 4: X counts
  EXPECT_EQ(Shared(docs, options), (PairList{{0, 1}, {0, 2}, {0, 3}, {1, 2}, {1, 3}, {2, 3}}));
  // With min_shared 2, X still counts towards 0-1 and 2-3 only when allowed.
  options.min_shared = 2;
  EXPECT_EQ(Shared(docs, options), (PairList{{0, 1}, {2, 3}}));
  options.max_document_frequency = 3;
  EXPECT_TRUE(Shared(docs, options).empty());
}

TEST(FingerprintTest, IgnoredFingerprintDoesNotCountTowardsMinShared) {
  // Docs 0 and 1 share two fingerprints, but one is boilerplate in 3 docs.
  const std::vector<std::vector<uint64_t>> docs = {{5, kMid + 6}, {5, kMid + 6}, {5}};
  FingerprintOptions options;
  options.min_shared = 2;
  options.max_document_frequency = 2;
  EXPECT_TRUE(Shared(docs, options).empty());
  options.max_document_frequency = 3;
  EXPECT_EQ(Shared(docs, options), (PairList{{0, 1}}));
}

TEST(FingerprintTest, EmptyInputsGiveNoPairs) {
  EXPECT_TRUE(Shared({}, FingerprintOptions{}).empty());
  EXPECT_TRUE(Shared({{}, {}, {}}, FingerprintOptions{}).empty());
  EXPECT_TRUE(Shared({{1, 2, 3}}, FingerprintOptions{}).empty());
}

TEST(FingerprintTest, DocumentListingAFingerprintTwiceIsNotPairedWithItself) {
  // The header asks nothing of the input's order or uniqueness, and
  // promises a < b; a fingerprint counts once per document.
  const std::vector<std::vector<uint64_t>> docs = {{7, 7, 8, 8, 9, 9}, {7, 100}};
  FingerprintOptions options;
  options.min_shared = 1;
  EXPECT_EQ(Shared(docs, options), (PairList{{0, 1}}));
  options.min_shared = 2;  // 0 and 1 share only fingerprint 7
  EXPECT_TRUE(Shared(docs, options).empty());
}

TEST(FingerprintTest, ListsInAnyOrderWithRepeatsGiveThePairsOfTheirSets) {
  Random rng(31337);
  std::vector<uint64_t> pool;
  for (int i = 0; i < 200; ++i) pool.push_back(rng.Next());
  FingerprintOptions options;
  options.min_shared = 3;
  options.max_document_frequency = 8;
  std::vector<std::vector<uint64_t>> sets(60), lists(60);
  for (size_t d = 0; d < sets.size(); ++d) {
    std::set<uint64_t> picked;
    const size_t size = rng.Uniform(40);
    while (picked.size() < size) picked.insert(pool[rng.Uniform(pool.size())]);
    sets[d].assign(picked.begin(), picked.end());
    // The same set, shuffled, each fingerprint listed one to three times.
    for (const uint64_t fp : sets[d]) lists[d].insert(lists[d].end(), 1 + rng.Uniform(3), fp);
    for (size_t k = lists[d].size(); k > 1; --k) std::swap(lists[d][k - 1], lists[d][rng.Uniform(k)]);
  }
  const PairList want = BruteForcePairs(sets, options);
  ASSERT_GT(want.size(), 5u) << "test sanity: the oracle should find pairs";
  EXPECT_EQ(Shared(lists, options), want);
  EXPECT_EQ(Shared(lists, options, 3), want);
  // Repeats must count neither as more shared fingerprints nor as more
  // holders: lists listing everything three times would exceed both limits.
  std::vector<std::vector<uint64_t>> tripled(sets.size());
  for (size_t d = 0; d < sets.size(); ++d) {
    for (int copy = 0; copy < 3; ++copy) tripled[d].insert(tripled[d].end(), sets[d].begin(), sets[d].end());
  }
  options.min_shared = 2;
  EXPECT_EQ(Shared(tripled, options), BruteForcePairs(sets, options));
}

TEST(FingerprintTest, PairsAreIdenticalForOneAndFourThreads) {
  Random rng(2718);
  absl::flat_hash_set<std::string> taken;
  const Words vocab = RandomVocabulary(rng, 2000, &taken);
  // 200 random articles, some copying a stretch from an earlier one.
  std::vector<Words> articles;
  for (int i = 0; i < 200; ++i) {
    Words words = RandomWords(rng, vocab, 100 + rng.Uniform(200));
    if (i > 0 && rng.Bernoulli(0.4)) {
      const Words& source = articles[rng.Uniform(articles.size())];
      const size_t begin = rng.Uniform(source.size() - 40);
      words.insert(words.begin() + static_cast<std::ptrdiff_t>(rng.Uniform(words.size())),
                   source.begin() + static_cast<std::ptrdiff_t>(begin),
                   source.begin() + static_cast<std::ptrdiff_t>(begin + 40));
    }
    articles.push_back(std::move(words));
  }
  const FingerprintOptions options;
  std::vector<std::vector<uint64_t>> fingerprints;
  for (const Words& words : articles) fingerprints.push_back(Fingerprints(Join(words), options));
  const PairList one = Shared(fingerprints, options, 1);
  ASSERT_GT(one.size(), 20u) << "test sanity: copied stretches should pair";
  EXPECT_EQ(one, BruteForcePairs(fingerprints, options));
  EXPECT_EQ(Shared(fingerprints, options, 4), one);
  EXPECT_EQ(Shared(fingerprints, options, 3), one);
}

}  // namespace
}  // namespace reprint

namespace reprint {
namespace {

TEST(MarkCommonTextTest, MarksTheWordsOfCommonNgramsAndTheShortGapsBetweenThem) {
  TokenizedText text;
  Tokenizer(NormalizeOptions{}).Tokenize("w0 w1 w2 w3 w4 w5 w6 w7 w8 w9 w10 w11 w12 w13 w14 w15", &text);
  FingerprintOptions options;  // 3 words, window 5
  std::vector<uint64_t> hashes;
  HashShingles(text, ShingleOptions{3}, &hashes);
  // Common: the n-grams at 1 ("w1 w2 w3") and 5 ("w5 w6 w7"): the gap from
  // 4 to 5 is shorter than a window, so 1..7 is marked. The one at 13
  // ("w13 w14 w15") is 6 past the last end: marked alone.
  const absl::flat_hash_set<uint64_t> common = {hashes[1], hashes[5], hashes[13]};
  std::vector<uint8_t> marked;
  MarkCommonText(text, common, options, &marked);
  const std::vector<uint8_t> expected = {0, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 1, 1, 1};
  EXPECT_EQ(marked, expected);
  MarkCommonText(text, {}, options, &marked);
  EXPECT_EQ(marked, std::vector<uint8_t>(16, 0));
}

TEST(MarkCommonTextTest, SharedFingerprintPairsReportsFingerprintsAboveTheLimitAsCommon) {
  FingerprintOptions options;
  options.max_document_frequency = 2;
  options.min_shared = 1;
  const std::vector<std::vector<uint64_t>> fingerprints = {{1, 5}, {1, 5}, {1, 6}};
  absl::flat_hash_set<uint64_t> common;
  const std::vector<CandidatePair> pairs = SharedFingerprintPairs(fingerprints, options, 1, &common);
  EXPECT_EQ(common, (absl::flat_hash_set<uint64_t>{1}));  // in 3 documents > 2
  ASSERT_EQ(pairs.size(), 1u);                            // only through fingerprint 5
  EXPECT_EQ(pairs[0], (CandidatePair{0, 1}));
}

}  // namespace
}  // namespace reprint
