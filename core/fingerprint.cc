#include "core/fingerprint.h"

#include <algorithm>
#include <cassert>
#include <memory>

#include "core/parallel.h"
#include "core/shingle.h"

namespace reprint {

void WinnowInTextOrder(const TokenizedText& text, const FingerprintOptions& options,
                       std::vector<uint64_t>* scratch, std::vector<uint64_t>* out) {
  assert(options.words >= 1 && options.window >= 1);
  HashShingles(text, ShingleOptions{options.words}, scratch);
  out->clear();
  const std::vector<uint64_t>& hashes = *scratch;
  const size_t n = hashes.size();
  if (n == 0) return;
  const size_t window = std::min(static_cast<size_t>(options.window), n);
  // The fingerprints are the distinct window minima (which of equal minima
  // a window picks does not change the set). Van Herk / Gil-Werman: cut the
  // hashes into blocks of `window`; a window spans the end of one block and
  // the start of the next, so its minimum is the smaller of a suffix minimum
  // and a prefix minimum. Three branch-free comparisons per hash, whatever
  // the window.
  thread_local std::vector<uint64_t> prefix, suffix;
  prefix.resize(n);
  suffix.resize(n);
  for (size_t block = 0; block < n; block += window) {
    const size_t last = std::min(block + window, n) - 1;
    prefix[block] = hashes[block];
    for (size_t i = block + 1; i <= last; ++i) prefix[i] = std::min(prefix[i - 1], hashes[i]);
    suffix[last] = hashes[last];
    for (size_t i = last; i > block; --i) suffix[i - 1] = std::min(suffix[i], hashes[i - 1]);
  }
  const size_t windows = n - window + 1;
  // Gathered in a per-thread buffer: *out is usually a document's stored
  // list, which should hold the ~2 / (window + 1) kept, not every n-gram
  // (assign() sizes a vector that is empty, as stored lists start, exactly).
  thread_local std::vector<uint64_t> minima;
  minima.resize(windows);
  size_t kept = 0;
  uint64_t previous = 0;
  for (size_t i = 0; i < windows; ++i) {
    const uint64_t minimum = std::min(suffix[i], prefix[i + window - 1]);
    // Neighbouring windows mostly share their minimum: keep each run once.
    minima[kept] = minimum;
    kept += (i == 0) | (minimum != previous);
    previous = minimum;
  }
  out->assign(minima.begin(), minima.begin() + static_cast<std::ptrdiff_t>(kept));
}

void Winnow(const TokenizedText& text, const FingerprintOptions& options,
            std::vector<uint64_t>* scratch, std::vector<uint64_t>* out) {
  WinnowInTextOrder(text, options, scratch, out);
  MakeShingleSet(out);
  out->shrink_to_fit();
}

bool IsOutletBoilerplate(std::vector<uint32_t>* holders, const FingerprintOptions& options) {
  if (holders->size() <= static_cast<size_t>(std::max(0, options.max_outlet_frequency))) return false;
  std::sort(holders->begin(), holders->end());
  for (size_t run = 0; run < holders->size();) {
    size_t end = run + 1;
    while (end < holders->size() && (*holders)[end] == (*holders)[run]) ++end;
    if ((*holders)[run] != 0 && end - run > static_cast<size_t>(options.max_outlet_frequency)) return true;
    run = end;
  }
  return false;
}

namespace {

// One fingerprint held by one document.
struct Entry {
  uint64_t fingerprint;
  uint32_t doc;
};

// Entries are partitioned by the fingerprint's low bits so that partitions
// are grouped in parallel and every posting list lies within one
// partition. Not by the top bits: fingerprints are window minima, so small
// values are common, and the first partitions held three times their share.
constexpr int kPartitionBits = 8;
constexpr size_t kPartitions = size_t{1} << kPartitionBits;

inline size_t PartitionOf(uint64_t fingerprint) {
  return static_cast<size_t>(fingerprint & (kPartitions - 1));
}

// Every document's entries, partition-major: partition p is
// entries[start[p], start[p + 1]), in document order.
struct PartitionedEntries {
  std::unique_ptr<Entry[]> entries;
  std::vector<size_t> start;

  absl::Span<const Entry> partition(size_t p) const {
    return absl::Span<const Entry>(entries.get() + start[p], start[p + 1] - start[p]);
  }
};

// Scatters the entries of all documents into their partitions. Documents
// are split into slices scattered in parallel into one array: a partition
// is its slices' entries one after another, so in document order. Counted
// first, so every entry is written once.
PartitionedEntries ScatterIntoPartitions(absl::Span<const std::vector<uint64_t>> fingerprints,
                                         int threads) {
  const size_t num_docs = fingerprints.size();
  const size_t slice = std::max<size_t>(1, (num_docs + 4 * threads - 1) / (4 * threads));
  const size_t num_slices = (num_docs + slice - 1) / slice;
  auto slice_docs = [&](size_t s) {
    return std::make_pair(static_cast<uint32_t>(s * slice),
                          static_cast<uint32_t>(std::min(num_docs, (s + 1) * slice)));
  };
  std::vector<size_t> place(num_slices * kPartitions, 0);  // [s * kPartitions + p]
  ParallelFor(num_slices, threads, 1, [&](size_t begin, size_t end) {
    for (size_t s = begin; s < end; ++s) {
      const auto [first, last] = slice_docs(s);
      for (uint32_t doc = first; doc < last; ++doc) {
        for (const uint64_t fp : fingerprints[doc]) ++place[s * kPartitions + PartitionOf(fp)];
      }
    }
  });
  PartitionedEntries out;
  out.start.assign(kPartitions + 1, 0);
  for (size_t p = 0, at = 0; p < kPartitions; ++p) {
    out.start[p] = at;
    for (size_t s = 0; s < num_slices; ++s) {
      const size_t count = place[s * kPartitions + p];
      place[s * kPartitions + p] = at;
      at += count;
    }
    out.start[p + 1] = at;
  }
  // Left uninitialised: every entry is written below, in parallel, and
  // zeroing tens of megabytes first would fault in every page on one thread.
  out.entries.reset(new Entry[out.start[kPartitions]]);
  Entry* entries = out.entries.get();
  ParallelFor(num_slices, threads, 1, [&](size_t begin, size_t end) {
    for (size_t s = begin; s < end; ++s) {
      const auto [first, last] = slice_docs(s);
      for (uint32_t doc = first; doc < last; ++doc) {
        for (const uint64_t fp : fingerprints[doc]) {
          entries[place[s * kPartitions + PartitionOf(fp)]++] = {fp, doc};
        }
      }
    }
  });
  return out;
}

// One partition's posting lists: the documents holding one fingerprint,
// kept if at least two and at most max_document_frequency documents (and
// at most max_outlet_frequency of one outlet) hold it.
struct PartitionLists {
  std::vector<uint32_t> members;  // the kept lists one after another, each in document order
  std::vector<uint32_t> sizes;    // each kept list's length
  std::vector<uint64_t> common;   // the fingerprints left out as too widely held
};

// A partition's entries grouped by fingerprint: entry e is in group
// entry_group[e]; group g is fingerprint[g], held by holders[g] documents.
// Buffers reused from partition to partition on one thread.
struct Groups {
  struct Slot {
    uint64_t fingerprint;
    uint32_t group;  // UINT32_MAX: empty
  };
  std::vector<Slot> table;
  std::vector<uint32_t> entry_group, holders, last_doc;
  std::vector<uint64_t> fingerprint;
  // Per group that could be an outlet's boilerplate, its holders' outlets.
  std::vector<std::vector<uint32_t>> outlets;
  std::vector<uint32_t> outlet_slot;
  // Per group, where its list starts among the kept lists' members.
  std::vector<uint32_t> list_start;

  size_t size() const { return fingerprint.size(); }
};

// Groups `part` by fingerprint in an open-addressing table holding the keys
// inline (cheaper than sorting). Fingerprints are hashes: the bits above
// those the partition shares index it.
void GroupByFingerprint(absl::Span<const Entry> part, Groups* groups) {
  size_t slots = 16;
  while (slots < 2 * part.size()) slots *= 2;
  std::vector<Groups::Slot>& table = groups->table;
  table.assign(slots, Groups::Slot{0, UINT32_MAX});
  groups->entry_group.resize(part.size());
  groups->holders.clear();
  groups->last_doc.clear();
  groups->fingerprint.clear();
  for (size_t e = 0; e < part.size(); ++e) {
    const uint64_t fp = part[e].fingerprint;
    size_t slot = (fp >> kPartitionBits) & (slots - 1);
    while (table[slot].group != UINT32_MAX && table[slot].fingerprint != fp) {
      slot = (slot + 1) & (slots - 1);
    }
    if (table[slot].group == UINT32_MAX) {
      table[slot] = {fp, static_cast<uint32_t>(groups->fingerprint.size())};
      groups->fingerprint.push_back(fp);
      groups->holders.push_back(0);
      groups->last_doc.push_back(UINT32_MAX);
    }
    const uint32_t group = table[slot].group;
    groups->entry_group[e] = group;
    // Entries come in document order: a document listing a fingerprint
    // twice still holds it once.
    if (groups->last_doc[group] != part[e].doc) {
      groups->last_doc[group] = part[e].doc;
      ++groups->holders[group];
    }
  }
}

// Per group, 1 if it is one outlet's boilerplate: held by more documents
// than one outlet may hold, no more than the archive may, and by more than
// max_outlet_frequency documents of one known outlet.
std::vector<uint8_t> OutletBoilerplate(absl::Span<const Entry> part,
                                       absl::Span<const uint32_t> outlets,
                                       const FingerprintOptions& options, Groups* groups) {
  const size_t num_groups = groups->size();
  std::vector<uint8_t> boilerplate(num_groups, 0);
  if (outlets.empty()) return boilerplate;
  const auto outlet_limit = static_cast<uint32_t>(std::max(0, options.max_outlet_frequency));
  groups->outlet_slot.assign(num_groups, UINT32_MAX);
  groups->outlets.clear();
  for (size_t g = 0; g < num_groups; ++g) {
    if (groups->holders[g] > outlet_limit &&
        groups->holders[g] <= static_cast<uint32_t>(options.max_document_frequency)) {
      groups->outlet_slot[g] = static_cast<uint32_t>(groups->outlets.size());
      groups->outlets.emplace_back();
    }
  }
  if (groups->outlets.empty()) return boilerplate;
  std::fill(groups->last_doc.begin(), groups->last_doc.end(), UINT32_MAX);
  for (size_t e = 0; e < part.size(); ++e) {
    const uint32_t group = groups->entry_group[e];
    if (groups->outlet_slot[group] == UINT32_MAX || groups->last_doc[group] == part[e].doc) continue;
    groups->last_doc[group] = part[e].doc;
    groups->outlets[groups->outlet_slot[group]].push_back(outlets[part[e].doc]);
  }
  for (size_t g = 0; g < num_groups; ++g) {
    if (groups->outlet_slot[g] != UINT32_MAX) {
      boilerplate[g] = IsOutletBoilerplate(&groups->outlets[groups->outlet_slot[g]], options);
    }
  }
  return boilerplate;
}

// Turns one partition's entries into its posting lists.
void ListPartition(absl::Span<const Entry> part, absl::Span<const uint32_t> outlets,
                   const FingerprintOptions& options, Groups* groups, PartitionLists* out) {
  GroupByFingerprint(part, groups);
  const size_t num_groups = groups->size();
  const std::vector<uint8_t> outlet_boilerplate = OutletBoilerplate(part, outlets, options, groups);
  // Kept groups laid out one after another, members in document order.
  std::vector<uint32_t>& group_start = groups->list_start;
  group_start.assign(num_groups, UINT32_MAX);
  uint32_t kept = 0;
  for (size_t g = 0; g < num_groups; ++g) {
    const uint32_t holders = groups->holders[g];
    if (holders > static_cast<uint32_t>(options.max_document_frequency) || outlet_boilerplate[g]) {
      out->common.push_back(groups->fingerprint[g]);
    } else if (holders >= 2) {
      group_start[g] = kept;
      kept += holders;
      out->sizes.push_back(holders);
    }
  }
  out->members.resize(kept);
  std::fill(groups->last_doc.begin(), groups->last_doc.end(), UINT32_MAX);
  for (size_t e = 0; e < part.size(); ++e) {
    const uint32_t group = groups->entry_group[e];
    if (group_start[group] == UINT32_MAX || groups->last_doc[group] == part[e].doc) continue;
    groups->last_doc[group] = part[e].doc;
    out->members[group_start[group]++] = part[e].doc;
  }
}

// All posting lists in one array: list l is members[start[l], start[l + 1]).
struct PostingLists {
  std::vector<uint32_t> members;
  std::vector<size_t> start;

  size_t size() const { return start.size() - 1; }
};

// Concatenates the partitions' lists, in partition order, freeing each
// partition's members as they are copied.
PostingLists JoinPartitions(std::vector<PartitionLists>* partitions, int threads) {
  std::vector<PartitionLists>& parts = *partitions;
  std::vector<size_t> member_start(kPartitions + 1, 0), list_index_start(kPartitions + 1, 0);
  for (size_t p = 0; p < kPartitions; ++p) {
    member_start[p + 1] = member_start[p] + parts[p].members.size();
    list_index_start[p + 1] = list_index_start[p] + parts[p].sizes.size();
  }
  PostingLists lists;
  lists.members.resize(member_start[kPartitions]);
  lists.start.resize(list_index_start[kPartitions] + 1);
  lists.start.back() = lists.members.size();
  ParallelFor(kPartitions, threads, 4, [&](size_t begin, size_t end) {
    for (size_t p = begin; p < end; ++p) {
      std::copy(parts[p].members.begin(), parts[p].members.end(),
                lists.members.begin() + member_start[p]);
      size_t at = member_start[p];
      for (size_t l = 0; l < parts[p].sizes.size(); ++l) {
        lists.start[list_index_start[p] + l] = at;
        at += parts[p].sizes[l];
      }
      std::vector<uint32_t>().swap(parts[p].members);
    }
  });
  return lists;
}

// For each document, the lists it is in, in list order (compressed rows:
// doc d's lists are lists[start[d], start[d + 1])).
struct DocumentLists {
  std::vector<size_t> start;
  std::vector<uint32_t> lists;
};

// Inverts `lists` by a counting sort on all threads: each takes a range of
// lists, counts its documents, and then fills its share of each document's
// row, after the shares of the ranges before it.
DocumentLists InvertPostingLists(const PostingLists& lists, size_t num_docs, int threads) {
  const size_t num_lists = lists.size();
  const size_t num_ranges =
      std::min<size_t>(static_cast<size_t>(threads), std::max<size_t>(1, num_lists));
  auto range_lists = [&](size_t r) {
    return std::make_pair(r * num_lists / num_ranges, (r + 1) * num_lists / num_ranges);
  };
  std::vector<std::vector<uint32_t>> counts(num_ranges);  // counts[r][d]: d's lists in range r
  ParallelFor(num_ranges, threads, 1, [&](size_t begin, size_t end) {
    for (size_t r = begin; r < end; ++r) {
      counts[r].assign(num_docs, 0);
      const auto [first, last] = range_lists(r);
      for (size_t m = lists.start[first]; m < lists.start[last]; ++m) ++counts[r][lists.members[m]];
    }
  });
  // Each row's length, and where in it each range starts (the counts become
  // those starting points).
  DocumentLists out;
  out.start.assign(num_docs + 1, 0);
  for (size_t d = 0; d < num_docs; ++d) {
    uint32_t row = 0;
    for (size_t r = 0; r < num_ranges; ++r) {
      const uint32_t count = counts[r][d];
      counts[r][d] = row;
      row += count;
    }
    out.start[d + 1] = out.start[d] + row;
  }
  out.lists.resize(lists.members.size());
  ParallelFor(num_ranges, threads, 1, [&](size_t begin, size_t end) {
    for (size_t r = begin; r < end; ++r) {
      std::vector<uint32_t>& fill = counts[r];
      const auto [first, last] = range_lists(r);
      for (size_t list = first; list < last; ++list) {
        for (size_t m = lists.start[list]; m < lists.start[list + 1]; ++m) {
          const uint32_t doc = lists.members[m];
          out.lists[out.start[doc] + fill[doc]++] = static_cast<uint32_t>(list);
        }
      }
    }
  });
  return out;
}

// Document by document (those before num_new), counts the fingerprints
// shared with each later document and keeps the pairs sharing at least
// min_shared, sorted. Blocks of documents run in parallel, each with its
// own counters; their pairs are concatenated in block order.
std::vector<CandidatePair> CountSharedPerPair(const PostingLists& lists,
                                              const DocumentLists& of_doc, size_t num_docs,
                                              size_t num_new, int min_shared, int threads) {
  const size_t num_blocks = std::min(num_docs, 4 * static_cast<size_t>(threads));
  const size_t block = num_blocks == 0 ? 1 : (num_docs + num_blocks - 1) / num_blocks;
  std::vector<std::vector<CandidatePair>> pairs_by_block(num_blocks);
  ParallelFor(num_blocks, threads, 1, [&](size_t begin, size_t end) {
    std::vector<uint32_t> shared(num_docs, 0);
    std::vector<uint32_t> touched;
    for (size_t blk = begin; blk < end; ++blk) {
      const auto last = static_cast<uint32_t>(std::min({num_docs, num_new, (blk + 1) * block}));
      for (auto a = static_cast<uint32_t>(blk * block); a < last; ++a) {
        touched.clear();
        for (size_t l = of_doc.start[a]; l < of_doc.start[a + 1]; ++l) {
          const uint32_t list = of_doc.lists[l];
          for (size_t m = lists.start[list]; m < lists.start[list + 1]; ++m) {
            const uint32_t b = lists.members[m];
            if (b <= a) continue;
            if (shared[b]++ == 0) touched.push_back(b);
          }
        }
        // Most documents touched share a fingerprint or two by chance; only
        // the few kept are put in order.
        std::vector<CandidatePair>& out = pairs_by_block[blk];
        const size_t first_kept = out.size();
        for (const uint32_t b : touched) {
          if (shared[b] >= static_cast<uint32_t>(min_shared)) out.push_back({a, b});
          shared[b] = 0;
        }
        std::sort(out.begin() + static_cast<std::ptrdiff_t>(first_kept), out.end());
      }
    }
  });
  std::vector<CandidatePair> pairs;
  for (const auto& list : pairs_by_block) pairs.insert(pairs.end(), list.begin(), list.end());
  return pairs;
}

}  // namespace

std::vector<CandidatePair> SharedFingerprintPairs(
    absl::Span<const std::vector<uint64_t>> fingerprints, const FingerprintOptions& options,
    int threads, absl::flat_hash_set<uint64_t>* common, absl::Span<const uint32_t> outlets,
    size_t num_new) {
  std::vector<PartitionLists> partitions(kPartitions);
  {
    const PartitionedEntries entries = ScatterIntoPartitions(fingerprints, threads);
    ParallelFor(kPartitions, threads, 1, [&](size_t begin, size_t end) {
      Groups groups;
      for (size_t p = begin; p < end; ++p) {
        ListPartition(entries.partition(p), outlets, options, &groups, &partitions[p]);
      }
    });
  }
  if (common != nullptr) {
    common->clear();
    size_t total = 0;
    for (const PartitionLists& part : partitions) total += part.common.size();
    common->reserve(total);
    for (const PartitionLists& part : partitions) common->insert(part.common.begin(), part.common.end());
  }
  const PostingLists lists = JoinPartitions(&partitions, threads);
  const DocumentLists of_doc = InvertPostingLists(lists, fingerprints.size(), threads);
  return CountSharedPerPair(lists, of_doc, fingerprints.size(), num_new, options.min_shared, threads);
}

void MarkCommonText(const TokenizedText& text, const absl::flat_hash_set<uint64_t>& common,
                    const FingerprintOptions& options, std::vector<uint8_t>* out) {
  std::vector<uint8_t>& marked = *out;
  marked.assign(text.tokens.size(), 0);
  if (common.empty()) return;
  thread_local std::vector<uint64_t> hashes;
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
}

}  // namespace reprint
