#include "reprint/cluster.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/random.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "reprint/document.h"

namespace reprint {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

using Edge = std::pair<uint32_t, uint32_t>;

Document Doc(std::string id, std::optional<int64_t> published, bool integer_id = false) {
  Document doc;
  doc.id = DocId{std::move(id), integer_id};
  doc.published = published;
  return doc;
}

// Integer ids "0", "1", ... and the given publication times.
std::vector<Document> Docs(const std::vector<std::optional<int64_t>>& published) {
  std::vector<Document> docs;
  for (size_t i = 0; i < published.size(); ++i) {
    docs.push_back(Doc(std::to_string(i), published[i], /*integer_id=*/true));
  }
  return docs;
}

std::vector<std::vector<uint32_t>> MembersOf(const std::vector<Cluster>& clusters) {
  std::vector<std::vector<uint32_t>> members;
  for (const Cluster& cluster : clusters) members.push_back(cluster.members);
  return members;
}

// ---------------------------------------------------------------------------
// UnionFind.

TEST(UnionFindTest, EveryElementStartsInItsOwnSet) {
  UnionFind sets(5);
  for (uint32_t x = 0; x < 5; ++x) EXPECT_EQ(sets.Find(x), x);
}

TEST(UnionFindTest, UnionMergesOnceAndIsTransitive) {
  UnionFind sets(6);
  EXPECT_TRUE(sets.Union(0, 1));
  EXPECT_TRUE(sets.Union(2, 1));
  EXPECT_FALSE(sets.Union(0, 2));  // already joined through 1
  EXPECT_FALSE(sets.Union(1, 1));
  EXPECT_TRUE(sets.Union(4, 5));
  EXPECT_EQ(sets.Find(0), sets.Find(1));
  EXPECT_EQ(sets.Find(0), sets.Find(2));
  EXPECT_EQ(sets.Find(4), sets.Find(5));
  EXPECT_NE(sets.Find(0), sets.Find(4));
  EXPECT_NE(sets.Find(0), sets.Find(3));
  EXPECT_EQ(sets.Find(3), 3u);
  EXPECT_TRUE(sets.Union(5, 2));
  for (const uint32_t x : {0u, 1u, 2u, 4u, 5u}) EXPECT_EQ(sets.Find(x), sets.Find(0));
  EXPECT_EQ(sets.Find(3), 3u);
}

TEST(UnionFindTest, LongChainsEndInOneSet) {
  constexpr uint32_t kN = 10000;
  UnionFind sets(kN);
  for (uint32_t x = 1; x < kN; ++x) EXPECT_TRUE(sets.Union(x - 1, x));
  const uint32_t root = sets.Find(kN - 1);
  for (uint32_t x = 0; x < kN; ++x) ASSERT_EQ(sets.Find(x), root);
  EXPECT_FALSE(sets.Union(0, kN - 1));
}

// ---------------------------------------------------------------------------
// BuildClusters.

TEST(ClusterTest, ClustersAreTheConnectedComponents) {
  const std::vector<Document> docs = Docs({10, 20, 30, 40, 50, 60, 70, 80});
  const std::vector<Edge> edges = {{0, 1}, {5, 4}, {1, 2}, {2, 0}};
  const std::vector<Cluster> clusters = BuildClusters(docs, edges);
  EXPECT_THAT(MembersOf(clusters), ElementsAre(ElementsAre(0u, 1u, 2u), ElementsAre(4u, 5u)));
}

TEST(ClusterTest, NoEdgesGiveNoClusters) {
  EXPECT_THAT(BuildClusters(Docs({1, 2, 3}), {}), IsEmpty());
  EXPECT_THAT(BuildClusters({}, {}), IsEmpty());
}

TEST(ClusterTest, ClustersOfOneAreNotReturned) {
  // A self-pair joins nothing: document 1 stays alone and must not appear.
  const std::vector<Document> docs = Docs({10, 20, 30, 40});
  EXPECT_THAT(BuildClusters(docs, std::vector<Edge>{{1, 1}}), IsEmpty());
  EXPECT_THAT(MembersOf(BuildClusters(docs, std::vector<Edge>{{1, 1}, {2, 3}})),
              ElementsAre(ElementsAre(2u, 3u)));
}

TEST(ClusterTest, DuplicateAndReversedEdgesChangeNothing) {
  const std::vector<Document> docs = Docs({10, 20, 30, 40});
  const std::vector<Cluster> once = BuildClusters(docs, std::vector<Edge>{{0, 2}});
  const std::vector<Cluster> many =
      BuildClusters(docs, std::vector<Edge>{{0, 2}, {2, 0}, {0, 2}});
  ASSERT_EQ(many.size(), 1u);
  EXPECT_EQ(many[0].members, once[0].members);
  EXPECT_THAT(many[0].members, ElementsAre(0u, 2u));
}

TEST(ClusterTest, IdsCountFromOneInOrderOfEachClustersFirstMember) {
  // The first members in input order are 0 ({0, 3}), 2 ({2, 5}) and 6
  // ({6, 7}); the edges list them in another order, and the origins (the
  // earliest published) are 3, 5 and 7, which must not affect numbering.
  const std::vector<Document> docs = Docs({100, 99, 100, 1, 99, 2, 100, 3});
  const std::vector<Edge> edges = {{7, 6}, {5, 2}, {3, 0}};
  const std::vector<Cluster> clusters = BuildClusters(docs, edges);
  ASSERT_EQ(clusters.size(), 3u);
  EXPECT_EQ(clusters[0].id, 1);
  EXPECT_THAT(clusters[0].members, ElementsAre(3u, 0u));
  EXPECT_EQ(clusters[1].id, 2);
  EXPECT_THAT(clusters[1].members, ElementsAre(5u, 2u));
  EXPECT_EQ(clusters[2].id, 3);
  EXPECT_THAT(clusters[2].members, ElementsAre(7u, 6u));
}

TEST(ClusterTest, OriginIsTheEarliestPublishedMember) {
  const std::vector<Document> docs = Docs({500, 300, 900, 100, 700});
  const std::vector<Cluster> clusters =
      BuildClusters(docs, std::vector<Edge>{{0, 1}, {1, 2}, {2, 3}, {3, 4}});
  ASSERT_EQ(clusters.size(), 1u);
  EXPECT_EQ(clusters[0].origin, 3u);
  EXPECT_THAT(clusters[0].members, ElementsAre(3u, 1u, 0u, 4u, 2u));
}

TEST(ClusterTest, UndatedMembersComeAfterDatedOnes) {
  // Negative times (before 1970) are still dated and earlier than any later one.
  const std::vector<Document> docs = Docs({std::nullopt, 5000, std::nullopt, -20, 7});
  const std::vector<Cluster> clusters =
      BuildClusters(docs, std::vector<Edge>{{0, 1}, {2, 3}, {4, 0}, {2, 0}});
  ASSERT_EQ(clusters.size(), 1u);
  EXPECT_EQ(clusters[0].origin, 3u);
  EXPECT_THAT(clusters[0].members, ElementsAre(3u, 4u, 1u, 0u, 2u));
}

TEST(ClusterTest, OriginIsKnownOnlyWhenEveryMemberIsDatedAndTheFirstComesAlone) {
  auto origin_known = [](const std::vector<std::optional<int64_t>>& published) {
    const std::vector<Document> docs = Docs(published);
    std::vector<Edge> edges;
    for (uint32_t i = 1; i < docs.size(); ++i) edges.emplace_back(0, i);
    const std::vector<Cluster> clusters = BuildClusters(docs, edges);
    EXPECT_EQ(clusters.size(), 1u);
    return clusters[0].origin_known;
  };
  EXPECT_TRUE(origin_known({5, 3, 9}));
  EXPECT_FALSE(origin_known({5, std::nullopt, 9})) << "the undated one may be the first";
  EXPECT_FALSE(origin_known({3, 3, 9})) << "two came out first together";
  EXPECT_TRUE(origin_known({3, 9, 9})) << "a tie after the first leaves it the first";
  EXPECT_FALSE(origin_known({std::nullopt, std::nullopt}));
}

TEST(ClusterTest, AllUndatedClusterIsOrderedById) {
  std::vector<Document> docs = {Doc("30", std::nullopt, true), Doc("4", std::nullopt, true),
                                Doc("100", std::nullopt, true)};
  const std::vector<Cluster> clusters = BuildClusters(docs, std::vector<Edge>{{0, 1}, {1, 2}});
  ASSERT_EQ(clusters.size(), 1u);
  EXPECT_EQ(clusters[0].origin, 1u);
  EXPECT_THAT(clusters[0].members, ElementsAre(1u, 0u, 2u));
}

TEST(ClusterTest, EqualTimesAreBrokenByIdIntegersBeforeStringsIntegersByValue) {
  // All published at the same second. Integer ids sort numerically
  // (-12 < -3 < 9 < 10 < 100), then string ids by bytes ("10" < "9" < "a").
  const std::vector<Document> docs = {
      Doc("a", 42),          // 0
      Doc("100", 42, true),  // 1
      Doc("9", 42),          // 2 (string)
      Doc("10", 42, true),   // 3
      Doc("-3", 42, true),   // 4
      Doc("10", 42),         // 5 (string)
      Doc("9", 42, true),    // 6
      Doc("-12", 42, true),  // 7
  };
  std::vector<Edge> edges;
  for (uint32_t i = 1; i < docs.size(); ++i) edges.push_back({i - 1, i});
  const std::vector<Cluster> clusters = BuildClusters(docs, edges);
  ASSERT_EQ(clusters.size(), 1u);
  EXPECT_EQ(clusters[0].origin, 7u);
  EXPECT_THAT(clusters[0].members, ElementsAre(7u, 4u, 6u, 3u, 1u, 5u, 2u, 0u));
}

TEST(ClusterTest, EarlierTimeBeatsSmallerId) {
  const std::vector<Document> docs = {Doc("1", 200, true), Doc("zzz", 100), Doc("2", 200, true)};
  const std::vector<Cluster> clusters = BuildClusters(docs, std::vector<Edge>{{0, 1}, {1, 2}});
  ASSERT_EQ(clusters.size(), 1u);
  EXPECT_EQ(clusters[0].origin, 1u);
  EXPECT_THAT(clusters[0].members, ElementsAre(1u, 0u, 2u));
}

// Oracle: connected components by breadth-first search over an adjacency
// list, members sorted by PublishedBefore, numbered by smallest index.
std::vector<Cluster> ExpectedClusters(const std::vector<Document>& docs,
                                      const std::vector<Edge>& edges) {
  std::vector<std::vector<uint32_t>> adjacent(docs.size());
  for (const auto& [a, b] : edges) {
    adjacent[a].push_back(b);
    adjacent[b].push_back(a);
  }
  std::vector<uint8_t> seen(docs.size(), 0);
  std::vector<Cluster> clusters;
  for (uint32_t start = 0; start < docs.size(); ++start) {
    if (seen[start]) continue;
    std::vector<uint32_t> component = {start};
    seen[start] = 1;
    for (size_t i = 0; i < component.size(); ++i) {
      for (const uint32_t next : adjacent[component[i]]) {
        if (!seen[next]) {
          seen[next] = 1;
          component.push_back(next);
        }
      }
    }
    if (component.size() < 2) continue;
    std::sort(component.begin(), component.end(), [&](uint32_t x, uint32_t y) {
      return PublishedBefore(docs[x], docs[y]);
    });
    Cluster cluster;
    cluster.id = static_cast<int64_t>(clusters.size()) + 1;
    cluster.members = component;
    cluster.origin = component.front();
    clusters.push_back(cluster);
  }
  return clusters;
}

void ExpectSameClusters(const std::vector<Cluster>& actual, const std::vector<Cluster>& expected) {
  ASSERT_EQ(actual.size(), expected.size());
  for (size_t i = 0; i < actual.size(); ++i) {
    EXPECT_EQ(actual[i].id, expected[i].id) << i;
    EXPECT_EQ(actual[i].origin, expected[i].origin) << i;
    EXPECT_EQ(actual[i].origin, actual[i].members.front()) << i;
    EXPECT_EQ(actual[i].members, expected[i].members) << i;
  }
}

TEST(ClusterTest, RandomGraphsMatchBreadthFirstComponentsForAnyEdgeOrder) {
  Random random(31);
  for (int trial = 0; trial < 20; ++trial) {
    SCOPED_TRACE(trial);
    const size_t n = 50 + random.Uniform(150);
    // Distinct ids (a shuffled 0..n-1), so PublishedBefore is a strict order.
    std::vector<size_t> ids(n);
    for (size_t i = 0; i < n; ++i) ids[i] = i;
    for (size_t i = n; i > 1; --i) std::swap(ids[i - 1], ids[random.Uniform(i)]);
    std::vector<Document> docs;
    for (size_t i = 0; i < n; ++i) {
      // Few distinct times so ties are common; some undated; mixed id types.
      std::optional<int64_t> published;
      if (!random.Bernoulli(0.2)) published = static_cast<int64_t>(random.Uniform(5));
      const bool integer_id = random.Bernoulli(0.5);
      docs.push_back(Doc(std::to_string(ids[i]), published, integer_id));
    }
    std::vector<Edge> edges;
    const size_t num_edges = random.Uniform(n);
    for (size_t e = 0; e < num_edges; ++e) {
      const auto a = static_cast<uint32_t>(random.Uniform(n));
      const auto b = static_cast<uint32_t>(random.Uniform(n));
      if (a != b) edges.push_back({a, b});
    }
    const std::vector<Cluster> expected = ExpectedClusters(docs, edges);
    ExpectSameClusters(BuildClusters(docs, edges), expected);
    for (int shuffle = 0; shuffle < 5; ++shuffle) {
      std::vector<Edge> shuffled = edges;
      for (size_t i = shuffled.size(); i > 1; --i) {
        std::swap(shuffled[i - 1], shuffled[random.Uniform(i)]);
      }
      for (Edge& edge : shuffled) {
        if (random.Bernoulli(0.5)) std::swap(edge.first, edge.second);
      }
      ExpectSameClusters(BuildClusters(docs, shuffled), expected);
    }
  }
}

TEST(PropagationTreeTest, EachMemberComesFromItsMostSimilarEarlierPartner) {
  // Published at 0, 10, 20, 30 seconds: 2 pairs with 0 (0.6) and 1 (0.9);
  // 3 pairs with 0 and 2 at the same similarity, so the earlier, 0, wins;
  // 1 pairs with 3 only, which is later: no source among earlier members.
  const std::vector<Document> docs = Docs({0, 10, 20, 30});
  const std::vector<Cluster> clusters = BuildClusters(docs, std::vector<Edge>{{0, 2}, {1, 2}, {0, 3}, {2, 3}});
  ASSERT_EQ(clusters.size(), 1u);
  SimilarityGraph graph;
  auto add = [&](uint32_t a, uint32_t b, double similarity) {
    graph[a].emplace_back(b, similarity);
    graph[b].emplace_back(a, similarity);
  };
  add(0, 2, 0.6);
  add(1, 2, 0.9);
  add(0, 3, 0.7);
  add(2, 3, 0.7);
  const std::vector<PropagationLink> tree = PropagationTree(clusters[0], docs, graph);
  ASSERT_EQ(tree.size(), 4u);
  EXPECT_EQ(tree[0].member, 0u);
  EXPECT_FALSE(tree[0].parent);
  EXPECT_FALSE(tree[1].parent) << "1 pairs only with later members";
  EXPECT_EQ(tree[2].parent, std::optional<uint32_t>(1));
  EXPECT_DOUBLE_EQ(tree[2].similarity, 0.9);
  EXPECT_EQ(tree[2].lag_seconds, std::optional<int64_t>(10));
  EXPECT_EQ(tree[3].parent, std::optional<uint32_t>(0)) << "a tie goes to the earlier member";
  EXPECT_EQ(tree[3].lag_seconds, std::optional<int64_t>(30));
}

TEST(PropagationTreeTest, LinksToOrFromAnUndatedMemberHaveNoDirection) {
  const std::vector<Document> docs = Docs({100, std::nullopt, 200, 200});
  const std::vector<Cluster> clusters = BuildClusters(docs, std::vector<Edge>{{0, 1}, {0, 2}, {2, 3}});
  ASSERT_EQ(clusters.size(), 1u);
  SimilarityGraph graph;
  for (const auto& [a, b] : std::vector<Edge>{{0, 1}, {0, 2}, {2, 3}}) {
    graph[a].emplace_back(b, 0.8);
    graph[b].emplace_back(a, 0.8);
  }
  for (const PropagationLink& link : PropagationTree(clusters[0], docs, graph)) {
    if (!link.parent) continue;
    // 2 came 100 seconds after 0; 1 is undated; 3 came out with 2.
    EXPECT_EQ(link.direction_known, link.member == 2) << link.member;
  }
}

TEST(PropagationTreeTest, EveryOneOfAHundredThousandCopiesFindsTheOrigin) {
  // Each copy pairs with the origin alone, as identical copies do. The tree
  // follows pairs, not every earlier member (five billion steps here, which
  // once made `reprint scan` of 100,000 copies take 80 s).
  const uint32_t n = 100'000;
  std::vector<std::optional<int64_t>> times(n);
  for (uint32_t i = 0; i < n; ++i) times[i] = i;
  const std::vector<Document> docs = Docs(times);
  std::vector<Edge> edges;
  SimilarityGraph graph;
  for (uint32_t i = 1; i < n; ++i) {
    edges.emplace_back(0, i);
    graph[0].emplace_back(i, 1.0);
    graph[i].emplace_back(0, 1.0);
  }
  const std::vector<Cluster> clusters = BuildClusters(docs, edges);
  ASSERT_EQ(clusters.size(), 1u);
  const std::vector<PropagationLink> tree = PropagationTree(clusters[0], docs, graph);
  ASSERT_EQ(tree.size(), n);
  for (uint32_t i = 1; i < n; ++i) ASSERT_EQ(tree[i].parent, std::optional<uint32_t>(0));
}

}  // namespace
}  // namespace reprint
