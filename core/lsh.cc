#include "core/lsh.h"

#include <algorithm>
#include <bit>
#include <cassert>
#include <cmath>
#include <iterator>
#include <limits>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "core/parallel.h"
// Inlined: band keys are 12 bytes, and the call into the shared library
// cost as much as the hash.
#define XXH_INLINE_ALL
#include "xxhash.h"

namespace reprint {
namespace {

// Composite Simpson's rule; the integrands are smooth polynomials in s, and
// 256 intervals put the error far below any difference between neighbouring
// (b, r) choices.
template <typename F>
double Integrate(F f, double from, double to) {
  constexpr int kIntervals = 256;
  const double h = (to - from) / kIntervals;
  double sum = f(from) + f(to);
  for (int i = 1; i < kIntervals; ++i) sum += (i % 2 == 1 ? 4.0 : 2.0) * f(from + i * h);
  return sum * h / 3.0;
}

}  // namespace

namespace {

// (1 - s^r)^b, the chance that no band matches, without subtracting from 1:
// both tails of the S-curve fall far below 1e-16, and rounding them to 0
// would make distinct (b, r) tie when a weight is zero or tiny.
double MissProbability(double jaccard, const LshParams& params) {
  return std::exp(params.num_bands * std::log1p(-std::pow(jaccard, params.rows_per_band)));
}

}  // namespace

double CandidateProbability(double jaccard, const LshParams& params) {
  return -std::expm1(params.num_bands * std::log1p(-std::pow(jaccard, params.rows_per_band)));
}

double FalsePositiveArea(double threshold, const LshParams& params) {
  return Integrate([&](double s) { return CandidateProbability(s, params); }, 0.0, threshold);
}

double FalseNegativeArea(double threshold, const LshParams& params) {
  return Integrate([&](double s) { return MissProbability(s, params); }, threshold, 1.0);
}

absl::StatusOr<LshParams> ChooseLshParams(double threshold, int num_perm,
                                          const LshWeights& weights, int threads) {
  if (!(threshold > 0.0 && threshold <= 1.0)) {
    return absl::InvalidArgumentError(
        absl::StrCat("threshold must be in (0, 1], got ", threshold));
  }
  if (num_perm < 1) {
    return absl::InvalidArgumentError(absl::StrCat("num_perm must be >= 1, got ", num_perm));
  }
  if (!(weights.false_positive >= 0 && weights.false_negative >= 0 &&
        weights.false_positive + weights.false_negative > 0)) {
    return absl::InvalidArgumentError("LSH weights must be >= 0 with a positive sum");
  }
  // The two areas of every (b, r) by Simpson's rule on fixed grids, as
  // FalsePositiveArea() and FalseNegativeArea() compute them: the same
  // expressions, with log1p(-s^r) computed once per grid point and r
  // instead of once per (b, r), so the choice is exactly theirs, 4x sooner.
  constexpr int kIntervals = 256;  // as Integrate()
  auto log_miss_per_band = [&](double from, double to, int r) {
    std::vector<double> out(kIntervals + 1);
    const double h = (to - from) / kIntervals;
    for (int i = 0; i <= kIntervals; ++i) {
      const double s = i == kIntervals ? to : from + i * h;
      out[i] = std::log1p(-std::pow(s, r));
    }
    return out;
  };
  auto simpson = [&](double from, double to, auto&& f) {
    const double h = (to - from) / kIntervals;
    double sum = f(0) + f(kIntervals);
    for (int i = 1; i < kIntervals; ++i) sum += (i % 2 == 1 ? 4.0 : 2.0) * f(i);
    return sum * h / 3.0;
  };
  // Ties go to the smaller b, then the smaller r, as a scan by b then r
  // gives: a total order, so the best of each r's best is the best overall,
  // whichever thread found it.
  struct Choice {
    LshParams params;
    double error = INFINITY;
    bool operator<(const Choice& other) const {
      if (error != other.error) return error < other.error;
      if (params.num_bands != other.params.num_bands) {
        return params.num_bands < other.params.num_bands;
      }
      return params.rows_per_band < other.params.rows_per_band;
    }
  };
  const size_t num_rows = static_cast<size_t>(num_perm);
  std::vector<Choice> best_of_rows(num_rows);  // [r - 1]: the best b for r rows
  ParallelFor(num_rows, std::max(1, threads), 1, [&](size_t begin, size_t end) {
    for (size_t index = begin; index < end; ++index) {
      const int r = static_cast<int>(index) + 1;
      const std::vector<double> below = log_miss_per_band(0.0, threshold, r);
      const std::vector<double> above = log_miss_per_band(threshold, 1.0, r);
      for (int b = 1; b <= num_perm / r; ++b) {
        const double false_positive =
            simpson(0.0, threshold, [&](int i) { return -std::expm1(b * below[i]); });
        const double false_negative =
            simpson(threshold, 1.0, [&](int i) { return std::exp(b * above[i]); });
        const Choice choice{LshParams{b, r}, weights.false_positive * false_positive +
                                                 weights.false_negative * false_negative};
        if (choice < best_of_rows[index]) best_of_rows[index] = choice;
      }
    }
  });
  return std::min_element(best_of_rows.begin(), best_of_rows.end())->params;
}

uint64_t BandKey(const uint32_t* signature, const LshParams& params, int band) {
  const uint32_t* rows = signature + static_cast<size_t>(band) * static_cast<size_t>(params.rows_per_band);
  // Seeding with the band number keeps equal rows in different bands apart,
  // which matters once keys of all bands share one table (the archive's).
  return XXH3_64bits_withSeed(rows, static_cast<size_t>(params.rows_per_band) * sizeof(uint32_t),
                              static_cast<uint64_t>(band));
}

std::vector<CandidatePair> FindCandidatePairs(absl::Span<const uint32_t> signatures, int num_perm,
                                              absl::Span<const uint8_t> indexable,
                                              const LshParams& params, int threads) {
  assert(params.num_bands * params.rows_per_band <= num_perm);
  const size_t num_docs = indexable.size();
  assert(signatures.size() == num_docs * static_cast<size_t>(num_perm));

  // Bands are taken a few at a time: one pass over the signatures (a
  // document's rows are one contiguous run) computes the keys of all of
  // them, where a pass per band would fetch every signature's cache line
  // once per band. Per band, documents are then grouped by key with one
  // counting sort on the keys' top bits (about one document per bucket, as
  // keys are uniform): documents of equal keys land in one bucket, where a
  // pass over its few members pairs them. Linear in the documents plus the
  // output; memory: the keys of a few bands per thread.
  // Bands per pass: up to 4, fewer when there are few bands per thread.
  const size_t bands_at_once =
      std::clamp<size_t>(static_cast<size_t>(params.num_bands) / static_cast<size_t>(threads), 1, 4);
  // Buckets hold one article on average up to 2^20 articles; beyond, or
  // when many articles share a key, a bucket is sorted rather than
  // compared pair by pair.
  constexpr size_t kSmallBucket = 8;
  const int bucket_bits = std::clamp(static_cast<int>(std::bit_width(num_docs)), 8, 20);
  const size_t num_buckets = size_t{1} << bucket_bits;
  std::vector<std::vector<uint64_t>> band_pairs(params.num_bands);  // (a << 32) | b
  ParallelFor(params.num_bands, threads, bands_at_once, [&](size_t band_begin, size_t band_end) {
    std::vector<uint64_t> keys(num_docs * (band_end - band_begin));  // band-major
    for (size_t doc = 0; doc < num_docs; ++doc) {
      if (!indexable[doc]) continue;
      for (size_t band = band_begin; band < band_end; ++band) {
        keys[(band - band_begin) * num_docs + doc] =
            BandKey(signatures.data() + doc * num_perm, params, static_cast<int>(band));
      }
    }
    std::vector<uint32_t> bucket_end(num_buckets + 1);
    std::vector<uint32_t> by_bucket(num_docs);  // documents in bucket order, each bucket in doc order
    for (size_t band = band_begin; band < band_end; ++band) {
      const uint64_t* band_keys = keys.data() + (band - band_begin) * num_docs;
      std::fill(bucket_end.begin(), bucket_end.end(), 0);
      for (size_t doc = 0; doc < num_docs; ++doc) {
        if (indexable[doc]) ++bucket_end[(band_keys[doc] >> (64 - bucket_bits)) + 1];
      }
      for (size_t b = 1; b <= num_buckets; ++b) bucket_end[b] += bucket_end[b - 1];
      // bucket_end[b] is now where bucket b starts; filling moves it to its end.
      for (size_t doc = 0; doc < num_docs; ++doc) {
        if (indexable[doc]) {
          by_bucket[bucket_end[band_keys[doc] >> (64 - bucket_bits)]++] = static_cast<uint32_t>(doc);
        }
      }
      std::vector<uint64_t>& out = band_pairs[band];
      for (size_t b = 0, begin = 0; b < num_buckets; begin = bucket_end[b++]) {
        const size_t end = bucket_end[b];
        if (end - begin > kSmallBucket) {
          // Many articles share the top bits (a huge archive, or many equal
          // keys): ordered by key, then document, each run of one key pairs.
          std::sort(by_bucket.begin() + static_cast<std::ptrdiff_t>(begin),
                    by_bucket.begin() + static_cast<std::ptrdiff_t>(end), [&](uint32_t x, uint32_t y) {
                      return band_keys[x] != band_keys[y] ? band_keys[x] < band_keys[y] : x < y;
                    });
        }
        for (size_t i = begin; i + 1 < end; ++i) {
          for (size_t j = i + 1; j < end; ++j) {
            if (band_keys[by_bucket[i]] == band_keys[by_bucket[j]]) {
              out.push_back((static_cast<uint64_t>(by_bucket[i]) << 32) | by_bucket[j]);
            } else if (end - begin > kSmallBucket) {
              break;  // sorted: the run of i's key has ended
            }
          }
        }
      }
      std::sort(out.begin(), out.end());  // here, on all threads; merged below
    }
  });
  // A near-duplicate pair shares many bands: the bands' sorted lists are
  // merged pairwise, duplicates dropped at each merge, so the serial work
  // is a few linear passes rather than a sort of every band's pairs.
  while (band_pairs.size() > 1) {
    std::vector<std::vector<uint64_t>> merged((band_pairs.size() + 1) / 2);
    ParallelFor(merged.size(), threads, 1, [&](size_t begin, size_t end) {
      for (size_t m = begin; m < end; ++m) {
        if (2 * m + 1 == band_pairs.size()) {
          merged[m] = std::move(band_pairs[2 * m]);
          continue;
        }
        const std::vector<uint64_t>& x = band_pairs[2 * m];
        const std::vector<uint64_t>& y = band_pairs[2 * m + 1];
        merged[m].reserve(x.size() + y.size());
        std::set_union(x.begin(), x.end(), y.begin(), y.end(), std::back_inserter(merged[m]));
      }
    });
    band_pairs = std::move(merged);
  }
  const std::vector<uint64_t> all = band_pairs.empty() ? std::vector<uint64_t>() : std::move(band_pairs[0]);
  std::vector<CandidatePair> result;
  result.reserve(all.size());
  for (const uint64_t packed : all) {
    result.push_back({static_cast<uint32_t>(packed >> 32), static_cast<uint32_t>(packed)});
  }
  return result;
}

}  // namespace reprint
