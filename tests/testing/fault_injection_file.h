// A test InputFileSystem over another (the POSIX one unless given), whose
// files can be told to fail a read, to read short, to claim another size
// than they have, or to be streams.
//
//   FaultInjectionFileSystem files;
//   files.SetFaults(path, {.fail_at = 100});
//   Corpus corpus = ReadInputs({path}, {}, files);
//   // corpus.diagnostics.back().ToString() ==
//   //     path + ":3: skipped: cannot read further: injected read error"
//
// A failing read's status is absl::DataLossError("<path>: injected read
// error") ("<stdin>" for standard input). Not thread-safe to configure;
// reading through it is as thread-safe as the file system under it.
#ifndef REPRINT_TESTS_TESTING_FAULT_INJECTION_FILE_H_
#define REPRINT_TESTS_TESTING_FAULT_INJECTION_FILE_H_

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "core/input_file.h"

namespace reprint {

// What goes wrong with one file.
struct Faults {
  // >= 0: bytes from this offset on cannot be read: a read that reaches it
  // returns what comes before it, the next one fails.
  int64_t fail_at = -1;
  // > 0: no read returns more than this many bytes.
  size_t max_read = 0;
  // >= 0: size() claims this (as if the file had grown or shrunk since).
  int64_t claimed_size = -1;
  // Read in order only (size() -1), as a pipe.
  bool as_stream = false;
};

class FaultInjectionFileSystem final : public InputFileSystem {
 public:
  explicit FaultInjectionFileSystem(InputFileSystem& base = PosixInputFileSystem()) : base_(base) {}

  // Faults for the file at `path` (as later passed to Open()).
  void SetFaults(const std::string& path, const Faults& faults) { faults_[path] = faults; }

  // Standard input becomes the file at `path`, with `faults`.
  void SetStandardInput(const std::string& path, const Faults& faults) {
    stdin_path_ = path;
    stdin_faults_ = faults;
  }

  // How many reads (ReadAt() or ReadNext()) its files have served, failed ones included.
  int64_t reads() const { return *reads_; }

  absl::StatusOr<std::unique_ptr<InputFile>> Open(const std::string& path) override {
    absl::StatusOr<std::unique_ptr<InputFile>> file = base_.Open(path);
    if (!file.ok()) return file;
    const auto found = faults_.find(path);
    return Wrap(path, std::move(*file), found == faults_.end() ? Faults{} : found->second);
  }

  absl::StatusOr<std::unique_ptr<InputFile>> OpenStandardInput() override {
    if (stdin_path_.empty()) return base_.OpenStandardInput();
    absl::StatusOr<std::unique_ptr<InputFile>> file = base_.Open(stdin_path_);
    if (!file.ok()) return file;
    return Wrap("<stdin>", std::move(*file), stdin_faults_);
  }

  absl::StatusOr<int64_t> FileSize(const std::string& path) override { return base_.FileSize(path); }
  absl::StatusOr<PathKind> Classify(const std::string& path) override { return base_.Classify(path); }
  absl::Status ListFiles(const std::string& dir, std::vector<FileBelow>* out) override {
    return base_.ListFiles(dir, out);
  }

 private:
  class FaultyFile final : public InputFile {
   public:
    FaultyFile(std::string name, std::unique_ptr<InputFile> base, const Faults& faults,
               std::shared_ptr<std::atomic<int64_t>> reads)
        : name_(std::move(name)), base_(std::move(base)), faults_(faults), reads_(std::move(reads)) {}

    int64_t size() const override {
      if (faults_.as_stream) return -1;
      return faults_.claimed_size >= 0 ? faults_.claimed_size : base_->size();
    }

    absl::StatusOr<size_t> ReadAt(int64_t offset, char* out, size_t n) const override {
      return Read(offset, n, [&](size_t m) { return base_->ReadAt(offset, out, m); });
    }

    absl::StatusOr<size_t> ReadNext(char* out, size_t n) override {
      absl::StatusOr<size_t> got = Read(next_, n, [&](size_t m) { return base_->ReadNext(out, m); });
      if (got.ok()) next_ += static_cast<int64_t>(*got);
      return got;
    }

   private:
    template <typename BaseRead>
    absl::StatusOr<size_t> Read(int64_t offset, size_t n, const BaseRead& base_read) const {
      ++*reads_;
      if (faults_.fail_at >= 0) {
        if (offset >= faults_.fail_at) {
          return absl::DataLossError(absl::StrCat(name_, ": injected read error"));
        }
        n = std::min(n, static_cast<size_t>(faults_.fail_at - offset));
      }
      if (faults_.max_read > 0) n = std::min(n, faults_.max_read);
      return base_read(n);
    }

    const std::string name_;
    const std::unique_ptr<InputFile> base_;
    const Faults faults_;
    const std::shared_ptr<std::atomic<int64_t>> reads_;
    int64_t next_ = 0;
  };

  std::unique_ptr<InputFile> Wrap(std::string name, std::unique_ptr<InputFile> file,
                                  const Faults& faults) {
    return std::make_unique<FaultyFile>(std::move(name), std::move(file), faults, reads_);
  }

  InputFileSystem& base_;
  std::map<std::string, Faults> faults_;
  std::string stdin_path_;
  Faults stdin_faults_;
  std::shared_ptr<std::atomic<int64_t>> reads_ = std::make_shared<std::atomic<int64_t>>(0);
};

}  // namespace reprint

#endif  // REPRINT_TESTS_TESTING_FAULT_INJECTION_FILE_H_
