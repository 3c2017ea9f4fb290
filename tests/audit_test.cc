#include "reprint/audit.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "reprint/generate.h"

namespace reprint {
namespace {

AuditArticle Article(const std::string& id, const std::string& outlet, int64_t published, int64_t chars,
                     int64_t cluster = 0) {
  AuditArticle article;
  article.id = DocId{id, false};
  article.outlet = outlet;
  article.published = published;
  article.chars = chars;
  article.cluster = cluster;
  return article;
}

// W1, W2: a wire; P1, P2: a paper; B1: a blog. Times 1..5.
const std::vector<AuditArticle> kArticles = {
    Article("W1", "Wire", 1, 100, 1), Article("W2", "Wire", 5, 100), Article("P1", "Paper", 2, 200, 1),
    Article("P2", "Paper", 3, 100), Article("B1", "Blog", 4, 50)};
// (W1, P1): P1 took half of itself from W1. (P1, B1): B1 is all P1's.
// (W1, B1): 40% of B1 is in W1. (W2, P2): the wire took a fifth from P2.
const std::vector<AuditPair> kPairs = {
    {0, 2, 0.25, 0.5}, {2, 4, 0.25, 1.0}, {0, 4, 0.2, 0.4}, {1, 3, 0.2, 0.2}};

AuditReport Build() {
  AuditOptions options;
  options.wire_outlets = {"Wire"};
  return BuildAudit(kArticles, kPairs, options);
}

const OutletAudit& Outlet(const AuditReport& report, const std::string& name) {
  for (const OutletAudit& o : report.outlets) {
    if (o.outlet == name) return o;
  }
  ADD_FAILURE() << "no outlet " << name;
  return report.outlets.front();
}

TEST(AuditTest, OutletsAreOrderedByArticlesThenName) {
  const AuditReport report = Build();
  ASSERT_EQ(report.outlets.size(), 3u);
  EXPECT_EQ(report.outlets[0].outlet, "Paper");
  EXPECT_EQ(report.outlets[1].outlet, "Wire");
  EXPECT_EQ(report.outlets[2].outlet, "Blog");
  EXPECT_EQ(report.articles, 5);
  EXPECT_EQ(report.pairs, 4);
}

TEST(AuditTest, TheLaterArticleOfAPairBorrowsItsLargestContainedShare) {
  const AuditReport report = Build();
  const OutletAudit& paper = Outlet(report, "Paper");
  EXPECT_EQ(paper.articles, 2);
  EXPECT_EQ(paper.articles_reusing, 1);              // P1; P2 only lent
  EXPECT_DOUBLE_EQ(paper.reused_text_share(), 100.0 / 300.0);  // half of P1's 200 of 300
  EXPECT_DOUBLE_EQ(paper.wire_share(), 0.5);         // P1 took from the wire
  const OutletAudit& blog = Outlet(report, "Blog");
  EXPECT_DOUBLE_EQ(blog.reused_text_share(), 1.0);   // the larger of 1.0 (from P1) and 0.4 (from W1)
  EXPECT_DOUBLE_EQ(blog.wire_share(), 1.0);          // it also took from the wire
  const OutletAudit& wire = Outlet(report, "Wire");
  EXPECT_TRUE(wire.is_wire);
  EXPECT_EQ(wire.articles_reusing, 1);               // W2, published after P2
  EXPECT_DOUBLE_EQ(wire.reused_text_share(), 20.0 / 200.0);
  EXPECT_DOUBLE_EQ(wire.wire_share(), 0.0);
}

TEST(AuditTest, PartnersCountEachBorrowingArticleOnceByItsSource) {
  const AuditReport report = Build();
  const OutletAudit& wire = Outlet(report, "Wire");
  EXPECT_EQ(wire.takes_from, (std::vector<std::pair<std::string, int64_t>>{{"Paper", 1}}));
  // B1 holds 40% of W1 but all of P1: P1 is its source, not the wire.
  EXPECT_EQ(wire.taken_by, (std::vector<std::pair<std::string, int64_t>>{{"Paper", 1}}));
  const OutletAudit& blog = Outlet(report, "Blog");
  EXPECT_EQ(blog.takes_from, (std::vector<std::pair<std::string, int64_t>>{{"Paper", 1}}));
  EXPECT_TRUE(blog.taken_by.empty());
}

TEST(AuditTest, CopiesOfOneWireStoryBorrowFromTheWireNotFromEachOther) {
  // A wire story and three papers' copies of it, each holding nearly all of
  // the others: every copy is the wire's reuse.
  const std::vector<AuditArticle> articles = {Article("W", "Wire", 1, 100), Article("D1", "Daily One", 2, 100),
                                              Article("D2", "Daily Two", 3, 100), Article("D3", "Daily Three", 4, 100)};
  const std::vector<AuditPair> pairs = {{0, 1, 0.97, 0.97}, {0, 2, 0.96, 0.96}, {0, 3, 0.95, 0.95},
                                        {1, 2, 0.99, 0.99}, {1, 3, 0.98, 0.98}, {2, 3, 1.0, 1.0}};
  const AuditReport report = BuildAudit(articles, pairs, AuditOptions{});
  EXPECT_EQ(Outlet(report, "Wire").taken_by,
            (std::vector<std::pair<std::string, int64_t>>{{"Daily One", 1}, {"Daily Three", 1}, {"Daily Two", 1}}));
  for (const char* paper : {"Daily One", "Daily Two", "Daily Three"}) {
    EXPECT_EQ(Outlet(report, paper).takes_from, (std::vector<std::pair<std::string, int64_t>>{{"Wire", 1}}))
        << paper;
    EXPECT_TRUE(Outlet(report, paper).taken_by.empty()) << paper;
  }
  for (const ArticleAudit& borrower : report.most_borrowed) EXPECT_EQ(borrower.source, 0u);
}

TEST(AuditTest, CopyOfAnEditedCopyKeepsTheCopyAsItsSource) {
  // E rewrote a fifth of the wire story; F copied E, edits and all.
  const std::vector<AuditArticle> articles = {Article("W", "Wire", 1, 100), Article("E", "Editor", 2, 100),
                                              Article("F", "Follower", 3, 100)};
  const std::vector<AuditPair> pairs = {{0, 1, 0.8, 0.8}, {0, 2, 0.8, 0.8}, {1, 2, 1.0, 1.0}};
  const AuditReport report = BuildAudit(articles, pairs, AuditOptions{});
  EXPECT_EQ(Outlet(report, "Follower").takes_from, (std::vector<std::pair<std::string, int64_t>>{{"Editor", 1}}));
}

TEST(AuditTest, PairsWithAnUndatedArticleOrOneTimeGiveNoDirection) {
  std::vector<AuditArticle> articles = {Article("dated", "Valley Times", 5, 100), Article("undated", "Web", 0, 100),
                                        Article("same", "Other", 5, 100)};
  articles[1].published.reset();
  const std::vector<AuditPair> pairs = {{0, 1, 0.7, 1.0}, {0, 2, 0.9, 0.9}};
  const AuditReport report = BuildAudit(articles, pairs, AuditOptions{});
  EXPECT_EQ(report.pairs_without_direction, 2);
  for (const OutletAudit& outlet : report.outlets) {
    EXPECT_EQ(outlet.articles_reusing, 0) << outlet.outlet;
    EXPECT_TRUE(outlet.takes_from.empty()) << outlet.outlet;
  }
  EXPECT_TRUE(report.most_borrowed.empty());
  EXPECT_TRUE(report.largest_clusters.empty());
  // In one cluster, the undated member leaves its origin unknown.
  for (AuditArticle& article : articles) article.cluster = 1;
  const AuditReport clustered = BuildAudit(articles, pairs, AuditOptions{});
  ASSERT_EQ(clustered.largest_clusters.size(), 1u);
  EXPECT_FALSE(clustered.largest_clusters[0].origin_known);
  std::ostringstream text, jsonl;
  WriteAuditText(clustered, articles, text);
  WriteAuditJsonl(clustered, articles, jsonl);
  EXPECT_NE(text.str().find("origin unknown, earliest dated dated"), std::string::npos) << text.str();
  EXPECT_NE(jsonl.str().find(R"("origin_known":false)"), std::string::npos) << jsonl.str();
  EXPECT_NE(text.str().find("2 pairs left out"), std::string::npos) << text.str();
  EXPECT_NE(jsonl.str().find("\"pairs_without_direction\":2"), std::string::npos) << jsonl.str();
}

TEST(AuditTest, DefaultWireListKnowsTheGeneratorsWireServices) {
  const std::vector<std::string> wires = DefaultWireOutlets();
  for (const char* wire : SyntheticWireServices()) {
    EXPECT_NE(std::find(wires.begin(), wires.end(), wire), wires.end()) << wire;
  }
  EXPECT_NE(std::find(wires.begin(), wires.end(), "Reuters"), wires.end());
}

TEST(AuditTest, WireListFileSkipsCommentsAndBlankLinesAndNamesAMissingFile) {
  const std::string path = ::testing::TempDir() + "/wires.txt";
  std::ofstream(path) << "# our agencies\r\nRegional Wire\r\n\n  Coast Press Agency  \n#Not This\n";
  absl::StatusOr<std::vector<std::string>> wires = ReadWireOutlets(path);
  ASSERT_TRUE(wires.ok()) << wires.status();
  EXPECT_EQ(*wires, (std::vector<std::string>{"Regional Wire", "Coast Press Agency"}));
  const absl::StatusOr<std::vector<std::string>> missing = ReadWireOutlets(path + ".missing");
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);
  EXPECT_NE(missing.status().message().find("wires.txt.missing"), std::string_view::npos);
}

TEST(AuditTest, MostBorrowedArticlesAndLargestClusters) {
  const AuditReport report = Build();
  ASSERT_EQ(report.most_borrowed.size(), 3u);
  EXPECT_EQ(kArticles[report.most_borrowed[0].article].id.value, "P1");  // 100 characters
  EXPECT_EQ(kArticles[report.most_borrowed[0].source].id.value, "W1");
  EXPECT_EQ(kArticles[report.most_borrowed[1].article].id.value, "B1");  // 50
  EXPECT_EQ(kArticles[report.most_borrowed[1].source].id.value, "P1");
  EXPECT_EQ(kArticles[report.most_borrowed[2].article].id.value, "W2");  // 20
  ASSERT_EQ(report.largest_clusters.size(), 1u);
  EXPECT_EQ(report.largest_clusters[0].size, 2);
  EXPECT_EQ(report.largest_clusters[0].outlets, 2);
  EXPECT_EQ(kArticles[report.largest_clusters[0].origin].id.value, "W1");
  EXPECT_EQ(report.largest_clusters[0].first_seen, 1);
  EXPECT_EQ(report.largest_clusters[0].last_seen, 2);
}

TEST(AuditTest, ReportsNameOutletsAndShares) {
  const AuditReport report = Build();
  std::ostringstream text, jsonl;
  WriteAuditText(report, kArticles, text);
  WriteAuditJsonl(report, kArticles, jsonl);
  EXPECT_NE(text.str().find("Wire*"), std::string::npos) << text.str();
  EXPECT_NE(text.str().find("P1 (Paper): 50.0% of it (100 characters) from W1 (Wire)"), std::string::npos)
      << text.str();
  EXPECT_NE(jsonl.str().find(R"({"type":"outlet","outlet":"Paper","wire":false,"articles":2,"articles_reusing":1,"reusing_share":0.5000,"reused_text_share":0.3333,"wire_share":0.5000,)"),
            std::string::npos)
      << jsonl.str();
  EXPECT_NE(jsonl.str().find(R"({"type":"borrower","article":"B1","source":"P1","borrowed_share":1.0000,"borrowed_chars":50})"),
            std::string::npos)
      << jsonl.str();
}

}  // namespace
}  // namespace reprint
