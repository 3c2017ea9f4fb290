#include "core/fingerprint.h"

#include <algorithm>
#include <cassert>

#include "core/parallel.h"
#include "core/shingle.h"

namespace reprint {

void Winnow(const TokenizedText& text, const FingerprintOptions& options,
            std::vector<uint64_t>* scratch, std::vector<uint64_t>* out) {
  assert(options.words >= 1 && options.window >= 1);
  HashShingles(text, ShingleOptions{options.words}, scratch);
  out->clear();
  const std::vector<uint64_t>& hashes = *scratch;
  const size_t window = static_cast<size_t>(options.window);
  if (hashes.size() <= window) {
    if (!hashes.empty()) out->push_back(*std::min_element(hashes.begin(), hashes.end()));
  } else {
    size_t last_selected = SIZE_MAX;
    for (size_t start = 0; start + window <= hashes.size(); ++start) {
      // The rightmost minimum, so that a window sliding past keeps its choice.
      size_t best = start;
      for (size_t i = start + 1; i < start + window; ++i) {
        if (hashes[i] <= hashes[best]) best = i;
      }
      if (best != last_selected) {
        out->push_back(hashes[best]);
        last_selected = best;
      }
    }
  }
  std::sort(out->begin(), out->end());
  out->erase(std::unique(out->begin(), out->end()), out->end());
}

std::vector<CandidatePair> SharedFingerprintPairs(
    absl::Span<const std::vector<uint64_t>> fingerprints, const FingerprintOptions& options,
    int threads, absl::flat_hash_set<uint64_t>* common) {
  struct Entry {
    uint64_t fingerprint;
    uint32_t doc;
    bool operator<(const Entry& other) const {
      return fingerprint != other.fingerprint ? fingerprint < other.fingerprint : doc < other.doc;
    }
  };
  // Partition by the fingerprint's top bits so that partitions sort in
  // parallel and every posting list lies within one partition.
  constexpr int kPartitionBits = 6;
  constexpr size_t kPartitions = size_t{1} << kPartitionBits;
  // Documents are split into slices scattered in parallel; a partition is
  // its slices' entries concatenated in document order, then sorted.
  const size_t num_docs = fingerprints.size();
  const size_t slice = std::max<size_t>(1, (num_docs + 4 * threads - 1) / (4 * threads));
  const size_t num_slices = (num_docs + slice - 1) / slice;
  std::vector<std::vector<std::vector<Entry>>> scattered(num_slices,
                                                         std::vector<std::vector<Entry>>(kPartitions));
  ParallelFor(num_slices, threads, 1, [&](size_t begin, size_t end) {
    for (size_t s = begin; s < end; ++s) {
      const auto last = static_cast<uint32_t>(std::min(num_docs, (s + 1) * slice));
      for (auto doc = static_cast<uint32_t>(s * slice); doc < last; ++doc) {
        for (const uint64_t fp : fingerprints[doc]) {
          scattered[s][fp >> (64 - kPartitionBits)].push_back({fp, doc});
        }
      }
    }
  });
  std::vector<std::vector<uint64_t>> pair_lists(kPartitions);  // (a << 32) | b, one per shared fp
  std::vector<std::vector<uint64_t>> common_lists(kPartitions);
  ParallelFor(kPartitions, threads, 1, [&](size_t begin, size_t end) {
    std::vector<Entry> entries;
    for (size_t p = begin; p < end; ++p) {
      entries.clear();
      for (size_t s = 0; s < num_slices; ++s) {
        entries.insert(entries.end(), scattered[s][p].begin(), scattered[s][p].end());
        std::vector<Entry>().swap(scattered[s][p]);
      }
      std::sort(entries.begin(), entries.end());
      // A document listing a fingerprint twice still holds it once.
      entries.erase(std::unique(entries.begin(), entries.end(),
                                [](const Entry& x, const Entry& y) {
                                  return x.fingerprint == y.fingerprint && x.doc == y.doc;
                                }),
                    entries.end());
      for (size_t run = 0; run < entries.size();) {
        size_t run_end = run + 1;
        while (run_end < entries.size() && entries[run_end].fingerprint == entries[run].fingerprint) {
          ++run_end;
        }
        if (run_end - run > static_cast<size_t>(options.max_document_frequency)) {
          common_lists[p].push_back(entries[run].fingerprint);
        } else {
          for (size_t i = run; i < run_end; ++i) {
            for (size_t j = i + 1; j < run_end; ++j) {
              pair_lists[p].push_back((static_cast<uint64_t>(entries[i].doc) << 32) | entries[j].doc);
            }
          }
        }
        run = run_end;
      }
    }
  });
  if (common != nullptr) {
    common->clear();
    for (const auto& list : common_lists) common->insert(list.begin(), list.end());
  }
  std::vector<uint64_t> all;
  for (auto& list : pair_lists) {
    all.insert(all.end(), list.begin(), list.end());
    std::vector<uint64_t>().swap(list);
  }
  std::sort(all.begin(), all.end());
  std::vector<CandidatePair> pairs;
  for (size_t run = 0; run < all.size();) {
    size_t run_end = run + 1;
    while (run_end < all.size() && all[run_end] == all[run]) ++run_end;
    if (run_end - run >= static_cast<size_t>(options.min_shared)) {
      pairs.push_back({static_cast<uint32_t>(all[run] >> 32), static_cast<uint32_t>(all[run])});
    }
    run = run_end;
  }
  return pairs;
}

std::vector<uint8_t> MarkCommonText(const TokenizedText& text,
                                    const absl::flat_hash_set<uint64_t>& common,
                                    const FingerprintOptions& options) {
  std::vector<uint8_t> marked(text.tokens.size(), 0);
  if (common.empty()) return marked;
  std::vector<uint64_t> hashes;
  HashShingles(text, ShingleOptions{options.words}, &hashes);
  const size_t words = std::min(static_cast<size_t>(options.words), text.tokens.size());
  const size_t max_gap = static_cast<size_t>(options.window);
  size_t last_end = 0;  // end of the last common n-gram, 0 = none yet
  for (size_t i = 0; i < hashes.size(); ++i) {
    if (!common.contains(hashes[i])) continue;
    const size_t from = last_end != 0 && i >= last_end && i - last_end < max_gap ? last_end : i;
    for (size_t t = from; t < i + words; ++t) marked[t] = 1;
    last_end = i + words;
  }
  return marked;
}

}  // namespace reprint
