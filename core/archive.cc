#include "reprint/archive.h"

#include <algorithm>
#include <limits>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "core/archive_postings.h"
#include "core/archive_rows.h"
#include "core/candidates.h"
#include "core/encoding.h"
#include "core/minhash.h"
#include "core/parallel.h"
#include "core/passage_codec.h"
#include "core/shingle.h"
#include "core/sqlite.h"
#include "core/stages.h"
#include "core/status_macros.h"

namespace reprint {

// A batch's pairs, found and evaluated but not yet stored.
struct Archive::BatchEvaluation {
  DocumentSketches sketches;            // of the batch
  BatchCandidates found;                // its candidates, and the postings it adds
  std::vector<int64_t> stored_nums;     // stored articles involved, ascending
  std::vector<Document> documents;      // those articles, then the batch
  std::vector<DocumentPair> pairs;      // indices into `documents`
};

absl::StatusOr<std::unique_ptr<Archive>> Archive::Open(const std::string& path, Access access,
                                                       const ArchiveRequest& request) {
  auto archive = std::unique_ptr<Archive>(new Archive());
  absl::StatusOr<SqliteDb> db = SqliteDb::Open(
      path, access == Access::kRead ? SqliteDb::Mode::kReadOnly : SqliteDb::Mode::kReadWriteCreate,
      request.busy_timeout_ms, request.vfs);
  if (!db.ok()) {
    if (absl::IsNotFound(db.status())) {
      return absl::NotFoundError(access == Access::kRead
                                     ? absl::StrCat(path, ": no such archive")
                                     : absl::StrCat(path, ": cannot create the archive (does its directory exist?)"));
    }
    return db.status();
  }
  archive->db_ = std::make_unique<SqliteDb>(*std::move(db));
  SqliteDb& d = *archive->db_;
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
  }
  return archive;
}

Archive::~Archive() = default;

const std::string& Archive::path() const { return db_->path(); }

uint64_t Archive::IdenticalKey(uint64_t text_key, const Document& doc) const {
  if (text_key == 0 || !window_days_) return text_key;
  // A copy stands for its first in every pair, which the window allows
  // only if both were published at the same time (or both undated).
  const uint64_t when = doc.published ? static_cast<uint64_t>(*doc.published) : 0x9E3779B97F4A7C15ULL;
  const uint64_t key = CombineWordHashes(std::array<uint64_t, 2>{text_key, when}.data(), 2);
  return key == 0 ? 1 : key;
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
  db_->Exec("PRAGMA wal_checkpoint(TRUNCATE)").IgnoreError();
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
  REPRINT_ASSIGN_OR_RETURN(ArchivePostings stored_postings, ArchivePostings::Open(*db_, schema_version_ >= 2));
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
  REPRINT_ASSIGN_OR_RETURN(std::vector<StoredArticle> stored, LoadArticles(*db_, out.stored_nums));
  std::vector<uint32_t> signatures;
  out.documents.reserve(stored.size() + n);
  for (StoredArticle& article : stored) {
    if (article.signature.size() != sketches.num_perm) {
      return absl::DataLossError(absl::StrCat(db_->path(), ": article ", article.num, " has a bad signature"));
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

namespace {

// Stores the batch's articles, numbered from first_new, with their signatures.
absl::Status StoreArticles(SqliteDb& db, absl::Span<const Document> documents, const DocumentSketches& sketches,
                           int64_t first_new, int64_t batch_id) {
  REPRINT_ASSIGN_OR_RETURN(
      SqliteStatement insert_article,
      db.Prepare("INSERT INTO articles(num, id, id_is_integer, source, published, published_text, "
                  "title, url, text, signature, batch, chars) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  for (size_t i = 0; i < documents.size(); ++i) {
    const Document& doc = documents[i];
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
    insert_article.BindBlob(10, SignatureBlob(sketches.signature(i)));
    insert_article.Bind(11, batch_id);
    insert_article.Bind(12, static_cast<int64_t>(CountCodePoints(doc.text)));
    REPRINT_RETURN_IF_ERROR(insert_article.Run());
  }
  return absl::OkStatus();
}

// Stores what indexing the batch adds: its band keys, counting
// fingerprints, first texts, identical copies and newly common fingerprints.
absl::Status StorePostings(SqliteDb& db, const BatchCandidates& found, int64_t first_new) {
  REPRINT_ASSIGN_OR_RETURN(SqliteStatement insert_band, db.Prepare("INSERT OR IGNORE INTO band_keys VALUES(?, ?)"));
  for (const auto& [key, i] : found.band_keys) {
    insert_band.Bind(1, AsStored(key));
    insert_band.Bind(2, first_new + i);
    REPRINT_RETURN_IF_ERROR(insert_band.Run());
  }
  REPRINT_ASSIGN_OR_RETURN(SqliteStatement insert_passage_key,
                           db.Prepare("INSERT OR IGNORE INTO passage_keys VALUES(?, ?)"));
  for (const auto& [key, i] : found.fingerprint_keys) {
    insert_passage_key.Bind(1, AsStored(key));
    insert_passage_key.Bind(2, first_new + i);
    REPRINT_RETURN_IF_ERROR(insert_passage_key.Run());
  }
  REPRINT_ASSIGN_OR_RETURN(SqliteStatement insert_text_key,
                           db.Prepare("INSERT OR REPLACE INTO text_keys VALUES(?, ?)"));
  for (const auto& [key, i] : found.text_keys) {
    insert_text_key.Bind(1, AsStored(key));
    insert_text_key.Bind(2, first_new + i);
    REPRINT_RETURN_IF_ERROR(insert_text_key.Run());
  }
  REPRINT_ASSIGN_OR_RETURN(SqliteStatement insert_identical, db.Prepare("INSERT INTO identical VALUES(?, ?)"));
  auto insert_copy = [&](int64_t first, uint32_t copy) {
    insert_identical.Bind(1, first_new + copy);
    insert_identical.Bind(2, first);
    return insert_identical.Run();
  };
  for (const CandidatePair& p : found.identical_pairs) {
    REPRINT_RETURN_IF_ERROR(insert_copy(first_new + p.a, p.b));
  }
  for (const EarlierPair& p : found.earlier_identical_pairs) {
    REPRINT_RETURN_IF_ERROR(insert_copy(p.earlier, p.batch));
  }
  REPRINT_ASSIGN_OR_RETURN(SqliteStatement make_common,
                           db.Prepare("INSERT OR IGNORE INTO common_keys VALUES(?)"));
  for (const uint64_t key : found.newly_common) {
    make_common.Bind(1, AsStored(key));
    REPRINT_RETURN_IF_ERROR(make_common.Run());
  }
  return absl::OkStatus();
}

// Stores the batch's pairs (ends mapped to archive numbers by num_of), and
// appends the near-duplicates to *edges.
template <typename NumberOf>
absl::Status StorePairs(SqliteDb& db, absl::Span<const DocumentPair> pairs, NumberOf num_of, int64_t batch_id,
                        std::vector<std::pair<int64_t, int64_t>>* edges) {
  REPRINT_ASSIGN_OR_RETURN(
      SqliteStatement insert_pair,
      db.Prepare("INSERT OR REPLACE INTO pairs VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  for (const DocumentPair& pair : pairs) {
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
    if (pair.near_duplicate) edges->emplace_back(a, b);
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status Archive::AddBatch(absl::Span<const Document* const> incoming, bool replace,
                               AddSummary* summary) {
  Transaction transaction(*db_);
  if (absl::Status begun = transaction.Begin(); !begun.ok()) {
    if (absl::IsUnavailable(begun)) {
      return absl::UnavailableError(absl::StrCat(
          db_->path(), ": another process is adding to this archive; try again when it is done"));
    }
    return begun;
  }
  REPRINT_ASSIGN_OR_RETURN(const int64_t batch_id, db_->QueryInt("SELECT coalesce(max(id), 0) + 1 FROM batches"));

  // Ids already stored are skipped, or replaced: the old article leaves the
  // archive with its keys, pairs and cluster membership.
  REPRINT_ASSIGN_OR_RETURN(SqliteStatement find_id,
                           db_->Prepare("SELECT num FROM articles WHERE id = ? AND id_is_integer = ?"));
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
  // AUTOINCREMENT: a replaced article's number is never given out again.
  REPRINT_ASSIGN_OR_RETURN(
      const int64_t first_new,
      db_->QueryInt("SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'articles'), 0) + 1"));
  REPRINT_ASSIGN_OR_RETURN(BatchEvaluation evaluation, EvaluateBatch(std::move(batch), first_new));
  const size_t num_stored = evaluation.stored_nums.size();
  auto num_of = [&](uint32_t i) -> int64_t {
    return i < num_stored ? evaluation.stored_nums[i] : first_new + static_cast<int64_t>(i - num_stored);
  };

  const absl::Span<const Document> stored_and_batch(evaluation.documents);
  REPRINT_RETURN_IF_ERROR(StoreArticles(*db_, stored_and_batch.subspan(num_stored), evaluation.sketches, first_new,
                                        batch_id));
  REPRINT_RETURN_IF_ERROR(StorePostings(*db_, evaluation.found, first_new));
  std::vector<std::pair<int64_t, int64_t>> edges;
  REPRINT_RETURN_IF_ERROR(StorePairs(*db_, evaluation.pairs, num_of, batch_id, &edges));
  REPRINT_RETURN_IF_ERROR(JoinClusters(edges, batch_id, summary));

  REPRINT_ASSIGN_OR_RETURN(SqliteStatement insert_batch,
                           db_->Prepare("INSERT INTO batches VALUES(?, ?, ?, ?, ?, ?)"));
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

absl::StatusOr<ArchiveView> Archive::Query(absl::Span<const Document> documents) {
  // A read transaction: one consistent snapshot while a writer goes on.
  return InSnapshot<ArchiveView>(*db_, [&]() -> absl::StatusOr<ArchiveView> {
    REPRINT_ASSIGN_OR_RETURN(const int64_t first_new,
                             db_->QueryInt("SELECT coalesce(max(num), 0) + 1 FROM articles"));
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

}  // namespace reprint
