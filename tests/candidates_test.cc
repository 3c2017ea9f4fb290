#include "core/candidates.h"

#include <memory>
#include <string>
#include <vector>

#include "core/archive_postings.h"
#include "core/minhash.h"
#include "core/sqlite.h"
#include "core/stages.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "reprint/archive.h"
#include "reprint/generate.h"
#include "tests/testing/synthetic.h"
#include "tests/testing/temp_dir.h"

namespace reprint {
namespace {

using ::testing::IsEmpty;
using ::testing::Not;

// The archive's options: a low document-frequency limit, so that some
// fingerprints become common only when the second batch arrives.
ScanOptions TestOptions() {
  ScanOptions options;
  options.passages.fingerprints.max_document_frequency = 3;
  options.passages.fingerprints.max_outlet_frequency = 2;
  options.lsh = *ResolveLshParams(options);
  return options;
}

std::vector<Document> Synthetic(int64_t articles, uint64_t seed) {
  SyntheticOptions options;
  options.articles = articles;
  options.words = 150;
  options.seed = seed;
  options.embed_rate = 0.3;
  options.paste_rate = 0.3;
  return test::SyntheticArticles(options);
}

// A first batch, and a second that holds later articles, exact copies of
// first-batch articles under new ids, and one first-batch article queried
// again under its own id.
struct Batches {
  std::vector<Document> first;
  std::vector<Document> second;
};

Batches MakeBatches() {
  std::vector<Document> docs = Synthetic(500, 7);
  Batches batches;
  batches.first.assign(docs.begin(), docs.begin() + 300);
  batches.second.assign(docs.begin() + 300, docs.end());
  for (int i = 0; i < 3; ++i) {
    Document copy = batches.first[static_cast<size_t>(10 * i)];
    copy.id.value += "-copy";
    batches.second.push_back(copy);
  }
  batches.second.push_back(batches.first[42]);
  return batches;
}

BatchCandidates Find(absl::Span<const Document> batch, EarlierPostings& earlier, const ScanOptions& options) {
  const MinHasher hasher = *MinHasher::Create(options.minhash);
  DocumentSketches sketches = SketchDocuments(batch, options, hasher, 2);
  const std::vector<uint64_t> keys = sketches.text_keys;
  absl::StatusOr<BatchCandidates> found =
      FindBatchCandidates(batch, &sketches, keys, earlier, options, *options.lsh, /*keep_postings=*/true, 2);
  EXPECT_TRUE(found.ok()) << found.status();
  return found.ok() ? *std::move(found) : BatchCandidates();
}

void ExpectSameCandidates(const BatchCandidates& x, const BatchCandidates& y) {
  EXPECT_EQ(x.identical_pairs, y.identical_pairs);
  EXPECT_EQ(x.lsh_pairs, y.lsh_pairs);
  EXPECT_EQ(x.fingerprint_pairs, y.fingerprint_pairs);
  EXPECT_EQ(x.earlier_identical_pairs, y.earlier_identical_pairs);
  EXPECT_EQ(x.earlier_lsh_pairs, y.earlier_lsh_pairs);
  EXPECT_EQ(x.earlier_fingerprint_pairs, y.earlier_fingerprint_pairs);
  EXPECT_EQ(x.text_keys, y.text_keys);
  EXPECT_EQ(x.band_keys, y.band_keys);
  EXPECT_EQ(x.fingerprint_keys, y.fingerprint_keys);
  EXPECT_EQ(x.newly_common, y.newly_common);
  EXPECT_EQ(x.common, y.common);
}

class CandidatesTest : public test::TempDirTest {
 protected:
  void SetUp() override {
    TempDirTest::SetUp();
    path_ = Path("archive.db");
  }
  std::string path_;
};

TEST_F(CandidatesTest, InMemoryAndArchiveHoldersGiveTheSameCandidates) {
  const ScanOptions options = TestOptions();
  const Batches batches = MakeBatches();

  // In memory: the first batch found against nothing, then indexed.
  InMemoryPostings in_memory;
  const BatchCandidates first = Find(batches.first, in_memory, options);
  in_memory.Add(batches.first, first, /*first_new=*/1);
  const BatchCandidates from_memory = Find(batches.second, in_memory, options);

  // In an archive: the first batch added (numbered from 1), then read through SQLite.
  {
    ArchiveRequest request;
    request.options = options;
    absl::StatusOr<std::unique_ptr<Archive>> archive = Archive::Open(path_, Archive::Access::kWrite, request);
    ASSERT_TRUE(archive.ok()) << archive.status();
    ASSERT_TRUE((*archive)->Add(batches.first, AddOptions{}).ok());
  }
  absl::StatusOr<SqliteDb> db = SqliteDb::Open(path_, SqliteDb::Mode::kReadOnly);
  ASSERT_TRUE(db.ok()) << db.status();
  absl::StatusOr<ArchivePostings> stored = ArchivePostings::Open(*db, /*has_text_keys=*/true);
  ASSERT_TRUE(stored.ok()) << stored.status();
  EXPECT_FALSE(stored->empty());
  const BatchCandidates from_archive = Find(batches.second, *stored, options);

  ExpectSameCandidates(from_memory, from_archive);
  // The cases that make the comparison worth something.
  EXPECT_THAT(from_memory.earlier_lsh_pairs, Not(IsEmpty()));
  EXPECT_THAT(from_memory.earlier_fingerprint_pairs, Not(IsEmpty()));
  EXPECT_THAT(from_memory.newly_common, Not(IsEmpty()));
  // Three copies of stored articles, each paired with its stored first; the
  // article queried again under its own id is no copy of itself.
  ASSERT_EQ(from_memory.earlier_identical_pairs.size(), 3u);
  EXPECT_EQ(from_memory.earlier_identical_pairs[0], (EarlierPair{1, 200}));
  const uint32_t requeried = static_cast<uint32_t>(batches.second.size() - 1);
  for (const EarlierPair& pair : from_memory.earlier_identical_pairs) EXPECT_NE(pair.batch, requeried);
}

TEST_F(CandidatesTest, OneBatchWithNoArticlesBeforeIsTheScanRule) {
  const ScanOptions options = TestOptions();
  const Batches batches = MakeBatches();
  InMemoryPostings none;
  EXPECT_TRUE(none.empty());
  const BatchCandidates found = Find(batches.second, none, options);
  EXPECT_THAT(found.earlier_lsh_pairs, IsEmpty());
  EXPECT_THAT(found.earlier_fingerprint_pairs, IsEmpty());
  // Within the batch: the copies of first-batch articles are not each
  // other's copies, but the article queried again is a text of its own.
  EXPECT_THAT(found.identical_pairs, IsEmpty());
  EXPECT_EQ(found.text_keys.size(), batches.second.size());
  EXPECT_THAT(found.lsh_pairs, Not(IsEmpty()));
  // A fingerprint is common exactly when more than three articles, or more
  // than two of one outlet, hold it: nothing pairs through one.
  for (const auto& [fp, i] : found.fingerprint_keys) EXPECT_FALSE(found.common.contains(fp));
}

TEST_F(CandidatesTest, ABatchPairsWithTheArticlesBeforeItAsOneBatchOfAllWould) {
  // Without limits that a second batch can newly pass, two batches find the
  // pairs one batch of everything finds.
  ScanOptions options = TestOptions();
  options.passages.fingerprints.max_document_frequency = 1000;
  options.passages.fingerprints.max_outlet_frequency = 1000;
  const Batches batches = MakeBatches();
  std::vector<Document> all = batches.first;
  all.insert(all.end(), batches.second.begin(), batches.second.end() - 1);  // no id twice

  InMemoryPostings none;
  const BatchCandidates at_once = Find(all, none, options);
  InMemoryPostings earlier;
  earlier.Add(batches.first, Find(batches.first, none, options), 0);
  const absl::Span<const Document> later(batches.second.data(), batches.second.size() - 1);
  const BatchCandidates first = Find(batches.first, none, options);
  const BatchCandidates second = Find(later, earlier, options);
  const auto n1 = static_cast<uint32_t>(batches.first.size());
  auto both = [&](const std::vector<CandidatePair>& in_first, const std::vector<CandidatePair>& in_second,
                  const std::vector<EarlierPair>& across) {
    std::vector<CandidatePair> pairs = in_first;
    for (const CandidatePair& p : in_second) pairs.push_back({p.a + n1, p.b + n1});
    for (const EarlierPair& p : across) pairs.push_back({static_cast<uint32_t>(p.earlier), p.batch + n1});
    std::sort(pairs.begin(), pairs.end());
    return pairs;
  };
  EXPECT_EQ(both(first.lsh_pairs, second.lsh_pairs, second.earlier_lsh_pairs), at_once.lsh_pairs);
  EXPECT_EQ(both(first.fingerprint_pairs, second.fingerprint_pairs, second.earlier_fingerprint_pairs),
            at_once.fingerprint_pairs);
  EXPECT_EQ(both(first.identical_pairs, second.identical_pairs, second.earlier_identical_pairs),
            at_once.identical_pairs);
}

}  // namespace
}  // namespace reprint
