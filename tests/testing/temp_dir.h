// A fresh directory for one test's files, named after the test suite, the
// test and the process (so runs at once do not share one), removed with
// everything in it afterwards.
//
//   TEST(TruthTest, ReadsWhatItWrites) {
//     test::TempDir dir;
//     const std::string path = dir.Write("truth.jsonl", "...");
//   }
//   class ArchiveTest : public test::TempDirTest {};   // Path("a.db"), Write(), dir_
#ifndef REPRINT_TESTS_TESTING_TEMP_DIR_H_
#define REPRINT_TESTS_TESTING_TEMP_DIR_H_

#include <filesystem>
#include <string>
#include <string_view>

#include "gtest/gtest.h"

namespace reprint::test {

class TempDir {
 public:
  // Creates the directory; must be called while a test runs.
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // `name` inside the directory.
  std::string Path(const std::string& name) const { return (path_ / name).string(); }
  // Writes `content` to `name` inside it (making its parent directories)
  // and returns the path; fails the test if it cannot.
  std::string Write(const std::string& name, std::string_view content) const;

 private:
  std::filesystem::path path_;
};

// A fixture whose every test has a TempDir.
class TempDirTest : public ::testing::Test {
 protected:
  std::string Path(const std::string& name) const { return temp_.Path(name); }
  std::string Write(const std::string& name, std::string_view content) const { return temp_.Write(name, content); }

  TempDir temp_;
  const std::filesystem::path dir_ = temp_.path();
};

}  // namespace reprint::test

#endif  // REPRINT_TESTS_TESTING_TEMP_DIR_H_
