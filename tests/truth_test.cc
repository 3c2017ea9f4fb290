#include "reprint/truth.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/testing/temp_dir.h"

namespace reprint {
namespace {

TruthRecord Truth(std::string id, int64_t family) {
  TruthRecord truth;
  truth.id = DocId{std::move(id), false};
  truth.family = family;
  return truth;
}

TEST(TruthTest, OriginalRoundTripsWithOnlyItsRequiredFields) {
  test::TempDir dir;
  TruthRecord original = Truth("a", 4);
  original.id = DocId{"17", true};
  EXPECT_EQ(TruthJsonLine(original), R"({"id":17,"family":4,"parent":null,"operations":[]})");
  absl::StatusOr<std::vector<TruthRecord>> truth = ReadTruth(dir.Write("truth.jsonl", TruthJsonLine(original) + "\n"));
  ASSERT_TRUE(truth.ok()) << truth.status();
  ASSERT_EQ(truth->size(), 1u);
  const TruthRecord& read = (*truth)[0];
  EXPECT_EQ(read.id, (DocId{"17", true}));
  EXPECT_EQ(read.family, 4);
  EXPECT_FALSE(read.parent.has_value());
  EXPECT_FALSE(read.origin.has_value());
  EXPECT_TRUE(read.kind.empty());
  EXPECT_FALSE(read.parent_jaccard.has_value());
  EXPECT_FALSE(read.containment_in_parent.has_value());
  EXPECT_TRUE(read.operations.empty());
  EXPECT_TRUE(read.passages.empty());
}

TEST(TruthTest, CopyRoundTripsFieldByField) {
  test::TempDir dir;
  TruthRecord copy = Truth("b", 4);
  copy.parent = DocId{"a", false};
  copy.operations = {"edit:2.0%", "truncate:80%"};
  copy.origin = DocId{"a", false};
  copy.kind = CopyKind(copy.operations);
  copy.parent_jaccard = 0.61234;
  copy.containment_in_parent = 0.875;
  copy.parent_containment_in_copy = 0.5;
  copy.passages.push_back({DocId{"9", true}, 10, 60, 200, 250});
  absl::StatusOr<std::vector<TruthRecord>> truth = ReadTruth(dir.Write("truth.jsonl", TruthJsonLine(copy) + "\n"));
  ASSERT_TRUE(truth.ok()) << truth.status();
  ASSERT_EQ(truth->size(), 1u);
  const TruthRecord& read = (*truth)[0];
  EXPECT_EQ(read.id, copy.id);
  EXPECT_EQ(read.family, 4);
  EXPECT_EQ(read.parent, copy.parent);
  EXPECT_EQ(read.operations, copy.operations);
  EXPECT_EQ(read.origin, copy.origin);
  EXPECT_EQ(read.kind, "truncated");
  EXPECT_DOUBLE_EQ(*read.parent_jaccard, 0.6123);  // written to 4 decimals
  EXPECT_DOUBLE_EQ(*read.containment_in_parent, 0.875);
  EXPECT_DOUBLE_EQ(*read.parent_containment_in_copy, 0.5);
  ASSERT_EQ(read.passages.size(), 1u);
  EXPECT_EQ(read.passages[0].source, (DocId{"9", true}));
  EXPECT_EQ(read.passages[0].source_begin, 10u);
  EXPECT_EQ(read.passages[0].source_end, 60u);
  EXPECT_EQ(read.passages[0].begin, 200u);
  EXPECT_EQ(read.passages[0].end, 250u);
}

TEST(TruthTest, CopyKindPrefersTruncationThenReordering) {
  EXPECT_EQ(CopyKind({"edit:1.0%", "reorder:2", "truncate:90%"}), "truncated");
  EXPECT_EQ(CopyKind({"edit:1.0%", "reorder:2"}), "reordered");
  EXPECT_EQ(CopyKind({"dateline", "edit:1.0%"}), "edited");
}

TEST(TruthTest, MalformedLineIsNamedByNumber) {
  test::TempDir dir;
  absl::StatusOr<std::vector<TruthRecord>> truth =
      ReadTruth(dir.Write("truth.jsonl", "{\"id\":\"a\",\"family\":1,\"parent\":null}\n{oops\n"));
  ASSERT_FALSE(truth.ok());
  EXPECT_NE(truth.status().message().find("truth.jsonl:2"), absl::string_view::npos) << truth.status();
}

TEST(TruthTest, RecordWithoutFamilyOrWithABadPassageIsRejected) {
  test::TempDir dir;
  absl::StatusOr<std::vector<TruthRecord>> truth = ReadTruth(dir.Write("a.jsonl", "{\"id\":\"a\"}\n"));
  ASSERT_FALSE(truth.ok());
  EXPECT_NE(truth.status().message().find("a.jsonl:1: truth record without \"family\""), absl::string_view::npos)
      << truth.status();
  truth = ReadTruth(dir.Write("b.jsonl", "{\"id\":\"a\",\"family\":1,\"passages\":[{\"source\":\"x\"}]}\n"));
  ASSERT_FALSE(truth.ok());
  EXPECT_NE(truth.status().message().find("b.jsonl:1: malformed passage"), absl::string_view::npos)
      << truth.status();
}

}  // namespace
}  // namespace reprint
