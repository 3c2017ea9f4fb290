#include "tests/testing/fault_vfs.h"

#include <algorithm>
#include <cstring>
#include <utility>

#include "sqlite3.h"

namespace reprint::test {
namespace {

// A file opened through the fault VFS: ours first, the real one after it.
struct FaultFile {
  sqlite3_file base;  // must be first: SQLite sees this
  FaultVfs* owner;
  sqlite3_file* real;
};

FaultFile* Of(sqlite3_file* file) { return reinterpret_cast<FaultFile*>(file); }
sqlite3_file* Real(sqlite3_file* file) { return Of(file)->real; }

}  // namespace

struct FaultVfs::Callbacks {
  // Decrements *left if positive; true when the operation must fail.
  static bool Spend(std::atomic<int64_t>& left) {
    int64_t now = left.load();
    while (now >= 0) {
      if (now == 0) return true;
      if (left.compare_exchange_weak(now, now - 1)) return false;
    }
    return false;
  }

  static int Close(sqlite3_file* file) {
    sqlite3_file* real = Real(file);
    const int code = real->pMethods != nullptr ? real->pMethods->xClose(real) : SQLITE_OK;
    file->pMethods = nullptr;
    return code;
  }
  static int Read(sqlite3_file* file, void* out, int amount, sqlite3_int64 offset) {
    FaultVfs& vfs = *Of(file)->owner;
    if (Spend(vfs.reads_left_)) {
      ++vfs.failed_reads_;
      return SQLITE_IOERR_READ;
    }
    return Real(file)->pMethods->xRead(Real(file), out, amount, offset);
  }
  static int Write(sqlite3_file* file, const void* data, int amount, sqlite3_int64 offset) {
    FaultVfs& vfs = *Of(file)->owner;
    const int64_t limit = vfs.max_file_bytes_.load();
    if (limit > 0 && offset + amount > limit) {
      ++vfs.failed_writes_;
      return SQLITE_FULL;
    }
    if (Spend(vfs.writes_left_)) {
      ++vfs.failed_writes_;
      return SQLITE_IOERR_WRITE;
    }
    return Real(file)->pMethods->xWrite(Real(file), data, amount, offset);
  }
  static int Truncate(sqlite3_file* f, sqlite3_int64 size) { return Real(f)->pMethods->xTruncate(Real(f), size); }
  static int Sync(sqlite3_file* f, int flags) { return Real(f)->pMethods->xSync(Real(f), flags); }
  static int FileSize(sqlite3_file* f, sqlite3_int64* size) { return Real(f)->pMethods->xFileSize(Real(f), size); }
  static int Lock(sqlite3_file* f, int level) { return Real(f)->pMethods->xLock(Real(f), level); }
  static int Unlock(sqlite3_file* f, int level) { return Real(f)->pMethods->xUnlock(Real(f), level); }
  static int CheckReservedLock(sqlite3_file* f, int* out) {
    return Real(f)->pMethods->xCheckReservedLock(Real(f), out);
  }
  static int FileControl(sqlite3_file* f, int op, void* arg) {
    return Real(f)->pMethods->xFileControl(Real(f), op, arg);
  }
  static int SectorSize(sqlite3_file* f) { return Real(f)->pMethods->xSectorSize(Real(f)); }
  static int DeviceCharacteristics(sqlite3_file* f) {
    return Real(f)->pMethods->xDeviceCharacteristics(Real(f));
  }
  static int ShmMap(sqlite3_file* f, int region, int size, int extend, void volatile** out) {
    return Real(f)->pMethods->xShmMap(Real(f), region, size, extend, out);
  }
  static int ShmLock(sqlite3_file* f, int offset, int n, int flags) {
    return Real(f)->pMethods->xShmLock(Real(f), offset, n, flags);
  }
  static void ShmBarrier(sqlite3_file* f) { Real(f)->pMethods->xShmBarrier(Real(f)); }
  static int ShmUnmap(sqlite3_file* f, int remove) { return Real(f)->pMethods->xShmUnmap(Real(f), remove); }
  static int Fetch(sqlite3_file* f, sqlite3_int64 offset, int amount, void** out) {
    return Real(f)->pMethods->xFetch(Real(f), offset, amount, out);
  }
  static int Unfetch(sqlite3_file* f, sqlite3_int64 offset, void* p) {
    return Real(f)->pMethods->xUnfetch(Real(f), offset, p);
  }

  static const sqlite3_io_methods* Methods(int version) {
    static const sqlite3_io_methods methods[3] = {
        {1, Close, Read, Write, Truncate, Sync, FileSize, Lock, Unlock, CheckReservedLock, FileControl,
         SectorSize, DeviceCharacteristics, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr},
        {2, Close, Read, Write, Truncate, Sync, FileSize, Lock, Unlock, CheckReservedLock, FileControl,
         SectorSize, DeviceCharacteristics, ShmMap, ShmLock, ShmBarrier, ShmUnmap, nullptr, nullptr},
        {3, Close, Read, Write, Truncate, Sync, FileSize, Lock, Unlock, CheckReservedLock, FileControl,
         SectorSize, DeviceCharacteristics, ShmMap, ShmLock, ShmBarrier, ShmUnmap, Fetch, Unfetch},
    };
    return &methods[std::max(1, std::min(version, 3)) - 1];
  }

  // The default VFS's own operations, called with itself (its xOpen reads
  // its own pAppData).
  static int Delete(sqlite3_vfs*, const char* name, int sync) {
    sqlite3_vfs* real = sqlite3_vfs_find(nullptr);
    return real->xDelete(real, name, sync);
  }
  static int Access(sqlite3_vfs*, const char* name, int flags, int* out) {
    sqlite3_vfs* real = sqlite3_vfs_find(nullptr);
    return real->xAccess(real, name, flags, out);
  }
  static int FullPathname(sqlite3_vfs*, const char* name, int size, char* out) {
    sqlite3_vfs* real = sqlite3_vfs_find(nullptr);
    return real->xFullPathname(real, name, size, out);
  }

  static int Open(sqlite3_vfs* vfs, const char* name, sqlite3_file* file, int flags, int* out_flags) {
    sqlite3_vfs* real_vfs = sqlite3_vfs_find(nullptr);
    FaultFile* ours = Of(file);
    ours->owner = static_cast<FaultVfs*>(vfs->pAppData);
    ours->real = reinterpret_cast<sqlite3_file*>(ours + 1);
    std::memset(ours->real, 0, static_cast<size_t>(real_vfs->szOsFile));
    const int code = real_vfs->xOpen(real_vfs, name, ours->real, flags, out_flags);
    file->pMethods = ours->real->pMethods != nullptr ? Methods(ours->real->pMethods->iVersion) : nullptr;
    return code;
  }
};

FaultVfs::FaultVfs(std::string name) : name_(std::move(name)), vfs_(std::make_unique<sqlite3_vfs>()) {
  sqlite3_vfs* real = sqlite3_vfs_find(nullptr);
  *vfs_ = *real;  // every other operation (delete, access, time, ...) is the default's
  vfs_->szOsFile = static_cast<int>(sizeof(FaultFile)) + real->szOsFile;
  vfs_->zName = name_.c_str();
  vfs_->pAppData = this;
  vfs_->pNext = nullptr;
  vfs_->xOpen = Callbacks::Open;
  vfs_->xDelete = Callbacks::Delete;
  vfs_->xAccess = Callbacks::Access;
  vfs_->xFullPathname = Callbacks::FullPathname;
  sqlite3_vfs_register(vfs_.get(), /*makeDflt=*/0);
}

FaultVfs::~FaultVfs() { sqlite3_vfs_unregister(vfs_.get()); }

}  // namespace reprint::test
