#include "tests/testing/synthetic.h"

#include "gtest/gtest.h"

namespace reprint::test {

std::vector<Document> SyntheticArticles(const SyntheticOptions& options) {
  std::vector<Document> docs;
  const absl::Status status =
      GenerateSynthetic(options, [&](const Document& doc, const TruthRecord&) { docs.push_back(doc); });
  EXPECT_TRUE(status.ok()) << status;
  return docs;
}

}  // namespace reprint::test
