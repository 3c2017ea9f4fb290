#include "reprint/likely_source.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace reprint {
namespace {

Document Dated(const std::string& id, int64_t published) {
  Document doc;
  doc.id.value = id;
  doc.published = published;
  return doc;
}

DocumentPair Pair(uint32_t a, uint32_t b, double a_in_b, double b_in_a, double jaccard) {
  DocumentPair pair;
  pair.a = a;
  pair.b = b;
  pair.containment_a_in_b = a_in_b;
  pair.containment_b_in_a = b_in_a;
  pair.jaccard = jaccard;
  return pair;
}

TEST(LikelySourceTest, TheStoredPartnerContainingMostOfItThenTheEarliest) {
  // Stored: 0 (published at 200), 1 (at 100), 2 (at 300). Queried: 3, 4, 5.
  const std::vector<Document> docs = {Dated("s0", 200), Dated("s1", 100), Dated("s2", 300),
                                      Dated("q3", 400), Dated("q4", 400), Dated("q5", 400)};
  const std::vector<int64_t> numbers = {7, 8, 9, 0, 0, 0};
  const std::vector<DocumentPair> pairs = {
      Pair(0, 3, 0.1, 0.6, 0.3),  // q3 in s0: 0.6
      Pair(1, 3, 0.1, 0.6, 0.2),  // q3 in s1: 0.6, and s1 came first
      Pair(2, 3, 0.9, 0.5, 0.4),  // q3 in s2: 0.5
      Pair(2, 4, 0.2, 0.8, 0.5),  // q4 in s2: 0.8
      Pair(3, 5, 0.9, 0.9, 0.9),  // two queried articles: neither is the other's source
  };
  const std::vector<LikelySource> sources = LikelySources(docs, pairs, numbers);
  ASSERT_EQ(sources.size(), 3u);
  EXPECT_EQ(sources[0].article, 3u);
  EXPECT_EQ(sources[0].source, 1u);
  EXPECT_DOUBLE_EQ(sources[0].containment, 0.6);
  EXPECT_DOUBLE_EQ(sources[0].jaccard, 0.2);
  EXPECT_EQ(sources[1].article, 4u);
  EXPECT_EQ(sources[1].source, 2u);
  EXPECT_DOUBLE_EQ(sources[1].containment, 0.8);
  EXPECT_EQ(sources[2].article, 5u);
  EXPECT_FALSE(sources[2].source.has_value());
}

}  // namespace
}  // namespace reprint
