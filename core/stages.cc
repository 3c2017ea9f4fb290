#include "core/stages.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <iterator>
#include <limits>
#include <tuple>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "core/align.h"
#include "core/encoding.h"
#include "core/fingerprint.h"
#include "core/parallel.h"
#include "core/shingle.h"
#include "core/status_macros.h"
#include "core/tokenize.h"
#include "reprint/cluster.h"

namespace reprint {
namespace {

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Sums finished units across threads for the progress callback; callers add
// whole chunks, so the callback stays off the per-document path.
class ProgressCounter {
 public:
  ProgressCounter(const ProgressCallback& callback, std::string_view stage, size_t total)
      : callback_(callback), stage_(stage), total_(total) {}

  void Add(size_t units) {
    const size_t done = done_.fetch_add(units) + units;
    if (callback_) callback_(stage_, done, total_);
  }

 private:
  const ProgressCallback& callback_;
  std::string_view stage_;
  size_t total_;
  std::atomic<size_t> done_{0};
};

}  // namespace

std::vector<std::vector<uint64_t>> BuildShingleSets(absl::Span<const Document> documents,
                                                    absl::Span<const uint8_t> needed,
                                                    const ScanOptions& options, int threads) {
  std::vector<std::vector<uint64_t>> sets(documents.size());
  const Tokenizer tokenizer(options.normalize);
  ParallelFor(documents.size(), threads, 64, [&](size_t begin, size_t end) {
    TokenizedText tokens;
    for (size_t i = begin; i < end; ++i) {
      if (needed[i]) ShingleSetOf(tokenizer, documents[i].text, options.shingle, &tokens, &sets[i]);
    }
  });
  return sets;
}

absl::StatusOr<LshParams> ResolveLshParams(const ScanOptions& options) {
  if (!(options.threshold > 0.0 && options.threshold <= 1.0)) {
    return absl::InvalidArgumentError(
        absl::StrCat("--threshold must be in (0, 1], got ", options.threshold));
  }
  if (options.shingle.size < 1 || options.shingle.size > 64) {
    return absl::InvalidArgumentError(
        absl::StrCat("--shingle must be between 1 and 64 words, got ", options.shingle.size));
  }
  if (options.minhash.num_perm < 1 || options.minhash.num_perm > 4096) {
    return absl::InvalidArgumentError(
        absl::StrCat("--num-perm must be between 1 and 4096, got ", options.minhash.num_perm));
  }
  if (options.threads < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("--threads must be >= 0 (0 = all cores), got ", options.threads));
  }
  if (options.lsh) {
    const LshParams& p = *options.lsh;
    if (p.num_bands < 1 || p.rows_per_band < 1 ||
        p.num_bands * p.rows_per_band > options.minhash.num_perm) {
      return absl::InvalidArgumentError(absl::StrCat(
          "LSH bands x rows must be positive and at most --num-perm (", options.minhash.num_perm,
          "), got ", p.num_bands, " x ", p.rows_per_band));
    }
    return p;
  }
  return ChooseLshParams(options.threshold, options.minhash.num_perm, options.lsh_weights,
                         ResolveThreadCount(options.threads));
}

namespace {

// The share of a text of `total` characters inside the union of `spans`.
double CoveredShare(size_t total, std::vector<std::pair<uint32_t, uint32_t>> spans) {
  if (total == 0 || spans.empty()) return 0;
  std::sort(spans.begin(), spans.end());
  size_t covered = 0;
  uint32_t reach = 0;
  for (const auto& [begin, end] : spans) {
    const uint32_t from = std::max(begin, reach);
    if (end > from) covered += end - from;
    reach = std::max(reach, end);
  }
  return static_cast<double>(covered) / static_cast<double>(total);
}

}  // namespace

DocumentSketches SketchDocuments(absl::Span<const Document> documents, const ScanOptions& options,
                                 const MinHasher& hasher, int threads) {
  const size_t n = documents.size();
  const bool passages_on = options.passages.enabled;
  DocumentSketches out;
  out.num_perm = static_cast<size_t>(hasher.num_perm());
  out.signatures.resize(n * out.num_perm);  // unwritten: each worker fills its rows
  out.indexable.assign(n, 0);
  out.text_keys.assign(n, 0);
  out.fingerprints.resize(passages_on ? n : 0);
  std::vector<uint32_t> shingle_counts(n, 0);
  const Tokenizer tokenizer(options.normalize);
  ProgressCounter shingled(options.progress, "shingling", n);
  ParallelFor(n, threads, 64, [&](size_t begin, size_t end) {
    TokenizedText tokens;
    std::vector<uint64_t> shingles;
    for (size_t i = begin; i < end; ++i) {
      // Shingles, signatures and winnowing need only the word hashes.
      tokenizer.HashWords(documents[i].text, &tokens);
      HashShingles(tokens, options.shingle, &shingles);
      // Duplicates leave minima unchanged, so the list needs no dedup here.
      hasher.Compute(shingles, &out.signatures[i * out.num_perm]);
      out.indexable[i] = !shingles.empty();
      out.text_keys[i] = NormalizedTextKey(tokens);
      shingle_counts[i] = static_cast<uint32_t>(shingles.size());
      if (passages_on) {
        WinnowInTextOrder(tokens, options.passages.fingerprints, &shingles, &out.fingerprints[i]);
      }
    }
    shingled.Add(end - begin);
  });
  for (size_t i = 0; i < n; ++i) out.shingles += shingle_counts[i];
  return out;
}

namespace {

// The indices of `pairs` grouped by connected component of the graph they
// form (components in order of their first pair, pairs in their order
// within one). Walked in this order, a document's pairs fall in one block
// of ForEachPairBlock unless its component outgrows a block, so few
// documents are prepared twice; in (a, b) order, a copy's pairs as b and as
// a would often fall blocks apart.
std::vector<uint32_t> PairsByComponent(const std::vector<CandidatePair>& pairs,
                                       size_t num_documents) {
  constexpr uint32_t kNone = std::numeric_limits<uint32_t>::max();
  std::vector<uint32_t> component_of_pair(pairs.size());
  std::vector<size_t> start;  // pairs per component, then where each starts
  {
    UnionFind components(num_documents);
    for (const CandidatePair& pair : pairs) components.Union(pair.a, pair.b);
    std::vector<uint32_t> number_of_root(num_documents, kNone);
    for (size_t i = 0; i < pairs.size(); ++i) {
      uint32_t& number = number_of_root[components.Find(pairs[i].a)];
      if (number == kNone) {
        number = static_cast<uint32_t>(start.size());
        start.push_back(0);
      }
      component_of_pair[i] = number;
      ++start[number];
    }
  }
  size_t at = 0;
  for (size_t& count : start) at += std::exchange(count, at);
  std::vector<uint32_t> order(pairs.size());
  for (size_t i = 0; i < pairs.size(); ++i) {
    order[start[component_of_pair[i]]++] = static_cast<uint32_t>(i);
  }
  return order;
}

// Walks `pairs` in the given order (a permutation of their indices), in
// blocks of consecutive pairs that name at most `max_documents` documents
// between them (a single pair may exceed that only if max_documents < 2).
// For each block, prepare(documents) gets the block's documents, slot k
// holding documents[k]; then evaluate(pair_indices, slot_of) gets the
// block's pairs with slot_of[d], the slot of document d.
template <typename Prepare, typename Evaluate>
void ForEachPairBlock(const std::vector<CandidatePair>& pairs, absl::Span<const uint32_t> order,
                      size_t num_documents, size_t max_documents, Prepare prepare,
                      Evaluate evaluate) {
  constexpr uint32_t kNoSlot = std::numeric_limits<uint32_t>::max();
  const size_t block_limit = std::max<size_t>(2, max_documents);
  std::vector<uint32_t> slot_of(num_documents, kNoSlot);
  std::vector<uint32_t> block_documents;
  for (size_t begin = 0; begin < order.size();) {
    size_t end = begin;
    for (; end < order.size(); ++end) {
      const uint32_t a = pairs[order[end]].a, b = pairs[order[end]].b;
      const size_t new_documents = (slot_of[a] == kNoSlot) + (slot_of[b] == kNoSlot);
      if (end > begin && block_documents.size() + new_documents > block_limit) break;
      for (const uint32_t x : {a, b}) {
        if (slot_of[x] != kNoSlot) continue;
        slot_of[x] = static_cast<uint32_t>(block_documents.size());
        block_documents.push_back(x);
      }
    }
    prepare(absl::Span<const uint32_t>(block_documents));
    evaluate(order.subspan(begin, end - begin), absl::Span<const uint32_t>(slot_of));
    for (const uint32_t x : block_documents) slot_of[x] = kNoSlot;
    block_documents.clear();
    begin = end;
  }
}

// The exact Jaccard of `candidate` from its documents' shingle lists (in
// text order, with repeats), its MinHash estimate and shingle containment.
void VerifyPair(const CandidatePair& candidate, const std::vector<uint64_t>& list_a,
                const std::vector<uint64_t>& list_b, absl::Span<const uint32_t> signatures,
                const ScanOptions& options, DocumentPair* pair) {
  const size_t num_perm = static_cast<size_t>(options.minhash.num_perm);
  const SetOverlap sets = OverlapOfShingleLists(list_a, list_b);
  const size_t common = sets.common;
  const size_t union_size = sets.a + sets.b - common;
  pair->a = candidate.a;
  pair->b = candidate.b;
  pair->jaccard = union_size == 0 ? 0 : static_cast<double>(common) / static_cast<double>(union_size);
  pair->near_duplicate = pair->jaccard >= options.threshold;
  pair->jaccard_estimate = EstimateJaccard(signatures.subspan(pair->a * num_perm, num_perm),
                                           signatures.subspan(pair->b * num_perm, num_perm));
  if (sets.a > 0) pair->shingle_containment_a_in_b = static_cast<double>(common) / static_cast<double>(sets.a);
  if (sets.b > 0) pair->shingle_containment_b_in_a = static_cast<double>(common) / static_cast<double>(sets.b);
  pair->containment_a_in_b = pair->shingle_containment_a_in_b;  // passages, if on, replace these
  pair->containment_b_in_a = pair->shingle_containment_b_in_a;
}

// The passages of a verified pair, and containment from them: boilerplate
// is reported but is no evidence of copying; neither is quoting the same
// statement. Both are left out of containment.
void AlignPair(const AlignableText& a, size_t chars_a, const AlignableText& b, size_t chars_b,
               const AlignOptions& options, DocumentPair* pair) {
  pair->passages = AlignPassages(a, b, options);
  std::vector<std::pair<uint32_t, uint32_t>> spans_a, spans_b;
  for (const Passage& passage : pair->passages) {
    if (passage.kind == Passage::Kind::kBoilerplate || passage.quoted) continue;
    pair->shares_reused_text = true;
    spans_a.emplace_back(passage.a.char_begin, passage.a.char_end);
    spans_b.emplace_back(passage.b.char_begin, passage.b.char_end);
  }
  pair->containment_a_in_b = CoveredShare(chars_a, std::move(spans_a));
  pair->containment_b_in_a = CoveredShare(chars_b, std::move(spans_b));
}

}  // namespace

std::vector<DocumentPair> EvaluateCandidates(
    absl::Span<const Document> documents, absl::Span<const uint32_t> signatures,
    const CandidateSet& candidates, const absl::flat_hash_set<uint64_t>& common_fingerprints,
    const ScanOptions& options, int threads, ScanStats* stats) {
  const bool passages_on = options.passages.enabled;
  const std::vector<CandidatePair>& pairs = candidates.pairs;

  // Exact Jaccard of every candidate, from the shingle lists of the
  // documents it names (OverlapOfShingleLists), rebuilt a block of
  // documents at a time (options.verify_block_documents) so that memory
  // stays bounded. With passages on, each document of a block is prepared
  // for alignment too, its shingle list coming from that one tokenisation,
  // and the block's pairs that are near-duplicates or share fingerprints
  // are aligned. Slots are reused from block to block, keeping their memory.
  std::vector<DocumentPair> verified(pairs.size());
  ProgressCounter evaluated(options.progress, passages_on ? "aligning" : "verifying", pairs.size());
  const Tokenizer tokenizer(options.normalize);
  std::vector<std::vector<uint64_t>> lists;  // per slot: shingle hashes in text order
  std::vector<AlignableText> alignable;     // per slot, with passages on
  std::vector<size_t> chars;                // per slot: code points, for containment
  double seconds_preparing = 0, seconds_evaluating = 0;
  size_t documents_prepared = 0;
  auto prepare = [&](absl::Span<const uint32_t> block) {
    const auto start = std::chrono::steady_clock::now();
    documents_prepared += block.size();
    if (lists.size() < block.size()) lists.resize(block.size());
    if (passages_on && alignable.size() < block.size()) {
      alignable.resize(block.size());
      chars.resize(block.size());
    }
    ParallelFor(block.size(), threads, 16, [&](size_t from, size_t to) {
      TokenizedText tokens;
      for (size_t k = from; k < to; ++k) {
        const std::string_view text = documents[block[k]].text;
        if (passages_on) {
          PrepareForAlignment(text, options.normalize, &alignable[k]);
          chars[k] = CountCodePoints(text);
          MarkCommonText(alignable[k].tokens, common_fingerprints, options.passages.fingerprints,
                         &alignable[k].common_text);
          HashShingles(alignable[k].tokens, options.shingle, &lists[k]);
        } else {
          tokenizer.HashWords(text, &tokens);
          HashShingles(tokens, options.shingle, &lists[k]);
        }
        // Slots are reused from block to block: one that once held a long
        // article gives the surplus back, so a slot holds at most twice
        // what its current document needs.
        if (lists[k].capacity() > 2 * lists[k].size() + 1024) lists[k].shrink_to_fit();
      }
    });
    seconds_preparing += SecondsSince(start);
  };
  auto evaluate = [&](absl::Span<const uint32_t> block_pairs, absl::Span<const uint32_t> slot_of) {
    const auto start = std::chrono::steady_clock::now();
    ParallelFor(block_pairs.size(), threads, passages_on ? 16 : 64, [&](size_t from, size_t to) {
      for (size_t k = from; k < to; ++k) {
        const uint32_t i = block_pairs[k];
        const uint32_t slot_a = slot_of[pairs[i].a], slot_b = slot_of[pairs[i].b];
        VerifyPair(pairs[i], lists[slot_a], lists[slot_b], signatures, options, &verified[i]);
        if (passages_on && (verified[i].near_duplicate || candidates.shares_fingerprints[i])) {
          AlignPair(alignable[slot_a], chars[slot_a], alignable[slot_b], chars[slot_b], options.passages.align,
                    &verified[i]);
        }
      }
      evaluated.Add(to - from);
    });
    seconds_evaluating += SecondsSince(start);
  };
  ForEachPairBlock(pairs, PairsByComponent(pairs, documents.size()), documents.size(),
                   options.verify_block_documents, prepare, evaluate);
  if (stats != nullptr) {
    stats->documents_prepared += documents_prepared;
    if (passages_on) {
      stats->seconds_preparing += seconds_preparing;
      stats->seconds_aligning += seconds_evaluating;
    } else {
      stats->seconds_verification += seconds_preparing + seconds_evaluating;
    }
  }

  std::vector<DocumentPair> reported;
  for (DocumentPair& pair : verified) {
    if (pair.near_duplicate || pair.shares_reused_text) reported.push_back(std::move(pair));
  }
  return reported;
}

CandidateSet MergeCandidates(const std::vector<CandidatePair>& lsh_pairs,
                             const std::vector<CandidatePair>& fingerprint_pairs) {
  CandidateSet merged;
  merged.pairs.reserve(lsh_pairs.size() + fingerprint_pairs.size());
  size_t i = 0, j = 0;
  while (i < lsh_pairs.size() || j < fingerprint_pairs.size()) {
    if (j == fingerprint_pairs.size() || (i < lsh_pairs.size() && lsh_pairs[i] < fingerprint_pairs[j])) {
      merged.pairs.push_back(lsh_pairs[i++]);
      merged.shares_fingerprints.push_back(0);
    } else {
      const bool both = i < lsh_pairs.size() && lsh_pairs[i] == fingerprint_pairs[j];
      merged.pairs.push_back(fingerprint_pairs[j++]);
      merged.shares_fingerprints.push_back(1);
      if (both) ++i;
    }
  }
  return merged;
}

}  // namespace reprint
