// The reader's only way to the operating system: open an input, learn its
// size, read it at an offset or in order, classify a path, list a directory.
// PosixInputFileSystem() holds every OS call; tests pass another
// InputFileSystem (tests/fault_injection_file.h) to ReadInputs() to make
// reads fail, come back short, or find a file of another size than it had.
//
//   InputFileSystem& files = PosixInputFileSystem();
//   absl::StatusOr<std::unique_ptr<InputFile>> file = files.Open("a.jsonl");
//   if (!file.ok()) return file.status();   // "a.jsonl: No such file or directory"
//   char bytes[4096];
//   absl::StatusOr<size_t> n = (*file)->ReadAt(0, bytes, sizeof(bytes));
//
// Errors are absl::Status whose message is "<path>: <reason>", the path as
// given to Open() (or "<stdin>"), the reason as strerror() words it;
// ReasonOf() takes the reason back out, for messages that name the file
// elsewhere (a Diagnostic's file).
#ifndef REPRINT_CORE_INPUT_FILE_H_
#define REPRINT_CORE_INPUT_FILE_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace reprint {

// One open input. A file that can be read at offsets (a regular file, bytes
// in memory) has a size(); a stream (a pipe, a terminal) has size() -1 and
// is read with ReadNext() only.
//
// ReadAt() and size() are safe to call from many threads at once;
// ReadNext() needs external synchronization.
class InputFile {
 public:
  InputFile() = default;
  InputFile(const InputFile&) = delete;
  InputFile& operator=(const InputFile&) = delete;
  virtual ~InputFile() = default;

  // The file's size in bytes when it was opened, counted from where reading
  // starts (for standard input, where it stood); -1 for a stream. The file
  // may since have grown or shrunk: reads tell.
  virtual int64_t size() const = 0;

  // Reads up to `n` bytes at `offset` (from where reading starts) into
  // out[0, n) and returns how many: possibly fewer than `n` even before the
  // end (callers loop), 0 only at the end of the file. On an error returns
  // it, with out[0, n) unspecified. REQUIRES: size() >= 0, offset >= 0.
  virtual absl::StatusOr<size_t> ReadAt(int64_t offset, char* out, size_t n) const = 0;

  // Reads up to `n` bytes, the next in order, as ReadAt() does. For a file
  // with a size(), the first call reads from offset 0 and each goes on from
  // where the one before stopped.
  virtual absl::StatusOr<size_t> ReadNext(char* out, size_t n) = 0;
};

// What a path names, for InputFileSystem::Classify().
enum class PathKind { kMissing, kDirectory, kOther };

// A regular file below a directory, for InputFileSystem::ListFiles().
struct FileBelow {
  std::string relative;  // to the directory listed, '/'-separated
  std::string path;      // the directory's path joined with `relative`
};

// Opens inputs and looks at paths. Every method is safe to call from many
// threads at once.
class InputFileSystem {
 public:
  virtual ~InputFileSystem() = default;

  // Opens `path` for reading. Errors: the file cannot be opened (missing,
  // not permitted).
  virtual absl::StatusOr<std::unique_ptr<InputFile>> Open(const std::string& path) = 0;

  // Standard input, named "<stdin>" in errors; a regular file redirected to
  // it reads at offsets from where it stands. Closing the result leaves the
  // process's standard input open.
  virtual absl::StatusOr<std::unique_ptr<InputFile>> OpenStandardInput() = 0;

  // The size of the file `path` names (symlinks followed), without opening it.
  virtual absl::StatusOr<int64_t> FileSize(const std::string& path) = 0;

  // Whether `path` (symlinks followed) is missing, a directory or anything
  // else. Errors: the path cannot be examined (e.g. permission denied on a
  // directory along it).
  virtual absl::StatusOr<PathKind> Classify(const std::string& path) = 0;

  // Appends to *out every regular file (symlinks to files included) below
  // the directory `dir`, recursively, not following symlinks to
  // directories, in no particular order. On an error stops and returns it;
  // the files listed before it stay in *out (an out-parameter for that).
  virtual absl::Status ListFiles(const std::string& dir, std::vector<FileBelow>* out) = 0;
};

// The operating system's files (POSIX: open, pread, read, fstat). Lives for
// the whole process.
InputFileSystem& PosixInputFileSystem();

// An InputFile over `bytes`, which must outlive it: size() is bytes.size(),
// reads copy and never fail. For JSONL already in memory.
std::unique_ptr<InputFile> NewMemoryInputFile(std::string_view bytes);

// The reason in `status`'s message without the "<path>: " in front of it,
// or the whole message if it does not start so.
std::string ReasonOf(const absl::Status& status, std::string_view path);

}  // namespace reprint

#endif  // REPRINT_CORE_INPUT_FILE_H_
