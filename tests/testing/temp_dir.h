// A fresh directory for each test: created before it, removed after it.
//
//   class ArchiveTest : public test::TempDirTest {};
//   TEST_F(ArchiveTest, Opens) { Archive::Open(Path("a.db"), ...); }
#ifndef REPRINT_TESTS_TESTING_TEMP_DIR_H_
#define REPRINT_TESTS_TESTING_TEMP_DIR_H_

#include <filesystem>
#include <string>

#include "gtest/gtest.h"

namespace reprint::test {

class TempDirTest : public ::testing::Test {
 protected:
  // A directory of its own under the system's temporary directory, named
  // after the test suite and test.
  void SetUp() override;
  void TearDown() override;

  // `name` inside the test's directory.
  std::string Path(const std::string& name) const { return (dir_ / name).string(); }
  // Writes `content` to `name` inside it and returns the path.
  std::string Write(const std::string& name, const std::string& content) const;

  std::filesystem::path dir_;
};

}  // namespace reprint::test

#endif  // REPRINT_TESTS_TESTING_TEMP_DIR_H_
