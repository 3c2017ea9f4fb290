// A thin RAII layer over the SQLite C API: a connection and prepared
// statements, with errors as absl::Status carrying SQLite's message.
//
//   absl::StatusOr<SqliteDb> db = SqliteDb::Open("reprint.db", SqliteDb::Mode::kReadWrite);
//   REPRINT_RETURN_IF_ERROR(db->Exec("CREATE TABLE t(x INTEGER)"));
//   REPRINT_ASSIGN_OR_RETURN(SqliteStatement insert, db->Prepare("INSERT INTO t VALUES(?)"));
//   insert.Bind(1, int64_t{7});
//   REPRINT_RETURN_IF_ERROR(insert.Run());
//
// Not thread-safe: one connection per thread.
#ifndef REPRINT_CORE_SQLITE_H_
#define REPRINT_CORE_SQLITE_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

struct sqlite3;
struct sqlite3_stmt;

namespace reprint {

class SqliteStatement {
 public:
  SqliteStatement() = default;
  SqliteStatement(SqliteStatement&& other) noexcept;
  SqliteStatement& operator=(SqliteStatement&& other) noexcept;
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;
  ~SqliteStatement();

  // Parameters are 1-based. Text and blobs are copied by SQLite.
  void Bind(int index, int64_t value);
  void Bind(int index, double value);
  void BindText(int index, std::string_view value);
  void BindBlob(int index, std::string_view bytes);
  void BindNull(int index);

  // Advances: true with a row to read, false when done. Errors carry
  // SQLite's message; SQLITE_BUSY becomes kUnavailable.
  absl::StatusOr<bool> Step();
  // Steps to the end, ignoring rows, then resets for the next use.
  absl::Status Run();
  // Makes the statement ready to run again; bindings are kept.
  void Reset();

  // Columns are 0-based, valid after Step() returned true.
  int64_t ColumnInt(int column) const;
  double ColumnDouble(int column) const;
  bool ColumnIsNull(int column) const;
  std::string_view ColumnText(int column) const;  // valid until the next Step()
  std::string_view ColumnBlob(int column) const;  // valid until the next Step()

 private:
  friend class SqliteDb;
  SqliteStatement(sqlite3* db, sqlite3_stmt* statement) : db_(db), statement_(statement) {}

  sqlite3* db_ = nullptr;
  sqlite3_stmt* statement_ = nullptr;
};

class SqliteDb {
 public:
  enum class Mode { kReadOnly, kReadWrite, kReadWriteCreate };

  // Opens `path`. kReadOnly and kReadWrite fail with kNotFound if it does
  // not exist. The connection waits up to `busy_timeout_ms` for locks. The
  // file is reached through the registered SQLite VFS named `vfs` (empty:
  // the default one); an unknown name is kInvalidArgument.
  static absl::StatusOr<SqliteDb> Open(const std::string& path, Mode mode, int busy_timeout_ms = 5000,
                                       const std::string& vfs = "");

  SqliteDb() = default;
  SqliteDb(SqliteDb&& other) noexcept;
  SqliteDb& operator=(SqliteDb&& other) noexcept;
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;
  ~SqliteDb();

  // Runs one or more statements that return no rows.
  absl::Status Exec(std::string_view sql);
  absl::StatusOr<SqliteStatement> Prepare(std::string_view sql);

  // The single integer a query returns (e.g. "SELECT count(*) FROM t"),
  // or `if_none` when it returns no row or NULL.
  absl::StatusOr<int64_t> QueryInt(std::string_view sql, int64_t if_none = 0);

  const std::string& path() const { return path_; }

 private:
  sqlite3* db_ = nullptr;
  std::string path_;
};

// An error for `path` from SQLite result `code` and message `what`:
// kUnavailable for a busy or locked database, kDataLoss for a corrupt or
// non-database file, kResourceExhausted for a full disk, kInternal otherwise.
absl::Status SqliteError(int code, std::string_view path, std::string_view what);

}  // namespace reprint

#endif  // REPRINT_CORE_SQLITE_H_
