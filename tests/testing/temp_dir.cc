#include "tests/testing/temp_dir.h"

#include <unistd.h>

#include <fstream>
#include <system_error>

namespace reprint::test {

TempDir::TempDir() {
  const ::testing::TestInfo* info = ::testing::UnitTest::GetInstance()->current_test_info();
  const std::string test = info == nullptr ? "outside_a_test" : std::string(info->test_suite_name()) + "_" + info->name();
  path_ = std::filesystem::temp_directory_path() / ("reprint_" + test + "_" + std::to_string(::getpid()));
  std::filesystem::remove_all(path_);
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::string TempDir::Write(const std::string& name, std::string_view content) const {
  const std::filesystem::path file = path_ / name;
  std::filesystem::create_directories(file.parent_path());
  std::ofstream out(file, std::ios::binary);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  out.close();
  EXPECT_TRUE(out.good()) << file;
  return file.string();
}

}  // namespace reprint::test
