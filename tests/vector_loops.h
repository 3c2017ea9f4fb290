// A fixture for tests of exact bits that must hold for both builds of the
// shingle and MinHash loops: the AVX-512 one, where the CPU has it, and the
// baseline one every x86-64 CPU runs. Each test runs once with the wide
// build allowed and once with it turned off, so both are checked on any
// machine:
//
//   class ShingleLoopTest : public BothVectorLoops {};
//   INSTANTIATE_TEST_SUITE_P(BothLoops, ShingleLoopTest, ::testing::Bool(), VectorLoopName);
#ifndef REPRINT_TESTS_VECTOR_LOOPS_H_
#define REPRINT_TESTS_VECTOR_LOOPS_H_

#include <string>

#include "core/cpu_features.h"
#include "gtest/gtest.h"

namespace reprint {

class BothVectorLoops : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override { internal::AllowAvx512Multiply(GetParam()); }
  void TearDown() override { internal::AllowAvx512Multiply(true); }
};

inline std::string VectorLoopName(const ::testing::TestParamInfo<bool>& info) {
  return info.param ? "wide_where_available" : "baseline";
}

}  // namespace reprint

#endif  // REPRINT_TESTS_VECTOR_LOOPS_H_
