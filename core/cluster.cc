#include "reprint/cluster.h"

#include <algorithm>
#include <cassert>
#include <numeric>

#include "absl/container/flat_hash_map.h"

namespace reprint {

UnionFind::UnionFind(size_t n) : parent_(n), size_(n, 1) {
  std::iota(parent_.begin(), parent_.end(), 0u);
}

uint32_t UnionFind::Find(uint32_t x) {
  assert(x < parent_.size());
  while (parent_[x] != x) {
    parent_[x] = parent_[parent_[x]];
    x = parent_[x];
  }
  return x;
}

bool UnionFind::Union(uint32_t a, uint32_t b) {
  a = Find(a);
  b = Find(b);
  if (a == b) return false;
  if (size_[a] < size_[b]) std::swap(a, b);
  parent_[b] = a;
  size_[a] += size_[b];
  return true;
}

std::vector<Cluster> BuildClusters(absl::Span<const Document> documents,
                                   absl::Span<const std::pair<uint32_t, uint32_t>> edges) {
  UnionFind sets(documents.size());
  for (const auto& [a, b] : edges) sets.Union(a, b);

  // Walking documents in input order numbers clusters by their first member.
  std::vector<Cluster> clusters;
  absl::flat_hash_map<uint32_t, size_t> cluster_of_root;
  std::vector<uint8_t> in_edge(documents.size(), 0);
  for (const auto& [a, b] : edges) {
    if (a != b) in_edge[a] = in_edge[b] = 1;  // a self-edge joins nothing
  }
  for (uint32_t doc = 0; doc < documents.size(); ++doc) {
    if (!in_edge[doc]) continue;
    auto [it, inserted] = cluster_of_root.try_emplace(sets.Find(doc), clusters.size());
    if (inserted) {
      clusters.emplace_back();
      clusters.back().id = static_cast<int64_t>(clusters.size());
    }
    clusters[it->second].members.push_back(doc);
  }
  for (Cluster& cluster : clusters) OrderMembers(documents, &cluster);
  return clusters;
}

void OrderMembers(absl::Span<const Document> documents, Cluster* cluster) {
  std::vector<uint32_t>& members = cluster->members;
  std::sort(members.begin(), members.end(),
            [&](uint32_t x, uint32_t y) { return PublishedBefore(documents[x], documents[y]); });
  cluster->origin = members.front();
  // Undated members sort last, so one is undated iff the last is.
  const std::optional<int64_t>& first = documents[members.front()].published;
  cluster->origin_known = documents[members.back()].published.has_value() &&
                          (members.size() < 2 || *documents[members[1]].published != *first);
}

std::vector<PropagationLink> PropagationTree(const Cluster& cluster, absl::Span<const Document> documents,
                                             const SimilarityGraph& graph) {
  absl::flat_hash_map<uint32_t, size_t> position;  // in cluster order
  for (size_t i = 0; i < cluster.members.size(); ++i) position[cluster.members[i]] = i;
  std::vector<PropagationLink> links;
  links.reserve(cluster.members.size());
  for (size_t i = 0; i < cluster.members.size(); ++i) {
    PropagationLink& link = links.emplace_back();
    link.member = cluster.members[i];
    const auto partners = graph.find(link.member);
    if (partners == graph.end()) continue;
    size_t parent_position = 0;
    for (const auto& [partner, similarity] : partners->second) {
      const auto at = position.find(partner);
      if (at == position.end() || at->second >= i) continue;  // not earlier in this cluster
      if (!link.parent || similarity > link.similarity ||
          (similarity == link.similarity && at->second < parent_position)) {
        link.parent = partner;
        link.similarity = similarity;
        parent_position = at->second;
      }
    }
    if (link.parent) {
      const Document& member = documents[link.member];
      const Document& parent = documents[*link.parent];
      if (member.published && parent.published) link.lag_seconds = *member.published - *parent.published;
      link.direction_known = link.lag_seconds.has_value() && *link.lag_seconds != 0;
    }
  }
  return links;
}

}  // namespace reprint
