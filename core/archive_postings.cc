#include "core/archive_postings.h"

#include <bit>

#include "core/status_macros.h"

namespace reprint {
namespace {

// Keys are stored as SQLite's signed integers, bit for bit.
int64_t AsStored(uint64_t key) { return std::bit_cast<int64_t>(key); }

}  // namespace

absl::StatusOr<ArchivePostings> ArchivePostings::Open(SqliteDb& db, bool has_text_keys) {
  ArchivePostings postings;
  REPRINT_ASSIGN_OR_RETURN(SqliteStatement any,
                           db.Prepare("SELECT EXISTS(SELECT 1 FROM articles) OR EXISTS(SELECT 1 FROM common_keys)"));
  REPRINT_ASSIGN_OR_RETURN(const bool row, any.Step());
  postings.empty_ = !row || any.ColumnInt(0) == 0;
  if (has_text_keys) {
    REPRINT_ASSIGN_OR_RETURN(postings.first_with_text_,
                             db.Prepare("SELECT t.article, a.id, a.id_is_integer "
                                        "FROM text_keys t JOIN articles a ON a.num = t.article WHERE t.key = ?"));
  }
  REPRINT_ASSIGN_OR_RETURN(postings.band_holders_, db.Prepare("SELECT article FROM band_keys WHERE key = ?"));
  REPRINT_ASSIGN_OR_RETURN(postings.common_, db.Prepare("SELECT key FROM common_keys"));
  REPRINT_ASSIGN_OR_RETURN(postings.fingerprint_holders_,
                           db.Prepare("SELECT article FROM passage_keys WHERE key = ?"));
  REPRINT_ASSIGN_OR_RETURN(
      postings.fingerprint_holder_outlets_,
      db.Prepare("SELECT p.article, a.source FROM passage_keys p JOIN articles a ON a.num = p.article "
                 "WHERE p.key = ?"));
  return postings;
}

absl::StatusOr<std::optional<std::pair<int64_t, DocId>>> ArchivePostings::FirstWithText(uint64_t key) {
  if (!first_with_text_) return std::nullopt;
  SqliteStatement& select = *first_with_text_;
  select.Reset();
  select.Bind(1, AsStored(key));
  REPRINT_ASSIGN_OR_RETURN(const bool row, select.Step());
  if (!row) return std::nullopt;
  return std::pair(select.ColumnInt(0), DocId{std::string(select.ColumnText(1)), select.ColumnInt(2) != 0});
}

absl::Status ArchivePostings::BandHolders(uint64_t key, std::vector<int64_t>* numbers) {
  band_holders_.Reset();
  band_holders_.Bind(1, AsStored(key));
  while (true) {
    REPRINT_ASSIGN_OR_RETURN(const bool row, band_holders_.Step());
    if (!row) return absl::OkStatus();
    numbers->push_back(band_holders_.ColumnInt(0));
  }
}

absl::Status ArchivePostings::CommonFingerprints(absl::flat_hash_set<uint64_t>* out) {
  common_.Reset();
  while (true) {
    REPRINT_ASSIGN_OR_RETURN(const bool row, common_.Step());
    if (!row) return absl::OkStatus();
    out->insert(std::bit_cast<uint64_t>(common_.ColumnInt(0)));
  }
}

absl::Status ArchivePostings::FingerprintHolders(uint64_t fingerprint, std::vector<int64_t>* numbers,
                                                 std::vector<std::string>* outlets) {
  SqliteStatement& select = outlets == nullptr ? fingerprint_holders_ : fingerprint_holder_outlets_;
  select.Reset();
  select.Bind(1, AsStored(fingerprint));
  while (true) {
    REPRINT_ASSIGN_OR_RETURN(const bool row, select.Step());
    if (!row) return absl::OkStatus();
    numbers->push_back(select.ColumnInt(0));
    if (outlets != nullptr) outlets->emplace_back(select.ColumnText(1));
  }
}

}  // namespace reprint
