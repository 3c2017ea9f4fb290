#include "core/json.h"

#include <string>

#include "gtest/gtest.h"

namespace reprint {
namespace {

std::string Quoted(std::string_view text) {
  std::string out;
  AppendJsonString(text, &out);
  return out;
}

TEST(JsonTest, EscapesQuotesBackslashesAndControlCharacters) {
  EXPECT_EQ(Quoted("say \"hi\"\\"), R"("say \"hi\"\\")");
  EXPECT_EQ(Quoted("a\nb\tc\rd"), R"("a\nb\tc\rd")");
  EXPECT_EQ(Quoted(std::string("nul\0bell\a", 9)), R"("nul\u0000bell\u0007")");
  EXPECT_EQ(Quoted("\x1f"), R"("\u001f")");
}

TEST(JsonTest, EscapesAtEitherEndAndSideBySideKeepTheTextAround) {
  EXPECT_EQ(Quoted("\"\"quoted\n\n"), R"("\"\"quoted\n\n")");
  EXPECT_EQ(Quoted("a long run of plain words\t\\then more"), R"("a long run of plain words\t\\then more")");
  EXPECT_EQ(Quoted(""), R"("")");
}

TEST(JsonTest, PassesUtf8AndMarkupThroughUnchanged) {
  EXPECT_EQ(Quoted("Pakistan’s “No Hope” – </script>"), "\"Pakistan’s “No Hope” – </script>\"");
}

TEST(JsonTest, IdsKeepTheirJsonType) {
  std::string out;
  AppendJsonId(DocId{"42", true}, &out);
  out.push_back(',');
  AppendJsonId(DocId{"42", false}, &out);
  EXPECT_EQ(out, R"(42,"42")");
}

}  // namespace
}  // namespace reprint
