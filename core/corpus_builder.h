// Building a Corpus in input order: documents appended one by one or a
// block at a time, every id claimed once (a later record with an id seen
// before is skipped with a diagnostic), messages kept in input order.
//
// A CorpusBuilder is thread-compatible: its methods run on the calling
// thread (ClaimFrom() parallelises inside itself), one call at a time.
#ifndef REPRINT_CORE_CORPUS_BUILDER_H_
#define REPRINT_CORE_CORPUS_BUILDER_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/types/span.h"
#include "reprint/document.h"
#include "reprint/reader.h"

namespace reprint {

// A diagnostic that `file`:`line` (0: the whole file) was not read.
Diagnostic Skipped(std::string_view file, int64_t line, std::string message);
// A diagnostic about `file`:`line` that was read nonetheless.
Diagnostic Warning(std::string_view file, int64_t line, std::string message);

// A hash of an id, its type included (42 and "42" differ), for
// CorpusBuilder::ClaimFrom().
uint64_t HashOfId(const DocId& id);

// Appends to a Corpus in input order, skipping any record whose id an earlier
// one already has, with a diagnostic in its place. `corpus` must outlive
// the builder; ids already in it when the builder is made are not known to it.
class CorpusBuilder {
 public:
  explicit CorpusBuilder(Corpus* corpus) : corpus_(corpus) {}
  CorpusBuilder(const CorpusBuilder&) = delete;  // holds every id read
  CorpusBuilder& operator=(const CorpusBuilder&) = delete;

  // Appends `doc` unless an earlier document has its id (then reported).
  void Add(Document&& doc) {
    if (Claim(doc)) corpus_->documents.push_back(std::move(doc));
  }

  // For filling in place, in parallel: appends n empty documents and
  // returns the index of the first; they must then be claimed with
  // ClaimFrom(), and those refused dropped with DropAfter().
  size_t Extend(size_t n);
  Document& at(size_t i) { return corpus_->documents[i]; }
  size_t size() const { return corpus_->documents.size(); }
  // Room for `more` documents after those held, so that growing the corpus
  // does not move every document already read.
  void ReserveMore(size_t more);

  // True if no earlier document has doc's id; otherwise reports it as a
  // duplicate (the first record with an id is kept) and returns false.
  bool Claim(const Document& doc);

  // Claims the ids of the documents from `first` on, whose HashOfId() are
  // id_hashes, as Claim() would one by one in order, on `threads` threads;
  // sets keep[i] to whether documents[first + i] was the first with its id.
  // Reports nothing: the caller reports a duplicate where its record's
  // messages go (ReportDuplicate()).
  void ClaimFrom(size_t first, absl::Span<const uint64_t> id_hashes, int threads,
                 std::vector<uint8_t>* keep);

  // Reports doc as a duplicate of an earlier record's id.
  void ReportDuplicate(const Document& doc);

  // Removes the documents from `first` on whose keep[i - first] is 0,
  // keeping the others in order.
  void DropAfter(size_t first, const std::vector<uint8_t>& keep);

  void Report(Diagnostic&& diagnostic) { corpus_->diagnostics.push_back(std::move(diagnostic)); }
  void CountBytes(int64_t bytes) { corpus_->bytes_read += bytes; }

 private:
  Corpus* corpus_;
  // A claimed id with its hash, made on any thread, so that claiming does
  // not hash the id again.
  struct ClaimedId {
    uint64_t hash;
    DocId id;
  };
  struct ByHash {
    size_t operator()(const ClaimedId& claimed) const { return claimed.hash; }
  };
  struct SameId {
    bool operator()(const ClaimedId& a, const ClaimedId& b) const {
      return a.hash == b.hash && a.id == b.id;
    }
  };
  using IdSet = absl::flat_hash_set<ClaimedId, ByHash, SameId>;
  // Ids claimed so far, in shards by their hash's top bits, so that a
  // block's ids are claimed on all threads (one shard is one thread's).
  static constexpr int kShardBits = 6;
  static constexpr size_t kShards = size_t{1} << kShardBits;
  static size_t ShardOf(uint64_t hash) { return hash >> (64 - kShardBits); }
  std::vector<IdSet> seen_ = std::vector<IdSet>(kShards);
};

}  // namespace reprint

#endif  // REPRINT_CORE_CORPUS_BUILDER_H_
