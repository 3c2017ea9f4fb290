// A small deterministic pseudo-random generator (SplitMix64).
//
// The standard library's distributions are implementation-defined, so the
// same seed could give different corpora or hash families on another libstdc++;
// everything seeded in reprint draws from this instead.
#ifndef REPRINT_CORE_RANDOM_H_
#define REPRINT_CORE_RANDOM_H_

#include <cstdint>

namespace reprint {

__extension__ using Uint128 = unsigned __int128;  // GCC/Clang builtin

// Not thread-safe; cheap to copy. Passes BigCrush per its author (S. Vigna).
class Random {
 public:
  explicit Random(uint64_t seed) : state_(seed) {}

  uint64_t Next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }

  // Uniform in [0, bound) by Lemire's multiply-shift (bias < bound / 2^64).
  // REQUIRES: bound > 0.
  uint64_t Uniform(uint64_t bound) {
    return static_cast<uint64_t>((static_cast<Uint128>(Next()) * bound) >> 64);
  }

  // Uniform in [0, 1) with 53 random bits.
  double UniformDouble() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }

  // True with probability p.
  bool Bernoulli(double p) { return UniformDouble() < p; }

 private:
  uint64_t state_;
};

}  // namespace reprint

#endif  // REPRINT_CORE_RANDOM_H_
