// The archive's postings (core/candidates.h's EarlierPostings over SQLite):
// the articles an archive holds, as the candidate rule asks of them, read
// from its text_keys, band_keys, passage_keys and common_keys tables.
#ifndef REPRINT_CORE_ARCHIVE_POSTINGS_H_
#define REPRINT_CORE_ARCHIVE_POSTINGS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "core/candidates.h"
#include "core/sqlite.h"
#include "reprint/document.h"

namespace reprint {

class ArchivePostings final : public EarlierPostings {
 public:
  // Prepares the lookups on `db`, which must outlive the result.
  // `has_text_keys`: the archive's schema records identical texts (from
  // version 2); without, no article is the first of a text.
  static absl::StatusOr<ArchivePostings> Open(SqliteDb& db, bool has_text_keys);

  bool empty() const override { return empty_; }
  absl::StatusOr<std::optional<std::pair<int64_t, DocId>>> FirstWithText(uint64_t key) override;
  absl::Status BandHolders(uint64_t key, std::vector<int64_t>* numbers) override;
  absl::Status CommonFingerprints(absl::flat_hash_set<uint64_t>* out) override;
  absl::Status FingerprintHolders(uint64_t fingerprint, std::vector<int64_t>* numbers,
                                  std::vector<std::string>* outlets) override;

 private:
  ArchivePostings() = default;

  bool empty_ = true;
  std::optional<SqliteStatement> first_with_text_;
  SqliteStatement band_holders_;
  SqliteStatement common_;
  SqliteStatement fingerprint_holders_;
  SqliteStatement fingerprint_holder_outlets_;
};

}  // namespace reprint

#endif  // REPRINT_CORE_ARCHIVE_POSTINGS_H_
