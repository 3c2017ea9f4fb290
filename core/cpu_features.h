// The x86-64 CPU features that pick the vector loops at run time. The
// portable build targets baseline x86-64; a loop compiled for more is only
// called when the CPU has it, and gives the same bits either way.
#ifndef REPRINT_CORE_CPU_FEATURES_H_
#define REPRINT_CORE_CPU_FEATURES_H_

namespace reprint {

// AVX-512 F and DQ: eight 64-bit multiplies an instruction (vpmullq), and
// internal::AllowAvx512Multiply(false) not in force. False off x86-64.
// Thread-safe; the CPU is checked once.
bool HasAvx512Multiply();

// AVX-512 F, BW, DQ, VL, VBMI and VBMI2 with BMI1, BMI2 and POPCNT: byte
// masks, byte permutes and compresses (the tokenizer's wide path). False
// off x86-64. Thread-safe; checked once.
bool HasAvx512Bytes();

namespace internal {

// For tests: with false, HasAvx512Multiply() says no even on a CPU with
// AVX-512, so the shingle and MinHash loops take their baseline builds and
// both are checked on any machine (the tokenizer has its own switch,
// AllowAsciiWordsAvx512()). Atomic; a loop already running keeps its path.
void AllowAvx512Multiply(bool allow);

}  // namespace internal
}  // namespace reprint

#endif  // REPRINT_CORE_CPU_FEATURES_H_
