// Fuzz target: opening an arbitrary file as an archive and reading it.
// Whatever the bytes, Open() and every reader must return an error or a
// result, never crash. Seeds are real archives, so mutations reach the
// tables' contents, not only the SQLite header.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include "reprint/archive.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string path = "/tmp/reprint_fuzz_archive_" + std::to_string(getpid()) + ".db";
  // Each input leaves nothing behind, however the run ends after it.
  auto remove_files = [] {
    std::remove(path.c_str());
    std::remove((path + "-wal").c_str());
    std::remove((path + "-shm").c_str());
  };
  remove_files();
  if (FILE* file = std::fopen(path.c_str(), "wb")) {
    std::fwrite(data, 1, size, file);
    std::fclose(file);
  }
  absl::StatusOr<std::unique_ptr<reprint::Archive>> archive =
      reprint::Archive::Open(path, reprint::Archive::Access::kRead, reprint::ArchiveRequest{});
  if (archive.ok()) {
    (void)(*archive)->Stats();
    (void)(*archive)->Clusters(5);
    (void)(*archive)->Export();
    (void)(*archive)->Audit(reprint::AuditOptions{});
    (void)(*archive)->Show(reprint::DocId{"1", true});
    archive->reset();  // closed before its files go
  }
  remove_files();
  return 0;
}
