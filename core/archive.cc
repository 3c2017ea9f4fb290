#include "core/archive.h"

#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <bit>
#include <chrono>
#include <limits>
#include <cmath>
#include <map>
#include <tuple>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "core/align.h"
#include "core/archive_postings.h"
#include "core/candidates.h"
#include "core/cluster.h"
#include "core/encoding.h"
#include "core/shingle.h"
#include "core/tokenize.h"
#include "core/fingerprint.h"
#include "core/lsh.h"
#include "core/minhash.h"
#include "core/option_registry.h"
#include "core/parallel.h"
#include "core/passage_codec.h"
#include "core/stages.h"
#include "core/status_macros.h"
#include "fmt/format.h"

namespace reprint {
namespace {

// SQLite integers are signed; hashes are stored bit for bit.
int64_t AsStored(uint64_t key) { return std::bit_cast<int64_t>(key); }

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

std::string NowTimestamp() {
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  return FormatTimestamp(std::chrono::duration_cast<std::chrono::seconds>(now).count());
}

int64_t FileSize(const std::string& path) {
  struct stat info;
  return stat(path.c_str(), &info) == 0 ? static_cast<int64_t>(info.st_size) : 0;
}

// A stored article read back.
struct StoredArticle {
  int64_t num = 0;
  Document document;
  std::vector<uint32_t> signature;
};

constexpr const char* kArticleColumns =
    "num, id, id_is_integer, source, published, published_text, title, url, text, signature";

StoredArticle ReadArticle(const SqliteStatement& row) {
  StoredArticle article;
  article.num = row.ColumnInt(0);
  Document& doc = article.document;
  doc.id.value = std::string(row.ColumnText(1));
  doc.id.is_integer = row.ColumnInt(2) != 0;
  doc.source = std::string(row.ColumnText(3));
  if (!row.ColumnIsNull(4)) doc.published = row.ColumnInt(4);
  doc.published_text = std::string(row.ColumnText(5));
  doc.title = std::string(row.ColumnText(6));
  doc.url = std::string(row.ColumnText(7));
  doc.text = std::string(row.ColumnText(8));
  const std::string_view blob = row.ColumnBlob(9);
  article.signature.resize(blob.size() / sizeof(uint32_t));
  for (size_t i = 0; i < article.signature.size(); ++i) {
    uint32_t value = 0;
    for (int byte = 0; byte < 4; ++byte) {
      value |= static_cast<uint32_t>(static_cast<uint8_t>(blob[i * 4 + byte])) << (8 * byte);
    }
    article.signature[i] = value;
  }
  doc.input_file = "archive";
  doc.input_line = article.num;
  return article;
}

std::string SignatureBlob(absl::Span<const uint32_t> signature) {
  std::string blob(signature.size() * sizeof(uint32_t), '\0');
  for (size_t i = 0; i < signature.size(); ++i) {
    for (int byte = 0; byte < 4; ++byte) blob[i * 4 + byte] = static_cast<char>(signature[i] >> (8 * byte));
  }
  return blob;
}

// Reads articles by number, in the order given.
absl::StatusOr<std::vector<StoredArticle>> LoadArticles(SqliteDb& db, absl::Span<const int64_t> nums) {
  REPRINT_ASSIGN_OR_RETURN(SqliteStatement select,
                           db.Prepare(absl::StrCat("SELECT ", kArticleColumns, " FROM articles WHERE num = ?")));
  std::vector<StoredArticle> out;
  out.reserve(nums.size());
  for (const int64_t num : nums) {
    select.Reset();
    select.Bind(1, num);
    REPRINT_ASSIGN_OR_RETURN(const bool found, select.Step());
    if (!found) return absl::DataLossError(absl::StrCat(db.path(), ": article ", num, " is missing"));
    out.push_back(ReadArticle(select));
  }
  return out;
}

// The columns ReadPairRow() reads. Schema 1 had no shingle containment:
// there, its containment stands in (the same without passages).
std::string PairColumns(int schema_version) {
  return absl::StrCat(
      "a, b, jaccard, jaccard_estimate, containment_a_in_b, containment_b_in_a, near_duplicate, "
      "shares_reused_text, passages, ",
      schema_version >= 2 ? "shingle_containment_a_in_b, shingle_containment_b_in_a"
                          : "containment_a_in_b, containment_b_in_a");
}

// The pair in the current row of a SELECT of PairColumns(), but for its ends
// (archive numbers, columns 0 and 1), which the caller maps to indices.
absl::StatusOr<DocumentPair> ReadPairRow(const SqliteDb& db, const SqliteStatement& row) {
  DocumentPair pair;
  pair.jaccard = row.ColumnDouble(2);
  pair.jaccard_estimate = row.ColumnDouble(3);
  pair.containment_a_in_b = row.ColumnDouble(4);
  pair.containment_b_in_a = row.ColumnDouble(5);
  pair.near_duplicate = row.ColumnInt(6) != 0;
  pair.shares_reused_text = row.ColumnInt(7) != 0;
  pair.shingle_containment_a_in_b = row.ColumnDouble(9);
  pair.shingle_containment_b_in_a = row.ColumnDouble(10);
  absl::StatusOr<std::vector<Passage>> passages = DecodePassages(row.ColumnBlob(8));
  if (!passages.ok()) {
    return absl::DataLossError(absl::StrCat(db.path(), ": pair (", row.ColumnInt(0), ", ", row.ColumnInt(1),
                                            "): ", passages.status().message()));
  }
  pair.passages = *std::move(passages);
  return pair;
}

// The stored pairs among or touching `nums` (sorted), as DocumentPairs whose
// indices are positions in `nums`. With `touching`, pairs need only one end
// in `nums`; the other ends are appended to *nums (sorted after the first
// part, in order).
absl::StatusOr<std::vector<DocumentPair>> LoadPairs(SqliteDb& db, int schema_version, std::vector<int64_t>* nums,
                                                    bool touching, bool near_duplicates_only) {
  const std::string columns = PairColumns(schema_version);
  const std::string filter = near_duplicates_only ? " AND near_duplicate = 1" : "";
  REPRINT_ASSIGN_OR_RETURN(
      SqliteStatement by_a,
      db.Prepare(absl::StrCat("SELECT ", columns, " FROM pairs WHERE a = ?", filter)));
  REPRINT_ASSIGN_OR_RETURN(
      SqliteStatement by_b,
      db.Prepare(absl::StrCat("SELECT ", columns, " FROM pairs WHERE b = ?", filter)));
  struct Row {
    int64_t a, b;
    DocumentPair pair;
  };
  std::vector<Row> rows;
  absl::flat_hash_set<int64_t> in_set(nums->begin(), nums->end());
  for (const int64_t num : std::vector<int64_t>(*nums)) {
    for (SqliteStatement* statement : {&by_a, &by_b}) {
      statement->Reset();
      statement->Bind(1, num);
      while (true) {
        REPRINT_ASSIGN_OR_RETURN(const bool row, statement->Step());
        if (!row) break;
        const int64_t a = statement->ColumnInt(0), b = statement->ColumnInt(1);
        const int64_t other = a == num ? b : a;
        if (!touching && !in_set.contains(other)) continue;
        // Each pair once: from its smaller end when both ends are in the set.
        if (in_set.contains(other) && other < num) continue;
        Row& r = rows.emplace_back();
        r.a = a;
        r.b = b;
        REPRINT_ASSIGN_OR_RETURN(r.pair, ReadPairRow(db, *statement));
      }
    }
  }
  if (touching) {
    std::vector<int64_t> others;
    for (const Row& r : rows) {
      for (const int64_t end : {r.a, r.b}) {
        if (!in_set.contains(end)) others.push_back(end);
      }
    }
    std::sort(others.begin(), others.end());
    others.erase(std::unique(others.begin(), others.end()), others.end());
    nums->insert(nums->end(), others.begin(), others.end());
  }
  absl::flat_hash_map<int64_t, uint32_t> index;
  for (size_t i = 0; i < nums->size(); ++i) index[(*nums)[i]] = static_cast<uint32_t>(i);
  std::vector<DocumentPair> pairs;
  for (Row& r : rows) {
    r.pair.a = index[r.a];
    r.pair.b = index[r.b];
    pairs.push_back(std::move(r.pair));
  }
  std::sort(pairs.begin(), pairs.end(), [](const DocumentPair& x, const DocumentPair& y) {
    return std::tie(x.a, x.b) < std::tie(y.a, y.b);
  });
  return pairs;
}

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

bool WithinWindow(const Document& a, const Document& b, std::optional<int> window_days) {
  if (!window_days || !a.published || !b.published) return true;
  return std::llabs(*a.published - *b.published) <= int64_t{*window_days} * 86400;
}

// Runs `read` in one read transaction: a consistent snapshot of the
// archive while a writer commits batches.
template <typename T, typename Read>
absl::StatusOr<T> InSnapshot(SqliteDb& db, Read&& read) {
  REPRINT_RETURN_IF_ERROR(db.Exec("BEGIN"));
  absl::StatusOr<T> result = read();
  db.Exec("COMMIT").IgnoreError();
  return result;
}

}  // namespace

// A batch's pairs, found and evaluated but not yet stored.
struct Archive::BatchEvaluation {
  DocumentSketches sketches;            // of the batch
  BatchCandidates found;                // its candidates, and the postings it adds
  std::vector<int64_t> stored_nums;     // stored articles involved, ascending
  std::vector<Document> documents;      // those articles, then the batch
  std::vector<DocumentPair> pairs;      // indices into `documents`
};

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

absl::StatusOr<std::unique_ptr<Archive>> Archive::Open(const std::string& path, Access access,
                                                       const ArchiveRequest& request) {
  auto archive = std::unique_ptr<Archive>(new Archive());
  absl::StatusOr<SqliteDb> db = SqliteDb::Open(
      path, access == Access::kRead ? SqliteDb::Mode::kReadOnly : SqliteDb::Mode::kReadWriteCreate,
      request.busy_timeout_ms);
  if (!db.ok()) {
    if (absl::IsNotFound(db.status())) {
      return absl::NotFoundError(access == Access::kRead
                                     ? absl::StrCat(path, ": no such archive")
                                     : absl::StrCat(path, ": cannot create the archive (does its directory exist?)"));
    }
    return db.status();
  }
  archive->db_ = *std::move(db);
  SqliteDb& d = archive->db_;
  // Is it an archive at all? A file that is not a database fails here.
  absl::StatusOr<int64_t> tables = d.QueryInt("SELECT count(*) FROM sqlite_schema");
  if (!tables.ok()) {
    if (absl::IsDataLoss(tables.status()) || absl::IsInternal(tables.status())) {
      return absl::DataLossError(absl::StrCat(path, ": not a reprint archive, or damaged (",
                                              tables.status().message(), ")"));
    }
    return tables.status();
  }
  if (*tables == 0) {
    if (access == Access::kRead) return absl::NotFoundError(absl::StrCat(path, ": empty file, no archive"));
    REPRINT_RETURN_IF_ERROR(archive->CreateSchema(request));
  }
  REPRINT_RETURN_IF_ERROR(archive->LoadOptions(request));
  if (access == Access::kWrite) {
    REPRINT_RETURN_IF_ERROR(d.Exec("PRAGMA synchronous = FULL; PRAGMA foreign_keys = OFF;"));
    REPRINT_RETURN_IF_ERROR(archive->Migrate());
    if (request.max_file_bytes > 0) {
      REPRINT_ASSIGN_OR_RETURN(const int64_t page_size, d.QueryInt("PRAGMA page_size", 4096));
      REPRINT_RETURN_IF_ERROR(d.Exec(absl::StrCat("PRAGMA max_page_count = ",
                                                  std::max<int64_t>(1, request.max_file_bytes / page_size))));
    }
  }
  return archive;
}

absl::Status Archive::CreateSchema(const ArchiveRequest& request) {
  REPRINT_ASSIGN_OR_RETURN(const LshParams lsh, ResolveLshParams(request.options));
  // 16 KiB pages hold five articles of news length where 4 KiB pages hold
  // one and leave a third empty; set before the first table exists.
  REPRINT_RETURN_IF_ERROR(db_.Exec("PRAGMA page_size = 16384"));
  // WAL: readers see the last committed batch while a writer adds the next.
  REPRINT_RETURN_IF_ERROR(db_.Exec("PRAGMA journal_mode = WAL"));
  Transaction transaction(db_);
  REPRINT_RETURN_IF_ERROR(transaction.Begin());
  // Another writer may have created it since we looked: then use theirs.
  REPRINT_ASSIGN_OR_RETURN(const int64_t tables, db_.QueryInt("SELECT count(*) FROM sqlite_schema"));
  if (tables > 0) return absl::OkStatus();
  REPRINT_RETURN_IF_ERROR(db_.Exec(kSchema));
  REPRINT_RETURN_IF_ERROR(db_.Exec(kSchemaVersion2));
  REPRINT_ASSIGN_OR_RETURN(SqliteStatement meta, db_.Prepare("INSERT INTO meta VALUES(?, ?)"));
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
  REPRINT_ASSIGN_OR_RETURN(SqliteStatement insert, db_.Prepare("INSERT INTO options VALUES(?, ?, ?)"));
  int64_t position = 0;
  for (const auto& [name, value] : ArchivedOptions(with_lsh, request.window_days)) {
    insert.BindText(1, name);
    insert.BindText(2, value);
    insert.Bind(3, position++);
    REPRINT_RETURN_IF_ERROR(insert.Run());
  }
  return transaction.Commit();
}

uint64_t Archive::IdenticalKey(uint64_t text_key, const Document& doc) const {
  if (text_key == 0 || !window_days_) return text_key;
  // A copy stands for its first in every pair, which the window allows
  // only if both were published at the same time (or both undated).
  const uint64_t when = doc.published ? static_cast<uint64_t>(*doc.published) : 0x9E3779B97F4A7C15ULL;
  const uint64_t key = CombineWordHashes(std::array<uint64_t, 2>{text_key, when}.data(), 2);
  return key == 0 ? 1 : key;
}

absl::Status Archive::StoreShingleContainment() {
  std::vector<std::pair<int64_t, int64_t>> ends;
  {
    REPRINT_ASSIGN_OR_RETURN(SqliteStatement pairs, db_.Prepare("SELECT a, b FROM pairs ORDER BY a, b"));
    while (true) {
      REPRINT_ASSIGN_OR_RETURN(const bool row, pairs.Step());
      if (!row) break;
      ends.emplace_back(pairs.ColumnInt(0), pairs.ColumnInt(1));
    }
  }
  REPRINT_ASSIGN_OR_RETURN(
      SqliteStatement update,
      db_.Prepare("UPDATE pairs SET shingle_containment_a_in_b = ?, shingle_containment_b_in_a = ? "
                  "WHERE a = ? AND b = ?"));
  const Tokenizer tokenizer(options_.normalize);
  TokenizedText tokens;
  auto shingle_set = [&](int64_t num, std::vector<uint64_t>* set) -> absl::Status {
    REPRINT_ASSIGN_OR_RETURN(std::vector<StoredArticle> article, LoadArticles(db_, {num}));
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
  Transaction transaction(db_);
  REPRINT_RETURN_IF_ERROR(transaction.Begin());
  // Another writer may have migrated it since we looked.
  REPRINT_ASSIGN_OR_RETURN(
      const int64_t version,
      db_.QueryInt("SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'schema_version'", -1));
  if (version < 2) {
    // Version 1 had no text keys: every stored article is keyed now, the
    // first of each text winning. Copies stored before stay indexed. Nor
    // did it record the sketch, which could only be permutations.
    REPRINT_RETURN_IF_ERROR(db_.Exec(kSchemaVersion2));
    REPRINT_RETURN_IF_ERROR(db_.Exec(
        "INSERT OR IGNORE INTO options VALUES('sketch', 'permutations', (SELECT count(*) FROM options))"));
    REPRINT_RETURN_IF_ERROR(StoreShingleContainment());
    REPRINT_ASSIGN_OR_RETURN(SqliteStatement articles,
                             db_.Prepare("SELECT num, text, published FROM articles ORDER BY num"));
    REPRINT_ASSIGN_OR_RETURN(SqliteStatement insert, db_.Prepare("INSERT OR IGNORE INTO text_keys VALUES(?, ?)"));
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
  REPRINT_RETURN_IF_ERROR(db_.Exec(absl::StrCat("UPDATE meta SET value = '", kArchiveSchemaVersion,
                                                "' WHERE key = 'schema_version'")));
  REPRINT_RETURN_IF_ERROR(transaction.Commit());
  schema_version_ = kArchiveSchemaVersion;
  return absl::OkStatus();
}

absl::Status Archive::LoadOptions(const ArchiveRequest& request) {
  const std::string& path = db_.path();
  {
    absl::StatusOr<SqliteStatement> format = db_.Prepare("SELECT value FROM meta WHERE key = 'format'");
    bool ok = format.ok();
    if (ok) {
      absl::StatusOr<bool> row = format->Step();
      ok = row.ok() && *row && format->ColumnText(0) == kFormatName;
    }
    if (!ok) return absl::FailedPreconditionError(absl::StrCat(path, ": a SQLite file, but not a reprint archive"));
  }
  REPRINT_ASSIGN_OR_RETURN(
      const int64_t version,
      db_.QueryInt("SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'schema_version'", -1));
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
  REPRINT_ASSIGN_OR_RETURN(SqliteStatement select, db_.Prepare("SELECT name, value FROM options"));
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

absl::StatusOr<AddSummary> Archive::Add(absl::Span<const Document> documents, const AddOptions& add) {
  AddSummary summary;
  const size_t batch_size = std::max<size_t>(1, add.batch_size);
  for (size_t begin = 0; begin < documents.size(); begin += batch_size) {
    const size_t end = std::min(documents.size(), begin + batch_size);
    std::vector<const Document*> batch;
    for (size_t i = begin; i < end; ++i) batch.push_back(&documents[i]);
    REPRINT_RETURN_IF_ERROR(AddBatch(batch, add.replace, &summary));
    ++summary.batches;
    if (add.progress) add.progress("adding", end, documents.size());
  }
  // Fold the write-ahead log back into the file so that it does not keep
  // the size of the largest batch; readers in the way just make it wait.
  db_.Exec("PRAGMA wal_checkpoint(TRUNCATE)").IgnoreError();
  return summary;
}

absl::StatusOr<Archive::BatchEvaluation> Archive::EvaluateBatch(std::vector<Document> batch_docs,
                                                                int64_t first_new) {
  BatchEvaluation out;
  const int threads = ResolveThreadCount(options_.threads);
  const size_t n = batch_docs.size();
  REPRINT_ASSIGN_OR_RETURN(const MinHasher hasher, MinHasher::Create(options_.minhash));
  out.sketches = SketchDocuments(batch_docs, options_, hasher, threads);
  DocumentSketches& sketches = out.sketches;

  // Candidates by the rule of core/candidates.h, against the stored articles.
  std::vector<uint64_t> identical_keys(n);
  for (size_t i = 0; i < n; ++i) identical_keys[i] = IdenticalKey(sketches.text_keys[i], batch_docs[i]);
  REPRINT_ASSIGN_OR_RETURN(ArchivePostings stored_postings, ArchivePostings::Open(db_, schema_version_ >= 2));
  REPRINT_ASSIGN_OR_RETURN(out.found, FindBatchCandidates(batch_docs, &sketches, identical_keys, stored_postings,
                                                          options_, lsh(), /*keep_postings=*/true, threads));
  // By archive number: pairs within the batch, and with stored articles.
  std::vector<std::pair<int64_t, int64_t>> lsh_pairs, fingerprint_pairs;
  auto by_number = [first_new](absl::Span<const CandidatePair> within, absl::Span<const EarlierPair> with_stored,
                               std::vector<std::pair<int64_t, int64_t>>* to) {
    for (const CandidatePair& p : within) to->emplace_back(first_new + p.a, first_new + p.b);
    for (const EarlierPair& p : with_stored) to->emplace_back(p.earlier, first_new + p.batch);
  };
  const BatchCandidates& found = out.found;
  by_number(found.identical_pairs, found.earlier_identical_pairs, &lsh_pairs);
  by_number(found.lsh_pairs, found.earlier_lsh_pairs, &lsh_pairs);
  by_number(found.fingerprint_pairs, found.earlier_fingerprint_pairs, &fingerprint_pairs);

  // The documents to evaluate: stored partners by number, then the batch.
  for (const auto* list : {&lsh_pairs, &fingerprint_pairs}) {
    for (const auto& pair : *list) {
      if (pair.first < first_new) out.stored_nums.push_back(pair.first);
    }
  }
  std::sort(out.stored_nums.begin(), out.stored_nums.end());
  out.stored_nums.erase(std::unique(out.stored_nums.begin(), out.stored_nums.end()), out.stored_nums.end());
  REPRINT_ASSIGN_OR_RETURN(std::vector<StoredArticle> stored, LoadArticles(db_, out.stored_nums));
  std::vector<uint32_t> signatures;
  out.documents.reserve(stored.size() + n);
  for (StoredArticle& article : stored) {
    if (article.signature.size() != sketches.num_perm) {
      return absl::DataLossError(absl::StrCat(db_.path(), ": article ", article.num, " has a bad signature"));
    }
    out.documents.push_back(std::move(article.document));
    signatures.insert(signatures.end(), article.signature.begin(), article.signature.end());
  }
  for (Document& doc : batch_docs) out.documents.push_back(std::move(doc));
  signatures.insert(signatures.end(), sketches.signatures.begin(), sketches.signatures.end());
  absl::flat_hash_map<int64_t, uint32_t> index_of;
  for (size_t i = 0; i < out.stored_nums.size(); ++i) index_of[out.stored_nums[i]] = static_cast<uint32_t>(i);
  const size_t num_stored = out.stored_nums.size();
  auto index = [&](int64_t num) -> uint32_t {
    return num >= first_new ? static_cast<uint32_t>(num_stored + static_cast<size_t>(num - first_new))
                            : index_of.at(num);
  };
  auto to_candidates = [&](const std::vector<std::pair<int64_t, int64_t>>& list) {
    std::vector<CandidatePair> pairs;
    for (const auto& [a, b] : list) {
      const uint32_t x = index(a), y = index(b);
      if (x == y || !WithinWindow(out.documents[x], out.documents[y], window_days_)) continue;
      // A queried article that is stored already is not its own source.
      if (out.documents[x].id == out.documents[y].id) continue;
      pairs.push_back({std::min(x, y), std::max(x, y)});
    }
    std::sort(pairs.begin(), pairs.end());
    pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
    return pairs;
  };
  const CandidateSet candidates = MergeCandidates(to_candidates(lsh_pairs), to_candidates(fingerprint_pairs));
  out.pairs = EvaluateCandidates(out.documents, signatures, candidates, out.found.common, options_, threads, nullptr);
  return out;
}

absl::Status Archive::AddBatch(absl::Span<const Document* const> incoming, bool replace,
                               AddSummary* summary) {
  Transaction transaction(db_);
  if (absl::Status begun = transaction.Begin(); !begun.ok()) {
    if (absl::IsUnavailable(begun)) {
      return absl::UnavailableError(absl::StrCat(
          db_.path(), ": another process is adding to this archive; try again when it is done"));
    }
    return begun;
  }
  REPRINT_ASSIGN_OR_RETURN(const int64_t batch_id, db_.QueryInt("SELECT coalesce(max(id), 0) + 1 FROM batches"));

  // Ids already stored are skipped, or replaced: the old article leaves the
  // archive with its keys, pairs and cluster membership.
  REPRINT_ASSIGN_OR_RETURN(SqliteStatement find_id,
                           db_.Prepare("SELECT num FROM articles WHERE id = ? AND id_is_integer = ?"));
  std::vector<Document> batch;
  std::vector<Document> readd;  // copies of a replaced article, added again after the batch
  int64_t skipped = 0, replaced = 0;
  for (const Document* doc : incoming) {
    find_id.Reset();
    find_id.BindText(1, doc->id.value);
    find_id.Bind(2, int64_t{doc->id.is_integer});
    REPRINT_ASSIGN_OR_RETURN(const bool found, find_id.Step());
    if (found && !replace) {
      ++skipped;
      continue;
    }
    if (found) {
      const int64_t old_num = find_id.ColumnInt(0);
      find_id.Reset();
      REPRINT_RETURN_IF_ERROR(RemoveArticle(old_num, batch_id, summary, &readd));
      ++replaced;
    }
    batch.push_back(*doc);
  }
  const int64_t arrived = static_cast<int64_t>(batch.size());
  {
    // A copy that also arrives in this batch is added as it arrives.
    absl::flat_hash_set<DocId> arriving;
    for (const Document& doc : batch) arriving.insert(doc.id);
    for (Document& doc : readd) {
      if (!arriving.contains(doc.id)) batch.push_back(std::move(doc));
    }
  }
  const size_t n = batch.size();
  // AUTOINCREMENT: a replaced article's number is never given out again.
  REPRINT_ASSIGN_OR_RETURN(
      const int64_t first_new,
      db_.QueryInt("SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'articles'), 0) + 1"));
  REPRINT_ASSIGN_OR_RETURN(BatchEvaluation evaluation, EvaluateBatch(std::move(batch), first_new));
  const size_t num_stored = evaluation.stored_nums.size();
  auto num_of = [&](uint32_t i) -> int64_t {
    return i < num_stored ? evaluation.stored_nums[i] : first_new + static_cast<int64_t>(i - num_stored);
  };

  REPRINT_ASSIGN_OR_RETURN(
      SqliteStatement insert_article,
      db_.Prepare("INSERT INTO articles(num, id, id_is_integer, source, published, published_text, "
                  "title, url, text, signature, batch, chars) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  for (size_t i = 0; i < n; ++i) {
    const Document& doc = evaluation.documents[num_stored + i];
    insert_article.Bind(1, first_new + static_cast<int64_t>(i));
    insert_article.BindText(2, doc.id.value);
    insert_article.Bind(3, int64_t{doc.id.is_integer});
    insert_article.BindText(4, doc.source);
    if (doc.published) {
      insert_article.Bind(5, *doc.published);
    } else {
      insert_article.BindNull(5);
    }
    insert_article.BindText(6, doc.published_text);
    insert_article.BindText(7, doc.title);
    insert_article.BindText(8, doc.url);
    insert_article.BindText(9, doc.text);
    insert_article.BindBlob(10, SignatureBlob(evaluation.sketches.signature(i)));
    insert_article.Bind(11, batch_id);
    insert_article.Bind(12, static_cast<int64_t>(CountCodePoints(doc.text)));
    REPRINT_RETURN_IF_ERROR(insert_article.Run());
  }
  REPRINT_ASSIGN_OR_RETURN(SqliteStatement insert_band, db_.Prepare("INSERT OR IGNORE INTO band_keys VALUES(?, ?)"));
  for (const auto& [key, i] : evaluation.found.band_keys) {
    insert_band.Bind(1, AsStored(key));
    insert_band.Bind(2, first_new + i);
    REPRINT_RETURN_IF_ERROR(insert_band.Run());
  }
  REPRINT_ASSIGN_OR_RETURN(SqliteStatement insert_passage_key,
                           db_.Prepare("INSERT OR IGNORE INTO passage_keys VALUES(?, ?)"));
  for (const auto& [key, i] : evaluation.found.fingerprint_keys) {
    insert_passage_key.Bind(1, AsStored(key));
    insert_passage_key.Bind(2, first_new + i);
    REPRINT_RETURN_IF_ERROR(insert_passage_key.Run());
  }
  REPRINT_ASSIGN_OR_RETURN(SqliteStatement insert_text_key,
                           db_.Prepare("INSERT OR REPLACE INTO text_keys VALUES(?, ?)"));
  for (const auto& [key, i] : evaluation.found.text_keys) {
    insert_text_key.Bind(1, AsStored(key));
    insert_text_key.Bind(2, first_new + i);
    REPRINT_RETURN_IF_ERROR(insert_text_key.Run());
  }
  REPRINT_ASSIGN_OR_RETURN(SqliteStatement insert_identical, db_.Prepare("INSERT INTO identical VALUES(?, ?)"));
  auto insert_copy = [&](int64_t first, uint32_t copy) {
    insert_identical.Bind(1, first_new + copy);
    insert_identical.Bind(2, first);
    return insert_identical.Run();
  };
  for (const CandidatePair& p : evaluation.found.identical_pairs) {
    REPRINT_RETURN_IF_ERROR(insert_copy(first_new + p.a, p.b));
  }
  for (const EarlierPair& p : evaluation.found.earlier_identical_pairs) {
    REPRINT_RETURN_IF_ERROR(insert_copy(p.earlier, p.batch));
  }
  REPRINT_ASSIGN_OR_RETURN(SqliteStatement make_common,
                           db_.Prepare("INSERT OR IGNORE INTO common_keys VALUES(?)"));
  for (const uint64_t key : evaluation.found.newly_common) {
    make_common.Bind(1, AsStored(key));
    REPRINT_RETURN_IF_ERROR(make_common.Run());
  }
  REPRINT_ASSIGN_OR_RETURN(
      SqliteStatement insert_pair,
      db_.Prepare("INSERT OR REPLACE INTO pairs VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  std::vector<std::pair<int64_t, int64_t>> edges;
  for (const DocumentPair& pair : evaluation.pairs) {
    const int64_t a = num_of(pair.a), b = num_of(pair.b);
    insert_pair.Bind(1, a);
    insert_pair.Bind(2, b);
    insert_pair.Bind(3, pair.jaccard);
    insert_pair.Bind(4, pair.jaccard_estimate);
    insert_pair.Bind(5, pair.containment_a_in_b);
    insert_pair.Bind(6, pair.containment_b_in_a);
    insert_pair.Bind(7, int64_t{pair.near_duplicate});
    insert_pair.Bind(8, int64_t{pair.shares_reused_text});
    insert_pair.BindBlob(9, EncodePassages(pair.passages));
    insert_pair.Bind(10, batch_id);
    insert_pair.Bind(11, pair.shingle_containment_a_in_b);
    insert_pair.Bind(12, pair.shingle_containment_b_in_a);
    REPRINT_RETURN_IF_ERROR(insert_pair.Run());
    if (pair.near_duplicate) edges.emplace_back(a, b);
  }
  REPRINT_RETURN_IF_ERROR(JoinClusters(edges, batch_id, summary));

  REPRINT_ASSIGN_OR_RETURN(SqliteStatement insert_batch,
                           db_.Prepare("INSERT INTO batches VALUES(?, ?, ?, ?, ?, ?)"));
  insert_batch.Bind(1, batch_id);
  insert_batch.Bind(2, arrived - replaced);
  insert_batch.Bind(3, skipped);
  insert_batch.Bind(4, replaced);
  insert_batch.Bind(5, static_cast<int64_t>(evaluation.pairs.size()));
  insert_batch.BindText(6, NowTimestamp());
  REPRINT_RETURN_IF_ERROR(insert_batch.Run());
  REPRINT_RETURN_IF_ERROR(transaction.Commit());
  summary->added += arrived - replaced;
  summary->replaced += replaced;
  summary->skipped_existing += skipped;
  summary->pairs += static_cast<int64_t>(evaluation.pairs.size());
  return absl::OkStatus();
}

absl::Status Archive::JoinClusters(const std::vector<std::pair<int64_t, int64_t>>& edges, int64_t batch_id,
                                   AddSummary* summary) {
  if (edges.empty()) return absl::OkStatus();
  std::vector<int64_t> articles;
  for (const auto& [a, b] : edges) {
    articles.push_back(a);
    articles.push_back(b);
  }
  std::sort(articles.begin(), articles.end());
  articles.erase(std::unique(articles.begin(), articles.end()), articles.end());
  absl::flat_hash_map<int64_t, uint32_t> node_of_article;
  for (size_t i = 0; i < articles.size(); ++i) node_of_article[articles[i]] = static_cast<uint32_t>(i);

  // Stored clusters are nodes too, joined to their members: two articles of
  // one stored cluster belong together even when this batch's edges reach
  // them separately.
  REPRINT_ASSIGN_OR_RETURN(SqliteStatement cluster_of,
                           db_.Prepare("SELECT cluster FROM cluster_members WHERE article = ?"));
  std::vector<int64_t> current(articles.size(), 0);  // 0: in no cluster yet
  std::vector<int64_t> clusters;                      // stored clusters touched, ascending
  for (size_t i = 0; i < articles.size(); ++i) {
    cluster_of.Reset();
    cluster_of.Bind(1, articles[i]);
    REPRINT_ASSIGN_OR_RETURN(const bool row, cluster_of.Step());
    if (row) {
      current[i] = cluster_of.ColumnInt(0);
      clusters.push_back(current[i]);
    }
  }
  cluster_of.Reset();
  std::sort(clusters.begin(), clusters.end());
  clusters.erase(std::unique(clusters.begin(), clusters.end()), clusters.end());
  absl::flat_hash_map<int64_t, uint32_t> node_of_cluster;
  for (size_t c = 0; c < clusters.size(); ++c) {
    node_of_cluster[clusters[c]] = static_cast<uint32_t>(articles.size() + c);
  }
  UnionFind sets(articles.size() + clusters.size());
  for (const auto& [a, b] : edges) sets.Union(node_of_article[a], node_of_article[b]);
  for (size_t i = 0; i < articles.size(); ++i) {
    if (current[i] != 0) sets.Union(static_cast<uint32_t>(i), node_of_cluster[current[i]]);
  }

  // Components in order of their smallest article, so new ids follow the
  // order of first members as in BuildClusters().
  std::map<uint32_t, std::vector<uint32_t>> members_of_root;  // root -> article nodes, ascending
  std::map<uint32_t, std::vector<int64_t>> clusters_of_root;  // root -> stored clusters, ascending
  std::vector<uint32_t> roots_in_order;
  for (uint32_t i = 0; i < articles.size(); ++i) {
    const uint32_t root = sets.Find(i);
    auto [it, inserted] = members_of_root.try_emplace(root);
    if (inserted) roots_in_order.push_back(root);
    it->second.push_back(i);
  }
  for (const int64_t cluster : clusters) clusters_of_root[sets.Find(node_of_cluster[cluster])].push_back(cluster);

  REPRINT_ASSIGN_OR_RETURN(SqliteStatement new_cluster,
                           db_.Prepare("INSERT INTO clusters(id, created_batch) VALUES(?, ?)"));
  REPRINT_ASSIGN_OR_RETURN(int64_t next_id, db_.QueryInt("SELECT coalesce(max(id), 0) + 1 FROM clusters"));
  REPRINT_ASSIGN_OR_RETURN(SqliteStatement add_member,
                           db_.Prepare("INSERT OR REPLACE INTO cluster_members VALUES(?, ?)"));
  REPRINT_ASSIGN_OR_RETURN(SqliteStatement move_members,
                           db_.Prepare("UPDATE cluster_members SET cluster = ? WHERE cluster = ?"));
  REPRINT_ASSIGN_OR_RETURN(
      SqliteStatement mark_merged,
      db_.Prepare("UPDATE clusters SET merged_into = ?, merged_batch = ? WHERE id = ?"));
  for (const uint32_t root : roots_in_order) {
    const std::vector<int64_t>& existing = clusters_of_root[root];
    int64_t id;
    if (existing.empty()) {
      id = next_id++;
      new_cluster.Bind(1, id);
      new_cluster.Bind(2, batch_id);
      REPRINT_RETURN_IF_ERROR(new_cluster.Run());
      ++summary->clusters_created;
    } else {
      id = existing.front();  // the oldest cluster keeps its id
      for (size_t c = 1; c < existing.size(); ++c) {
        move_members.Bind(1, id);
        move_members.Bind(2, existing[c]);
        REPRINT_RETURN_IF_ERROR(move_members.Run());
        mark_merged.Bind(1, id);
        mark_merged.Bind(2, batch_id);
        mark_merged.Bind(3, existing[c]);
        REPRINT_RETURN_IF_ERROR(mark_merged.Run());
        ++summary->clusters_merged;
      }
    }
    for (const uint32_t m : members_of_root[root]) {
      if (current[m] != 0) continue;  // moved with its cluster, if that merged
      add_member.Bind(1, articles[m]);
      add_member.Bind(2, id);
      REPRINT_RETURN_IF_ERROR(add_member.Run());
    }
  }
  return absl::OkStatus();
}

absl::Status Archive::RemoveArticle(int64_t num, int64_t batch_id, AddSummary* summary,
                                    std::vector<Document>* readd, bool comes_back) {
  REPRINT_ASSIGN_OR_RETURN(std::vector<StoredArticle> old, LoadArticles(db_, {num}));
  if (comes_back) readd->push_back(old[0].document);
  // Its copies were found only through it: they leave and come back.
  std::vector<int64_t> copies;
  {
    REPRINT_ASSIGN_OR_RETURN(SqliteStatement select,
                             db_.Prepare("SELECT article FROM identical WHERE first = ? ORDER BY article"));
    select.Bind(1, num);
    while (true) {
      REPRINT_ASSIGN_OR_RETURN(const bool row, select.Step());
      if (!row) break;
      copies.push_back(select.ColumnInt(0));
    }
  }
  for (const int64_t copy : copies) {
    REPRINT_RETURN_IF_ERROR(RemoveArticle(copy, batch_id, summary, readd, /*comes_back=*/true));
  }
  // Its keys, recomputed from what is stored: the indexes are by key.
  TokenizedText tokens;
  Tokenizer(options_.normalize).Tokenize(old[0].document.text, &tokens);
  REPRINT_RETURN_IF_ERROR(db_.Exec(absl::StrCat(
      "DELETE FROM text_keys WHERE key = ", AsStored(IdenticalKey(NormalizedTextKey(tokens), old[0].document)),
      " AND article = ", num,
      "; DELETE FROM identical WHERE article = ", num)));
  REPRINT_ASSIGN_OR_RETURN(SqliteStatement drop_band,
                           db_.Prepare("DELETE FROM band_keys WHERE key = ? AND article = ?"));
  for (int band = 0; band < lsh().num_bands; ++band) {
    drop_band.Bind(1, AsStored(BandKey(old[0].signature.data(), lsh(), band)));
    drop_band.Bind(2, num);
    REPRINT_RETURN_IF_ERROR(drop_band.Run());
  }
  if (options_.passages.enabled) {
    std::vector<uint64_t> scratch, fingerprints;
    Winnow(tokens, options_.passages.fingerprints, &scratch, &fingerprints);
    REPRINT_ASSIGN_OR_RETURN(SqliteStatement drop_passage,
                             db_.Prepare("DELETE FROM passage_keys WHERE key = ? AND article = ?"));
    for (const uint64_t fp : fingerprints) {
      drop_passage.Bind(1, AsStored(fp));
      drop_passage.Bind(2, num);
      REPRINT_RETURN_IF_ERROR(drop_passage.Run());
    }
  }
  REPRINT_ASSIGN_OR_RETURN(const int64_t cluster,
                           db_.QueryInt(absl::StrCat("SELECT cluster FROM cluster_members WHERE article = ", num)));
  REPRINT_RETURN_IF_ERROR(db_.Exec(absl::StrCat(
      "DELETE FROM pairs WHERE a = ", num, "; DELETE FROM pairs WHERE b = ", num,
      "; DELETE FROM cluster_members WHERE article = ", num, "; DELETE FROM articles WHERE num = ", num)));
  if (cluster == 0) return absl::OkStatus();
  // The cluster may fall apart without it: its members are regrouped by
  // the near-duplicate pairs left; the part of two or more holding the
  // earliest-added member keeps the id, other such parts become new clusters.
  std::vector<int64_t> members;
  {
    REPRINT_ASSIGN_OR_RETURN(SqliteStatement select,
                             db_.Prepare("SELECT article FROM cluster_members WHERE cluster = ? ORDER BY article"));
    select.Bind(1, cluster);
    while (true) {
      REPRINT_ASSIGN_OR_RETURN(const bool row, select.Step());
      if (!row) break;
      members.push_back(select.ColumnInt(0));
    }
  }
  REPRINT_RETURN_IF_ERROR(db_.Exec(absl::StrCat("DELETE FROM cluster_members WHERE cluster = ", cluster)));
  std::vector<int64_t> nums = members;
  REPRINT_ASSIGN_OR_RETURN(std::vector<DocumentPair> pairs,
                           LoadPairs(db_, schema_version_, &nums, /*touching=*/false, /*near_duplicates_only=*/true));
  UnionFind sets(members.size());
  for (const DocumentPair& pair : pairs) sets.Union(pair.a, pair.b);
  std::map<uint32_t, std::vector<uint32_t>> parts;
  std::vector<uint32_t> order;
  for (uint32_t i = 0; i < members.size(); ++i) {
    auto [it, inserted] = parts.try_emplace(sets.Find(i));
    if (inserted) order.push_back(it->first);
    it->second.push_back(i);
  }
  REPRINT_ASSIGN_OR_RETURN(SqliteStatement add_member,
                           db_.Prepare("INSERT INTO cluster_members VALUES(?, ?)"));
  REPRINT_ASSIGN_OR_RETURN(SqliteStatement new_cluster,
                           db_.Prepare("INSERT INTO clusters(id, created_batch) VALUES(?, ?)"));
  REPRINT_ASSIGN_OR_RETURN(int64_t next_id, db_.QueryInt("SELECT coalesce(max(id), 0) + 1 FROM clusters"));
  bool kept_id = false;
  for (const uint32_t root : order) {
    const std::vector<uint32_t>& part = parts[root];
    if (part.size() < 2) continue;
    int64_t id = cluster;
    if (kept_id) {
      id = next_id++;
      new_cluster.Bind(1, id);
      new_cluster.Bind(2, batch_id);
      REPRINT_RETURN_IF_ERROR(new_cluster.Run());
      ++summary->clusters_created;
    }
    kept_id = true;
    for (const uint32_t m : part) {
      add_member.Bind(1, members[m]);
      add_member.Bind(2, id);
      REPRINT_RETURN_IF_ERROR(add_member.Run());
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<ArchiveView> Archive::Query(absl::Span<const Document> documents) {
  // A read transaction: one consistent snapshot while a writer goes on.
  return InSnapshot<ArchiveView>(db_, [&]() -> absl::StatusOr<ArchiveView> {
    REPRINT_ASSIGN_OR_RETURN(const int64_t first_new,
                             db_.QueryInt("SELECT coalesce(max(num), 0) + 1 FROM articles"));
    REPRINT_ASSIGN_OR_RETURN(
        BatchEvaluation evaluation,
        EvaluateBatch(std::vector<Document>(documents.begin(), documents.end()), first_new));
    ArchiveView out;
    out.documents = std::move(evaluation.documents);
    out.article_numbers = evaluation.stored_nums;
    out.article_numbers.resize(out.documents.size(), 0);
    out.result.pairs = std::move(evaluation.pairs);
    out.result.stats.documents = out.documents.size();
    out.result.stats.lsh = lsh();
    return out;
  });
}

absl::StatusOr<ArchiveView> Archive::Show(const DocId& id) {
  return InSnapshot<ArchiveView>(db_, [&]() -> absl::StatusOr<ArchiveView> {
    REPRINT_ASSIGN_OR_RETURN(SqliteStatement find_id,
                             db_.Prepare("SELECT num FROM articles WHERE id = ? AND id_is_integer = ?"));
    find_id.BindText(1, id.value);
    find_id.Bind(2, int64_t{id.is_integer});
    REPRINT_ASSIGN_OR_RETURN(const bool found, find_id.Step());
    if (!found) return absl::NotFoundError(absl::StrCat(db_.path(), ": no article with id ", id.value));
    std::vector<int64_t> nums = {find_id.ColumnInt(0)};
    ArchiveView out;
    REPRINT_ASSIGN_OR_RETURN(out.result.pairs, LoadPairs(db_, schema_version_, &nums, /*touching=*/true, false));
    REPRINT_ASSIGN_OR_RETURN(std::vector<StoredArticle> articles, LoadArticles(db_, nums));
    for (StoredArticle& article : articles) out.documents.push_back(std::move(article.document));
    out.article_numbers = nums;
    out.result.stats.documents = out.documents.size();
    out.result.stats.lsh = lsh();
    return out;
  });
}

absl::StatusOr<ArchiveView> Archive::Clusters(size_t limit) {
  return InSnapshot<ArchiveView>(db_, [&]() -> absl::StatusOr<ArchiveView> {
    std::vector<std::pair<int64_t, std::vector<int64_t>>> clusters;  // id, member nums
    {
      REPRINT_ASSIGN_OR_RETURN(
          SqliteStatement select,
          db_.Prepare("SELECT cluster, article FROM cluster_members ORDER BY cluster, article"));
      while (true) {
        REPRINT_ASSIGN_OR_RETURN(const bool row, select.Step());
        if (!row) break;
        const int64_t cluster = select.ColumnInt(0);
        if (clusters.empty() || clusters.back().first != cluster) clusters.emplace_back(cluster, std::vector<int64_t>{});
        clusters.back().second.push_back(select.ColumnInt(1));
      }
    }
    if (limit > 0 && clusters.size() > limit) {
      std::stable_sort(clusters.begin(), clusters.end(), [](const auto& x, const auto& y) {
        return x.second.size() > y.second.size();
      });
      clusters.resize(limit);
      std::sort(clusters.begin(), clusters.end());
    }
    std::vector<int64_t> nums;
    for (const auto& [id, members] : clusters) nums.insert(nums.end(), members.begin(), members.end());
    ArchiveView out;
    std::vector<int64_t> pair_nums = nums;
    REPRINT_ASSIGN_OR_RETURN(out.result.pairs, LoadPairs(db_, schema_version_, &pair_nums, /*touching=*/false,
                                                         /*near_duplicates_only=*/true));
    REPRINT_ASSIGN_OR_RETURN(std::vector<StoredArticle> articles, LoadArticles(db_, nums));
    for (StoredArticle& article : articles) out.documents.push_back(std::move(article.document));
    out.article_numbers = nums;
    REPRINT_ASSIGN_OR_RETURN(SqliteStatement merged,
                             db_.Prepare("SELECT id FROM clusters WHERE merged_into = ? ORDER BY id"));
    uint32_t next = 0;
    for (const auto& [id, members] : clusters) {
      Cluster& cluster = out.result.clusters.emplace_back();
      cluster.id = id;
      for (size_t i = 0; i < members.size(); ++i) cluster.members.push_back(next++);
      OrderMembers(out.documents, &cluster);
      std::vector<int64_t>& from = out.merged_from.emplace_back();
      merged.Reset();
      merged.Bind(1, id);
      while (true) {
        REPRINT_ASSIGN_OR_RETURN(const bool row, merged.Step());
        if (!row) break;
        from.push_back(merged.ColumnInt(0));
      }
    }
    out.result.stats.documents = out.documents.size();
    out.result.stats.lsh = lsh();
    return out;
  });
}

absl::StatusOr<ArchiveStats> Archive::Stats() {
  absl::StatusOr<ArchiveStats> stats = InSnapshot<ArchiveStats>(db_, [&]() -> absl::StatusOr<ArchiveStats> {
    ArchiveStats out;
    REPRINT_ASSIGN_OR_RETURN(const int64_t version, db_.QueryInt(
        "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'schema_version'"));
    out.schema_version = static_cast<int>(version);
    REPRINT_ASSIGN_OR_RETURN(out.articles, db_.QueryInt("SELECT count(*) FROM articles"));
    if (schema_version_ >= 2) {
      REPRINT_ASSIGN_OR_RETURN(out.identical_copies, db_.QueryInt("SELECT count(*) FROM identical"));
    }
    REPRINT_ASSIGN_OR_RETURN(out.text_bytes, db_.QueryInt("SELECT sum(length(CAST(text AS BLOB))) FROM articles"));
    REPRINT_ASSIGN_OR_RETURN(out.pairs, db_.QueryInt("SELECT count(*) FROM pairs"));
    REPRINT_ASSIGN_OR_RETURN(out.near_duplicate_pairs,
                             db_.QueryInt("SELECT count(*) FROM pairs WHERE near_duplicate = 1"));
    REPRINT_ASSIGN_OR_RETURN(out.clusters, db_.QueryInt("SELECT count(DISTINCT cluster) FROM cluster_members"));
    REPRINT_ASSIGN_OR_RETURN(out.clustered_articles, db_.QueryInt("SELECT count(*) FROM cluster_members"));
    REPRINT_ASSIGN_OR_RETURN(out.batches, db_.QueryInt("SELECT count(*) FROM batches"));
    REPRINT_ASSIGN_OR_RETURN(SqliteStatement options,
                             db_.Prepare("SELECT name, value FROM options ORDER BY position"));
    while (true) {
      REPRINT_ASSIGN_OR_RETURN(const bool row, options.Step());
      if (!row) break;
      out.options.emplace_back(std::string(options.ColumnText(0)), std::string(options.ColumnText(1)));
    }
    return out;
  });
  if (stats.ok()) stats->file_bytes = FileSize(db_.path()) + FileSize(db_.path() + "-wal");
  return stats;
}

absl::StatusOr<ArchiveAudit> Archive::Audit(const AuditOptions& options) {
  return InSnapshot<ArchiveAudit>(db_, [&]() -> absl::StatusOr<ArchiveAudit> {
    ArchiveAudit out;
    absl::flat_hash_map<int64_t, uint32_t> index;
    REPRINT_ASSIGN_OR_RETURN(
        SqliteStatement articles,
        db_.Prepare("SELECT a.num, a.id, a.id_is_integer, a.source, a.published, a.chars, "
                    "coalesce(m.cluster, 0) FROM articles a LEFT JOIN cluster_members m "
                    "ON m.article = a.num ORDER BY a.num"));
    while (true) {
      REPRINT_ASSIGN_OR_RETURN(const bool row, articles.Step());
      if (!row) break;
      index[articles.ColumnInt(0)] = static_cast<uint32_t>(out.articles.size());
      AuditArticle& article = out.articles.emplace_back();
      article.id = DocId{std::string(articles.ColumnText(1)), articles.ColumnInt(2) != 0};
      article.outlet = std::string(articles.ColumnText(3));
      if (!articles.ColumnIsNull(4)) article.published = articles.ColumnInt(4);
      article.chars = articles.ColumnInt(5);
      article.cluster = articles.ColumnInt(6);
    }
    std::vector<AuditPair> pairs;
    REPRINT_ASSIGN_OR_RETURN(
        SqliteStatement select,
        db_.Prepare("SELECT a, b, containment_a_in_b, containment_b_in_a FROM pairs "
                    "WHERE near_duplicate = 1 OR shares_reused_text = 1"));
    while (true) {
      REPRINT_ASSIGN_OR_RETURN(const bool row, select.Step());
      if (!row) break;
      const auto a = index.find(select.ColumnInt(0));
      const auto b = index.find(select.ColumnInt(1));
      if (a == index.end() || b == index.end()) {
        return absl::DataLossError(absl::StrCat(db_.path(), ": a pair names a missing article"));
      }
      pairs.push_back({a->second, b->second, select.ColumnDouble(2), select.ColumnDouble(3)});
    }
    out.report = BuildAudit(out.articles, pairs, options);
    return out;
  });
}

absl::StatusOr<ArchiveView> Archive::Export() {
  return InSnapshot<ArchiveView>(db_, [&]() -> absl::StatusOr<ArchiveView> {
    ArchiveView out;
    absl::flat_hash_map<int64_t, uint32_t> index;
    REPRINT_ASSIGN_OR_RETURN(SqliteStatement articles,
                             db_.Prepare("SELECT num, id, id_is_integer, published FROM articles ORDER BY num"));
    while (true) {
      REPRINT_ASSIGN_OR_RETURN(const bool row, articles.Step());
      if (!row) break;
      index[articles.ColumnInt(0)] = static_cast<uint32_t>(out.documents.size());
      out.article_numbers.push_back(articles.ColumnInt(0));
      Document& doc = out.documents.emplace_back();
      doc.id = DocId{std::string(articles.ColumnText(1)), articles.ColumnInt(2) != 0};
      if (!articles.ColumnIsNull(3)) doc.published = articles.ColumnInt(3);
    }
    auto find = [&](int64_t num) -> absl::StatusOr<uint32_t> {
      const auto it = index.find(num);
      if (it == index.end()) {
        return absl::DataLossError(absl::StrCat(db_.path(), ": article ", num, " is named but missing"));
      }
      return it->second;
    };
    REPRINT_ASSIGN_OR_RETURN(
        SqliteStatement pairs,
        db_.Prepare(absl::StrCat("SELECT ", PairColumns(schema_version_), " FROM pairs ORDER BY a, b")));
    while (true) {
      REPRINT_ASSIGN_OR_RETURN(const bool row, pairs.Step());
      if (!row) break;
      REPRINT_ASSIGN_OR_RETURN(DocumentPair pair, ReadPairRow(db_, pairs));
      REPRINT_ASSIGN_OR_RETURN(pair.a, find(pairs.ColumnInt(0)));
      REPRINT_ASSIGN_OR_RETURN(pair.b, find(pairs.ColumnInt(1)));
      out.result.pairs.push_back(std::move(pair));
    }
    REPRINT_ASSIGN_OR_RETURN(
        SqliteStatement members,
        db_.Prepare("SELECT cluster, article FROM cluster_members ORDER BY cluster, article"));
    while (true) {
      REPRINT_ASSIGN_OR_RETURN(const bool row, members.Step());
      if (!row) break;
      const int64_t cluster = members.ColumnInt(0);
      if (out.result.clusters.empty() || out.result.clusters.back().id != cluster) {
        out.result.clusters.emplace_back().id = cluster;
      }
      REPRINT_ASSIGN_OR_RETURN(const uint32_t member, find(members.ColumnInt(1)));
      out.result.clusters.back().members.push_back(member);
    }
    for (Cluster& cluster : out.result.clusters) OrderMembers(out.documents, &cluster);
    REPRINT_ASSIGN_OR_RETURN(SqliteStatement identical,
                             db_.Prepare("SELECT first, article FROM identical ORDER BY first, article"));
    while (true) {
      REPRINT_ASSIGN_OR_RETURN(const bool row, identical.Step());
      if (!row) break;
      REPRINT_ASSIGN_OR_RETURN(const uint32_t first, find(identical.ColumnInt(0)));
      REPRINT_ASSIGN_OR_RETURN(const uint32_t copy, find(identical.ColumnInt(1)));
      if (out.result.identical.empty() || out.result.identical.back().first != first) {
        out.result.identical.push_back({first, {}});
      }
      out.result.identical.back().copies.push_back(copy);
    }
    for (const IdenticalGroup& group : out.result.identical) out.result.stats.identical_copies += group.copies.size();
    out.result.stats.documents = out.documents.size();
    out.result.stats.lsh = lsh();
    return out;
  });
}

}  // namespace reprint
