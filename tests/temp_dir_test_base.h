// A gtest fixture with a fresh directory per test, named after the test and
// the process, removed afterwards.
#ifndef REPRINT_TESTS_TEMP_DIR_TEST_BASE_H_
#define REPRINT_TESTS_TEMP_DIR_TEST_BASE_H_

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>

#include "gtest/gtest.h"

namespace reprint {

class TempDirTest : public ::testing::Test {
 protected:
  explicit TempDirTest(std::string prefix) : prefix_(std::move(prefix)) {}

  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           (prefix_ + ::testing::UnitTest::GetInstance()->current_test_info()->name() + "_" +
            std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    ASSERT_TRUE(std::filesystem::create_directories(dir_));
  }
  void TearDown() override {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  // Writes `content` to dir_/relative (creating parent directories) and
  // returns the full path as a string.
  std::string Write(const std::string& relative, std::string_view content) {
    const std::filesystem::path path = dir_ / relative;
    std::filesystem::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.close();
    EXPECT_TRUE(out.good()) << path;
    return path.string();
  }

  std::filesystem::path dir_;

 private:
  std::string prefix_;
};

}  // namespace reprint

#endif  // REPRINT_TESTS_TEMP_DIR_TEST_BASE_H_
