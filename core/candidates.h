// Candidates: which pairs of articles to verify, by one rule, whether the
// articles met before a batch are held in memory or in an archive.
//
//   InMemoryPostings earlier;          // or ArchivePostings over a SQLite archive
//   absl::StatusOr<BatchCandidates> found = FindBatchCandidates(
//       batch, &sketches, identical_keys, earlier, options, lsh, /*keep_postings=*/true, threads);
//   earlier.Add(batch, *found, first_new);   // the batch is now "before" the next one
//
// The rule, for a batch of new articles and the articles indexed before it
// (numbered below `first_new`; batch article i is first_new + i):
//  - identical texts: an article whose identical-text key an article before
//    it has (earlier in the batch, or indexed before) is paired with the
//    first such article alone and indexed nowhere, so a thousand copies cost
//    a thousand pairs, not half a million;
//  - bands: two articles sharing an LSH band key (core/lsh.h);
//  - fingerprints: two articles sharing at least min_shared passage
//    fingerprints, counting only fingerprints held, batch and earlier
//    articles together, by at most max_document_frequency articles and at
//    most max_outlet_frequency articles of any one outlet
//    (core/fingerprint.h), and not common before the batch. A fingerprint
//    that passes a limit becomes common from then on; pairs found before are
//    not revisited, so an archive built in batches can keep a pair that one
//    scan of all of it would not make.
// Two earlier articles are never paired again, and an earlier article never
// pairs with a batch article of the same id (a stored article queried again).
//
// A batch scanned alone is the rule with no earlier articles: Scan() calls
// FindBatchCandidates() with an empty InMemoryPostings.
#ifndef REPRINT_CORE_CANDIDATES_H_
#define REPRINT_CORE_CANDIDATES_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "core/lsh.h"
#include "core/stages.h"
#include "reprint/document.h"
#include "reprint/options.h"

namespace reprint {

// The postings of the articles indexed before a batch: what the candidate
// rule asks of them. Articles are named by number.
class EarlierPostings {
 public:
  virtual ~EarlierPostings() = default;

  // True when no article has been indexed: the rule then asks nothing.
  virtual bool empty() const = 0;

  // The article indexed first with identical-text key `key`, with its id;
  // nullopt if none.
  virtual absl::StatusOr<std::optional<std::pair<int64_t, DocId>>> FirstWithText(uint64_t key) = 0;

  // Appends the articles holding band key `key` to *numbers.
  virtual absl::Status BandHolders(uint64_t key, std::vector<int64_t>* numbers) = 0;

  // Every fingerprint common (left out) before the batch.
  virtual absl::Status CommonFingerprints(absl::flat_hash_set<uint64_t>* out) = 0;

  // Appends the articles holding passage fingerprint `fingerprint` to
  // *numbers, and, if `outlets` is not null, each one's outlet
  // (Document::source) to *outlets in the same order.
  virtual absl::Status FingerprintHolders(uint64_t fingerprint, std::vector<int64_t>* numbers,
                                          std::vector<std::string>* outlets) = 0;
};

// A pair of an earlier article, by number, and a batch article, by index.
struct EarlierPair {
  int64_t earlier = 0;
  uint32_t batch = 0;
  friend bool operator<(const EarlierPair& x, const EarlierPair& y) {
    return std::pair(x.earlier, x.batch) < std::pair(y.earlier, y.batch);
  }
  friend bool operator==(const EarlierPair& x, const EarlierPair& y) = default;
};

// What the rule finds for a batch, and what indexing the batch adds.
struct BatchCandidates {
  // Pairs within the batch, by index, sorted by (a, b), each once.
  std::vector<CandidatePair> identical_pairs;    // (first, copy)
  std::vector<CandidatePair> lsh_pairs;          // sharing a band
  std::vector<CandidatePair> fingerprint_pairs;  // sharing passage fingerprints
  // Pairs with earlier articles, sorted, each once.
  std::vector<EarlierPair> earlier_identical_pairs;  // (first, copy)
  std::vector<EarlierPair> earlier_lsh_pairs;
  std::vector<EarlierPair> earlier_fingerprint_pairs;

  // The batch's postings, for a holder to index (with keep_postings):
  std::vector<std::pair<uint64_t, uint32_t>> text_keys;  // firsts of their text: (key, index)
  std::vector<std::pair<uint64_t, uint32_t>> band_keys;  // (key, index), sorted
  // Fingerprints that count, (fingerprint, index), sorted, each once.
  std::vector<std::pair<uint64_t, uint32_t>> fingerprint_keys;
  std::vector<uint64_t> newly_common;       // became common with this batch, ascending
  absl::flat_hash_set<uint64_t> common;     // every common fingerprint: before and newly

  double seconds_bands = 0;         // identical texts and bands
  double seconds_fingerprints = 0;  // shared fingerprints
};

// Applies the rule (see the file comment) to a batch. `sketches` are the
// batch's (SketchDocuments()); identical copies are taken out of its
// indexable set and their fingerprints dropped. `identical_keys` holds per
// batch article the key under which it is identical to others (0: none,
// e.g. no words). Bands are cut by `lsh`. With `keep_postings` the batch's
// band and fingerprint keys are returned for indexing (a scan of one batch
// needs none). Errors are the holder's. Deterministic: the result depends
// on neither `threads` nor the holder's kind.
absl::StatusOr<BatchCandidates> FindBatchCandidates(absl::Span<const Document> batch, DocumentSketches* sketches,
                                                    absl::Span<const uint64_t> identical_keys,
                                                    EarlierPostings& earlier, const ScanOptions& options,
                                                    const LshParams& lsh, bool keep_postings, int threads);

// Earlier articles' postings held in memory.
class InMemoryPostings final : public EarlierPostings {
 public:
  // Indexes the batch `found` was found for, as the archive stores it:
  // its firsts' text keys, band keys and counting fingerprints (from
  // `found`, which must have been found with keep_postings), and its
  // newly common fingerprints. The batch's articles become numbers
  // first_new + i.
  void Add(absl::Span<const Document> batch, const BatchCandidates& found, int64_t first_new);

  bool empty() const override { return ids_.empty(); }
  absl::StatusOr<std::optional<std::pair<int64_t, DocId>>> FirstWithText(uint64_t key) override;
  absl::Status BandHolders(uint64_t key, std::vector<int64_t>* numbers) override;
  absl::Status CommonFingerprints(absl::flat_hash_set<uint64_t>* out) override;
  absl::Status FingerprintHolders(uint64_t fingerprint, std::vector<int64_t>* numbers,
                                  std::vector<std::string>* outlets) override;

 private:
  absl::flat_hash_map<int64_t, DocId> ids_;
  absl::flat_hash_map<int64_t, std::string> outlets_;
  absl::flat_hash_map<uint64_t, int64_t> first_with_text_;
  absl::flat_hash_map<uint64_t, std::vector<int64_t>> band_holders_;
  absl::flat_hash_map<uint64_t, std::vector<int64_t>> fingerprint_holders_;
  absl::flat_hash_set<uint64_t> common_;
};

}  // namespace reprint

#endif  // REPRINT_CORE_CANDIDATES_H_
