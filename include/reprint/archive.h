// The archive: a SQLite file (WAL mode) that articles are added to in
// batches and that can be queried as they arrive.
//
//   absl::StatusOr<std::unique_ptr<Archive>> archive =
//       Archive::Open("reprint.db", Archive::Access::kWrite, ArchiveRequest{});
//   absl::StatusOr<AddSummary> added = (*archive)->Add(corpus.documents, AddOptions{});
//   absl::StatusOr<ArchiveView> sources = (*archive)->Query(new_articles);
//
// It stores each article's text and metadata, its MinHash signature, its
// LSH band keys and (with passages enabled) its winnowed passage
// fingerprints, every accepted pair with its passages, and syndication
// clusters; plus the options it was built with and a schema version.
//
// A batch's candidates come from the rule Scan() applies (core/candidates.h),
// over the batch and the stored articles' postings (core/archive_postings.h);
// they are verified and aligned as Scan() does (EvaluateCandidates()), and
// the batch is committed in one transaction. So adding an archive in
// batches gives the pairs and clusters of one scan over all of it, except,
// with passages, that a fingerprint which becomes common with a later batch
// stops counting only from then on.
//
// Clusters have stable ids: a cluster keeps its id as it grows; when a new
// article joins clusters, the oldest id survives and the others are
// recorded as merged into it.
//
// Concurrency: any number of readers and one writer at a time (SQLite WAL);
// a second writer waits up to five seconds, then gets kUnavailable.
#ifndef REPRINT_ARCHIVE_H_
#define REPRINT_ARCHIVE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "reprint/audit.h"
#include "reprint/cluster.h"
#include "reprint/document.h"
#include "reprint/options.h"
#include "reprint/result.h"

namespace reprint {

class SqliteDb;

// The schema this build writes; older archives are migrated on open for
// writing, newer ones refused.
// 2: identical texts (text_keys, identical tables; see EvaluateBatch()),
// the sketch as an option, and each pair's shingle containment.
inline constexpr int kArchiveSchemaVersion = 2;

// The options that shape an archive's content, as (name, value) pairs in a
// fixed order; names are the `reprint scan` flags without "--".
std::vector<std::pair<std::string, std::string>> ArchivedOptions(const ScanOptions& options,
                                                                 std::optional<int> window_days);

struct ArchiveRequest {
  // For a new archive: the options it is built with. For an existing one,
  // ignored except for the names in `explicitly_set`.
  ScanOptions options;
  std::optional<int> window_days;  // candidates only among articles this many days apart
  // ArchivedOptions() names the caller set on purpose: opening an existing
  // archive whose stored value differs is kFailedPrecondition.
  std::vector<std::string> explicitly_set;
  // How long a writer waits for another writer to finish its batch before
  // failing with kUnavailable.
  int busy_timeout_ms = 5000;
  // The registered SQLite VFS the file is reached through (empty: the
  // default). Whatever it fails (a full disk, a read error), a batch either
  // commits whole or leaves no trace, and earlier batches stay.
  std::string vfs;
};

struct AddOptions {
  size_t batch_size = 10000;  // articles per transaction
  bool replace = false;       // an id already stored: replace it (else skip it)
  ProgressCallback progress;  // stage "adding", units = articles
};

struct AddSummary {
  int64_t added = 0;             // new articles stored
  int64_t skipped_existing = 0;  // ids already stored, left as they were
  int64_t replaced = 0;          // ids already stored, replaced
  int64_t pairs = 0;             // pairs accepted
  int64_t clusters_created = 0;
  int64_t clusters_merged = 0;   // clusters merged into older ones
  int64_t batches = 0;
};

// Articles with the pairs among them, shaped for the report writers: pair
// and cluster indices point into `documents`.
struct ArchiveView {
  std::vector<Document> documents;
  ScanResult result;
  std::vector<int64_t> article_numbers;  // per document: its number in the archive, 0 if not stored
  // Per cluster of result.clusters: the ids of clusters merged into it.
  std::vector<std::vector<int64_t>> merged_from;
};

struct ArchiveStats {
  int schema_version = 0;
  int64_t articles = 0;
  int64_t identical_copies = 0;  // articles identical to an earlier one, paired with it alone
  int64_t pairs = 0;
  int64_t near_duplicate_pairs = 0;
  int64_t clusters = 0;         // live (not merged)
  int64_t clustered_articles = 0;
  int64_t batches = 0;
  int64_t text_bytes = 0;       // article text stored
  int64_t file_bytes = 0;       // the database file with its WAL
  std::vector<std::pair<std::string, std::string>> options;
};

struct ArchiveAudit {
  std::vector<AuditArticle> articles;  // every stored article, by archive number
  AuditReport report;
};

class Archive {
 public:
  enum class Access { kRead, kWrite };

  // Opens `path`. kWrite creates a missing archive with request.options;
  // kRead needs an existing one (kNotFound). Errors name the file:
  // kFailedPrecondition for conflicting options, a newer schema or a SQLite
  // file that is not a reprint archive; kDataLoss for a corrupt file.
  static absl::StatusOr<std::unique_ptr<Archive>> Open(const std::string& path, Access access,
                                                       const ArchiveRequest& request);
  ~Archive();

  // The options the archive was built with (threads from the request).
  const ScanOptions& options() const { return options_; }
  std::optional<int> window_days() const { return window_days_; }

  // Adds `documents` in batches, each in one transaction. Documents must
  // have distinct ids (readers ensure it). On error, the batches committed
  // so far stay; the failing one leaves no trace.
  absl::StatusOr<AddSummary> Add(absl::Span<const Document> documents, const AddOptions& add);

  // The pairs `documents` would form with the stored articles and among
  // themselves, without storing anything. In the view, the stored articles
  // involved come first (by archive number), then `documents` in order.
  absl::StatusOr<ArchiveView> Query(absl::Span<const Document> documents);

  // The stored article with this id and every stored pair it is in, with
  // the other articles; kNotFound if absent.
  absl::StatusOr<ArchiveView> Show(const DocId& id);

  // Every live cluster with its members (and the near-duplicate pairs
  // among them), ids ascending; `limit` > 0 keeps the largest that many.
  absl::StatusOr<ArchiveView> Clusters(size_t limit = 0);

  absl::StatusOr<ArchiveStats> Stats();

  // Every stored pair (with its passages) and every live cluster, over
  // documents that carry only ids and publication times (no text): what
  // scoring an archive against truth needs. O(articles + pairs).
  absl::StatusOr<ArchiveView> Export();

  // Who takes from whom across the whole archive (core/audit.h). Reads
  // every article's metadata and every pair: O(articles + pairs).
  absl::StatusOr<ArchiveAudit> Audit(const AuditOptions& options);

  const std::string& path() const;

 private:
  // A batch's pairs, found and evaluated but not yet stored (archive.cc).
  struct BatchEvaluation;

  Archive() = default;
  absl::Status CreateSchema(const ArchiveRequest& request);
  absl::Status LoadOptions(const ArchiveRequest& request);
  // The key under which `doc`, of NormalizedTextKey() `text_key`, is
  // identical to others: the text key, and with a window the publication
  // time too. 0 for a text without words.
  uint64_t IdenticalKey(uint64_t text_key, const Document& doc) const;
  // Brings an archive of an older schema up to kArchiveSchemaVersion, in
  // one transaction. For writers only.
  absl::Status Migrate();
  // Computes every stored pair's shingle containment from the stored texts
  // (schema 1 had none). O(pairs) tokenisations, within the caller's transaction.
  absl::Status StoreShingleContainment();
  // Finds and evaluates the pairs of `batch` (numbered from first_new) with
  // itself and with the stored articles; a stored article never pairs with
  // a batch article of the same id. An article identical (after
  // normalisation, and with a window published at the same time) to an
  // earlier one, in the batch or stored, is paired with that first one
  // alone and indexed nowhere, so thousands of copies cost linear time.
  absl::StatusOr<BatchEvaluation> EvaluateBatch(std::vector<Document> batch, int64_t first_new);
  absl::Status AddBatch(absl::Span<const Document* const> batch, bool replace, AddSummary* summary);
  // Puts the articles joined by near-duplicate `edges` (archive numbers)
  // into clusters: new ones, or the oldest existing one, merging the others.
  absl::Status JoinClusters(const std::vector<std::pair<int64_t, int64_t>>& edges, int64_t batch_id,
                            AddSummary* summary);
  // Deletes article `num` with its keys and pairs, regrouping its cluster,
  // and appends it to *readd if `comes_back`. If it was the first of
  // identical copies, they are deleted too and appended to *readd, to be
  // added again (they were indexed only through it).
  absl::Status RemoveArticle(int64_t num, int64_t batch_id, AddSummary* summary,
                             std::vector<Document>* readd, bool comes_back = false);
  // The banding the archive was built with (LoadOptions() always sets it).
  const LshParams& lsh() const { return *options_.lsh; }

  std::unique_ptr<SqliteDb> db_;  // the connection
  int schema_version_ = 0;  // as stored; below 2 there are no text keys yet (read-only)
  ScanOptions options_;
  std::optional<int> window_days_;
};

}  // namespace reprint

#endif  // REPRINT_ARCHIVE_H_
