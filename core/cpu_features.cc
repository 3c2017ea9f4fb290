#include "core/cpu_features.h"

namespace reprint {

#if defined(__x86_64__)

bool HasAvx512Multiply() {
  static const bool has = [] {
    __builtin_cpu_init();  // may run before the constructors that would call it
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq");
  }();
  return has;
}

bool HasAvx512Bytes() {
  static const bool has = [] {
    // HasAvx512Multiply() runs __builtin_cpu_init() first.
    return HasAvx512Multiply() && __builtin_cpu_supports("avx512bw") &&
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
