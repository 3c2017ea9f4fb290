#include "core/minhash.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "core/random.h"
#include "core/shingle.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/vector_loops.h"

namespace reprint {
namespace {

using ::testing::Each;

MinHasher MakeHasher(int num_perm, uint64_t seed, SketchMethod method = SketchMethod::kOnePermutation) {
  absl::StatusOr<MinHasher> hasher = MinHasher::Create({.num_perm = num_perm, .seed = seed, .method = method});
  EXPECT_TRUE(hasher.ok()) << hasher.status();
  return *std::move(hasher);
}

std::vector<uint32_t> Sign(const MinHasher& hasher, const std::vector<uint64_t>& set) {
  std::vector<uint32_t> signature(hasher.num_perm());
  hasher.Compute(set, signature.data());
  return signature;
}

std::vector<uint64_t> RandomSet(Random* random, size_t size) {
  std::vector<uint64_t> set(size);
  for (uint64_t& value : set) value = random->Next();
  return set;
}

// Two random sets of `size` elements each with exactly `shared` in common.
struct SetPair {
  std::vector<uint64_t> a;
  std::vector<uint64_t> b;
  double jaccard;  // exact, computed on the sorted sets
};

SetPair MakePair(Random* random, size_t size, size_t shared) {
  SetPair pair;
  pair.a = RandomSet(random, shared);
  pair.b = pair.a;
  for (size_t i = shared; i < size; ++i) {
    pair.a.push_back(random->Next());
    pair.b.push_back(random->Next());
  }
  std::vector<uint64_t> a = pair.a, b = pair.b;
  MakeShingleSet(&a);
  MakeShingleSet(&b);
  pair.jaccard = Jaccard(a, b);
  return pair;
}

TEST(MinHashTest, CreateRejectsNumPermOutsideOneTo4096) {
  for (const int num_perm : {0, -1, 4097, 100000}) {
    absl::StatusOr<MinHasher> hasher = MinHasher::Create({.num_perm = num_perm, .seed = 1});
    EXPECT_EQ(hasher.status().code(), absl::StatusCode::kInvalidArgument) << num_perm;
  }
}

TEST(MinHashTest, CreateAcceptsTheBoundsOfTheRange) {
  for (const int num_perm : {1, 128, 4096}) {
    absl::StatusOr<MinHasher> hasher = MinHasher::Create({.num_perm = num_perm, .seed = 1});
    ASSERT_TRUE(hasher.ok()) << hasher.status();
    EXPECT_EQ(hasher->num_perm(), num_perm);
  }
}

TEST(MinHashTest, SameSeedGivesIdenticalSignatures) {
  Random random(7);
  const std::vector<uint64_t> set = RandomSet(&random, 300);
  const MinHasher first = MakeHasher(128, 42);
  const MinHasher second = MakeHasher(128, 42);
  EXPECT_EQ(Sign(first, set), Sign(second, set));
}

TEST(MinHashTest, DifferentSeedsGiveDifferentSignatures) {
  Random random(7);
  const std::vector<uint64_t> set = RandomSet(&random, 300);
  const std::vector<uint32_t> one = Sign(MakeHasher(128, 1), set);
  const std::vector<uint32_t> two = Sign(MakeHasher(128, 2), set);
  int equal = 0;
  for (size_t i = 0; i < one.size(); ++i) equal += one[i] == two[i];
  // Minima of 300 values under unrelated hash functions are spread over
  // ~2^32/300 values, so an equal position is a one-in-millions event.
  EXPECT_LE(equal, 2);
}

TEST(MinHashTest, SignatureIgnoresElementOrderAndDuplicates) {
  Random random(11);
  const std::vector<uint64_t> set = RandomSet(&random, 250);
  std::vector<uint64_t> shuffled = set;
  std::reverse(shuffled.begin(), shuffled.end());
  for (size_t i = shuffled.size() - 1; i > 0; --i) {
    std::swap(shuffled[i], shuffled[random.Uniform(i + 1)]);
  }
  std::vector<uint64_t> duplicated = set;
  duplicated.insert(duplicated.end(), set.begin(), set.begin() + 100);
  duplicated.insert(duplicated.end(), set.rbegin(), set.rend());
  std::vector<uint64_t> sorted = set;
  MakeShingleSet(&sorted);

  const MinHasher hasher = MakeHasher(256, 3);
  const std::vector<uint32_t> expected = Sign(hasher, set);
  EXPECT_EQ(Sign(hasher, shuffled), expected);
  EXPECT_EQ(Sign(hasher, duplicated), expected);
  EXPECT_EQ(Sign(hasher, sorted), expected);
}

TEST(MinHashTest, EmptySetGivesAllOnes) {
  const MinHasher hasher = MakeHasher(100, 1);
  std::vector<uint32_t> signature(100, 0);  // Compute must overwrite this
  hasher.Compute({}, signature.data());
  EXPECT_THAT(signature, Each(0xFFFFFFFFu));
}

TEST(MinHashTest, ComputeOverwritesThePreviousSignature) {
  const MinHasher hasher = MakeHasher(64, 1);
  Random random(5);
  const std::vector<uint64_t> big = RandomSet(&random, 500);
  const std::vector<uint64_t> small = {big[0]};
  std::vector<uint32_t> signature(64);
  hasher.Compute(big, signature.data());  // small minima left behind
  hasher.Compute(small, signature.data());
  EXPECT_EQ(signature, Sign(hasher, small));
}

TEST(MinHashTest, PermutationSignatureOfAUnionIsTheMinimumOfItsParts) {
  // The signature of a union is the position-wise minimum of the parts'
  // (not so with one permutation, where densification fills empty bins).
  Random random(9);
  const std::vector<uint64_t> a = RandomSet(&random, 50);
  const std::vector<uint64_t> b = RandomSet(&random, 70);
  std::vector<uint64_t> both = a;
  both.insert(both.end(), b.begin(), b.end());
  const MinHasher hasher = MakeHasher(128, 1, SketchMethod::kPermutations);
  const std::vector<uint32_t> sa = Sign(hasher, a), sb = Sign(hasher, b), sab = Sign(hasher, both);
  for (size_t i = 0; i < sab.size(); ++i) EXPECT_EQ(sab[i], std::min(sa[i], sb[i])) << i;
}

TEST(MinHashTest, OnePermutationFillsEveryBinOfASmallSetFromItsOwnElements) {
  // Five shingles, 128 bins: at most five bins are filled by hashing, and
  // densification copies them into all the others.
  Random random(21);
  const std::vector<uint64_t> set = RandomSet(&random, 5);
  const std::vector<uint32_t> signature = Sign(MakeHasher(128, 1), set);
  EXPECT_THAT(signature, Each(::testing::Ne(0xFFFFFFFFu)));
  std::vector<uint32_t> distinct = signature;
  std::sort(distinct.begin(), distinct.end());
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  EXPECT_LE(distinct.size(), 5u);
  EXPECT_GE(distinct.size(), 2u) << "five random elements fall in one bin with chance 128^-4";
}

// One-permutation hashing mixes a set's elements in a loop compiled for
// wide vector units where the CPU has them: the bits must not depend on it.
class MinHashLoopTest : public BothVectorLoops {};
INSTANTIATE_TEST_SUITE_P(BothLoops, MinHashLoopTest, ::testing::Bool(), VectorLoopName);

TEST_P(MinHashLoopTest, SignatureBitsAreStableAcrossVersions) {
  // Archives store signatures and compare new ones with them, so a change
  // of their bits (a faster loop computing something slightly different)
  // must fail here, not silently mismatch old archives. The sums pin the
  // signatures of one fixed set, both methods, default seed.
  std::vector<uint64_t> set;
  for (uint64_t i = 1; i <= 500; ++i) set.push_back(MixBits(i));
  uint64_t oph = 0, permutations = 0;
  for (const uint32_t v : Sign(MakeHasher(128, MinHashOptions{}.seed), set)) oph = oph * 31 + v;
  for (const uint32_t v : Sign(MakeHasher(128, MinHashOptions{}.seed, SketchMethod::kPermutations), set)) {
    permutations = permutations * 31 + v;
  }
  EXPECT_EQ(oph, 15381154506121042103u);
  EXPECT_EQ(permutations, 7190461614380031083u);
}

TEST(MinHashTest, SketchMethodsHaveStableNames) {
  EXPECT_EQ(SketchMethodName(SketchMethod::kOnePermutation), "oph");
  EXPECT_EQ(SketchMethodName(SketchMethod::kPermutations), "permutations");
  EXPECT_EQ(ParseSketchMethod("oph"), SketchMethod::kOnePermutation);
  EXPECT_EQ(ParseSketchMethod("permutations"), SketchMethod::kPermutations);
  EXPECT_EQ(ParseSketchMethod("minhash"), std::nullopt);
}

TEST(MinHashTest, EstimateIsTheShareOfAgreeingPositions) {
  const std::vector<uint32_t> a = {1, 2, 3, 4, 5, 6, 7, 8};
  const std::vector<uint32_t> b = {1, 2, 0, 4, 5, 0, 7, 0};
  EXPECT_DOUBLE_EQ(EstimateJaccard(a, a), 1.0);
  EXPECT_DOUBLE_EQ(EstimateJaccard(a, b), 5.0 / 8.0);
  EXPECT_DOUBLE_EQ(EstimateJaccard(std::vector<uint32_t>{1}, std::vector<uint32_t>{2}), 0.0);
}

TEST(MinHashTest, EstimateOfIdenticalSetsIsOne) {
  Random random(13);
  const std::vector<uint64_t> set = RandomSet(&random, 400);
  const MinHasher hasher = MakeHasher(128, 1);
  EXPECT_DOUBLE_EQ(EstimateJaccard(Sign(hasher, set), Sign(hasher, set)), 1.0);
}

TEST(MinHashTest, DisjointSetsEstimateNearZero) {
  Random random(17);
  const MinHasher hasher = MakeHasher(128, 1);
  const std::vector<uint64_t> a = RandomSet(&random, 400), b = RandomSet(&random, 400);
  EXPECT_LE(EstimateJaccard(Sign(hasher, a), Sign(hasher, b)), 2.0 / 128);
}

// The statistical properties, for both ways of sketching.
class MinHashMethodTest : public ::testing::TestWithParam<SketchMethod> {
 protected:
  MinHasher Hasher(int num_perm, uint64_t seed) const { return MakeHasher(num_perm, seed, GetParam()); }
  // One permutation samples the union's elements without replacement, so
  // on sets not much larger than k its variance is below the binomial's;
  // permutations are independent positions, the binomial exactly.
  double LowestVarianceRatio() const { return GetParam() == SketchMethod::kOnePermutation ? 0.4 : 0.75; }

  // The estimate's mean and sample variance for one pair over seeds 1..seeds.
  struct Moments {
    double mean;
    double variance;
  };
  Moments EstimateOverSeeds(const SetPair& pair, int num_perm, int seeds) const {
    double sum = 0, sum_squares = 0;
    for (int seed = 1; seed <= seeds; ++seed) {
      const MinHasher hasher = Hasher(num_perm, static_cast<uint64_t>(seed));
      const double estimate = EstimateJaccard(Sign(hasher, pair.a), Sign(hasher, pair.b));
      sum += estimate;
      sum_squares += estimate * estimate;
    }
    const double mean = sum / seeds;
    return {mean, (sum_squares - seeds * mean * mean) / (seeds - 1)};
  }
};

INSTANTIATE_TEST_SUITE_P(BothSketches, MinHashMethodTest,
                         ::testing::Values(SketchMethod::kOnePermutation, SketchMethod::kPermutations),
                         [](const auto& test) { return std::string(SketchMethodName(test.param)); });

// Estimates on ~300 random pairs with exact Jaccard spread over 0.1..0.9
// against the binomial theory: E = J, sd = sqrt(J(1-J)/k).
TEST_P(MinHashMethodTest, EstimatesMatchExactJaccardWithinTheoreticalError) {
  constexpr int kNumPerm = 128;
  constexpr int kPairs = 300;
  constexpr size_t kSize = 400;
  for (const uint64_t seed : {1u, 2u}) {
    SCOPED_TRACE(seed);
    const MinHasher hasher = Hasher(kNumPerm, seed);
    Random random(1000 + seed);
    double sum_error = 0, sum_squared_error = 0, sum_variance = 0, sum_z = 0;
    int beyond_four_sd = 0;
    for (int p = 0; p < kPairs; ++p) {
      // J = shared / (2 * size - shared), targets evenly over 0.1..0.9.
      const double target = 0.1 + 0.8 * (p + 0.5) / kPairs;
      const auto shared =
          static_cast<size_t>(std::lround(2.0 * kSize * target / (1.0 + target)));
      const SetPair pair = MakePair(&random, kSize, shared);
      ASSERT_NEAR(pair.jaccard, target, 0.01);
      const double estimate = EstimateJaccard(Sign(hasher, pair.a), Sign(hasher, pair.b));
      const double error = estimate - pair.jaccard;
      const double variance = pair.jaccard * (1 - pair.jaccard) / kNumPerm;
      sum_error += error;
      sum_squared_error += error * error;
      sum_variance += variance;
      sum_z += error / std::sqrt(variance);
      if (std::abs(error) > 4 * std::sqrt(variance)) ++beyond_four_sd;
    }
    const double mean_error = sum_error / kPairs;
    const double standard_error = std::sqrt(sum_variance) / kPairs;
    const double rmse = std::sqrt(sum_squared_error / kPairs);
    const double theory_rmse = std::sqrt(sum_variance / kPairs);
    std::printf("seed %llu: mean error %.5f (standard error %.5f, mean z %.3f), "
                "RMSE %.5f vs theory %.5f (ratio %.3f), beyond 4 sd: %d of %d\n",
                static_cast<unsigned long long>(seed), mean_error, standard_error,
                sum_z / kPairs, rmse, theory_rmse, rmse / theory_rmse, beyond_four_sd, kPairs);
    // (a) No bias: the mean error is within 4 standard errors of zero.
    EXPECT_LT(std::abs(mean_error), 4 * standard_error);
    // (b) The spread is at most what independent positions give.
    EXPECT_LT(rmse / theory_rmse, 1.25);
    EXPECT_GT(rmse / theory_rmse, std::sqrt(LowestVarianceRatio()));
    // (c) Tails: at most 1% beyond 4 sd (binomial theory: well under 0.1%).
    EXPECT_LE(beyond_four_sd, kPairs / 100);
  }
}

// If the k hash functions were correlated, positions would agree or disagree
// together and the estimate's variance would exceed J(1-J)/k by up to a
// factor of k. Sets of 300 sharing 200 have J = 0.5 exactly.
TEST_P(MinHashMethodTest, PositionsAreNotPositivelyCorrelatedAtHalfSimilarity) {
  constexpr int kNumPerm = 128;
  constexpr int kPairs = 1000;
  const MinHasher hasher = Hasher(kNumPerm, 1);
  Random random(77);
  double sum = 0, sum_squares = 0;
  for (int p = 0; p < kPairs; ++p) {
    const SetPair pair = MakePair(&random, 300, 200);
    ASSERT_DOUBLE_EQ(pair.jaccard, 0.5);
    const double estimate = EstimateJaccard(Sign(hasher, pair.a), Sign(hasher, pair.b));
    sum += estimate;
    sum_squares += estimate * estimate;
  }
  const double mean = sum / kPairs;
  const double variance = (sum_squares - kPairs * mean * mean) / (kPairs - 1);
  const double theory = 0.5 * 0.5 / kNumPerm;
  std::printf("J=0.5, k=128: mean %.5f, variance %.6f vs theory %.6f (ratio %.3f)\n", mean,
              variance, theory, variance / theory);
  // Sample variance of 1000 draws has a relative standard error of ~4.5%.
  EXPECT_NEAR(mean, 0.5, 4 * std::sqrt(theory / kPairs));
  EXPECT_LT(variance / theory, 1.3);
  EXPECT_GT(variance / theory, LowestVarianceRatio());
}

// The same, for a single fixed pair of sets over many hasher seeds: the
// estimate is unbiased over the family itself, not only over random sets.
TEST_P(MinHashMethodTest, EstimateIsUnbiasedOverSeedsForAFixedPair) {
  constexpr int kNumPerm = 128;
  constexpr int kSeeds = 400;
  Random random(99);
  const SetPair pair = MakePair(&random, 300, 120);  // J = 120 / 480 = 0.25
  ASSERT_DOUBLE_EQ(pair.jaccard, 0.25);
  const auto [mean, variance] = EstimateOverSeeds(pair, kNumPerm, kSeeds);
  const double theory = 0.25 * 0.75 / kNumPerm;
  std::printf("fixed pair J=0.25 over %d seeds: mean %.5f, variance %.6f vs theory %.6f "
              "(ratio %.3f)\n",
              kSeeds, mean, variance, theory, variance / theory);
  EXPECT_NEAR(mean, 0.25, 4 * std::sqrt(theory / kSeeds));
  EXPECT_LT(variance / theory, 1.35);
}

// Short texts leave most of the 128 bins empty, and one permutation fills
// them by densification: the estimate must stay unbiased there too (its
// variance may grow, up to that of the few filled bins).
TEST_P(MinHashMethodTest, EstimateOfShortTextsIsUnbiasedOverSeeds) {
  constexpr int kNumPerm = 128;
  constexpr int kSeeds = 2000;
  Random random(5);
  const SetPair pair = MakePair(&random, 20, 8);  // J = 8 / 32 = 0.25
  ASSERT_DOUBLE_EQ(pair.jaccard, 0.25);
  const auto [mean, variance] = EstimateOverSeeds(pair, kNumPerm, kSeeds);
  std::printf("short sets J=0.25 over %d seeds: mean %.5f, sd %.4f\n", kSeeds, mean, std::sqrt(variance));
  EXPECT_NEAR(mean, 0.25, 4 * std::sqrt(variance / kSeeds));
}

}  // namespace
}  // namespace reprint
