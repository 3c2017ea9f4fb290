// Syndication clusters: the connected components of accepted pairs, each with
// its origin, the member published first.
#ifndef REPRINT_CLUSTER_H_
#define REPRINT_CLUSTER_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/types/span.h"
#include "reprint/document.h"
#include "reprint/result.h"

namespace reprint {

// Disjoint sets over 0..n-1 with path halving and union by size: near-constant
// amortised time per operation. Not thread-safe.
class UnionFind {
 public:
  explicit UnionFind(size_t n);

  // The representative of x's set. REQUIRES: x < n.
  uint32_t Find(uint32_t x);

  // Merges the sets of a and b; false if they were already one set.
  bool Union(uint32_t a, uint32_t b);

 private:
  std::vector<uint32_t> parent_;
  std::vector<uint32_t> size_;
};

// Sorts cluster->members by PublishedBefore (undated last, equal times by
// id) and sets origin and origin_known from them.
void OrderMembers(absl::Span<const Document> documents, Cluster* cluster);

// Groups the documents joined by `edges` (pairs of indices into `documents`)
// into clusters of two or more. The origin is the earliest published member;
// undated members come after dated ones, and ties go to the smallest id
// (PublishedBefore). Deterministic: depends only on the inputs, not on edge
// order. O(n + e α(n) + n log n).
std::vector<Cluster> BuildClusters(absl::Span<const Document> documents,
                                   absl::Span<const std::pair<uint32_t, uint32_t>> edges);

// For each member of `cluster` in order (origin first), its likely source:
// among the members before it (cluster order, i.e. PublishedBefore) that it
// forms a pair with in `graph`, the most similar; ties go to the earlier one.
// O(size + pairs among the members), so a cluster of 100,000 identical
// copies, each paired with one first, costs linear time.
std::vector<PropagationLink> PropagationTree(const Cluster& cluster, absl::Span<const Document> documents,
                                             const SimilarityGraph& graph);

}  // namespace reprint

#endif  // REPRINT_CLUSTER_H_
