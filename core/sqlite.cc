#include "core/sqlite.h"

#include <utility>

#include "absl/strings/str_cat.h"

#include "sqlite3.h"

namespace reprint {

absl::Status SqliteError(int code, std::string_view path, std::string_view what) {
  std::string message(path);
  message.append(": ").append(what);
  switch (code & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return absl::UnavailableError(message);
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return absl::DataLossError(message);
    case SQLITE_FULL:
      return absl::ResourceExhaustedError(message + " (the disk, or the archive's size limit, is full)");
    case SQLITE_CANTOPEN:
      return absl::NotFoundError(message);
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      return absl::PermissionDeniedError(message);
    default:
      return absl::InternalError(message);
  }
}

// ------------------------------------------------------------------ statement

SqliteStatement::SqliteStatement(SqliteStatement&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), statement_(std::exchange(other.statement_, nullptr)) {}

SqliteStatement& SqliteStatement::operator=(SqliteStatement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(statement_);
    db_ = std::exchange(other.db_, nullptr);
    statement_ = std::exchange(other.statement_, nullptr);
  }
  return *this;
}

SqliteStatement::~SqliteStatement() { sqlite3_finalize(statement_); }

void SqliteStatement::Bind(int index, int64_t value) { sqlite3_bind_int64(statement_, index, value); }
void SqliteStatement::Bind(int index, double value) { sqlite3_bind_double(statement_, index, value); }
void SqliteStatement::BindText(int index, std::string_view value) {
  sqlite3_bind_text(statement_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
}
void SqliteStatement::BindBlob(int index, std::string_view bytes) {
  sqlite3_bind_blob(statement_, index, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT);
}
void SqliteStatement::BindNull(int index) { sqlite3_bind_null(statement_, index); }

absl::StatusOr<bool> SqliteStatement::Step() {
  const int code = sqlite3_step(statement_);
  if (code == SQLITE_ROW) return true;
  if (code == SQLITE_DONE) return false;
  const char* file = sqlite3_db_filename(db_, "main");
  absl::Status error = SqliteError(code, file == nullptr ? "" : file, sqlite3_errmsg(db_));
  sqlite3_reset(statement_);
  return error;
}

absl::Status SqliteStatement::Run() {
  while (true) {
    absl::StatusOr<bool> row = Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
  }
  Reset();
  return absl::OkStatus();
}

void SqliteStatement::Reset() { sqlite3_reset(statement_); }

int64_t SqliteStatement::ColumnInt(int column) const { return sqlite3_column_int64(statement_, column); }
double SqliteStatement::ColumnDouble(int column) const { return sqlite3_column_double(statement_, column); }
bool SqliteStatement::ColumnIsNull(int column) const {
  return sqlite3_column_type(statement_, column) == SQLITE_NULL;
}
std::string_view SqliteStatement::ColumnText(int column) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement_, column));
  if (text == nullptr) return {};
  return std::string_view(text, static_cast<size_t>(sqlite3_column_bytes(statement_, column)));
}
std::string_view SqliteStatement::ColumnBlob(int column) const {
  const auto* blob = static_cast<const char*>(sqlite3_column_blob(statement_, column));
  if (blob == nullptr) return {};
  return std::string_view(blob, static_cast<size_t>(sqlite3_column_bytes(statement_, column)));
}

// ------------------------------------------------------------------ database

absl::StatusOr<SqliteDb> SqliteDb::Open(const std::string& path, Mode mode, int busy_timeout_ms,
                                        const std::string& vfs) {
  if (!vfs.empty() && sqlite3_vfs_find(vfs.c_str()) == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": no SQLite VFS named '", vfs, "'"));
  }
  int flags = SQLITE_OPEN_NOMUTEX;
  switch (mode) {
    case Mode::kReadOnly:
      flags |= SQLITE_OPEN_READONLY;
      break;
    case Mode::kReadWrite:
      flags |= SQLITE_OPEN_READWRITE;
      break;
    case Mode::kReadWriteCreate:
      flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
      break;
  }
  SqliteDb db;
  db.path_ = path;
  const int code = sqlite3_open_v2(path.c_str(), &db.db_, flags, vfs.empty() ? nullptr : vfs.c_str());
  if (code != SQLITE_OK) {
    const std::string what = db.db_ == nullptr ? sqlite3_errstr(code) : sqlite3_errmsg(db.db_);
    return SqliteError(code, path, what);
  }
  sqlite3_extended_result_codes(db.db_, 1);
  sqlite3_busy_timeout(db.db_, busy_timeout_ms);
  return db;
}

SqliteDb::SqliteDb(SqliteDb&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), path_(std::move(other.path_)) {}

SqliteDb& SqliteDb::operator=(SqliteDb&& other) noexcept {
  if (this != &other) {
    sqlite3_close_v2(db_);
    db_ = std::exchange(other.db_, nullptr);
    path_ = std::move(other.path_);
  }
  return *this;
}

SqliteDb::~SqliteDb() { sqlite3_close_v2(db_); }

absl::Status SqliteDb::Exec(std::string_view sql) {
  char* message = nullptr;
  const std::string statement(sql);
  const int code = sqlite3_exec(db_, statement.c_str(), nullptr, nullptr, &message);
  if (code == SQLITE_OK) return absl::OkStatus();
  const std::string what = message != nullptr ? message : sqlite3_errstr(code);
  sqlite3_free(message);
  return SqliteError(code, path_, what);
}

absl::StatusOr<SqliteStatement> SqliteDb::Prepare(std::string_view sql) {
  sqlite3_stmt* statement = nullptr;
  const int code = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &statement, nullptr);
  if (code != SQLITE_OK) return SqliteError(code, path_, sqlite3_errmsg(db_));
  return SqliteStatement(db_, statement);
}

absl::StatusOr<int64_t> SqliteDb::QueryInt(std::string_view sql, int64_t if_none) {
  absl::StatusOr<SqliteStatement> statement = Prepare(sql);
  if (!statement.ok()) return statement.status();
  absl::StatusOr<bool> row = statement->Step();
  if (!row.ok()) return row.status();
  if (!*row || statement->ColumnIsNull(0)) return if_none;
  return statement->ColumnInt(0);
}

}  // namespace reprint
