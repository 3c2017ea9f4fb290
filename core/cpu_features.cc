#include "core/cpu_features.h"

#include <atomic>

namespace reprint {
namespace {

std::atomic<bool> multiply_allowed{true};

}  // namespace

namespace internal {

void AllowAvx512Multiply(bool allow) { multiply_allowed.store(allow, std::memory_order_relaxed); }

}  // namespace internal

#if defined(__x86_64__)

namespace {

bool CpuHasAvx512Multiply() {
  static const bool has = [] {
    __builtin_cpu_init();  // may run before the constructors that would call it
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq");
  }();
  return has;
}

}  // namespace

bool HasAvx512Multiply() {
  return CpuHasAvx512Multiply() && multiply_allowed.load(std::memory_order_relaxed);
}

bool HasAvx512Bytes() {
  static const bool has = [] {
    // CpuHasAvx512Multiply() runs __builtin_cpu_init() first.
    return CpuHasAvx512Multiply() && __builtin_cpu_supports("avx512bw") &&
           __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512vbmi") &&
           __builtin_cpu_supports("avx512vbmi2") && __builtin_cpu_supports("bmi") &&
           __builtin_cpu_supports("bmi2") && __builtin_cpu_supports("popcnt");
  }();
  return has;
}

#else

bool HasAvx512Multiply() { return false; }
bool HasAvx512Bytes() { return false; }

#endif

}  // namespace reprint
