#include "core/candidates.h"

#include <algorithm>
#include <chrono>
#include <utility>

#include "core/fingerprint.h"
#include "core/status_macros.h"

namespace reprint {
namespace {

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

template <typename T>
void SortUnique(std::vector<T>* items) {
  std::sort(items->begin(), items->end());
  items->erase(std::unique(items->begin(), items->end()), items->end());
}

// Identical copies out of the index, each paired with the first article of
// its text: one earlier in the batch, else one indexed before (unless that
// is the same article, queried again).
absl::Status PairIdenticalTexts(absl::Span<const Document> batch, absl::Span<const uint64_t> identical_keys,
                                EarlierPostings& earlier, bool passages, DocumentSketches* sketches,
                                BatchCandidates* out) {
  const bool ask_earlier = !earlier.empty();
  absl::flat_hash_map<uint64_t, uint32_t> first_in_batch;
  for (uint32_t i = 0; i < batch.size(); ++i) {
    const uint64_t key = identical_keys[i];
    if (key == 0) continue;
    bool copy = false;
    if (const auto it = first_in_batch.find(key); it != first_in_batch.end()) {
      out->identical_pairs.push_back({it->second, i});
      copy = true;
    } else if (ask_earlier) {
      REPRINT_ASSIGN_OR_RETURN(const auto first, earlier.FirstWithText(key));
      if (first && first->second != batch[i].id) {
        out->earlier_identical_pairs.push_back({first->first, i});
        copy = true;
      }
    }
    if (copy) {
      sketches->indexable[i] = 0;
      if (passages) std::vector<uint64_t>().swap(sketches->fingerprints[i]);
    } else {
      first_in_batch.emplace(key, i);
      out->text_keys.emplace_back(key, i);
    }
  }
  SortUnique(&out->identical_pairs);
  SortUnique(&out->earlier_identical_pairs);
  return absl::OkStatus();
}

// Pairs sharing a band: within the batch by FindCandidatePairs(), with
// earlier articles by looking up each of the batch's band keys.
absl::Status PairBands(const DocumentSketches& sketches, const LshParams& lsh, EarlierPostings& earlier,
                       bool keep_postings, int threads, BatchCandidates* out) {
  out->lsh_pairs = FindCandidatePairs(sketches.signatures, static_cast<int>(sketches.num_perm),
                                      sketches.indexable, lsh, threads);
  const bool ask_earlier = !earlier.empty();
  if (!keep_postings && !ask_earlier) return absl::OkStatus();
  auto& keys = out->band_keys;
  for (uint32_t i = 0; i < sketches.indexable.size(); ++i) {
    if (!sketches.indexable[i]) continue;
    for (int band = 0; band < lsh.num_bands; ++band) {
      keys.emplace_back(BandKey(&sketches.signatures[i * sketches.num_perm], lsh, band), i);
    }
  }
  std::sort(keys.begin(), keys.end());
  if (ask_earlier) {
    std::vector<int64_t> holders;
    for (size_t k = 0; k < keys.size();) {
      size_t k_end = k + 1;
      while (k_end < keys.size() && keys[k_end].first == keys[k].first) ++k_end;
      holders.clear();
      REPRINT_RETURN_IF_ERROR(earlier.BandHolders(keys[k].first, &holders));
      for (const int64_t holder : holders) {
        for (size_t j = k; j < k_end; ++j) out->earlier_lsh_pairs.push_back({holder, keys[j].second});
      }
      k = k_end;
    }
    SortUnique(&out->earlier_lsh_pairs);
  }
  if (!keep_postings) std::vector<std::pair<uint64_t, uint32_t>>().swap(keys);
  return absl::OkStatus();
}

// Numbers outlets by name, 0 for none, consistently across the batch and
// the earlier articles.
class OutletNumbering {
 public:
  uint32_t Of(const std::string& source) {
    if (source.empty()) return 0;
    return numbers_.try_emplace(source, static_cast<uint32_t>(numbers_.size() + 1)).first->second;
  }

 private:
  absl::flat_hash_map<std::string, uint32_t> numbers_;
};

// Pairs sharing passage fingerprints. The earlier holders of the batch's
// fingerprints join SharedFingerprintPairs() as documents after the batch,
// each listing the fingerprints it shares with it, so the one routine
// applies the limits to all holders and counts shared fingerprints.
absl::Status PairFingerprints(absl::Span<const Document> batch, const DocumentSketches& sketches,
                              EarlierPostings& earlier, const FingerprintOptions& options, bool keep_postings,
                              int threads, BatchCandidates* out) {
  const size_t n = batch.size();
  const bool ask_earlier = !earlier.empty();
  if (ask_earlier) REPRINT_RETURN_IF_ERROR(earlier.CommonFingerprints(&out->common));
  std::vector<std::vector<uint64_t>> lists;
  std::vector<uint32_t> outlets;
  if (!ask_earlier) {
    absl::flat_hash_set<uint64_t> newly;
    std::vector<CandidatePair> pairs = SharedFingerprintPairs(sketches.fingerprints, options, threads, &newly,
                                                              OutletNumbers(batch));
    out->fingerprint_pairs = std::move(pairs);
    out->newly_common.assign(newly.begin(), newly.end());
    out->common = std::move(newly);
  } else {
    // The batch's fingerprints that are not common already, and who else holds them.
    lists.resize(n);
    std::vector<std::pair<uint64_t, uint32_t>> held;
    for (uint32_t i = 0; i < n; ++i) {
      for (const uint64_t fp : sketches.fingerprints[i]) {
        if (!out->common.contains(fp)) held.emplace_back(fp, i);
      }
    }
    SortUnique(&held);
    for (const auto& [fp, i] : held) lists[i].push_back(fp);
    OutletNumbering numbering;
    outlets.resize(n);
    for (size_t i = 0; i < n; ++i) outlets[i] = numbering.Of(batch[i].source);
    absl::flat_hash_map<int64_t, uint32_t> earlier_index;  // number -> its document after the batch
    std::vector<int64_t> earlier_numbers, holders;
    std::vector<std::string> holder_outlets;
    const auto outlet_limit = static_cast<size_t>(std::max(0, options.max_outlet_frequency));
    for (size_t k = 0; k < held.size();) {
      size_t k_end = k + 1;
      while (k_end < held.size() && held[k_end].first == held[k].first) ++k_end;
      const uint64_t fp = held[k].first;
      holders.clear();
      REPRINT_RETURN_IF_ERROR(earlier.FingerprintHolders(fp, &holders, nullptr));
      const size_t total = holders.size() + (k_end - k);
      // Outlets matter only where one outlet could pass its limit while
      // the archive as a whole does not: ask for them only then.
      const bool outlets_matter =
          total > outlet_limit && total <= static_cast<size_t>(options.max_document_frequency);
      if (outlets_matter) {
        holders.clear();
        holder_outlets.clear();
        REPRINT_RETURN_IF_ERROR(earlier.FingerprintHolders(fp, &holders, &holder_outlets));
      }
      for (size_t h = 0; h < holders.size(); ++h) {
        const auto [it, inserted] =
            earlier_index.try_emplace(holders[h], static_cast<uint32_t>(n + earlier_numbers.size()));
        if (inserted) {
          earlier_numbers.push_back(holders[h]);
          lists.emplace_back();
          outlets.push_back(0);
        }
        lists[it->second].push_back(fp);
        if (outlets_matter) outlets[it->second] = numbering.Of(holder_outlets[h]);
      }
      k = k_end;
    }
    absl::flat_hash_set<uint64_t> newly;
    for (const CandidatePair& pair : SharedFingerprintPairs(lists, options, threads, &newly, outlets, n)) {
      if (pair.b < n) {
        out->fingerprint_pairs.push_back(pair);
      } else {
        out->earlier_fingerprint_pairs.push_back({earlier_numbers[pair.b - n], pair.a});
      }
    }
    SortUnique(&out->earlier_fingerprint_pairs);
    out->newly_common.assign(newly.begin(), newly.end());
    out->common.insert(newly.begin(), newly.end());
  }
  std::sort(out->newly_common.begin(), out->newly_common.end());
  if (keep_postings) {
    for (uint32_t i = 0; i < n; ++i) {
      for (const uint64_t fp : sketches.fingerprints[i]) {
        if (!out->common.contains(fp)) out->fingerprint_keys.emplace_back(fp, i);
      }
    }
    SortUnique(&out->fingerprint_keys);
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<BatchCandidates> FindBatchCandidates(absl::Span<const Document> batch, DocumentSketches* sketches,
                                                    absl::Span<const uint64_t> identical_keys,
                                                    EarlierPostings& earlier, const ScanOptions& options,
                                                    const LshParams& lsh, bool keep_postings, int threads) {
  BatchCandidates out;
  auto start = std::chrono::steady_clock::now();
  REPRINT_RETURN_IF_ERROR(
      PairIdenticalTexts(batch, identical_keys, earlier, options.passages.enabled, sketches, &out));
  REPRINT_RETURN_IF_ERROR(PairBands(*sketches, lsh, earlier, keep_postings, threads, &out));
  out.seconds_bands = SecondsSince(start);
  start = std::chrono::steady_clock::now();
  if (options.passages.enabled) {
    REPRINT_RETURN_IF_ERROR(
        PairFingerprints(batch, *sketches, earlier, options.passages.fingerprints, keep_postings, threads, &out));
  }
  out.seconds_fingerprints = SecondsSince(start);
  return out;
}

void InMemoryPostings::Add(absl::Span<const Document> batch, const BatchCandidates& found, int64_t first_new) {
  for (size_t i = 0; i < batch.size(); ++i) {
    const int64_t number = first_new + static_cast<int64_t>(i);
    ids_[number] = batch[i].id;
    outlets_[number] = batch[i].source;
  }
  for (const auto& [key, i] : found.text_keys) first_with_text_[key] = first_new + i;
  for (const auto& [key, i] : found.band_keys) band_holders_[key].push_back(first_new + i);
  for (const auto& [fp, i] : found.fingerprint_keys) fingerprint_holders_[fp].push_back(first_new + i);
  common_.insert(found.newly_common.begin(), found.newly_common.end());
}

absl::StatusOr<std::optional<std::pair<int64_t, DocId>>> InMemoryPostings::FirstWithText(uint64_t key) {
  const auto it = first_with_text_.find(key);
  if (it == first_with_text_.end()) return std::nullopt;
  return std::pair(it->second, ids_.at(it->second));
}

absl::Status InMemoryPostings::BandHolders(uint64_t key, std::vector<int64_t>* numbers) {
  if (const auto it = band_holders_.find(key); it != band_holders_.end()) {
    numbers->insert(numbers->end(), it->second.begin(), it->second.end());
  }
  return absl::OkStatus();
}

absl::Status InMemoryPostings::CommonFingerprints(absl::flat_hash_set<uint64_t>* out) {
  out->insert(common_.begin(), common_.end());
  return absl::OkStatus();
}

absl::Status InMemoryPostings::FingerprintHolders(uint64_t fingerprint, std::vector<int64_t>* numbers,
                                                  std::vector<std::string>* outlets) {
  const auto it = fingerprint_holders_.find(fingerprint);
  if (it == fingerprint_holders_.end()) return absl::OkStatus();
  for (const int64_t number : it->second) {
    numbers->push_back(number);
    if (outlets != nullptr) outlets->push_back(outlets_.at(number));
  }
  return absl::OkStatus();
}

}  // namespace reprint
