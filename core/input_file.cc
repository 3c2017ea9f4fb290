#include "core/input_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <utility>

#include "absl/strings/str_cat.h"

namespace reprint {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kStdinName = "<stdin>";

absl::StatusCode CodeOf(int error) {
  switch (error) {
    case ENOENT:
    case ENOTDIR:
      return absl::StatusCode::kNotFound;
    case EACCES:
    case EPERM:
      return absl::StatusCode::kPermissionDenied;
    case EISDIR:
      return absl::StatusCode::kFailedPrecondition;
    default:
      return absl::StatusCode::kUnknown;
  }
}

absl::Status PosixError(std::string_view path, int error) {
  return absl::Status(CodeOf(error), absl::StrCat(std::string(path), ": ", std::strerror(error)));
}

absl::Status FilesystemError(std::string_view path, const std::error_code& error) {
  return absl::Status(CodeOf(error.value()), absl::StrCat(std::string(path), ": ", error.message()));
}

// A file descriptor: a regular file read with pread() at `base_` plus the
// offset asked for, anything else with read().
class PosixInputFile final : public InputFile {
 public:
  PosixInputFile(std::string name, int fd, bool owns_fd, int64_t base, int64_t size)
      : name_(std::move(name)), fd_(fd), owns_fd_(owns_fd), base_(base), size_(size) {}
  ~PosixInputFile() override {
    if (owns_fd_) ::close(fd_);
  }

  int64_t size() const override { return size_; }

  absl::StatusOr<size_t> ReadAt(int64_t offset, char* out, size_t n) const override {
    while (true) {
      const ssize_t got = ::pread(fd_, out, n, static_cast<off_t>(base_ + offset));
      if (got >= 0) return static_cast<size_t>(got);
      if (errno != EINTR) return PosixError(name_, errno);
    }
  }

  absl::StatusOr<size_t> ReadNext(char* out, size_t n) override {
    if (size_ >= 0) {
      absl::StatusOr<size_t> got = ReadAt(next_, out, n);
      if (got.ok()) next_ += static_cast<int64_t>(*got);
      return got;
    }
    while (true) {
      const ssize_t got = ::read(fd_, out, n);
      if (got >= 0) return static_cast<size_t>(got);
      if (errno != EINTR) return PosixError(name_, errno);
    }
  }

 private:
  const std::string name_;
  const int fd_;
  const bool owns_fd_;
  const int64_t base_;
  const int64_t size_;
  int64_t next_ = 0;  // ReadNext()'s offset, for a file with a size
};

// The size of what is left of `fd` from `base` on if it is a regular file,
// else -1.
int64_t RegularSizeFrom(int fd, int64_t base) {
  struct stat info;
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode) || base < 0) return -1;
  return std::max<int64_t>(0, info.st_size - base);
}

class PosixFileSystem final : public InputFileSystem {
 public:
  absl::StatusOr<std::unique_ptr<InputFile>> Open(const std::string& path) override {
    int fd;
    do {
      fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0) return PosixError(path, errno);
    return std::make_unique<PosixInputFile>(path, fd, true, 0, RegularSizeFrom(fd, 0));
  }

  absl::StatusOr<std::unique_ptr<InputFile>> OpenStandardInput() override {
    const int64_t base = ::lseek(STDIN_FILENO, 0, SEEK_CUR);
    return std::make_unique<PosixInputFile>(std::string(kStdinName), STDIN_FILENO, false, base,
                                            RegularSizeFrom(STDIN_FILENO, base));
  }

  absl::StatusOr<int64_t> FileSize(const std::string& path) override {
    std::error_code error;
    const auto size = fs::file_size(path, error);
    if (error) return FilesystemError(path, error);
    return static_cast<int64_t>(size);
  }

  absl::StatusOr<PathKind> Classify(const std::string& path) override {
    std::error_code error;
    const fs::file_status status = fs::status(path, error);
    if (error && error != std::errc::no_such_file_or_directory) {
      return FilesystemError(path, error);
    }
    if (error || !fs::exists(status)) return PathKind::kMissing;
    return fs::is_directory(status) ? PathKind::kDirectory : PathKind::kOther;
  }

  absl::Status ListFiles(const std::string& dir, std::vector<FileBelow>* out) override {
    std::error_code error;
    fs::recursive_directory_iterator it(dir, fs::directory_options::none, error);
    for (; !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
      std::error_code type_error;
      if (!it->is_regular_file(type_error)) continue;
      const fs::path& path = it->path();
      out->push_back({path.lexically_relative(dir).generic_string(), path.string()});
    }
    if (error) return FilesystemError(dir, error);
    return absl::OkStatus();
  }
};

class MemoryInputFile final : public InputFile {
 public:
  explicit MemoryInputFile(std::string_view bytes) : bytes_(bytes) {}

  int64_t size() const override { return static_cast<int64_t>(bytes_.size()); }

  absl::StatusOr<size_t> ReadAt(int64_t offset, char* out, size_t n) const override {
    const size_t from = std::min(bytes_.size(), static_cast<size_t>(offset));
    const size_t got = std::min(n, bytes_.size() - from);
    std::memcpy(out, bytes_.data() + from, got);
    return got;
  }

  absl::StatusOr<size_t> ReadNext(char* out, size_t n) override {
    const size_t got = *ReadAt(static_cast<int64_t>(next_), out, n);
    next_ += got;
    return got;
  }

 private:
  const std::string_view bytes_;
  size_t next_ = 0;
};

}  // namespace

InputFileSystem& PosixInputFileSystem() {
  static PosixFileSystem* const file_system = new PosixFileSystem;
  return *file_system;
}

std::unique_ptr<InputFile> NewMemoryInputFile(std::string_view bytes) {
  return std::make_unique<MemoryInputFile>(bytes);
}

std::string ReasonOf(const absl::Status& status, std::string_view path) {
  std::string_view message(status.message().data(), status.message().size());
  if (message.size() > path.size() + 2 && message.substr(0, path.size()) == path &&
      message.substr(path.size(), 2) == ": ") {
    message.remove_prefix(path.size() + 2);
  }
  return std::string(message);
}

}  // namespace reprint
