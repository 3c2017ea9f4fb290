// A SQLite VFS for tests that fails as it is told: a disk that fills up, a
// write or a read that fails. It forwards everything else to the default
// VFS, shared memory and memory mapping included (WAL mode works through it).
//
//   FaultVfs vfs("full-disk");               // registered while it lives
//   vfs.set_max_file_bytes(3 << 20);
//   request.vfs = vfs.name();                // core/archive.h
//
// Faults apply to every file opened through it. Not thread-safe to
// reconfigure while a connection uses it; the counters themselves are.
#ifndef REPRINT_TESTS_TESTING_FAULT_VFS_H_
#define REPRINT_TESTS_TESTING_FAULT_VFS_H_

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

struct sqlite3_vfs;

namespace reprint::test {

class FaultVfs {
 public:
  // Registers a VFS named `name` (not the default).
  explicit FaultVfs(std::string name);
  ~FaultVfs();  // unregisters it; every connection through it must be closed
  FaultVfs(const FaultVfs&) = delete;
  FaultVfs& operator=(const FaultVfs&) = delete;

  const std::string& name() const { return name_; }

  // A write that would make a file larger than this fails with SQLITE_FULL,
  // as on a full disk. 0: no limit.
  void set_max_file_bytes(int64_t bytes) { max_file_bytes_ = bytes; }
  // After this many more reads succeed, every read fails with
  // SQLITE_IOERR_READ. Negative: reads never fail.
  void FailReadsAfter(int64_t reads) { reads_left_ = reads; }
  // The same for writes, with SQLITE_IOERR_WRITE.
  void FailWritesAfter(int64_t writes) { writes_left_ = writes; }
  // Reads and writes succeed again; the size limit stays.
  void Heal() {
    reads_left_ = -1;
    writes_left_ = -1;
  }

  int64_t failed_reads() const { return failed_reads_; }
  int64_t failed_writes() const { return failed_writes_; }

  // For the VFS's callbacks.
  struct Callbacks;

 private:
  std::string name_;
  std::unique_ptr<sqlite3_vfs> vfs_;
  std::atomic<int64_t> max_file_bytes_{0};
  std::atomic<int64_t> reads_left_{-1};
  std::atomic<int64_t> writes_left_{-1};
  std::atomic<int64_t> failed_reads_{0};
  std::atomic<int64_t> failed_writes_{0};
};

}  // namespace reprint::test

#endif  // REPRINT_TESTS_TESTING_FAULT_VFS_H_
