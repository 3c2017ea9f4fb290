#include "core/archive_rows.h"

#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <tuple>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "core/passage_codec.h"

namespace reprint {

std::string NowTimestamp() {
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  return FormatTimestamp(std::chrono::duration_cast<std::chrono::seconds>(now).count());
}

int64_t FileSize(const std::string& path) {
  struct stat info;
  return stat(path.c_str(), &info) == 0 ? static_cast<int64_t>(info.st_size) : 0;
}



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

std::string PairColumns(int schema_version) {
  return absl::StrCat(
      "a, b, jaccard, jaccard_estimate, containment_a_in_b, containment_b_in_a, near_duplicate, "
      "shares_reused_text, passages, ",
      schema_version >= 2 ? "shingle_containment_a_in_b, shingle_containment_b_in_a"
                          : "containment_a_in_b, containment_b_in_a");
}

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


bool WithinWindow(const Document& a, const Document& b, std::optional<int> window_days) {
  if (!window_days || !a.published || !b.published) return true;
  return std::llabs(*a.published - *b.published) <= int64_t{*window_days} * 86400;
}

}  // namespace reprint
