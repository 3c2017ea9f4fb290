#include "core/scan.h"

#include <algorithm>
#include <atomic>
#include <iterator>
#include <tuple>
#include <chrono>
#include <limits>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "core/encoding.h"
#include "core/parallel.h"
#include "core/status_macros.h"

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
      if (!needed[i]) continue;
      tokenizer.Tokenize(documents[i].text, &tokens);
      HashShingles(tokens, options.shingle, &sets[i]);
      MakeShingleSet(&sets[i]);
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
  return ChooseLshParams(options.threshold, options.minhash.num_perm, options.lsh_weights);
}

namespace {

// The share of `text`'s characters inside the union of `spans`.
double CoveredShare(std::string_view text, std::vector<std::pair<uint32_t, uint32_t>> spans) {
  const size_t total = CountCodePoints(text);
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

std::vector<CandidatePair> MergeCandidates(const std::vector<CandidatePair>& x,
                                           const std::vector<CandidatePair>& y) {
  std::vector<CandidatePair> merged;
  merged.reserve(x.size() + y.size());
  auto less = [](const CandidatePair& p, const CandidatePair& q) {
    return std::tie(p.a, p.b) < std::tie(q.a, q.b);
  };
  std::set_union(x.begin(), x.end(), y.begin(), y.end(), std::back_inserter(merged), less);
  return merged;
}

}  // namespace

absl::StatusOr<ScanResult> Scan(absl::Span<const Document> documents, const ScanOptions& options) {
  REPRINT_ASSIGN_OR_RETURN(const LshParams lsh, ResolveLshParams(options));
  REPRINT_ASSIGN_OR_RETURN(const MinHasher hasher, MinHasher::Create(options.minhash));
  if (documents.size() >= std::numeric_limits<uint32_t>::max()) {
    return absl::InvalidArgumentError("too many documents for one scan (limit 2^32 - 1)");
  }
  const int threads = ResolveThreadCount(options.threads);
  const size_t n = documents.size();
  const size_t num_perm = static_cast<size_t>(hasher.num_perm());
  const bool passages_on = options.passages.enabled;

  ScanResult result;
  result.stats.documents = n;
  result.stats.lsh = lsh;

  // Stage 1: per document, its signature and passage fingerprints. Shingle
  // lists are not kept: the signature is 4 bytes per permutation, the list 8
  // bytes per word, and only documents in candidate pairs need their sets
  // again (stage 3).
  auto start = std::chrono::steady_clock::now();
  std::vector<uint32_t> signatures(n * num_perm);
  std::vector<uint8_t> indexable(n, 0);
  std::vector<uint32_t> shingle_counts(n, 0);
  std::vector<std::vector<uint64_t>> fingerprints(passages_on ? n : 0);
  const Tokenizer tokenizer(options.normalize);
  ProgressCounter shingled(options.progress, "shingling", n);
  ParallelFor(n, threads, 64, [&](size_t begin, size_t end) {
    TokenizedText tokens;
    std::vector<uint64_t> shingles;
    for (size_t i = begin; i < end; ++i) {
      tokenizer.Tokenize(documents[i].text, &tokens);
      HashShingles(tokens, options.shingle, &shingles);
      // Duplicates leave minima unchanged, so the list needs no dedup here.
      hasher.Compute(shingles, &signatures[i * num_perm]);
      indexable[i] = !shingles.empty();
      shingle_counts[i] = static_cast<uint32_t>(shingles.size());
      if (passages_on) Winnow(tokens, options.passages.fingerprints, &shingles, &fingerprints[i]);
    }
    shingled.Add(end - begin);
  });
  for (size_t i = 0; i < n; ++i) {
    result.stats.shingles += shingle_counts[i];
    result.stats.documents_without_words += !indexable[i];
  }
  result.stats.seconds_shingling = SecondsSince(start);

  // Stage 2: candidates, from LSH bands and from shared passage fingerprints.
  start = std::chrono::steady_clock::now();
  const std::vector<CandidatePair> lsh_candidates =
      FindCandidatePairs(signatures, hasher.num_perm(), indexable, lsh, threads);
  result.stats.candidates = lsh_candidates.size();
  result.stats.seconds_candidates = SecondsSince(start);
  start = std::chrono::steady_clock::now();
  std::vector<CandidatePair> passage_candidates;
  absl::flat_hash_set<uint64_t> common_fingerprints;  // boilerplate and stock phrases
  if (passages_on) {
    passage_candidates = SharedFingerprintPairs(fingerprints, options.passages.fingerprints,
                                                threads, &common_fingerprints);
    std::vector<std::vector<uint64_t>>().swap(fingerprints);
  }
  result.stats.passage_candidates = passage_candidates.size();
  result.stats.seconds_passage_candidates = SecondsSince(start);
  const std::vector<CandidatePair> candidates = MergeCandidates(lsh_candidates, passage_candidates);

  // Stage 3: exact Jaccard of every candidate. Shingle sets are rebuilt for
  // the documents that some candidate pair names, each once; with passages
  // on, from the same tokenisation that prepares them for alignment.
  start = std::chrono::steady_clock::now();
  std::vector<uint8_t> needed(n, 0);
  for (const CandidatePair& pair : candidates) needed[pair.a] = needed[pair.b] = 1;
  std::vector<std::vector<uint64_t>> shingle_sets;
  std::vector<AlignableText> alignable(passages_on ? n : 0);
  if (passages_on) {
    const auto preparing = std::chrono::steady_clock::now();
    shingle_sets.resize(n);
    ParallelFor(n, threads, 16, [&](size_t begin, size_t end) {
      for (size_t i = begin; i < end; ++i) {
        if (!needed[i]) continue;
        alignable[i] = PrepareForAlignment(documents[i].text, options.normalize);
        alignable[i].common_text = MarkCommonText(alignable[i].tokens, common_fingerprints,
                                                  options.passages.fingerprints);
        HashShingles(alignable[i].tokens, options.shingle, &shingle_sets[i]);
        MakeShingleSet(&shingle_sets[i]);
      }
    });
    result.stats.seconds_preparing = SecondsSince(preparing);
  } else {
    shingle_sets = BuildShingleSets(documents, needed, options, threads);
  }
  std::vector<DocumentPair> verified(candidates.size());
  ProgressCounter verifying(options.progress, "verifying", candidates.size());
  ParallelFor(candidates.size(), threads, 1024, [&](size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) {
      const auto& set_a = shingle_sets[candidates[i].a];
      const auto& set_b = shingle_sets[candidates[i].b];
      const size_t common = IntersectionSize(set_a, set_b);
      const size_t union_size = set_a.size() + set_b.size() - common;
      DocumentPair& pair = verified[i];
      pair.a = candidates[i].a;
      pair.b = candidates[i].b;
      pair.jaccard = union_size == 0 ? 0 : static_cast<double>(common) / static_cast<double>(union_size);
      pair.near_duplicate = pair.jaccard >= options.threshold;
      pair.jaccard_estimate = EstimateJaccard(
          absl::MakeConstSpan(&signatures[pair.a * num_perm], num_perm),
          absl::MakeConstSpan(&signatures[pair.b * num_perm], num_perm));
      if (!set_a.empty()) pair.containment_a_in_b = static_cast<double>(common) / static_cast<double>(set_a.size());
      if (!set_b.empty()) pair.containment_b_in_a = static_cast<double>(common) / static_cast<double>(set_b.size());
    }
    verifying.Add(end - begin);
  });
  std::vector<std::vector<uint64_t>>().swap(shingle_sets);
  result.stats.seconds_verification = SecondsSince(start) - result.stats.seconds_preparing;

  // Stage 4: passages of near-duplicates and of fingerprint candidates.
  start = std::chrono::steady_clock::now();
  std::vector<uint8_t> to_align(candidates.size(), 0);
  if (passages_on) {
    size_t next_passage_candidate = 0;
    for (size_t i = 0; i < candidates.size(); ++i) {
      while (next_passage_candidate < passage_candidates.size() &&
             std::tie(passage_candidates[next_passage_candidate].a,
                      passage_candidates[next_passage_candidate].b) <
                 std::tie(candidates[i].a, candidates[i].b)) {
        ++next_passage_candidate;
      }
      const bool shares_fingerprints = next_passage_candidate < passage_candidates.size() &&
                                       passage_candidates[next_passage_candidate] == candidates[i];
      to_align[i] = verified[i].near_duplicate || shares_fingerprints;
    }
    ProgressCounter aligning(options.progress, "aligning", candidates.size());
    ParallelFor(candidates.size(), threads, 16, [&](size_t begin, size_t end) {
      for (size_t i = begin; i < end; ++i) {
        if (!to_align[i]) continue;
        DocumentPair& pair = verified[i];
        pair.passages = AlignPassages(alignable[pair.a], alignable[pair.b], options.passages.align);
        std::vector<std::pair<uint32_t, uint32_t>> spans_a, spans_b;
        for (const Passage& passage : pair.passages) {
          // Boilerplate is reported but is no evidence of copying.
          if (passage.kind == Passage::Kind::kBoilerplate) continue;
          pair.shares_reused_text = true;
          spans_a.emplace_back(passage.a.char_begin, passage.a.char_end);
          spans_b.emplace_back(passage.b.char_begin, passage.b.char_end);
        }
        pair.containment_a_in_b = CoveredShare(documents[pair.a].text, std::move(spans_a));
        pair.containment_b_in_a = CoveredShare(documents[pair.b].text, std::move(spans_b));
      }
      aligning.Add(end - begin);
    });
  }
  result.stats.seconds_aligning = SecondsSince(start);
  result.stats.seconds_passages = result.stats.seconds_passage_candidates +
                                  result.stats.seconds_preparing + result.stats.seconds_aligning;

  // Pairs to report, and clusters of the near-duplicates among them.
  start = std::chrono::steady_clock::now();
  std::vector<std::pair<uint32_t, uint32_t>> edges;
  for (DocumentPair& pair : verified) {
    if (!pair.near_duplicate && !pair.shares_reused_text) continue;
    if (pair.near_duplicate) edges.emplace_back(pair.a, pair.b);
    result.pairs.push_back(std::move(pair));
  }
  result.clusters = BuildClusters(documents, edges);
  result.stats.seconds_verification += SecondsSince(start);
  return result;
}

}  // namespace reprint
