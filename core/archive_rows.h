// The archive's internals shared by its parts (archive.cc, archive_schema.cc,
// archive_clusters.cc, archive_views.cc): rows read and written, and
// transactions. Not part of the library's interface.
#ifndef REPRINT_CORE_ARCHIVE_ROWS_H_
#define REPRINT_CORE_ARCHIVE_ROWS_H_

#include <bit>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "core/sqlite.h"
#include "core/status_macros.h"
#include "reprint/document.h"
#include "reprint/result.h"

namespace reprint {

// SQLite integers are signed; hashes are stored bit for bit.
inline int64_t AsStored(uint64_t key) { return std::bit_cast<int64_t>(key); }

// The time now, as FormatTimestamp() writes it.
std::string NowTimestamp();

// The size of the file at `path` in bytes; 0 if it cannot be read.
int64_t FileSize(const std::string& path);

// A stored article read back.
struct StoredArticle {
  int64_t num = 0;
  Document document;
  std::vector<uint32_t> signature;
};

// The columns ReadArticle() reads, in its order.
inline constexpr const char* kArticleColumns =
    "num, id, id_is_integer, source, published, published_text, title, url, text, signature";

// The article in the current row of a SELECT of kArticleColumns.
StoredArticle ReadArticle(const SqliteStatement& row);

// A signature as stored: each value in four bytes, little-endian.
std::string SignatureBlob(absl::Span<const uint32_t> signature);

// Reads articles by number, in the order given. DataLoss if one is missing.
absl::StatusOr<std::vector<StoredArticle>> LoadArticles(SqliteDb& db, absl::Span<const int64_t> nums);

// The columns ReadPairRow() reads. Schema 1 had no shingle containment:
// there, its containment stands in (the same without passages).
std::string PairColumns(int schema_version);

// The pair in the current row of a SELECT of PairColumns(), but for its ends
// (archive numbers, columns 0 and 1), which the caller maps to indices.
// DataLoss if its passages cannot be decoded.
absl::StatusOr<DocumentPair> ReadPairRow(const SqliteDb& db, const SqliteStatement& row);

// The stored pairs among or touching `nums` (sorted), as DocumentPairs whose
// indices are positions in `nums`. With `touching`, pairs need only one end
// in `nums`; the other ends are appended to *nums (sorted after the first
// part, in order).
absl::StatusOr<std::vector<DocumentPair>> LoadPairs(SqliteDb& db, int schema_version, std::vector<int64_t>* nums,
                                                    bool touching, bool near_duplicates_only);

// Rolls back an open transaction unless committed.
class Transaction {
 public:
  explicit Transaction(SqliteDb& db) : db_(db) {}
  ~Transaction() {
    if (open_) db_.Exec("ROLLBACK").IgnoreError();
  }
  absl::Status Begin() {
    REPRINT_RETURN_IF_ERROR(db_.Exec("BEGIN IMMEDIATE"));
    open_ = true;
    return absl::OkStatus();
  }
  absl::Status Commit() {
    REPRINT_RETURN_IF_ERROR(db_.Exec("COMMIT"));
    open_ = false;
    return absl::OkStatus();
  }

 private:
  SqliteDb& db_;
  bool open_ = false;
};

// Whether two articles were published at most `window_days` apart (true
// without a window or when either is undated).
bool WithinWindow(const Document& a, const Document& b, std::optional<int> window_days);

// Runs `read` in one read transaction: a consistent snapshot of the
// archive while a writer commits batches.
template <typename T, typename Read>
absl::StatusOr<T> InSnapshot(SqliteDb& db, Read&& read) {
  REPRINT_RETURN_IF_ERROR(db.Exec("BEGIN"));
  absl::StatusOr<T> result = read();
  db.Exec("COMMIT").IgnoreError();
  return result;
}

}  // namespace reprint

#endif  // REPRINT_CORE_ARCHIVE_ROWS_H_
