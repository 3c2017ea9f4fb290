#include "core/lsh.h"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <set>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "core/minhash.h"
#include "core/random.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace reprint {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

// ---------------------------------------------------------------------------
// The S-curve and its areas.

TEST(LshTest, CandidateProbabilityMatchesHandComputedPoints) {
  EXPECT_NEAR(CandidateProbability(0.5, {20, 5}), 1 - std::pow(1 - 1.0 / 32, 20), 1e-15);
  EXPECT_NEAR(CandidateProbability(0.8, {20, 5}), 1 - std::pow(1 - 0.32768, 20), 1e-15);
  // b = 1: P(s) = s^r.
  EXPECT_NEAR(CandidateProbability(0.5, {1, 3}), 0.125, 1e-15);
  // r = 1: P(s) = 1 - (1 - s)^b.
  EXPECT_NEAR(CandidateProbability(0.25, {2, 1}), 1 - 0.75 * 0.75, 1e-15);
  EXPECT_NEAR(CandidateProbability(0.3, {1, 1}), 0.3, 1e-15);
}

TEST(LshTest, CandidateProbabilityIsZeroAtZeroAndOneAtOne) {
  for (const LshParams params : {LshParams{1, 1}, LshParams{20, 5}, LshParams{128, 1},
                                 LshParams{1, 128}, LshParams{26, 3}}) {
    EXPECT_EQ(CandidateProbability(0.0, params), 0.0);
    EXPECT_EQ(CandidateProbability(1.0, params), 1.0);
  }
}

// ∫_0^1 (1 - s^r)^b ds = Γ(1 + 1/r) Γ(b + 1) / Γ(b + 1 + 1/r) (a Beta integral).
double ExactMissIntegralOverUnit(const LshParams& p) {
  const double inv_r = 1.0 / p.rows_per_band;
  return std::exp(std::lgamma(1 + inv_r) + std::lgamma(p.num_bands + 1.0) -
                  std::lgamma(p.num_bands + 1 + inv_r));
}

// ∫_0^t (1 - s^r)^b ds by the binomial expansion; fine for t^r small enough
// that the alternating terms do not cancel catastrophically.
double ExactMissIntegral(double t, const LshParams& p) {
  double sum = 0, binomial = 1;
  for (int j = 0; j <= p.num_bands; ++j) {
    const int exponent = p.rows_per_band * j + 1;
    sum += (j % 2 == 0 ? 1 : -1) * binomial * std::pow(t, exponent) / exponent;
    binomial = binomial * (p.num_bands - j) / (j + 1);
  }
  return sum;
}

// The code integrates numerically; 1e-9 is far below any difference that
// matters for choosing (b, r) and far above its rounding.
TEST(LshTest, AreasMatchClosedFormsForSimpleCurves) {
  for (const double t : {0.1, 0.3, 0.5, 0.77, 1.0}) {
    SCOPED_TRACE(t);
    // P(s) = s.
    EXPECT_NEAR(FalsePositiveArea(t, {1, 1}), t * t / 2, 1e-9);
    EXPECT_NEAR(FalseNegativeArea(t, {1, 1}), (1 - t) * (1 - t) / 2, 1e-9);
    // P(s) = s^4.
    EXPECT_NEAR(FalsePositiveArea(t, {1, 4}), std::pow(t, 5) / 5, 1e-9);
    EXPECT_NEAR(FalseNegativeArea(t, {1, 4}), (1 - t) - (1 - std::pow(t, 5)) / 5, 1e-9);
    // P(s) = 1 - (1 - s)^2.
    EXPECT_NEAR(FalsePositiveArea(t, {2, 1}), t - (1 - std::pow(1 - t, 3)) / 3, 1e-9);
    EXPECT_NEAR(FalseNegativeArea(t, {2, 1}), std::pow(1 - t, 3) / 3, 1e-9);
  }
}

TEST(LshTest, AreasMatchBetaAndBinomialClosedForms) {
  for (const LshParams params : {LshParams{20, 5}, LshParams{26, 3}, LshParams{25, 5},
                                 LshParams{9, 7}, LshParams{40, 3}}) {
    for (const double t : {0.2, 0.4, 0.5}) {
      SCOPED_TRACE(::testing::Message() << params.num_bands << "x" << params.rows_per_band
                                        << " t=" << t);
      const double miss_below = ExactMissIntegral(t, params);
      const double miss_above = ExactMissIntegralOverUnit(params) - miss_below;
      EXPECT_NEAR(FalsePositiveArea(t, params), t - miss_below, 1e-9);
      EXPECT_NEAR(FalseNegativeArea(t, params), miss_above, 1e-9);
    }
  }
}

// A fine midpoint rule, independent of the code's Simpson rule.
double Midpoint(double from, double to, int intervals, const LshParams& params, bool complement) {
  const double h = (to - from) / intervals;
  double sum = 0;
  for (int i = 0; i < intervals; ++i) {
    const double p = CandidateProbability(from + (i + 0.5) * h, params);
    sum += complement ? 1 - p : p;
  }
  return sum * h;
}

// Steep curves (b = 128, r = 1) are the hardest for the code's 256-interval
// Simpson rule: about 2e-6 off at t = 0.95, still far below the gaps between
// neighbouring choices that matter (ChoiceMatchesBruteForceSearch).
TEST(LshTest, AreasMatchAFineMidpointSum) {
  for (const LshParams params : {LshParams{128, 1}, LshParams{64, 2}, LshParams{1, 128},
                                 LshParams{32, 4}, LshParams{14, 9}, LshParams{7, 18}}) {
    for (const double t : {0.05, 0.5, 0.7, 0.95}) {
      SCOPED_TRACE(::testing::Message() << params.num_bands << "x" << params.rows_per_band
                                        << " t=" << t);
      EXPECT_NEAR(FalsePositiveArea(t, params), Midpoint(0, t, 200000, params, false), 5e-6);
      EXPECT_NEAR(FalseNegativeArea(t, params), Midpoint(t, 1, 200000, params, true), 5e-6);
    }
  }
}

// ---------------------------------------------------------------------------
// Choosing (b, r).

struct BruteForceChoice {
  LshParams best;
  double best_error = std::numeric_limits<double>::infinity();
  double runner_up_error = std::numeric_limits<double>::infinity();
};

// Every (b, r) with b * r <= num_perm, integrated with a fine midpoint rule:
// at each grid point s, (1 - s^r)^b for all b is built by repeated
// multiplication, so the search is independent of the code's formula.
BruteForceChoice BruteForce(double threshold, int num_perm, const LshWeights& weights) {
  constexpr int kIntervals = 20000;
  // miss[r][b] accumulates ∫ (1 - s^r)^b over [0, t) and [t, 1].
  std::vector<std::vector<double>> miss_below(num_perm + 1), miss_above(num_perm + 1);
  for (int r = 1; r <= num_perm; ++r) {
    miss_below[r].assign(num_perm / r + 1, 0.0);
    miss_above[r].assign(num_perm / r + 1, 0.0);
  }
  for (int side = 0; side < 2; ++side) {
    const double from = side == 0 ? 0.0 : threshold;
    const double to = side == 0 ? threshold : 1.0;
    const double h = (to - from) / kIntervals;
    for (int i = 0; i < kIntervals; ++i) {
      const double s = from + (i + 0.5) * h;
      double s_to_r = 1;
      for (int r = 1; r <= num_perm; ++r) {
        s_to_r *= s;
        const double x = 1 - s_to_r;
        double x_to_b = 1;
        std::vector<double>& acc = side == 0 ? miss_below[r] : miss_above[r];
        for (int b = 1; b * r <= num_perm; ++b) {
          x_to_b *= x;
          acc[b] += x_to_b * h;
        }
      }
    }
  }
  BruteForceChoice choice;
  for (int b = 1; b <= num_perm; ++b) {
    for (int r = 1; b * r <= num_perm; ++r) {
      const double false_positive = threshold - miss_below[r][b];  // ∫_0^t P
      const double false_negative = miss_above[r][b];              // ∫_t^1 (1 - P)
      const double error =
          weights.false_positive * false_positive + weights.false_negative * false_negative;
      if (error < choice.best_error) {
        choice.runner_up_error = choice.best_error;
        choice.best_error = error;
        choice.best = {b, r};
      } else if (error < choice.runner_up_error) {
        choice.runner_up_error = error;
      }
    }
  }
  return choice;
}

TEST(LshTest, ChoiceMatchesBruteForceSearch) {
  struct Case {
    double threshold;
    int num_perm;
    LshWeights weights;
  };
  const Case cases[] = {
      {0.5, 128, {0.05, 0.95}}, {0.5, 128, {0.5, 0.5}}, {0.7, 196, {0.5, 0.5}},
      {0.8, 64, {0.3, 0.7}},    {0.3, 100, {0.5, 0.5}}, {0.9, 256, {0.05, 0.95}},
      {0.6, 50, {0.9, 0.1}},    {0.5, 7, {0.5, 0.5}},   {0.75, 128, {2.0, 3.0}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(::testing::Message() << "threshold " << c.threshold << " num_perm "
                                      << c.num_perm << " weights {" << c.weights.false_positive
                                      << ", " << c.weights.false_negative << "}");
    const BruteForceChoice expected = BruteForce(c.threshold, c.num_perm, c.weights);
    absl::StatusOr<LshParams> chosen = ChooseLshParams(c.threshold, c.num_perm, c.weights);
    ASSERT_TRUE(chosen.ok()) << chosen.status();
    std::printf("t=%.2f k=%d w={%.2f,%.2f}: brute force %dx%d (error %.6g, runner-up %.6g), "
                "chosen %dx%d\n",
                c.threshold, c.num_perm, c.weights.false_positive, c.weights.false_negative,
                expected.best.num_bands, expected.best.rows_per_band, expected.best_error,
                expected.runner_up_error, chosen->num_bands, chosen->rows_per_band);
    // The winner must be clear of the runner-up, or the comparison would only
    // test integration noise.
    ASSERT_GT(expected.runner_up_error - expected.best_error, 1e-7);
    EXPECT_EQ(chosen->num_bands, expected.best.num_bands);
    EXPECT_EQ(chosen->rows_per_band, expected.best.rows_per_band);
    EXPECT_LE(chosen->num_bands * chosen->rows_per_band, c.num_perm);
  }
}

TEST(LshTest, DefaultWeightsAtHalfWith128PermutationsChoose26BandsOf3Rows) {
  const BruteForceChoice expected = BruteForce(0.5, 128, LshWeights{});
  EXPECT_EQ(expected.best.num_bands, 26);
  EXPECT_EQ(expected.best.rows_per_band, 3);
  absl::StatusOr<LshParams> chosen = ChooseLshParams(0.5, 128, LshWeights{});
  ASSERT_TRUE(chosen.ok()) << chosen.status();
  EXPECT_EQ(chosen->num_bands, 26);
  EXPECT_EQ(chosen->rows_per_band, 3);
}

TEST(LshTest, EqualWeightsAtHalfWith128PermutationsChoose25BandsOf5Rows) {
  const BruteForceChoice expected = BruteForce(0.5, 128, {0.5, 0.5});
  EXPECT_EQ(expected.best.num_bands, 25);
  EXPECT_EQ(expected.best.rows_per_band, 5);
  absl::StatusOr<LshParams> chosen = ChooseLshParams(0.5, 128, {0.5, 0.5});
  ASSERT_TRUE(chosen.ok()) << chosen.status();
  EXPECT_EQ(chosen->num_bands, 25);
  EXPECT_EQ(chosen->rows_per_band, 5);
}

TEST(LshTest, OnlyFalseNegativesCountingUsesEveryPermutationAsABand) {
  // Minimising ∫_t^1 (1-s^r)^b alone: r = 1, b = num_perm, whose area
  // 0.5^129 / 129 ≈ 1e-41 is strictly the smallest (b = 127 gives 0.5^128 / 128).
  absl::StatusOr<LshParams> chosen = ChooseLshParams(0.5, 128, {0.0, 1.0});
  ASSERT_TRUE(chosen.ok()) << chosen.status();
  EXPECT_EQ(chosen->num_bands, 128);
  EXPECT_EQ(chosen->rows_per_band, 1);
}

TEST(LshTest, OnlyFalsePositivesCountingUsesOneBandOfEveryPermutation) {
  // Minimising ∫_0^t P alone: b = 1, r = num_perm, area 0.5^129 / 129.
  absl::StatusOr<LshParams> chosen = ChooseLshParams(0.5, 128, {1.0, 0.0});
  ASSERT_TRUE(chosen.ok()) << chosen.status();
  EXPECT_EQ(chosen->num_bands, 1);
  EXPECT_EQ(chosen->rows_per_band, 128);
}

TEST(LshTest, TiesGoToFewerBands) {
  // At threshold 1 the false-negative area is 0 for every (b, r): all tie.
  absl::StatusOr<LshParams> chosen = ChooseLshParams(1.0, 64, {0.0, 1.0});
  ASSERT_TRUE(chosen.ok()) << chosen.status();
  EXPECT_EQ(chosen->num_bands, 1);
}

// Each thread finds the best b for some r; the best of those must be the
// one scan's, ties (all of them at threshold 1) included.
TEST(LshTest, ChoiceDoesNotDependOnTheThreadCount) {
  struct Case {
    double threshold;
    int num_perm;
    LshWeights weights;
  };
  const Case cases[] = {{0.5, 128, LshWeights{}}, {1.0, 64, {0.0, 1.0}}, {0.7, 196, {0.5, 0.5}},
                        {0.5, 128, {1.0, 0.0}},    {0.3, 100, {0.9, 0.1}}, {0.9, 7, {0.5, 0.5}}};
  for (const Case& c : cases) {
    const absl::StatusOr<LshParams> one = ChooseLshParams(c.threshold, c.num_perm, c.weights, 1);
    ASSERT_TRUE(one.ok()) << one.status();
    for (const int threads : {2, 3, 8}) {
      const absl::StatusOr<LshParams> many =
          ChooseLshParams(c.threshold, c.num_perm, c.weights, threads);
      ASSERT_TRUE(many.ok()) << many.status();
      EXPECT_EQ(many->num_bands, one->num_bands) << c.threshold << " on " << threads;
      EXPECT_EQ(many->rows_per_band, one->rows_per_band) << c.threshold << " on " << threads;
    }
  }
  const absl::StatusOr<LshParams> tied = ChooseLshParams(1.0, 64, {0.0, 1.0}, 3);
  ASSERT_TRUE(tied.ok()) << tied.status();
  EXPECT_EQ(tied->num_bands, 1);
  EXPECT_EQ(tied->rows_per_band, 1);
}

TEST(LshTest, ChooseRejectsThresholdOutsideZeroToOne) {
  for (const double threshold : {0.0, -0.1, 1.5, 1.0000001, std::nan(""),
                                 std::numeric_limits<double>::infinity()}) {
    EXPECT_EQ(ChooseLshParams(threshold, 128, LshWeights{}).status().code(),
              absl::StatusCode::kInvalidArgument)
        << threshold;
  }
  EXPECT_TRUE(ChooseLshParams(1.0, 128, LshWeights{}).ok());
  EXPECT_TRUE(ChooseLshParams(1e-6, 128, LshWeights{}).ok());
}

TEST(LshTest, ChooseRejectsNumPermBelowOne) {
  EXPECT_EQ(ChooseLshParams(0.5, 0, LshWeights{}).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ChooseLshParams(0.5, -3, LshWeights{}).status().code(),
            absl::StatusCode::kInvalidArgument);
  absl::StatusOr<LshParams> one = ChooseLshParams(0.5, 1, LshWeights{});
  ASSERT_TRUE(one.ok()) << one.status();
  EXPECT_EQ(one->num_bands, 1);
  EXPECT_EQ(one->rows_per_band, 1);
}

TEST(LshTest, ChooseRejectsNegativeOrAllZeroWeights) {
  const LshWeights bad[] = {{-0.1, 1.0}, {1.0, -0.1}, {0.0, 0.0}, {std::nan(""), 1.0},
                            {1.0, std::nan("")}};
  for (const LshWeights& weights : bad) {
    EXPECT_EQ(ChooseLshParams(0.5, 128, weights).status().code(),
              absl::StatusCode::kInvalidArgument)
        << weights.false_positive << ", " << weights.false_negative;
  }
}

// ---------------------------------------------------------------------------
// Finding candidate pairs.

// n documents of num_perm random values each; with 32-bit values no band of
// two different documents collides by chance.
std::vector<uint32_t> RandomSignatures(size_t n, int num_perm, uint64_t seed,
                                       uint32_t alphabet = 0) {
  Random random(seed);
  std::vector<uint32_t> signatures(n * num_perm);
  for (uint32_t& value : signatures) {
    value = alphabet == 0 ? static_cast<uint32_t>(random.Next())
                          : static_cast<uint32_t>(random.Uniform(alphabet));
  }
  return signatures;
}

void CopyDoc(std::vector<uint32_t>* signatures, int num_perm, size_t from, size_t to) {
  for (int i = 0; i < num_perm; ++i) {
    (*signatures)[to * num_perm + i] = (*signatures)[from * num_perm + i];
  }
}

// Oracle: every indexable pair sharing one of the first b bands.
std::vector<CandidatePair> BruteForcePairs(const std::vector<uint32_t>& signatures, int num_perm,
                                           const std::vector<uint8_t>& indexable,
                                           const LshParams& params) {
  std::vector<CandidatePair> pairs;
  for (uint32_t a = 0; a < indexable.size(); ++a) {
    for (uint32_t b = a + 1; b < indexable.size(); ++b) {
      if (!indexable[a] || !indexable[b]) continue;
      for (int band = 0; band < params.num_bands; ++band) {
        bool equal = true;
        for (int row = 0; row < params.rows_per_band; ++row) {
          const int pos = band * params.rows_per_band + row;
          equal = equal && signatures[a * num_perm + pos] == signatures[b * num_perm + pos];
        }
        if (equal) {
          pairs.push_back({a, b});
          break;
        }
      }
    }
  }
  return pairs;
}

TEST(LshTest, IdenticalSignaturesAlwaysPair) {
  constexpr int kNumPerm = 128;
  std::vector<uint32_t> signatures = RandomSignatures(20, kNumPerm, 1);
  CopyDoc(&signatures, kNumPerm, 3, 17);
  const std::vector<uint8_t> indexable(20, 1);
  for (const LshParams params : {LshParams{26, 3}, LshParams{25, 5}, LshParams{1, 128},
                                 LshParams{128, 1}, LshParams{10, 2}}) {
    EXPECT_THAT(FindCandidatePairs(signatures, kNumPerm, indexable, params, 2),
                ElementsAre(CandidatePair{3, 17}))
        << params.num_bands << "x" << params.rows_per_band;
  }
}

TEST(LshTest, OneSharedBandIsEnoughToPair) {
  constexpr int kNumPerm = 20;
  std::vector<uint32_t> signatures = RandomSignatures(6, kNumPerm, 2);
  // Docs 1 and 4 share band 3 (positions 12..15 with r = 4) and nothing else.
  for (int pos = 12; pos < 16; ++pos) signatures[4 * kNumPerm + pos] = signatures[1 * kNumPerm + pos];
  // Docs 2 and 5 share 3 of the 4 rows of band 0: not enough.
  for (int pos = 0; pos < 3; ++pos) signatures[5 * kNumPerm + pos] = signatures[2 * kNumPerm + pos];
  const std::vector<uint8_t> indexable(6, 1);
  EXPECT_THAT(FindCandidatePairs(signatures, kNumPerm, indexable, {5, 4}, 1),
              ElementsAre(CandidatePair{1, 4}));
}

TEST(LshTest, EqualRowsInDifferentBandsDoNotPair) {
  constexpr int kNumPerm = 16;
  std::vector<uint32_t> signatures = RandomSignatures(4, kNumPerm, 3);
  // Doc 2's band 1 equals doc 0's band 0; doc 3's band 3 equals doc 1's band 2.
  for (int row = 0; row < 4; ++row) {
    signatures[2 * kNumPerm + 4 + row] = signatures[0 * kNumPerm + row];
    signatures[3 * kNumPerm + 12 + row] = signatures[1 * kNumPerm + 8 + row];
  }
  const std::vector<uint8_t> indexable(4, 1);
  EXPECT_THAT(FindCandidatePairs(signatures, kNumPerm, indexable, {4, 4}, 2), IsEmpty());
}

TEST(LshTest, OnlyTheFirstBandsTimesRowsPositionsCount) {
  constexpr int kNumPerm = 32;
  std::vector<uint32_t> signatures = RandomSignatures(3, kNumPerm, 4);
  // Docs 0 and 2 agree on positions 30 and 31 only, beyond b * r = 30.
  signatures[2 * kNumPerm + 30] = signatures[30];
  signatures[2 * kNumPerm + 31] = signatures[31];
  const std::vector<uint8_t> indexable(3, 1);
  EXPECT_THAT(FindCandidatePairs(signatures, kNumPerm, indexable, {15, 2}, 1), IsEmpty());
  EXPECT_THAT(FindCandidatePairs(signatures, kNumPerm, indexable, {16, 2}, 1),
              ElementsAre(CandidatePair{0, 2}));
}

TEST(LshTest, NonIndexableDocumentsNeverAppear) {
  constexpr int kNumPerm = 64;
  std::vector<uint32_t> signatures = RandomSignatures(12, kNumPerm, 5);
  for (const size_t copy : {4u, 7u, 9u, 11u}) CopyDoc(&signatures, kNumPerm, 2, copy);
  std::vector<uint8_t> indexable(12, 1);
  indexable[7] = 0;
  indexable[11] = 0;
  EXPECT_THAT(FindCandidatePairs(signatures, kNumPerm, indexable, {16, 4}, 2),
              ElementsAre(CandidatePair{2, 4}, CandidatePair{2, 9}, CandidatePair{4, 9}));
  // Empty sets sign as all 0xFFFFFFFF; unindexed, they must not match.
  std::vector<uint32_t> empties(5 * kNumPerm, 0xFFFFFFFFu);
  EXPECT_THAT(FindCandidatePairs(empties, kNumPerm, std::vector<uint8_t>(5, 0), {16, 4}, 2),
              IsEmpty());
}

TEST(LshTest, GroupOfDIdenticalDocumentsGivesAllDChooseTwoPairs) {
  constexpr int kNumPerm = 32;
  constexpr size_t kDocs = 40;
  for (const size_t d : {2u, 3u, 7u, 12u}) {
    std::vector<uint32_t> signatures = RandomSignatures(kDocs, kNumPerm, 6 + d);
    std::vector<uint32_t> group;
    for (size_t i = 0; i < d; ++i) group.push_back(static_cast<uint32_t>(i * 3 + 1));
    for (size_t i = 1; i < d; ++i) CopyDoc(&signatures, kNumPerm, group[0], group[i]);
    const std::vector<CandidatePair> pairs =
        FindCandidatePairs(signatures, kNumPerm, std::vector<uint8_t>(kDocs, 1), {8, 4}, 2);
    std::vector<CandidatePair> expected;
    for (size_t i = 0; i < d; ++i) {
      for (size_t j = i + 1; j < d; ++j) expected.push_back({group[i], group[j]});
    }
    EXPECT_EQ(pairs.size(), d * (d - 1) / 2);
    EXPECT_EQ(pairs, expected) << "d=" << d;
  }
}

TEST(LshTest, PairsAreSortedUniqueAndMatchBruteForce) {
  // Values from a tiny alphabet make many bands collide, and most pairs share
  // several bands, so duplicates would show if the result were not deduped.
  constexpr int kNumPerm = 24;
  constexpr size_t kDocs = 150;
  const std::vector<uint32_t> signatures = RandomSignatures(kDocs, kNumPerm, 8, 3);
  Random random(9);
  std::vector<uint8_t> indexable(kDocs);
  for (uint8_t& flag : indexable) flag = random.Bernoulli(0.85);
  for (const LshParams params : {LshParams{12, 2}, LshParams{8, 3}, LshParams{5, 4}}) {
    SCOPED_TRACE(::testing::Message() << params.num_bands << "x" << params.rows_per_band);
    const std::vector<CandidatePair> pairs =
        FindCandidatePairs(signatures, kNumPerm, indexable, params, 3);
    for (size_t i = 0; i < pairs.size(); ++i) {
      ASSERT_LT(pairs[i].a, pairs[i].b) << i;
      if (i > 0) {
        ASSERT_TRUE(std::pair(pairs[i - 1].a, pairs[i - 1].b) < std::pair(pairs[i].a, pairs[i].b))
            << "not strictly increasing at " << i;
      }
    }
    const std::vector<CandidatePair> expected =
        BruteForcePairs(signatures, kNumPerm, indexable, params);
    EXPECT_GT(expected.size(), 300u);  // the data really does collide a lot
    EXPECT_EQ(pairs, expected);
  }
}

TEST(LshTest, ResultIsIdenticalForAnyThreadCount) {
  constexpr int kNumPerm = 40;
  constexpr size_t kDocs = 300;
  const std::vector<uint32_t> signatures = RandomSignatures(kDocs, kNumPerm, 10, 4);
  std::vector<uint8_t> indexable(kDocs, 1);
  indexable[17] = indexable[200] = 0;
  const LshParams params{20, 2};
  const std::vector<CandidatePair> one = FindCandidatePairs(signatures, kNumPerm, indexable, params, 1);
  ASSERT_GT(one.size(), 1000u);
  for (const int threads : {2, 3, 4, 7, 64}) {
    EXPECT_EQ(FindCandidatePairs(signatures, kNumPerm, indexable, params, threads), one)
        << threads << " threads";
  }
}

// End to end with real MinHash signatures: pairs of random sets at a chosen
// exact Jaccard, every set otherwise unrelated to every other.
TEST(LshTest, HighJaccardPairsAreFoundAndLowJaccardPairsAreNot) {
  constexpr int kNumPerm = 128;
  absl::StatusOr<MinHasher> hasher = MinHasher::Create({.num_perm = kNumPerm, .seed = 1});
  ASSERT_TRUE(hasher.ok());
  absl::StatusOr<LshParams> params = ChooseLshParams(0.5, kNumPerm, LshWeights{});
  ASSERT_TRUE(params.ok());

  struct Group {
    size_t size;    // elements per set
    size_t shared;  // elements common to the pair
    int pairs;
    double jaccard() const { return static_cast<double>(shared) / (2.0 * size - shared); }
  };
  const Group groups[] = {
      {400, 380, 300},  // J = 380/420 ≈ 0.905
      {400, 38, 300},   // J = 38/762 ≈ 0.050
      {260, 120, 400},  // J = 0.3, the middle of the S-curve for 26 x 3
  };
  Random random(2024);
  std::vector<uint32_t> signatures;
  std::vector<int> group_of_pair;  // pair p = documents 2p, 2p + 1
  for (int g = 0; g < 3; ++g) {
    for (int p = 0; p < groups[g].pairs; ++p) {
      std::vector<uint64_t> a, b;
      for (size_t i = 0; i < groups[g].size; ++i) {
        const uint64_t x = random.Next();
        a.push_back(x);
        b.push_back(i < groups[g].shared ? x : random.Next());
      }
      for (const auto* set : {&a, &b}) {
        signatures.resize(signatures.size() + kNumPerm);
        hasher->Compute(*set, signatures.data() + signatures.size() - kNumPerm);
      }
      group_of_pair.push_back(g);
    }
  }
  const size_t num_docs = signatures.size() / kNumPerm;
  const std::vector<CandidatePair> pairs = FindCandidatePairs(
      signatures, kNumPerm, std::vector<uint8_t>(num_docs, 1), *params, 2);
  int found[3] = {0, 0, 0};
  int unrelated = 0;
  for (const CandidatePair& pair : pairs) {
    if (pair.a % 2 == 0 && pair.b == pair.a + 1) {
      ++found[group_of_pair[pair.a / 2]];
    } else {
      ++unrelated;
    }
  }
  for (int g = 0; g < 3; ++g) {
    const double expected = CandidateProbability(groups[g].jaccard(), *params);
    std::printf("J=%.3f with %dx%d: found %d of %d (P(s) = %.4f)\n", groups[g].jaccard(),
                params->num_bands, params->rows_per_band, found[g], groups[g].pairs, expected);
  }
  std::printf("unrelated candidate pairs: %d\n", unrelated);
  // J = 0.9: P ≈ 1 - 1e-14; every pair found.
  EXPECT_EQ(found[0], groups[0].pairs);
  // J = 0.05: P ≈ 0.0032, about 1 in 300 expected; 5 or more has p < 0.005.
  EXPECT_LE(found[1], 4);
  // J = 0.3: the observed rate agrees with P(s) within 4 binomial sd.
  const double p = CandidateProbability(groups[2].jaccard(), *params);
  EXPECT_NEAR(static_cast<double>(found[2]) / groups[2].pairs, p,
              4 * std::sqrt(p * (1 - p) / groups[2].pairs));
  // Unrelated sets (J = 0) share no band.
  EXPECT_EQ(unrelated, 0);
}

}  // namespace
}  // namespace reprint
