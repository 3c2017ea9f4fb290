#include "reprint/html_report.h"

#include <sstream>
#include <string>
#include <vector>

#include "core/sha256.h"
#include "gtest/gtest.h"
#include "reprint/scan.h"

namespace reprint {
namespace {

// Between the first `open` after `from` and the next `close`.
std::string Between(const std::string& text, const std::string& open, const std::string& close, size_t from = 0) {
  const size_t begin = text.find(open, from);
  if (begin == std::string::npos) return "";
  const size_t end = text.find(close, begin + open.size());
  return text.substr(begin + open.size(), end - begin - open.size());
}

std::string Html(const std::vector<Document>& docs, const ScanOptions& options) {
  absl::StatusOr<ScanResult> result = Scan(docs, options);
  EXPECT_TRUE(result.ok()) << result.status();
  ScanReport report;
  report.documents = docs;
  report.result = &*result;
  report.options = &options;
  std::ostringstream out;
  WriteHtmlReport(report, out);
  return out.str();
}

Document Doc(std::string id, std::string text) {
  Document doc;
  doc.id = DocId{std::move(id), false};
  doc.text = std::move(text);
  return doc;
}

const char kStory[] =
    "The city council approved the new harbour budget on Monday after a long debate, with most members "
    "voting in favour of higher spending on schools, roads and the old fishing port.";

TEST(HtmlReportTest, PolicyNamesExactlyThePagesOwnScriptAndStyle) {
  const std::string html = Html({Doc("a", kStory), Doc("b", kStory)}, ScanOptions{});
  const std::string policy = Between(html, "Content-Security-Policy\" content=\"", "\"");
  EXPECT_NE(policy.find("default-src 'none'"), std::string::npos);
  const std::string script = Between(html, "<script>", "</script>");
  const std::string style = Between(html, "<style>", "</style>");
  ASSERT_FALSE(script.empty());
  ASSERT_FALSE(style.empty());
  EXPECT_NE(policy.find("script-src 'sha256-" + Sha256Base64(script) + "'"), std::string::npos) << policy;
  EXPECT_NE(policy.find("style-src 'sha256-" + Sha256Base64(style) + "'"), std::string::npos) << policy;
  // Nothing is fetched: no linked resource, no src, no url() or @import.
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_EQ(html.find("src=\""), std::string::npos);
  EXPECT_EQ(style.find("url("), std::string::npos);
  EXPECT_EQ(style.find("@import"), std::string::npos);
  EXPECT_EQ(script.find("fetch("), std::string::npos);
}

TEST(HtmlReportTest, ArticleTextCannotLeaveTheDataBlock) {
  const std::string hostile = std::string(kStory) + " </script><script>alert(1)</script> <!-- & \"><img onerror=x>";
  const std::string html = Html({Doc("a", hostile), Doc("</script>", hostile)}, ScanOptions{});
  const std::string data = Between(html, "<script type=\"application/json\" id=\"reprint-data\">", "</script>");
  ASSERT_FALSE(data.empty());
  EXPECT_EQ(data.find('<'), std::string::npos) << "a '<' could end the block";
  EXPECT_EQ(data.find('>'), std::string::npos);
  EXPECT_EQ(data.find('&'), std::string::npos);
  EXPECT_NE(data.find("\\u003c/script\\u003e\\u003cscript\\u003ealert(1)"), std::string::npos);
  // Exactly two script elements: the data and the report's own.
  size_t scripts = 0;
  for (size_t at = html.find("<script"); at != std::string::npos; at = html.find("<script", at + 1)) ++scripts;
  EXPECT_EQ(scripts, 2u);
}

TEST(HtmlReportTest, CarriesOnlyTheArticlesSomethingPointsAt) {
  const std::string html = Html({Doc("a", kStory), Doc("lonely", "Nothing here resembles anything else at all."),
                                 Doc("b", kStory)},
                                ScanOptions{});
  const std::string data = Between(html, "<script type=\"application/json\" id=\"reprint-data\">", "</script>");
  EXPECT_NE(data.find("\"id\":\"a\""), std::string::npos);
  EXPECT_NE(data.find("\"id\":\"b\""), std::string::npos);
  EXPECT_EQ(data.find("lonely"), std::string::npos);
  EXPECT_NE(data.find("\"pairs\":[{\"a\":0,\"b\":1,"), std::string::npos) << data;
}

}  // namespace
}  // namespace reprint
