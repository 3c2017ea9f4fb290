#include "reprint/archive.h"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/sqlite.h"
#include "gtest/gtest.h"
#include "reprint/generate.h"
#include "reprint/scan.h"
#include "tests/testing/fault_vfs.h"
#include "tests/testing/synthetic.h"
#include "tests/testing/temp_dir.h"

namespace reprint {
namespace {

namespace fs = std::filesystem;

class ArchiveTest : public test::TempDirTest {};

std::vector<Document> Synthetic(int64_t articles, uint64_t seed, double embed_rate = 0) {
  SyntheticOptions options;
  options.articles = articles;
  options.words = 200;
  options.seed = seed;
  options.embed_rate = embed_rate;
  return test::SyntheticArticles(options);
}

Document Article(const std::string& id, const std::string& text, const std::string& published = "") {
  Document doc;
  doc.id.value = id;
  doc.text = text;
  if (!published.empty()) {
    doc.published_text = published;
    doc.published = *ParsePublished(published);
  }
  return doc;
}

// A pair as both pipelines report it, by article ids (smaller id first).
using PairKey = std::pair<std::string, std::string>;
struct PairFacts {
  double jaccard;
  double containment_first_in_second;
  double containment_second_in_first;
  size_t passages;
  std::vector<std::tuple<uint32_t, uint32_t, uint32_t, uint32_t>> spans;  // char spans, first then second
  friend bool operator==(const PairFacts&, const PairFacts&) = default;
};

std::map<PairKey, PairFacts> Facts(absl::Span<const Document> docs, absl::Span<const DocumentPair> pairs) {
  std::map<PairKey, PairFacts> out;
  for (const DocumentPair& pair : pairs) {
    const std::string& a = docs[pair.a].id.value;
    const std::string& b = docs[pair.b].id.value;
    const bool swap = b < a;
    PairFacts facts{pair.jaccard, swap ? pair.containment_b_in_a : pair.containment_a_in_b,
                    swap ? pair.containment_a_in_b : pair.containment_b_in_a, pair.passages.size(), {}};
    for (const Passage& p : pair.passages) {
      const TextSpan& first = swap ? p.b : p.a;
      const TextSpan& second = swap ? p.a : p.b;
      facts.spans.emplace_back(first.char_begin, first.char_end, second.char_begin, second.char_end);
    }
    std::sort(facts.spans.begin(), facts.spans.end());
    out[swap ? PairKey(b, a) : PairKey(a, b)] = facts;
  }
  return out;
}

std::set<std::set<std::string>> Partition(absl::Span<const Document> docs, absl::Span<const Cluster> clusters) {
  std::set<std::set<std::string>> out;
  for (const Cluster& cluster : clusters) {
    std::set<std::string> members;
    for (const uint32_t m : cluster.members) members.insert(docs[m].id.value);
    out.insert(members);
  }
  return out;
}

// Every stored pair, by reading each stored article with Show().
std::map<PairKey, PairFacts> StoredFacts(Archive& archive, absl::Span<const Document> docs) {
  std::map<PairKey, PairFacts> out;
  for (const Document& doc : docs) {
    absl::StatusOr<ArchiveView> view = archive.Show(doc.id);
    EXPECT_TRUE(view.ok()) << view.status();
    if (!view.ok()) continue;
    for (auto& [key, facts] : Facts(view->documents, view->result.pairs)) out[key] = facts;
  }
  return out;
}

void ExpectSameFacts(const std::map<PairKey, PairFacts>& got, const std::map<PairKey, PairFacts>& want) {
  EXPECT_EQ(got.size(), want.size());
  int reported = 0;
  for (const auto& [key, facts] : want) {
    const auto it = got.find(key);
    if (it == got.end()) {
      ADD_FAILURE() << "missing pair " << key.first << " " << key.second;
    } else if (!(it->second == facts)) {
      ADD_FAILURE() << "pair " << key.first << " " << key.second << ": jaccard " << it->second.jaccard
                    << " vs " << facts.jaccard << ", containment " << it->second.containment_first_in_second
                    << "/" << it->second.containment_second_in_first << " vs "
                    << facts.containment_first_in_second << "/" << facts.containment_second_in_first
                    << ", passages " << it->second.passages << " vs " << facts.passages;
    } else {
      continue;
    }
    if (++reported == 10) break;
  }
  for (const auto& [key, facts] : got) {
    if (!want.contains(key)) ADD_FAILURE() << "extra pair " << key.first << " " << key.second;
  }
}

void ExpectSameAsOneScan(const std::vector<Document>& docs, const ScanOptions& options,
                         const std::string& path, size_t batch_size) {
  const absl::StatusOr<ScanResult> scan = Scan(docs, options);
  ASSERT_TRUE(scan.ok()) << scan.status();
  ASSERT_GT(scan->pairs.size(), 20u) << "the corpus should hold some reuse";

  ArchiveRequest request;
  request.options = options;
  absl::StatusOr<std::unique_ptr<Archive>> archive = Archive::Open(path, Archive::Access::kWrite, request);
  ASSERT_TRUE(archive.ok()) << archive.status();
  AddOptions add;
  add.batch_size = batch_size;
  const absl::StatusOr<AddSummary> summary = (*archive)->Add(docs, add);
  ASSERT_TRUE(summary.ok()) << summary.status();
  EXPECT_EQ(summary->added, static_cast<int64_t>(docs.size()));
  EXPECT_EQ(summary->batches, static_cast<int64_t>((docs.size() + batch_size - 1) / batch_size));
  EXPECT_EQ(summary->pairs, static_cast<int64_t>(scan->pairs.size()));

  ExpectSameFacts(StoredFacts(**archive, docs), Facts(docs, scan->pairs));
  const absl::StatusOr<ArchiveView> clusters = (*archive)->Clusters();
  ASSERT_TRUE(clusters.ok()) << clusters.status();
  EXPECT_EQ(Partition(clusters->documents, clusters->result.clusters), Partition(docs, scan->clusters));
  EXPECT_EQ(clusters->result.clusters.size(), scan->clusters.size());
}

TEST_F(ArchiveTest, AddingInBatchesGivesThePairsAndClustersOfOneScan) {
  ScanOptions options;
  options.threads = 2;
  ExpectSameAsOneScan(Synthetic(700, 3), options, Path("a.db"), 64);
}

TEST_F(ArchiveTest, AddingInBatchesGivesTheSamePassagesAsOneScan) {
  ScanOptions options;
  options.threads = 2;
  options.passages.enabled = true;
  // Common text is what more than max_document_frequency articles share:
  // a scan knows it from the start, an archive only once it is common
  // (archive.h). With no fingerprint common, the two must agree exactly.
  options.passages.fingerprints.max_document_frequency = 1'000'000;
  ExpectSameAsOneScan(Synthetic(500, 4, /*embed_rate=*/0.1), options, Path("p.db"), 50);
}

TEST_F(ArchiveTest, AnOutletsFooterIsBoilerplateAcrossBatchesAsInOneScan) {
  // 30 unrelated articles ending with one 60-word paragraph: from one
  // outlet it is a footer and pairs nothing; from 30 outlets it is a wire
  // paragraph and pairs every two. Added ten at a time, as one scan says.
  SyntheticOptions generate;
  generate.articles = 31;
  generate.words = 150;
  generate.copy_rate = 0;
  generate.seed = 21;
  std::vector<Document> docs = test::SyntheticArticles(generate);
  const std::string paragraph(std::string_view(docs.back().text).substr(0, 400));
  docs.pop_back();
  for (const bool one_outlet : {true, false}) {
    SCOPED_TRACE(one_outlet ? "one outlet" : "thirty outlets");
    std::vector<Document> batch = docs;
    for (size_t i = 0; i < batch.size(); ++i) {
      batch[i].text = std::string(batch[i].text) + "\n\n" + paragraph;
      batch[i].source = one_outlet ? "Daily" : absl::StrCat("Outlet ", i);
    }
    const absl::StatusOr<ScanResult> scan = Scan(batch, ScanOptions{});
    ASSERT_TRUE(scan.ok()) << scan.status();
    EXPECT_EQ(scan->pairs.size(), one_outlet ? 0u : 435u);
    ArchiveRequest request;
    absl::StatusOr<std::unique_ptr<Archive>> archive =
        Archive::Open(Path(one_outlet ? "one.db" : "thirty.db"), Archive::Access::kWrite, request);
    ASSERT_TRUE(archive.ok()) << archive.status();
    AddOptions add;
    add.batch_size = 10;
    const absl::StatusOr<AddSummary> summary = (*archive)->Add(batch, add);
    ASSERT_TRUE(summary.ok()) << summary.status();
    EXPECT_EQ(summary->pairs, static_cast<int64_t>(scan->pairs.size()));
  }
}

TEST_F(ArchiveTest, ReopenedArchiveKeepsItsOptionsAndRefusesConflictingOnes) {
  ArchiveRequest request;
  request.options.threshold = 0.6;
  request.options.passages.enabled = true;
  ASSERT_TRUE(Archive::Open(Path("o.db"), Archive::Access::kWrite, request).ok());

  ArchiveRequest later;  // defaults, none set on purpose
  absl::StatusOr<std::unique_ptr<Archive>> reopened = Archive::Open(Path("o.db"), Archive::Access::kRead, later);
  ASSERT_TRUE(reopened.ok()) << reopened.status();
  EXPECT_EQ((*reopened)->options().threshold, 0.6);
  EXPECT_TRUE((*reopened)->options().passages.enabled);

  later.options.threshold = 0.6;  // the same value, given on purpose: fine
  later.explicitly_set = {"threshold"};
  EXPECT_TRUE(Archive::Open(Path("o.db"), Archive::Access::kWrite, later).ok());

  later.options.threshold = 0.7;
  const auto conflict = Archive::Open(Path("o.db"), Archive::Access::kWrite, later);
  ASSERT_FALSE(conflict.ok());
  EXPECT_TRUE(absl::IsFailedPrecondition(conflict.status()));
  EXPECT_NE(conflict.status().message().find("--threshold 0.7 (built with 0.6)"), std::string::npos)
      << conflict.status();
  EXPECT_NE(conflict.status().message().find("o.db"), std::string::npos);
}

TEST_F(ArchiveTest, ArchiveOfANewerSchemaIsRefused) {
  ASSERT_TRUE(Archive::Open(Path("n.db"), Archive::Access::kWrite, ArchiveRequest{}).ok());
  {
    absl::StatusOr<SqliteDb> db = SqliteDb::Open(Path("n.db"), SqliteDb::Mode::kReadWrite);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(db->Exec("UPDATE meta SET value = '99' WHERE key = 'schema_version'").ok());
  }
  const auto opened = Archive::Open(Path("n.db"), Archive::Access::kRead, ArchiveRequest{});
  ASSERT_FALSE(opened.ok());
  EXPECT_TRUE(absl::IsFailedPrecondition(opened.status())) << opened.status();
  EXPECT_NE(opened.status().message().find("schema version 99 is newer"), std::string::npos) << opened.status();
}

TEST_F(ArchiveTest, FilesThatAreNotArchivesAreRefusedWithTheirName) {
  {
    absl::StatusOr<SqliteDb> db = SqliteDb::Open(Path("other.db"), SqliteDb::Mode::kReadWriteCreate);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(db->Exec("CREATE TABLE t(x)").ok());
  }
  const auto other = Archive::Open(Path("other.db"), Archive::Access::kWrite, ArchiveRequest{});
  ASSERT_FALSE(other.ok());
  EXPECT_TRUE(absl::IsFailedPrecondition(other.status())) << other.status();
  EXPECT_NE(other.status().message().find("not a reprint archive"), std::string::npos);

  std::ofstream(Path("garbage.db")) << std::string(5000, 'x');
  const auto garbage = Archive::Open(Path("garbage.db"), Archive::Access::kRead, ArchiveRequest{});
  ASSERT_FALSE(garbage.ok());
  EXPECT_TRUE(absl::IsDataLoss(garbage.status())) << garbage.status();
  EXPECT_NE(garbage.status().message().find("garbage.db"), std::string::npos);

  const auto missing = Archive::Open(Path("missing.db"), Archive::Access::kRead, ArchiveRequest{});
  ASSERT_FALSE(missing.ok());
  EXPECT_TRUE(absl::IsNotFound(missing.status())) << missing.status();
  EXPECT_FALSE(fs::exists(Path("missing.db"))) << "reading must not create an archive";
}

const char kWire[] =
    "The central bank raised its benchmark interest rate by half a percentage point on Tuesday, "
    "the largest increase in two decades, as officials moved to contain inflation that has "
    "climbed to its highest level since the early nineteen eighties across the country.";
// kWire edited: its end cut, a sentence added.
const char kMore[] =
    "The central bank raised its benchmark interest rate by half a percentage point on Tuesday, "
    "the largest increase in two decades, as officials moved to contain inflation that has "
    "climbed to its highest level since the early nineteen eighties. Markets fell sharply.";
const char kStorm[] =
    "A powerful storm swept across the northern coast overnight, cutting power to thousands of "
    "homes, flooding low lying streets and forcing the closure of the main harbour while "
    "emergency crews worked through the night to clear fallen trees from the roads.";

TEST_F(ArchiveTest, ClusterKeepsItsIdAsItGrowsAndTheOldestSurvivesAMerge) {
  ArchiveRequest request;
  request.options.threshold = 0.3;
  auto archive = Archive::Open(Path("c.db"), Archive::Access::kWrite, request);
  ASSERT_TRUE(archive.ok()) << archive.status();
  const std::string wire = kWire, storm = kStorm;
  ASSERT_TRUE((*archive)->Add({Article("wire", wire, "2025-01-01"), Article("wire-copy", wire + " Reuters.", "2025-01-02")}, {}).ok());
  ASSERT_TRUE((*archive)->Add({Article("storm", storm, "2025-01-03"), Article("storm-copy", "Update: " + storm, "2025-01-04")}, {}).ok());
  ASSERT_TRUE((*archive)->Add({Article("wire-late", wire + " (AP)", "2025-01-05")}, {}).ok());
  auto before = (*archive)->Clusters();
  ASSERT_TRUE(before.ok());
  ASSERT_EQ(before->result.clusters.size(), 2u);
  EXPECT_EQ(before->result.clusters[0].id, 1);
  EXPECT_EQ(before->result.clusters[0].members.size(), 3u) << "cluster 1 grew and kept its id";
  EXPECT_EQ(before->result.clusters[1].id, 2);

  // Half of each story: a near-duplicate (at 0.3) of both, joining them.
  const std::string digest = wire + " " + storm;
  absl::StatusOr<AddSummary> summary = (*archive)->Add({Article("digest", digest, "2025-01-06")}, {});
  ASSERT_TRUE(summary.ok()) << summary.status();
  EXPECT_EQ(summary->clusters_merged, 1);
  EXPECT_EQ(summary->clusters_created, 0);
  auto after = (*archive)->Clusters();
  ASSERT_TRUE(after.ok());
  ASSERT_EQ(after->result.clusters.size(), 1u);
  EXPECT_EQ(after->result.clusters[0].id, 1);
  EXPECT_EQ(after->result.clusters[0].members.size(), 6u);
  EXPECT_EQ(after->merged_from[0], std::vector<int64_t>{2});
  EXPECT_EQ(after->documents[after->result.clusters[0].origin].id.value, "wire");
}

TEST_F(ArchiveTest, WindowPairsOnlyArticlesPublishedCloseTogether) {
  ArchiveRequest request;
  request.window_days = 3;
  auto archive = Archive::Open(Path("win.db"), Archive::Access::kWrite, request);
  ASSERT_TRUE(archive.ok());
  EXPECT_EQ((*archive)->window_days(), 3);
  const std::string wire = kWire;
  ASSERT_TRUE((*archive)->Add({Article("day1", wire, "2025-01-01"), Article("day3", wire, "2025-01-03")}, {}).ok());
  ASSERT_TRUE((*archive)->Add({Article("day30", wire, "2025-01-30"), Article("undated", wire)}, {}).ok());
  std::set<PairKey> pairs;
  for (const char* id : {"day1", "day3", "day30", "undated"}) {
    absl::StatusOr<ArchiveView> view = (*archive)->Show(DocId{id, false});
    ASSERT_TRUE(view.ok());
    for (const auto& [key, facts] : Facts(view->documents, view->result.pairs)) pairs.insert(key);
  }
  // day30 is too late for day1 and day3; an undated article pairs with any.
  EXPECT_EQ(pairs, (std::set<PairKey>{{"day1", "day3"}, {"day1", "undated"}, {"day3", "undated"},
                                      {"day30", "undated"}}));
}

// Eighty words drawn from a large vocabulary: blocks share no shingle.
std::string Block(uint64_t seed) {
  std::string text;
  uint64_t x = seed * 0x9E3779B97F4A7C15ULL + 1;
  for (int i = 0; i < 80; ++i) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    text += (i > 0 ? " w" : "w") + std::to_string(x % 1000000);
  }
  return text;
}

TEST_F(ArchiveTest, ANewArticleReachingAStoredClusterTwiceJoinsItOnce) {
  // Cluster 1 = {a1, a2}; cluster 2 = the chain b1 - b2 - b3. Then n1 joins
  // a1 and b1 (merging 2 into 1) while n2 reaches cluster 2 through b3 only:
  // everything must end in cluster 1, as one scan would put it.
  ArchiveRequest request;
  request.options.threshold = 0.25;
  request.options.lsh = LshParams{128, 1};
  auto archive = Archive::Open(Path("m.db"), Archive::Access::kWrite, request);
  ASSERT_TRUE(archive.ok()) << archive.status();
  const std::string p = Block(1), q = Block(2), r = Block(3), s = Block(4), t = Block(5), u = Block(6);
  ASSERT_TRUE((*archive)->Add({Article("a1", p), Article("a2", p), Article("b1", q + " " + r),
                               Article("b2", r + " " + s), Article("b3", s + " " + t)}, {}).ok());
  absl::StatusOr<AddSummary> joined =
      (*archive)->Add({Article("n1", p + " " + q), Article("n2", t + " " + u)}, {});
  ASSERT_TRUE(joined.ok()) << joined.status();
  EXPECT_EQ(joined->clusters_merged, 1);
  EXPECT_EQ(joined->clusters_created, 0);
  absl::StatusOr<ArchiveView> clusters = (*archive)->Clusters();
  ASSERT_TRUE(clusters.ok());
  ASSERT_EQ(clusters->result.clusters.size(), 1u);
  EXPECT_EQ(clusters->result.clusters[0].id, 1);
  EXPECT_EQ(clusters->result.clusters[0].members.size(), 7u);
  EXPECT_EQ(clusters->merged_from[0], std::vector<int64_t>{2});
}

TEST_F(ArchiveTest, StoredIdsAreSkippedOrReplacedOnRequest) {
  ArchiveRequest request;
  request.options.threshold = 0.3;
  auto archive = Archive::Open(Path("r.db"), Archive::Access::kWrite, request);
  ASSERT_TRUE(archive.ok());
  const std::string wire = kWire;
  ASSERT_TRUE((*archive)->Add({Article("a", wire), Article("b", wire + " More.")}, {}).ok());

  absl::StatusOr<AddSummary> again = (*archive)->Add({Article("a", kStorm), Article("c", wire)}, {});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->skipped_existing, 1);
  EXPECT_EQ(again->added, 1);
  absl::StatusOr<ArchiveView> a = (*archive)->Show(DocId{"a", false});
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->documents[0].text, wire) << "skipped, not replaced";

  AddOptions replace;
  replace.replace = true;
  absl::StatusOr<AddSummary> replaced = (*archive)->Add({Article("a", kStorm)}, replace);
  ASSERT_TRUE(replaced.ok()) << replaced.status();
  EXPECT_EQ(replaced->replaced, 1);
  EXPECT_EQ(replaced->added, 0);
  a = (*archive)->Show(DocId{"a", false});
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->documents[0].text, kStorm);
  EXPECT_TRUE(a->result.pairs.empty()) << "its old pairs left with the old text";
  absl::StatusOr<ArchiveStats> stats = (*archive)->Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->articles, 3);
  EXPECT_EQ(stats->clusters, 1);  // b and c, still a cluster without a
  EXPECT_EQ(stats->clustered_articles, 2);
}

constexpr const char* kNotice =
    "Comments on this story are now closed. Read our community guidelines and subscribe to the "
    "morning newsletter for the day's top stories delivered to your inbox.";

std::vector<Document> Notices(int count, int from = 0) {
  std::vector<Document> docs;
  for (int i = from; i < from + count; ++i) docs.push_back(Article(absl::StrCat("n", i), kNotice));
  return docs;
}

// Every stored pair names `first`.
void ExpectAllPairsWith(Archive& archive, const std::string& first) {
  absl::StatusOr<ArchiveView> all = archive.Export();
  ASSERT_TRUE(all.ok()) << all.status();
  for (const DocumentPair& pair : all->result.pairs) {
    const std::string& a = all->documents[pair.a].id.value;
    const std::string& b = all->documents[pair.b].id.value;
    EXPECT_TRUE(a == first || b == first) << a << " " << b;
  }
}

TEST_F(ArchiveTest, IdenticalArticlesArePairedWithTheirFirstAcrossBatches) {
  auto archive = Archive::Open(Path("i.db"), Archive::Access::kWrite, ArchiveRequest{});
  ASSERT_TRUE(archive.ok()) << archive.status();
  AddOptions add;
  add.batch_size = 100;
  ASSERT_TRUE((*archive)->Add(Notices(500), add).ok());
  ASSERT_TRUE((*archive)->Add({Article("longer", std::string(kNotice) + " Write to the editor.")}, add).ok());
  absl::StatusOr<ArchiveStats> stats = (*archive)->Stats();
  ASSERT_TRUE(stats.ok()) << stats.status();
  EXPECT_EQ(stats->schema_version, kArchiveSchemaVersion);
  EXPECT_EQ(stats->identical_copies, 499);
  EXPECT_EQ(stats->pairs, 500) << "499 copies and the longer notice, each with n0 alone";
  EXPECT_EQ(stats->clustered_articles, 501);
  ExpectAllPairsWith(**archive, "n0");
  absl::StatusOr<ArchiveView> all = (*archive)->Export();
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->result.identical.size(), 1u);
  EXPECT_EQ(all->documents[all->result.identical[0].first].id.value, "n0");
  EXPECT_EQ(all->result.identical[0].copies.size(), 499u);

  // A query of one more copy finds the first, not its 499 copies; the
  // first's own pairs (here with "longer") stand for the copy's.
  absl::StatusOr<ArchiveView> query = (*archive)->Query({Article("new", kNotice)});
  ASSERT_TRUE(query.ok()) << query.status();
  std::set<PairKey> pairs;
  for (const auto& [key, facts] : Facts(query->documents, query->result.pairs)) pairs.insert(key);
  EXPECT_EQ(pairs, (std::set<PairKey>{{"n0", "new"}}));
}

TEST_F(ArchiveTest, ReplacingTheFirstOfIdenticalArticlesRegroupsItsCopies) {
  auto archive = Archive::Open(Path("r.db"), Archive::Access::kWrite, ArchiveRequest{});
  ASSERT_TRUE(archive.ok()) << archive.status();
  std::vector<Document> docs = Notices(50);
  docs.push_back(Article("longer", std::string(kNotice) + " Write to the editor."));
  ASSERT_TRUE((*archive)->Add(docs, {}).ok());
  AddOptions replace;
  replace.replace = true;
  absl::StatusOr<AddSummary> summary = (*archive)->Add({Article("n0", kStorm)}, replace);
  ASSERT_TRUE(summary.ok()) << summary.status();
  EXPECT_EQ(summary->replaced, 1);
  EXPECT_EQ(summary->added, 0);
  absl::StatusOr<ArchiveStats> stats = (*archive)->Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->articles, 51);
  EXPECT_EQ(stats->identical_copies, 48) << "n2..n49 are now copies of n1";
  EXPECT_EQ(stats->pairs, 49);
  ExpectAllPairsWith(**archive, "n1");
  absl::StatusOr<ArchiveView> n0 = (*archive)->Show(DocId{"n0", false});
  ASSERT_TRUE(n0.ok());
  EXPECT_TRUE(n0->result.pairs.empty());
}

TEST_F(ArchiveTest, VersionOneArchiveIsMigratedAndItsTextsKeyed) {
  {
    ArchiveRequest v1;
    v1.options.minhash.method = SketchMethod::kPermutations;  // the only sketch version 1 had
    auto archive = Archive::Open(Path("v1.db"), Archive::Access::kWrite, v1);
    ASSERT_TRUE(archive.ok());
    ASSERT_TRUE((*archive)->Add({Article("wire", kWire), Article("storm", kStorm), Article("more", kMore)}, {}).ok());
  }
  {
    // What version 1 wrote: no tables for identical texts, no sketch
    // option, no shingle containment.
    absl::StatusOr<SqliteDb> db = SqliteDb::Open(Path("v1.db"), SqliteDb::Mode::kReadWrite);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(db->Exec("DROP TABLE text_keys; DROP TABLE identical; DELETE FROM options WHERE name = 'sketch'; "
                         "ALTER TABLE pairs DROP COLUMN shingle_containment_a_in_b; "
                         "ALTER TABLE pairs DROP COLUMN shingle_containment_b_in_a; "
                         "UPDATE meta SET value = '1' WHERE key = 'schema_version'").ok());
  }
  // What one scan says of the stored pair.
  ScanOptions permutations;
  permutations.minhash.method = SketchMethod::kPermutations;
  const absl::StatusOr<ScanResult> scan = Scan({Article("wire", kWire), Article("more", kMore)}, permutations);
  ASSERT_TRUE(scan.ok());
  ASSERT_EQ(scan->pairs.size(), 1u);
  ASSERT_LT(scan->pairs[0].shingle_containment_a_in_b, 1.0);
  {
    // Readers read it as it is.
    auto reader = Archive::Open(Path("v1.db"), Archive::Access::kRead, ArchiveRequest{});
    ASSERT_TRUE(reader.ok()) << reader.status();
    absl::StatusOr<ArchiveView> query = (*reader)->Query({Article("copy", kWire)});
    ASSERT_TRUE(query.ok()) << query.status();
    EXPECT_EQ(query->result.pairs.size(), 2u) << "with wire and with more";
    absl::StatusOr<ArchiveStats> stats = (*reader)->Stats();
    ASSERT_TRUE(stats.ok()) << stats.status();
    EXPECT_EQ(stats->schema_version, 1);
    absl::StatusOr<ArchiveView> shown = (*reader)->Show(DocId{"more", false});
    ASSERT_TRUE(shown.ok()) << shown.status();
    EXPECT_EQ(shown->result.pairs.size(), 1u);
  }
  auto archive = Archive::Open(Path("v1.db"), Archive::Access::kWrite, ArchiveRequest{});
  ASSERT_TRUE(archive.ok()) << archive.status();
  ASSERT_TRUE((*archive)->Add({Article("copy", kWire)}, {}).ok());
  absl::StatusOr<ArchiveStats> stats = (*archive)->Stats();
  ASSERT_TRUE(stats.ok()) << stats.status();
  EXPECT_EQ(stats->schema_version, kArchiveSchemaVersion);
  EXPECT_EQ(stats->identical_copies, 1) << "the stored text was keyed by the migration";
  EXPECT_EQ(stats->pairs, 2);
  absl::StatusOr<ArchiveView> more = (*archive)->Show(DocId{"more", false});
  ASSERT_TRUE(more.ok()) << more.status();
  ASSERT_EQ(more->result.pairs.size(), 1u);
  const DocumentPair& migrated = more->result.pairs[0];
  const bool same_order = more->documents[migrated.a].id.value == "wire";
  EXPECT_DOUBLE_EQ(same_order ? migrated.shingle_containment_a_in_b : migrated.shingle_containment_b_in_a,
                   scan->pairs[0].shingle_containment_a_in_b)
      << "computed by the migration from the stored texts";
  EXPECT_EQ((*archive)->options().minhash.method, SketchMethod::kPermutations);
  EXPECT_NE(std::find(stats->options.begin(), stats->options.end(),
                      std::pair<std::string, std::string>{"sketch", "permutations"}),
            stats->options.end());
}

TEST_F(ArchiveTest, QueryFindsSourcesWithoutStoringAnything) {
  auto archive = Archive::Open(Path("q.db"), Archive::Access::kWrite, ArchiveRequest{});
  ASSERT_TRUE(archive.ok());
  ASSERT_TRUE((*archive)->Add({Article("wire", kWire), Article("storm", kStorm)}, {}).ok());
  const std::string copy = std::string(kWire) + " Copyright the Daily Echo.";
  absl::StatusOr<ArchiveView> view = (*archive)->Query({Article("echo", copy), Article("wire", kWire)});
  ASSERT_TRUE(view.ok()) << view.status();
  // The stored source first, then the queried articles.
  ASSERT_EQ(view->documents.size(), 3u);
  EXPECT_EQ(view->documents[0].id.value, "wire");
  EXPECT_NE(view->article_numbers[0], 0);
  EXPECT_EQ(view->article_numbers[1], 0);
  std::set<PairKey> pairs;
  for (const auto& [key, facts] : Facts(view->documents, view->result.pairs)) pairs.insert(key);
  // echo~stored wire and echo~queried wire; the queried "wire" is not its own source.
  EXPECT_EQ(pairs, (std::set<PairKey>{{"echo", "wire"}}));
  EXPECT_EQ(view->result.pairs.size(), 2u);
  absl::StatusOr<ArchiveStats> stats = (*archive)->Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->articles, 2);
}

TEST_F(ArchiveTest, ReadersSeeWholeBatchesWhileAWriterAdds) {
  const std::vector<Document> docs = Synthetic(1200, 9);
  ArchiveRequest request;
  request.options.threads = 1;
  auto writer = Archive::Open(Path("w.db"), Archive::Access::kWrite, request);
  ASSERT_TRUE(writer.ok());
  std::atomic<bool> done{false};
  std::vector<int64_t> seen;
  std::thread reader([&] {
    auto archive = Archive::Open(Path("w.db"), Archive::Access::kRead, ArchiveRequest{});
    ASSERT_TRUE(archive.ok()) << archive.status();
    while (!done.load()) {
      absl::StatusOr<ArchiveStats> stats = (*archive)->Stats();
      ASSERT_TRUE(stats.ok()) << stats.status();
      seen.push_back(stats->articles);
    }
  });
  AddOptions add;
  add.batch_size = 100;
  const absl::StatusOr<AddSummary> summary = (*writer)->Add(docs, add);
  done = true;
  reader.join();
  ASSERT_TRUE(summary.ok()) << summary.status();
  ASSERT_FALSE(seen.empty());
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
  for (const int64_t articles : seen) EXPECT_EQ(articles % 100, 0) << "a batch seen half-written";
}

// ------------------------------------------------------------------ damaged and busy archives

// An archive of `n` generated articles at `path`, closed.
void BuildArchive(const std::string& path, int64_t n) {
  auto archive = Archive::Open(path, Archive::Access::kWrite, ArchiveRequest{});
  ASSERT_TRUE(archive.ok()) << archive.status();
  ASSERT_TRUE((*archive)->Add(Synthetic(n, 21), {}).ok());
}

// Runs every reader; each must give a result or an error naming the file.
void ExpectReadableOrNamedError(Archive& archive, const std::string& path) {
  auto check = [&](const absl::Status& status) {
    if (!status.ok()) {
      EXPECT_NE(status.message().find(path), std::string::npos) << status;
      EXPECT_TRUE(absl::IsDataLoss(status) || absl::IsInternal(status)) << status;
    }
  };
  check(archive.Stats().status());
  check(archive.Export().status());
  check(archive.Clusters().status());
}

TEST_F(ArchiveTest, TruncatedArchiveIsRefusedOrReportsDamageNamingTheFile) {
  const std::string path = Path("t.db");
  BuildArchive(path, 300);
  const auto size = fs::file_size(path);
  ASSERT_GT(size, 100000u);
  fs::resize_file(path, size * 2 / 5);
  absl::StatusOr<std::unique_ptr<Archive>> archive = Archive::Open(path, Archive::Access::kRead, ArchiveRequest{});
  if (!archive.ok()) {
    EXPECT_NE(archive.status().message().find(path), std::string::npos) << archive.status();
    return;
  }
  // Opened (its first pages are intact): reading what is gone says so.
  const absl::StatusOr<ArchiveView> exported = (*archive)->Export();
  ASSERT_FALSE(exported.ok()) << "40% of the file cannot hold every pair";
  EXPECT_NE(exported.status().message().find(path), std::string::npos) << exported.status();
  EXPECT_TRUE(absl::IsDataLoss(exported.status())) << exported.status();
}

TEST_F(ArchiveTest, CorruptedPagesGiveResultsOrDamageErrorsNeverACrash) {
  const std::string path = Path("c.db");
  BuildArchive(path, 300);
  const auto size = fs::file_size(path);
  // Scribble over several regions past the header.
  for (const double at : {0.3, 0.5, 0.7, 0.9}) {
    std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
    file.seekp(static_cast<std::streamoff>(static_cast<double>(size) * at));
    const std::string garbage(3000, '\x5A');
    file.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
  }
  absl::StatusOr<std::unique_ptr<Archive>> archive = Archive::Open(path, Archive::Access::kRead, ArchiveRequest{});
  if (!archive.ok()) {
    EXPECT_NE(archive.status().message().find(path), std::string::npos) << archive.status();
    return;
  }
  ExpectReadableOrNamedError(**archive, path);
}

TEST_F(ArchiveTest, SecondWriterWaitsThenFailsClearlyAndTheFirstLosesNothing) {
  const std::string path = Path("l.db");
  BuildArchive(path, 100);
  // Another process holds the write lock (as a writer in the middle of a batch does).
  absl::StatusOr<SqliteDb> holder = SqliteDb::Open(path, SqliteDb::Mode::kReadWrite);
  ASSERT_TRUE(holder.ok());
  ASSERT_TRUE(holder->Exec("BEGIN IMMEDIATE").ok());
  ArchiveRequest request;
  request.busy_timeout_ms = 300;
  auto second = Archive::Open(path, Archive::Access::kWrite, request);
  ASSERT_TRUE(second.ok()) << second.status();
  const absl::StatusOr<AddSummary> blocked = (*second)->Add(Synthetic(20, 22), {});
  ASSERT_FALSE(blocked.ok());
  EXPECT_TRUE(absl::IsUnavailable(blocked.status())) << blocked.status();
  EXPECT_NE(blocked.status().message().find("another process is adding to this archive"), std::string::npos)
      << blocked.status();
  ASSERT_TRUE(holder->Exec("ROLLBACK").ok());
  // Once the lock is free the same add goes through.
  const absl::StatusOr<AddSummary> later = (*second)->Add(Synthetic(20, 22), {});
  ASSERT_TRUE(later.ok()) << later.status();
  EXPECT_EQ((*second)->Stats()->articles, 100 + later->added);
}

// PRAGMA integrity_check of the archive at `path`: "ok" when sound.
std::string IntegrityOf(const std::string& path) {
  absl::StatusOr<SqliteDb> db = SqliteDb::Open(path, SqliteDb::Mode::kReadOnly);
  if (!db.ok()) return std::string(db.status().message());
  absl::StatusOr<SqliteStatement> check = db->Prepare("PRAGMA integrity_check");
  if (!check.ok() || !check->Step().value_or(false)) return "no answer";
  return std::string(check->ColumnText(0));
}

TEST_F(ArchiveTest, FullDiskFailsTheBatchAndKeepsEveryEarlierOne) {
  const std::string path = Path("f.db");
  test::FaultVfs disk("reprint-full-disk");
  disk.set_max_file_bytes(3 << 20);  // a disk that fills at 3 MB a file
  ArchiveRequest request;
  request.vfs = disk.name();
  {
    auto archive = Archive::Open(path, Archive::Access::kWrite, request);
    ASSERT_TRUE(archive.ok()) << archive.status();
    AddOptions add;
    add.batch_size = 100;
    const std::vector<Document> docs = Synthetic(3000, 23);
    const absl::StatusOr<AddSummary> added = (*archive)->Add(docs, add);
    ASSERT_FALSE(added.ok()) << "3,000 articles do not fit in 3 MB";
    EXPECT_TRUE(absl::IsResourceExhausted(added.status())) << added.status();
    EXPECT_NE(added.status().message().find("full"), std::string::npos) << added.status();
    EXPECT_NE(added.status().message().find(path), std::string::npos) << added.status();
    EXPECT_GT(disk.failed_writes(), 0);
    // Whole batches only, and the archive is sound.
    const absl::StatusOr<ArchiveStats> stats = (*archive)->Stats();
    ASSERT_TRUE(stats.ok()) << stats.status();
    EXPECT_GT(stats->articles, 0);
    EXPECT_EQ(stats->articles % 100, 0);
    EXPECT_EQ(stats->batches, stats->articles / 100);
  }
  EXPECT_EQ(IntegrityOf(path), "ok");
}

TEST_F(ArchiveTest, AFailedWriteLeavesNoTraceOfItsBatch) {
  const std::string path = Path("w.db");
  test::FaultVfs vfs("reprint-failing-writes");
  ArchiveRequest request;
  request.vfs = vfs.name();
  auto archive = Archive::Open(path, Archive::Access::kWrite, request);
  ASSERT_TRUE(archive.ok()) << archive.status();
  const std::vector<Document> docs = Synthetic(200, 24);
  ASSERT_TRUE((*archive)->Add(absl::MakeConstSpan(docs).subspan(0, 100), {}).ok());
  const ArchiveStats before = *(*archive)->Stats();
  vfs.FailWritesAfter(3);  // the next batch fails part way through its writes
  const absl::StatusOr<AddSummary> failed = (*archive)->Add(absl::MakeConstSpan(docs).subspan(100), {});
  ASSERT_FALSE(failed.ok());
  EXPECT_NE(failed.status().message().find(path), std::string::npos) << failed.status();
  EXPECT_EQ(vfs.failed_writes(), 1);
  vfs.Heal();
  const ArchiveStats after = *(*archive)->Stats();
  EXPECT_EQ(after.articles, before.articles);
  EXPECT_EQ(after.pairs, before.pairs);
  EXPECT_EQ(after.batches, before.batches);
  // Once the disk works again the same batch goes in.
  const absl::StatusOr<AddSummary> again = (*archive)->Add(absl::MakeConstSpan(docs).subspan(100), {});
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->added, 100);
  archive->reset();
  EXPECT_EQ(IntegrityOf(path), "ok");
}

TEST_F(ArchiveTest, AFailedReadIsAnErrorNamingTheArchiveAndLosesNothing) {
  const std::string path = Path("r.db");
  {
    auto archive = Archive::Open(path, Archive::Access::kWrite, ArchiveRequest{});
    ASSERT_TRUE(archive.ok()) << archive.status();
    ASSERT_TRUE((*archive)->Add(Synthetic(150, 25), {}).ok());
  }
  test::FaultVfs vfs("reprint-failing-reads");
  ArchiveRequest request;
  request.vfs = vfs.name();
  auto archive = Archive::Open(path, Archive::Access::kRead, request);
  ASSERT_TRUE(archive.ok()) << archive.status();
  const ArchiveStats sound = *(*archive)->Stats();
  vfs.FailReadsAfter(0);
  const absl::StatusOr<ArchiveView> clusters = (*archive)->Clusters();
  ASSERT_FALSE(clusters.ok());
  EXPECT_NE(clusters.status().message().find(path), std::string::npos) << clusters.status();
  EXPECT_GT(vfs.failed_reads(), 0);
  vfs.Heal();
  const absl::StatusOr<ArchiveStats> healed = (*archive)->Stats();
  ASSERT_TRUE(healed.ok()) << healed.status();
  EXPECT_EQ(healed->articles, sound.articles);
  EXPECT_EQ(healed->pairs, sound.pairs);
}

TEST_F(ArchiveTest, AnUnknownVfsIsAnError) {
  ArchiveRequest request;
  request.vfs = "no-such-vfs";
  const auto archive = Archive::Open(Path("v.db"), Archive::Access::kWrite, request);
  ASSERT_FALSE(archive.ok());
  EXPECT_EQ(archive.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(archive.status().message().find("no SQLite VFS named 'no-such-vfs'"), std::string::npos)
      << archive.status();
}

}  // namespace
}  // namespace reprint
