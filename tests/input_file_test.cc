#include "core/input_file.h"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/testing/temp_dir.h"

namespace reprint {
namespace {

namespace fs = std::filesystem;

class PosixInputFileTest : public test::TempDirTest {
 protected:
  InputFileSystem& files_ = PosixInputFileSystem();
};

TEST_F(PosixInputFileTest, RegularFileHasItsSizeAndReadsAtOffsets) {
  const std::string path = Write("a.jsonl", "0123456789");
  absl::StatusOr<std::unique_ptr<InputFile>> file = files_.Open(path);
  ASSERT_TRUE(file.ok()) << file.status();
  EXPECT_EQ((*file)->size(), 10);
  char bytes[8];
  absl::StatusOr<size_t> got = (*file)->ReadAt(6, bytes, sizeof(bytes));
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(std::string(bytes, *got), "6789");
  got = (*file)->ReadAt(10, bytes, sizeof(bytes));
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(*got, 0u);  // the end
}

TEST_F(PosixInputFileTest, ReadNextGoesOnWhereTheLastReadStopped) {
  absl::StatusOr<std::unique_ptr<InputFile>> file = files_.Open(Write("a.txt", "abcdefg"));
  ASSERT_TRUE(file.ok());
  char bytes[4];
  std::string all;
  while (true) {
    absl::StatusOr<size_t> got = (*file)->ReadNext(bytes, sizeof(bytes));
    ASSERT_TRUE(got.ok());
    if (*got == 0) break;
    all.append(bytes, *got);
  }
  EXPECT_EQ(all, "abcdefg");
}

TEST_F(PosixInputFileTest, PipeIsAStream) {
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  ASSERT_EQ(::write(fds[1], "piped", 5), 5);
  ::close(fds[1]);
  const std::string path = "/dev/fd/" + std::to_string(fds[0]);
  absl::StatusOr<std::unique_ptr<InputFile>> file = files_.Open(path);
  ::close(fds[0]);
  ASSERT_TRUE(file.ok()) << file.status();
  EXPECT_EQ((*file)->size(), -1);
  char bytes[16];
  absl::StatusOr<size_t> got = (*file)->ReadNext(bytes, sizeof(bytes));
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(std::string(bytes, *got), "piped");
}

TEST_F(PosixInputFileTest, ErrorsNameThePathAndTheReason) {
  const std::string missing = (dir_ / "missing.jsonl").string();
  const absl::StatusOr<std::unique_ptr<InputFile>> file = files_.Open(missing);
  ASSERT_FALSE(file.ok());
  EXPECT_EQ(file.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(file.status().message(), missing + ": No such file or directory");
  EXPECT_EQ(ReasonOf(file.status(), missing), "No such file or directory");

  // A directory opens, but does not read.
  absl::StatusOr<std::unique_ptr<InputFile>> directory = files_.Open(dir_.string());
  ASSERT_TRUE(directory.ok());
  char byte;
  const absl::StatusOr<size_t> got = (*directory)->ReadNext(&byte, 1);
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.status().message(), dir_.string() + ": Is a directory");
}

TEST_F(PosixInputFileTest, ReasonOfKeepsAMessageThatDoesNotStartWithThePath) {
  EXPECT_EQ(ReasonOf(absl::UnknownError("b.jsonl: gone"), "a.jsonl"), "b.jsonl: gone");
  EXPECT_EQ(ReasonOf(absl::UnknownError("a.jsonl: gone"), "a.jsonl"), "gone");
}

TEST_F(PosixInputFileTest, ClassifiesPathsAndSizesFiles) {
  const std::string path = Write("sub/a.txt", "four");
  EXPECT_EQ(*files_.Classify(path), PathKind::kOther);
  EXPECT_EQ(*files_.Classify(dir_.string()), PathKind::kDirectory);
  EXPECT_EQ(*files_.Classify((dir_ / "none").string()), PathKind::kMissing);
  EXPECT_EQ(*files_.FileSize(path), 4);
  EXPECT_FALSE(files_.FileSize((dir_ / "none").string()).ok());
}

TEST_F(PosixInputFileTest, ListsRegularFilesBelowADirectory) {
  Write("b.jsonl", "");
  Write("sub/deeper/a.txt", "");
  fs::create_directory_symlink(dir_ / "sub", dir_ / "loop");  // not followed
  std::vector<FileBelow> listed;
  ASSERT_TRUE(files_.ListFiles(dir_.string(), &listed).ok());
  std::vector<std::string> relative;
  for (const FileBelow& file : listed) {
    relative.push_back(file.relative);
    EXPECT_EQ(file.path, (dir_ / file.relative).string());
  }
  std::sort(relative.begin(), relative.end());
  EXPECT_EQ(relative, (std::vector<std::string>{"b.jsonl", "sub/deeper/a.txt"}));
}

TEST(MemoryInputFileTest, ReadsItsBytesAtOffsetsAndInOrder) {
  const std::unique_ptr<InputFile> file = NewMemoryInputFile("hello world");
  EXPECT_EQ(file->size(), 11);
  char bytes[5];
  EXPECT_EQ(std::string(bytes, *file->ReadAt(6, bytes, 5)), "world");
  EXPECT_EQ(*file->ReadAt(20, bytes, 5), 0u);
  EXPECT_EQ(std::string(bytes, *file->ReadNext(bytes, 5)), "hello");
  EXPECT_EQ(std::string(bytes, *file->ReadNext(bytes, 5)), " worl");
  EXPECT_EQ(std::string(bytes, *file->ReadNext(bytes, 5)), "d");
  EXPECT_EQ(*file->ReadNext(bytes, 5), 0u);
}

}  // namespace
}  // namespace reprint
