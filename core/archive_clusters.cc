// The archive's clusters: joining the articles of new near-duplicate pairs,
// and regrouping when an article leaves.
#include <algorithm>
#include <map>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "core/archive_rows.h"
#include "core/fingerprint.h"
#include "core/lsh.h"
#include "core/shingle.h"
#include "core/sqlite.h"
#include "core/status_macros.h"
#include "core/tokenize.h"
#include "reprint/archive.h"
#include "reprint/cluster.h"

namespace reprint {

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
                           db_->Prepare("SELECT cluster FROM cluster_members WHERE article = ?"));
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
                           db_->Prepare("INSERT INTO clusters(id, created_batch) VALUES(?, ?)"));
  REPRINT_ASSIGN_OR_RETURN(int64_t next_id, db_->QueryInt("SELECT coalesce(max(id), 0) + 1 FROM clusters"));
  REPRINT_ASSIGN_OR_RETURN(SqliteStatement add_member,
                           db_->Prepare("INSERT OR REPLACE INTO cluster_members VALUES(?, ?)"));
  REPRINT_ASSIGN_OR_RETURN(SqliteStatement move_members,
                           db_->Prepare("UPDATE cluster_members SET cluster = ? WHERE cluster = ?"));
  REPRINT_ASSIGN_OR_RETURN(
      SqliteStatement mark_merged,
      db_->Prepare("UPDATE clusters SET merged_into = ?, merged_batch = ? WHERE id = ?"));
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
  REPRINT_ASSIGN_OR_RETURN(std::vector<StoredArticle> old, LoadArticles(*db_, {num}));
  if (comes_back) readd->push_back(old[0].document);
  // Its copies were found only through it: they leave and come back.
  std::vector<int64_t> copies;
  {
    REPRINT_ASSIGN_OR_RETURN(SqliteStatement select,
                             db_->Prepare("SELECT article FROM identical WHERE first = ? ORDER BY article"));
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
  REPRINT_RETURN_IF_ERROR(db_->Exec(absl::StrCat(
      "DELETE FROM text_keys WHERE key = ", AsStored(IdenticalKey(NormalizedTextKey(tokens), old[0].document)),
      " AND article = ", num,
      "; DELETE FROM identical WHERE article = ", num)));
  REPRINT_ASSIGN_OR_RETURN(SqliteStatement drop_band,
                           db_->Prepare("DELETE FROM band_keys WHERE key = ? AND article = ?"));
  for (int band = 0; band < lsh().num_bands; ++band) {
    drop_band.Bind(1, AsStored(BandKey(old[0].signature.data(), lsh(), band)));
    drop_band.Bind(2, num);
    REPRINT_RETURN_IF_ERROR(drop_band.Run());
  }
  if (options_.passages.enabled) {
    std::vector<uint64_t> scratch, fingerprints;
    Winnow(tokens, options_.passages.fingerprints, &scratch, &fingerprints);
    REPRINT_ASSIGN_OR_RETURN(SqliteStatement drop_passage,
                             db_->Prepare("DELETE FROM passage_keys WHERE key = ? AND article = ?"));
    for (const uint64_t fp : fingerprints) {
      drop_passage.Bind(1, AsStored(fp));
      drop_passage.Bind(2, num);
      REPRINT_RETURN_IF_ERROR(drop_passage.Run());
    }
  }
  REPRINT_ASSIGN_OR_RETURN(const int64_t cluster,
                           db_->QueryInt(absl::StrCat("SELECT cluster FROM cluster_members WHERE article = ", num)));
  REPRINT_RETURN_IF_ERROR(db_->Exec(absl::StrCat(
      "DELETE FROM pairs WHERE a = ", num, "; DELETE FROM pairs WHERE b = ", num,
      "; DELETE FROM cluster_members WHERE article = ", num, "; DELETE FROM articles WHERE num = ", num)));
  if (cluster == 0) return absl::OkStatus();
  // The cluster may fall apart without it: its members are regrouped by
  // the near-duplicate pairs left; the part of two or more holding the
  // earliest-added member keeps the id, other such parts become new clusters.
  std::vector<int64_t> members;
  {
    REPRINT_ASSIGN_OR_RETURN(SqliteStatement select,
                             db_->Prepare("SELECT article FROM cluster_members WHERE cluster = ? ORDER BY article"));
    select.Bind(1, cluster);
    while (true) {
      REPRINT_ASSIGN_OR_RETURN(const bool row, select.Step());
      if (!row) break;
      members.push_back(select.ColumnInt(0));
    }
  }
  REPRINT_RETURN_IF_ERROR(db_->Exec(absl::StrCat("DELETE FROM cluster_members WHERE cluster = ", cluster)));
  std::vector<int64_t> nums = members;
  REPRINT_ASSIGN_OR_RETURN(std::vector<DocumentPair> pairs,
                           LoadPairs(*db_, schema_version_, &nums, /*touching=*/false, /*near_duplicates_only=*/true));
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
                           db_->Prepare("INSERT INTO cluster_members VALUES(?, ?)"));
  REPRINT_ASSIGN_OR_RETURN(SqliteStatement new_cluster,
                           db_->Prepare("INSERT INTO clusters(id, created_batch) VALUES(?, ?)"));
  REPRINT_ASSIGN_OR_RETURN(int64_t next_id, db_->QueryInt("SELECT coalesce(max(id), 0) + 1 FROM clusters"));
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

}  // namespace reprint
