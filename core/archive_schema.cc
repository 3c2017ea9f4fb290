// The archive's schema: creating it, migrating older archives, and the
// options an archive is built with (core/option_registry.h names them).
#include <algorithm>
#include <limits>
#include <map>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "core/archive_rows.h"
#include "core/shingle.h"
#include "core/sqlite.h"
#include "core/stages.h"
#include "core/status_macros.h"
#include "core/tokenize.h"
#include "reprint/archive.h"
#include "reprint/option_registry.h"

namespace reprint {
namespace {

constexpr const char* kFormatName = "reprint-archive";

constexpr std::string_view kSchema = R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE options(name TEXT PRIMARY KEY, value TEXT NOT NULL, position INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE batches(
  id INTEGER PRIMARY KEY,
  added INTEGER NOT NULL,
  skipped INTEGER NOT NULL,
  replaced INTEGER NOT NULL,
  pairs INTEGER NOT NULL,
  finished_at TEXT NOT NULL);
CREATE TABLE articles(
  num INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL,
  id_is_integer INTEGER NOT NULL,
  source TEXT NOT NULL,
  published INTEGER,
  published_text TEXT NOT NULL,
  title TEXT NOT NULL,
  url TEXT NOT NULL,
  text TEXT NOT NULL,
  chars INTEGER NOT NULL,
  signature BLOB NOT NULL,
  batch INTEGER NOT NULL);
CREATE UNIQUE INDEX articles_by_id ON articles(id, id_is_integer);
CREATE TABLE band_keys(key INTEGER NOT NULL, article INTEGER NOT NULL,
                       PRIMARY KEY(key, article)) WITHOUT ROWID;
CREATE TABLE passage_keys(key INTEGER NOT NULL, article INTEGER NOT NULL,
                          PRIMARY KEY(key, article)) WITHOUT ROWID;
CREATE TABLE common_keys(key INTEGER PRIMARY KEY);
CREATE TABLE pairs(
  a INTEGER NOT NULL,
  b INTEGER NOT NULL,
  jaccard REAL NOT NULL,
  jaccard_estimate REAL NOT NULL,
  containment_a_in_b REAL NOT NULL,
  containment_b_in_a REAL NOT NULL,
  near_duplicate INTEGER NOT NULL,
  shares_reused_text INTEGER NOT NULL,
  passages BLOB NOT NULL,
  batch INTEGER NOT NULL,
  PRIMARY KEY(a, b)) WITHOUT ROWID;
CREATE INDEX pairs_by_b ON pairs(b, a);
CREATE TABLE clusters(
  id INTEGER PRIMARY KEY,
  created_batch INTEGER NOT NULL,
  merged_into INTEGER,
  merged_batch INTEGER);
CREATE TABLE cluster_members(article INTEGER PRIMARY KEY, cluster INTEGER NOT NULL);
CREATE INDEX members_by_cluster ON cluster_members(cluster, article);
)sql";

// Added in schema version 2. text_keys: the article that is the first of
// each normalised text (NormalizedTextKey()); identical: later copies and
// the first each is paired with; each pair's shingle containment.
constexpr std::string_view kSchemaVersion2 = R"sql(
CREATE TABLE text_keys(key INTEGER PRIMARY KEY, article INTEGER NOT NULL);
CREATE TABLE identical(article INTEGER PRIMARY KEY, first INTEGER NOT NULL);
CREATE INDEX identical_by_first ON identical(first, article);
ALTER TABLE pairs ADD COLUMN shingle_containment_a_in_b REAL NOT NULL DEFAULT 0;
ALTER TABLE pairs ADD COLUMN shingle_containment_b_in_a REAL NOT NULL DEFAULT 0;
)sql";

}  // namespace

std::vector<std::pair<std::string, std::string>> ArchivedOptions(const ScanOptions& options,
                                                                 std::optional<int> window_days) {
  ScanOptions copy = options;
  LshParams lsh = options.lsh.value_or(LshParams{});
  if (!options.lsh) {
    if (absl::StatusOr<LshParams> chosen = ResolveLshParams(options); chosen.ok()) lsh = *chosen;
  }
  int window = window_days.value_or(0);
  const OptionTarget target{&copy, &lsh, &window};
  std::vector<std::pair<std::string, std::string>> out;
  for (const OptionSpec& spec : OptionSpecs()) {
    if (spec.archived) out.emplace_back(spec.name, FormatOptionValue(spec.field(target)));
  }
  return out;
}

absl::Status Archive::CreateSchema(const ArchiveRequest& request) {
  REPRINT_ASSIGN_OR_RETURN(const LshParams lsh, ResolveLshParams(request.options));
  // 16 KiB pages hold five articles of news length where 4 KiB pages hold
  // one and leave a third empty; set before the first table exists.
  REPRINT_RETURN_IF_ERROR(db_->Exec("PRAGMA page_size = 16384"));
  // WAL: readers see the last committed batch while a writer adds the next.
  REPRINT_RETURN_IF_ERROR(db_->Exec("PRAGMA journal_mode = WAL"));
  Transaction transaction(*db_);
  REPRINT_RETURN_IF_ERROR(transaction.Begin());
  // Another writer may have created it since we looked: then use theirs.
  REPRINT_ASSIGN_OR_RETURN(const int64_t tables, db_->QueryInt("SELECT count(*) FROM sqlite_schema"));
  if (tables > 0) return absl::OkStatus();
  REPRINT_RETURN_IF_ERROR(db_->Exec(kSchema));
  REPRINT_RETURN_IF_ERROR(db_->Exec(kSchemaVersion2));
  REPRINT_ASSIGN_OR_RETURN(SqliteStatement meta, db_->Prepare("INSERT INTO meta VALUES(?, ?)"));
  for (const auto& [key, value] : std::vector<std::pair<std::string, std::string>>{
           {"format", std::string(kFormatName)},
           {"schema_version", absl::StrCat(kArchiveSchemaVersion)},
           {"created_at", NowTimestamp()},
           {"created_by", "reprint 0.1.0"}}) {
    meta.BindText(1, key);
    meta.BindText(2, value);
    REPRINT_RETURN_IF_ERROR(meta.Run());
  }
  ScanOptions with_lsh = request.options;
  with_lsh.lsh = lsh;
  REPRINT_ASSIGN_OR_RETURN(SqliteStatement insert, db_->Prepare("INSERT INTO options VALUES(?, ?, ?)"));
  int64_t position = 0;
  for (const auto& [name, value] : ArchivedOptions(with_lsh, request.window_days)) {
    insert.BindText(1, name);
    insert.BindText(2, value);
    insert.Bind(3, position++);
    REPRINT_RETURN_IF_ERROR(insert.Run());
  }
  return transaction.Commit();
}

absl::Status Archive::StoreShingleContainment() {
  std::vector<std::pair<int64_t, int64_t>> ends;
  {
    REPRINT_ASSIGN_OR_RETURN(SqliteStatement pairs, db_->Prepare("SELECT a, b FROM pairs ORDER BY a, b"));
    while (true) {
      REPRINT_ASSIGN_OR_RETURN(const bool row, pairs.Step());
      if (!row) break;
      ends.emplace_back(pairs.ColumnInt(0), pairs.ColumnInt(1));
    }
  }
  REPRINT_ASSIGN_OR_RETURN(
      SqliteStatement update,
      db_->Prepare("UPDATE pairs SET shingle_containment_a_in_b = ?, shingle_containment_b_in_a = ? "
                  "WHERE a = ? AND b = ?"));
  const Tokenizer tokenizer(options_.normalize);
  TokenizedText tokens;
  auto shingle_set = [&](int64_t num, std::vector<uint64_t>* set) -> absl::Status {
    REPRINT_ASSIGN_OR_RETURN(std::vector<StoredArticle> article, LoadArticles(*db_, {num}));
    ShingleSetOf(tokenizer, article[0].document.text, options_.shingle, &tokens, set);
    return absl::OkStatus();
  };
  std::vector<uint64_t> set_a, set_b;
  int64_t loaded_a = -1;  // pairs come by a, so a's set serves a run of them
  for (const auto& [a, b] : ends) {
    if (a != loaded_a) {
      REPRINT_RETURN_IF_ERROR(shingle_set(a, &set_a));
      loaded_a = a;
    }
    REPRINT_RETURN_IF_ERROR(shingle_set(b, &set_b));
    const auto common = static_cast<double>(IntersectionSize(set_a, set_b));
    update.Bind(1, set_a.empty() ? 0.0 : common / static_cast<double>(set_a.size()));
    update.Bind(2, set_b.empty() ? 0.0 : common / static_cast<double>(set_b.size()));
    update.Bind(3, a);
    update.Bind(4, b);
    REPRINT_RETURN_IF_ERROR(update.Run());
  }
  return absl::OkStatus();
}

absl::Status Archive::Migrate() {
  if (schema_version_ >= kArchiveSchemaVersion) return absl::OkStatus();
  Transaction transaction(*db_);
  REPRINT_RETURN_IF_ERROR(transaction.Begin());
  // Another writer may have migrated it since we looked.
  REPRINT_ASSIGN_OR_RETURN(
      const int64_t version,
      db_->QueryInt("SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'schema_version'", -1));
  if (version < 2) {
    // Version 1 had no text keys: every stored article is keyed now, the
    // first of each text winning. Copies stored before stay indexed. Nor
    // did it record the sketch, which could only be permutations.
    REPRINT_RETURN_IF_ERROR(db_->Exec(kSchemaVersion2));
    REPRINT_RETURN_IF_ERROR(db_->Exec(
        "INSERT OR IGNORE INTO options VALUES('sketch', 'permutations', (SELECT count(*) FROM options))"));
    REPRINT_RETURN_IF_ERROR(StoreShingleContainment());
    REPRINT_ASSIGN_OR_RETURN(SqliteStatement articles,
                             db_->Prepare("SELECT num, text, published FROM articles ORDER BY num"));
    REPRINT_ASSIGN_OR_RETURN(SqliteStatement insert, db_->Prepare("INSERT OR IGNORE INTO text_keys VALUES(?, ?)"));
    const Tokenizer tokenizer(options_.normalize);
    TokenizedText tokens;
    while (true) {
      REPRINT_ASSIGN_OR_RETURN(const bool row, articles.Step());
      if (!row) break;
      tokenizer.HashWords(articles.ColumnText(1), &tokens);
      Document published;
      if (!articles.ColumnIsNull(2)) published.published = articles.ColumnInt(2);
      const uint64_t key = IdenticalKey(NormalizedTextKey(tokens), published);
      if (key == 0) continue;
      insert.Bind(1, AsStored(key));
      insert.Bind(2, articles.ColumnInt(0));
      REPRINT_RETURN_IF_ERROR(insert.Run());
    }
  }
  REPRINT_RETURN_IF_ERROR(db_->Exec(absl::StrCat("UPDATE meta SET value = '", kArchiveSchemaVersion,
                                                "' WHERE key = 'schema_version'")));
  REPRINT_RETURN_IF_ERROR(transaction.Commit());
  schema_version_ = kArchiveSchemaVersion;
  return absl::OkStatus();
}

absl::Status Archive::LoadOptions(const ArchiveRequest& request) {
  const std::string& path = db_->path();
  {
    absl::StatusOr<SqliteStatement> format = db_->Prepare("SELECT value FROM meta WHERE key = 'format'");
    bool ok = format.ok();
    if (ok) {
      absl::StatusOr<bool> row = format->Step();
      ok = row.ok() && *row && format->ColumnText(0) == kFormatName;
    }
    if (!ok) return absl::FailedPreconditionError(absl::StrCat(path, ": a SQLite file, but not a reprint archive"));
  }
  REPRINT_ASSIGN_OR_RETURN(
      const int64_t version,
      db_->QueryInt("SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'schema_version'", -1));
  if (version > kArchiveSchemaVersion) {
    return absl::FailedPreconditionError(absl::StrCat(
        path, ": archive schema version ", version, " is newer than this reprint reads (",
        kArchiveSchemaVersion, "); use a newer reprint"));
  }
  if (version < 1) {
    return absl::DataLossError(absl::StrCat(path, ": archive has no valid schema version"));
  }
  // Older versions are migrated when opened for writing (Migrate()).
  schema_version_ = static_cast<int>(version);

  std::map<std::string, std::string> stored;
  REPRINT_ASSIGN_OR_RETURN(SqliteStatement select, db_->Prepare("SELECT name, value FROM options"));
  while (true) {
    REPRINT_ASSIGN_OR_RETURN(const bool row, select.Step());
    if (!row) break;
    stored[std::string(select.ColumnText(0))] = std::string(select.ColumnText(1));
  }
  // Schema 1 had one way to sketch: permutations.
  if (version < 2) stored.try_emplace("sketch", std::string(SketchMethodName(SketchMethod::kPermutations)));
  // Options newer than the archive: the value that describes how it was built.
  for (const OptionSpec& spec : OptionSpecs()) {
    if (spec.archived && !spec.legacy_value.empty()) stored.try_emplace(std::string(spec.name), spec.legacy_value);
  }
  // Conflicts with what the caller asked for on purpose.
  std::vector<std::string> conflicts;
  for (const auto& [name, value] : ArchivedOptions(request.options, request.window_days)) {
    const auto it = stored.find(name);
    const bool on_purpose = std::find(request.explicitly_set.begin(), request.explicitly_set.end(), name) !=
                            request.explicitly_set.end();
    if (it != stored.end() && on_purpose && value != it->second) {
      conflicts.push_back(absl::StrCat("--", name, " ", value, " (built with ", it->second, ")"));
    }
  }
  if (!conflicts.empty()) {
    std::string list;
    for (const std::string& c : conflicts) absl::StrAppend(&list, list.empty() ? "" : ", ", c);
    return absl::FailedPreconditionError(
        absl::StrCat(path, ": the archive was built with other options: ", list,
                     "; leave them out to use the archive's, or use a new archive"));
  }
  // Adopt the stored options.
  options_ = request.options;
  LshParams lsh;
  std::string bad;
  int window_days = 0;
  const OptionTarget target{&options_, &lsh, &window_days};
  for (const OptionSpec& spec : OptionSpecs()) {
    if (!spec.archived) continue;
    const auto it = stored.find(std::string(spec.name));
    if (it == stored.end() || !ParseOptionValue(it->second, spec.field(target))) bad = spec.name;
  }
  const std::optional<int> window = window_days > 0 ? std::optional<int>(window_days) : std::nullopt;
  if (!bad.empty()) {
    return absl::DataLossError(absl::StrCat(path, ": stored option '", bad, "' is missing or unreadable"));
  }
  options_.lsh = lsh;
  options_.threads = request.options.threads;
  options_.progress = nullptr;
  window_days_ = window;
  return ResolveLshParams(options_).status();
}

}  // namespace reprint
