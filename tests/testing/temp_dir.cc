#include "tests/testing/temp_dir.h"

#include <unistd.h>

#include <fstream>
#include <system_error>

namespace reprint::test {

void TempDirTest::SetUp() {
  const ::testing::TestInfo* info = ::testing::UnitTest::GetInstance()->current_test_info();
  dir_ = std::filesystem::temp_directory_path() / (std::string("reprint_") + info->test_suite_name() + "_" +
                                                   info->name() + "_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir_);
  ASSERT_TRUE(std::filesystem::create_directories(dir_)) << dir_;
}

void TempDirTest::TearDown() {
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

std::string TempDirTest::Write(const std::string& name, std::string_view content) const {
  const std::filesystem::path path = dir_ / name;
  std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  out.close();
  EXPECT_TRUE(out.good()) << path;
  return path.string();
}

}  // namespace reprint::test
