// The archive read: shown articles, clusters, statistics, the
// audit and the export, each over one consistent snapshot.
#include <algorithm>
#include <map>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "core/archive_rows.h"
#include "core/passage_codec.h"
#include "core/sqlite.h"
#include "core/stages.h"
#include "core/status_macros.h"
#include "reprint/archive.h"
#include "reprint/cluster.h"

namespace reprint {

absl::StatusOr<ArchiveView> Archive::Show(const DocId& id) {
  return InSnapshot<ArchiveView>(*db_, [&]() -> absl::StatusOr<ArchiveView> {
    REPRINT_ASSIGN_OR_RETURN(SqliteStatement find_id,
                             db_->Prepare("SELECT num FROM articles WHERE id = ? AND id_is_integer = ?"));
    find_id.BindText(1, id.value);
    find_id.Bind(2, int64_t{id.is_integer});
    REPRINT_ASSIGN_OR_RETURN(const bool found, find_id.Step());
    if (!found) return absl::NotFoundError(absl::StrCat(db_->path(), ": no article with id ", id.value));
    std::vector<int64_t> nums = {find_id.ColumnInt(0)};
    ArchiveView out;
    REPRINT_ASSIGN_OR_RETURN(out.result.pairs, LoadPairs(*db_, schema_version_, &nums, /*touching=*/true, false));
    REPRINT_ASSIGN_OR_RETURN(std::vector<StoredArticle> articles, LoadArticles(*db_, nums));
    for (StoredArticle& article : articles) out.documents.push_back(std::move(article.document));
    out.article_numbers = nums;
    out.result.stats.documents = out.documents.size();
    out.result.stats.lsh = lsh();
    return out;
  });
}

absl::StatusOr<ArchiveView> Archive::Clusters(size_t limit) {
  return InSnapshot<ArchiveView>(*db_, [&]() -> absl::StatusOr<ArchiveView> {
    std::vector<std::pair<int64_t, std::vector<int64_t>>> clusters;  // id, member nums
    {
      REPRINT_ASSIGN_OR_RETURN(
          SqliteStatement select,
          db_->Prepare("SELECT cluster, article FROM cluster_members ORDER BY cluster, article"));
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
    REPRINT_ASSIGN_OR_RETURN(out.result.pairs, LoadPairs(*db_, schema_version_, &pair_nums, /*touching=*/false,
                                                         /*near_duplicates_only=*/true));
    REPRINT_ASSIGN_OR_RETURN(std::vector<StoredArticle> articles, LoadArticles(*db_, nums));
    for (StoredArticle& article : articles) out.documents.push_back(std::move(article.document));
    out.article_numbers = nums;
    REPRINT_ASSIGN_OR_RETURN(SqliteStatement merged,
                             db_->Prepare("SELECT id FROM clusters WHERE merged_into = ? ORDER BY id"));
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
  absl::StatusOr<ArchiveStats> stats = InSnapshot<ArchiveStats>(*db_, [&]() -> absl::StatusOr<ArchiveStats> {
    ArchiveStats out;
    REPRINT_ASSIGN_OR_RETURN(const int64_t version, db_->QueryInt(
        "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'schema_version'"));
    out.schema_version = static_cast<int>(version);
    REPRINT_ASSIGN_OR_RETURN(out.articles, db_->QueryInt("SELECT count(*) FROM articles"));
    if (schema_version_ >= 2) {
      REPRINT_ASSIGN_OR_RETURN(out.identical_copies, db_->QueryInt("SELECT count(*) FROM identical"));
    }
    REPRINT_ASSIGN_OR_RETURN(out.text_bytes, db_->QueryInt("SELECT sum(length(CAST(text AS BLOB))) FROM articles"));
    REPRINT_ASSIGN_OR_RETURN(out.pairs, db_->QueryInt("SELECT count(*) FROM pairs"));
    REPRINT_ASSIGN_OR_RETURN(out.near_duplicate_pairs,
                             db_->QueryInt("SELECT count(*) FROM pairs WHERE near_duplicate = 1"));
    REPRINT_ASSIGN_OR_RETURN(out.clusters, db_->QueryInt("SELECT count(DISTINCT cluster) FROM cluster_members"));
    REPRINT_ASSIGN_OR_RETURN(out.clustered_articles, db_->QueryInt("SELECT count(*) FROM cluster_members"));
    REPRINT_ASSIGN_OR_RETURN(out.batches, db_->QueryInt("SELECT count(*) FROM batches"));
    REPRINT_ASSIGN_OR_RETURN(SqliteStatement options,
                             db_->Prepare("SELECT name, value FROM options ORDER BY position"));
    while (true) {
      REPRINT_ASSIGN_OR_RETURN(const bool row, options.Step());
      if (!row) break;
      out.options.emplace_back(std::string(options.ColumnText(0)), std::string(options.ColumnText(1)));
    }
    return out;
  });
  if (stats.ok()) stats->file_bytes = FileSize(db_->path()) + FileSize(db_->path() + "-wal");
  return stats;
}

absl::StatusOr<ArchiveAudit> Archive::Audit(const AuditOptions& options) {
  return InSnapshot<ArchiveAudit>(*db_, [&]() -> absl::StatusOr<ArchiveAudit> {
    ArchiveAudit out;
    absl::flat_hash_map<int64_t, uint32_t> index;
    REPRINT_ASSIGN_OR_RETURN(
        SqliteStatement articles,
        db_->Prepare("SELECT a.num, a.id, a.id_is_integer, a.source, a.published, a.chars, "
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
        db_->Prepare("SELECT a, b, containment_a_in_b, containment_b_in_a FROM pairs "
                    "WHERE near_duplicate = 1 OR shares_reused_text = 1"));
    while (true) {
      REPRINT_ASSIGN_OR_RETURN(const bool row, select.Step());
      if (!row) break;
      const auto a = index.find(select.ColumnInt(0));
      const auto b = index.find(select.ColumnInt(1));
      if (a == index.end() || b == index.end()) {
        return absl::DataLossError(absl::StrCat(db_->path(), ": a pair names a missing article"));
      }
      pairs.push_back({a->second, b->second, select.ColumnDouble(2), select.ColumnDouble(3)});
    }
    out.report = BuildAudit(out.articles, pairs, options);
    return out;
  });
}

absl::StatusOr<ArchiveView> Archive::Export() {
  return InSnapshot<ArchiveView>(*db_, [&]() -> absl::StatusOr<ArchiveView> {
    ArchiveView out;
    absl::flat_hash_map<int64_t, uint32_t> index;
    REPRINT_ASSIGN_OR_RETURN(SqliteStatement articles,
                             db_->Prepare("SELECT num, id, id_is_integer, published FROM articles ORDER BY num"));
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
        return absl::DataLossError(absl::StrCat(db_->path(), ": article ", num, " is named but missing"));
      }
      return it->second;
    };
    REPRINT_ASSIGN_OR_RETURN(
        SqliteStatement pairs,
        db_->Prepare(absl::StrCat("SELECT ", PairColumns(schema_version_), " FROM pairs ORDER BY a, b")));
    while (true) {
      REPRINT_ASSIGN_OR_RETURN(const bool row, pairs.Step());
      if (!row) break;
      REPRINT_ASSIGN_OR_RETURN(DocumentPair pair, ReadPairRow(*db_, pairs));
      REPRINT_ASSIGN_OR_RETURN(pair.a, find(pairs.ColumnInt(0)));
      REPRINT_ASSIGN_OR_RETURN(pair.b, find(pairs.ColumnInt(1)));
      out.result.pairs.push_back(std::move(pair));
    }
    REPRINT_ASSIGN_OR_RETURN(
        SqliteStatement members,
        db_->Prepare("SELECT cluster, article FROM cluster_members ORDER BY cluster, article"));
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
                             db_->Prepare("SELECT first, article FROM identical ORDER BY first, article"));
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
