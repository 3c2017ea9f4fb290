// A fresh directory for each test: created before it, removed after it.
//
//   class ArchiveTest : public test::TempDirTest {};
//   TEST_F(ArchiveTest, Opens) { Archive::Open(Path("a.db"), ...); }
#ifndef REPRINT_TESTS_TESTING_TEMP_DIR_H_
#define REPRINT_TESTS_TESTING_TEMP_DIR_H_

#include <filesystem>
#include <string>
#include <string_view>

#include "gtest/gtest.h"

namespace reprint::test {

class TempDirTest : public ::testing::Test {
 protected:
  // A directory of its own under the system's temporary directory, named
  // after the test suite, the test and the process (two runs at once do not
  // collide).
  void SetUp() override;
  void TearDown() override;

  // `name` inside the test's directory.
  std::string Path(const std::string& name) const { return (dir_ / name).string(); }
  // Writes `content` to `name` inside it (making its parent directories)
  // and returns the path; fails the test if it cannot.
  std::string Write(const std::string& name, std::string_view content) const;

  std::filesystem::path dir_;
};

}  // namespace reprint::test

#endif  // REPRINT_TESTS_TESTING_TEMP_DIR_H_
