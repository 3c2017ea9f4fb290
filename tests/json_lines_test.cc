#include "core/json_lines.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/testing/temp_dir.h"

namespace reprint {
namespace {

TEST(JsonLinesTest, VisitsEveryObjectWithItsLineAndSkipsBlankLines) {
  test::TempDir dir;
  const std::string path = dir.Write("records.jsonl", "{\"id\":1}\n\n  \t\r\n{\"id\":\"b\"}\n");
  std::vector<std::string> where;
  std::vector<DocId> ids;
  const absl::Status status = ForEachJsonLine(path, [&](const std::string& at, simdjson::dom::object object) {
    where.push_back(at);
    absl::StatusOr<DocId> id = IdOf(object["id"].value_unsafe(), at);
    if (!id.ok()) return id.status();
    ids.push_back(*id);
    return absl::OkStatus();
  });
  ASSERT_TRUE(status.ok()) << status;
  EXPECT_EQ(where, (std::vector<std::string>{path + ":1", path + ":4"}));
  EXPECT_EQ(ids, (std::vector<DocId>{DocId{"1", true}, DocId{"b", false}}));
}

TEST(JsonLinesTest, LineThatIsNotAnObjectIsNamedByNumber) {
  test::TempDir dir;
  const std::string path = dir.Write("records.jsonl", "{\"id\":1}\n[1, 2]\n{\"id\":2}\n");
  int visited = 0;
  const absl::Status status = ForEachJsonLine(path, [&](const std::string&, simdjson::dom::object) {
    ++visited;
    return absl::OkStatus();
  });
  EXPECT_TRUE(absl::IsInvalidArgument(status)) << status;
  EXPECT_NE(status.message().find("records.jsonl:2: not a JSON object"), absl::string_view::npos) << status;
  EXPECT_EQ(visited, 1) << "stops at the bad line";
}

TEST(JsonLinesTest, VisitorErrorStopsTheRead) {
  test::TempDir dir;
  const std::string path = dir.Write("records.jsonl", "{\"id\":1.5}\n{\"id\":2}\n");
  int visited = 0;
  const absl::Status status = ForEachJsonLine(path, [&](const std::string& at, simdjson::dom::object object) {
    ++visited;
    return IdOf(object["id"].value_unsafe(), at).status();
  });
  EXPECT_TRUE(absl::IsInvalidArgument(status)) << status;
  EXPECT_NE(status.message().find("records.jsonl:1: id must be a string or an integer"), absl::string_view::npos)
      << status;
  EXPECT_EQ(visited, 1);
}

TEST(JsonLinesTest, MissingFileIsNotFound) {
  test::TempDir dir;
  const std::string path = (dir.path() / "absent.jsonl").string();
  EXPECT_TRUE(absl::IsNotFound(ForEachJsonLine(path, [](const std::string&, simdjson::dom::object) {
    return absl::OkStatus();
  })));
  EXPECT_TRUE(absl::IsNotFound(ReadWholeFile(path).status()));
}

}  // namespace
}  // namespace reprint
