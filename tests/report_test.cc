#include "reprint/report.h"
#include "reprint/scan_records.h"

#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "reprint/scan.h"
#include "simdjson.h"

namespace reprint {
namespace {

constexpr std::string_view kStory =
    "Rescue teams reached the village on Tuesday after a landslide cut the only road, officials "
    "said, adding that forty families had been moved to a school in the district capital.";

Document Doc(DocId id, std::string text, std::string source, std::string published) {
  Document doc;
  doc.id = std::move(id);
  doc.text = std::move(text);
  doc.source = std::move(source);
  if (!published.empty()) {
    doc.published_text = published;
    doc.published = *ParsePublished(published);
  }
  return doc;
}

struct Rendered {
  std::string jsonl;
  std::string text;
};

Rendered Render(const std::vector<Document>& docs, int threads = 0, bool passages = true) {
  ScanOptions options;
  options.threads = threads;
  options.passages.enabled = passages;
  absl::StatusOr<ScanResult> result = Scan(docs, options);
  EXPECT_TRUE(result.ok());
  ScanReport report;
  report.documents = docs;
  report.result = &*result;
  report.options = &options;
  report.inputs = {"in.jsonl"};
  report.records_skipped = 2;
  report.warnings = 1;
  std::ostringstream jsonl, text;
  WriteJsonlReport(report, jsonl);
  WriteTextReport(report, text);
  return {jsonl.str(), text.str()};
}

// A result made by hand, as both reports, on `threads` threads.
Rendered RenderResult(const std::vector<Document>& docs, const ScanResult& result, int threads) {
  ScanOptions options;
  options.threads = threads;
  ScanReport report;
  report.documents = docs;
  report.result = &result;
  report.options = &options;
  std::ostringstream jsonl, text;
  WriteJsonlReport(report, jsonl);
  WriteTextReport(report, text);
  return {jsonl.str(), text.str()};
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::vector<Document> Corpus() {
  return {Doc(DocId{"7", true}, std::string(kStory), "Wire \"Central\"", "2025-05-02"),
          Doc(DocId{"copy\n1", false}, "VALLEY (Herald) - " + std::string(kStory), "Herald",
              "2025-05-03"),
          Doc(DocId{"other", false}, "Nothing in common with the others at all here.", "", "")};
}

TEST(ReportTest, JsonlRecordsFollowTheContract) {
  const std::vector<std::string> lines = Lines(Render(Corpus()).jsonl);
  ASSERT_EQ(lines.size(), 4u);  // run, pair, cluster, summary
  simdjson::dom::parser parser;
  std::vector<std::string> types;
  for (const std::string& line : lines) {
    simdjson::dom::element record;
    ASSERT_EQ(parser.parse(line).get(record), simdjson::SUCCESS) << line;
    types.emplace_back(std::string_view(record["type"]));
  }
  EXPECT_EQ(types, (std::vector<std::string>{"run", "pair", "cluster", "summary"}));

  simdjson::dom::element run = parser.parse(lines[0]);
  EXPECT_EQ(int64_t(run["format_version"]), kOutputFormatVersion);
  EXPECT_EQ(double(run["options"]["threshold"]), 0.5);
  EXPECT_EQ(int64_t(run["options"]["shingle"]), 5);
  EXPECT_EQ(int64_t(run["options"]["num_perm"]), 128);
  EXPECT_EQ(int64_t(run["options"]["seed"]), 1);
  EXPECT_GT(int64_t(run["options"]["lsh_bands"]), 0);
  EXPECT_FALSE(bool(run["options"]["normalization"]["strip_diacritics"]));

  simdjson::dom::element pair = parser.parse(lines[1]);
  EXPECT_EQ(int64_t(pair["a"]), 7) << "integer ids stay integers";
  EXPECT_EQ(std::string_view(pair["b"]), "copy\n1") << "string ids are escaped and round-trip";
  EXPECT_GT(double(pair["jaccard"]), 0.5);
  // Passages are on by default: containment is the share of characters
  // inside them, all of a's words but its final full stop.
  EXPECT_GT(double(pair["containment_a_in_b"]), 0.99);
  EXPECT_LT(double(pair["containment_b_in_a"]), double(pair["containment_a_in_b"]));
  EXPECT_DOUBLE_EQ(double(pair["shingle_containment_a_in_b"]), 1.0);
  ASSERT_EQ(simdjson::dom::array(pair["passages"]).size(), 1u);
  EXPECT_EQ(std::string_view(pair["passages"].at(0)["kind"]), "verbatim");

  simdjson::dom::element cluster = parser.parse(lines[2]);
  EXPECT_EQ(int64_t(cluster["origin"]), 7);
  EXPECT_EQ(int64_t(cluster["size"]), 2);
  EXPECT_EQ(simdjson::dom::array(cluster["sources"]).size(), 2u);

  simdjson::dom::element summary = parser.parse(lines[3]);
  EXPECT_EQ(int64_t(summary["documents"]), 3);
  EXPECT_EQ(int64_t(summary["skipped"]), 2);
  EXPECT_EQ(int64_t(summary["warnings"]), 1);
  EXPECT_EQ(int64_t(summary["pairs"]), 1);
}

TEST(ReportTest, OutputIsByteIdenticalForAnyThreadCount) {
  const Rendered one = Render(Corpus(), 1);
  const Rendered four = Render(Corpus(), 4);
  EXPECT_EQ(one.jsonl, four.jsonl);
  EXPECT_EQ(one.text, four.text);
}

// Pairs are formatted in parallel, in chunks and batches of chunks: with
// far more pairs than one batch holds, every pair must still come out once,
// in the result's order, byte-identical for any thread count, in JSONL and
// in text.
TEST(ReportTest, ManyPairLinesComeOutInOrderForAnyThreadCount) {
  std::vector<Document> docs;
  for (int i = 0; i < 200; ++i) {
    std::string id = "d";
    id += std::to_string(i);
    docs.push_back(Doc(DocId{id, false}, "text", "", ""));
  }
  ScanResult result;
  for (uint32_t a = 0; a < docs.size(); ++a) {
    for (uint32_t b = a + 1; b < docs.size(); b += 1 + a % 3) {
      DocumentPair pair;
      pair.a = a;
      pair.b = b;
      pair.jaccard = static_cast<double>(result.pairs.size() % 9973) / 9973.0;
      pair.passages.resize(a % 2);  // lines of different lengths
      result.pairs.push_back(std::move(pair));
    }
  }
  ASSERT_GT(result.pairs.size(), 9000u) << "test sanity: more pairs than a batch of chunks";
  auto render = [&](int threads) { return RenderResult(docs, result, threads); };
  const Rendered rendered = render(1);
  for (const int threads : {2, 3}) {
    EXPECT_EQ(render(threads).jsonl, rendered.jsonl) << threads << " threads";
    EXPECT_EQ(render(threads).text, rendered.text) << threads << " threads";
  }
  // The text shows the pairs with passages, in order.
  std::vector<std::string> want_headers, got_headers;
  for (const DocumentPair& pair : result.pairs) {
    if (pair.passages.empty()) continue;
    want_headers.push_back("Passages " + docs[pair.a].id.value + " <> " + docs[pair.b].id.value + ":");
  }
  for (const std::string& line : Lines(rendered.text)) {
    if (line.rfind("Passages ", 0) == 0) got_headers.push_back(line.substr(0, line.find(':') + 1));
  }
  EXPECT_EQ(got_headers, want_headers);
  const std::string& one = rendered.jsonl;
  simdjson::dom::parser parser;
  size_t next = 0;
  for (const std::string& line : Lines(one)) {
    simdjson::dom::element record = parser.parse(line);
    if (std::string_view(record["type"]) != "pair") continue;
    ASSERT_LT(next, result.pairs.size());
    EXPECT_EQ(std::string_view(record["a"]), docs[result.pairs[next].a].id.value) << "pair line " << next;
    EXPECT_EQ(std::string_view(record["b"]), docs[result.pairs[next].b].id.value) << "pair line " << next;
    ++next;
  }
  EXPECT_EQ(next, result.pairs.size());
}

// Cluster records are formatted in parallel too (their propagation trees
// are the costly part): with more clusters than a batch of chunks holds on
// 3 threads, each must come out once, in id order, with its own members and
// tree, byte-identical for any thread count.
TEST(ReportTest, ManyClusterLinesComeOutInOrderForAnyThreadCount) {
  constexpr uint32_t kClusters = 7000;  // a batch on 3 threads: 8 * 3 chunks of 256
  std::vector<Document> docs;
  ScanResult result;
  for (uint32_t c = 0; c < kClusters; ++c) {
    const uint32_t origin = static_cast<uint32_t>(docs.size());
    docs.push_back(Doc(DocId{std::to_string(2 * c), true}, "text", "Wire", "2025-05-01"));
    docs.push_back(Doc(DocId{std::to_string(2 * c + 1), true}, "text", c % 2 ? "Herald" : "", ""));
    DocumentPair pair;
    pair.a = origin;
    pair.b = origin + 1;
    pair.jaccard = 0.5 + static_cast<double>(c % 100) / 200.0;
    pair.near_duplicate = true;
    result.pairs.push_back(pair);
    Cluster cluster;
    cluster.id = c + 1;
    cluster.members = {origin, origin + 1};
    cluster.origin = origin;
    result.clusters.push_back(std::move(cluster));
  }
  auto render = [&](int threads) { return RenderResult(docs, result, threads).jsonl; };
  const std::string one = render(1);
  for (const int threads : {2, 3}) EXPECT_EQ(render(threads), one) << threads << " threads";
  simdjson::dom::parser parser;
  int64_t next_id = 1;
  for (const std::string& line : Lines(one)) {
    simdjson::dom::element record = parser.parse(line);
    if (std::string_view(record["type"]) != "cluster") continue;
    ASSERT_EQ(int64_t(record["id"]), next_id);
    const int64_t origin = 2 * (next_id - 1);
    EXPECT_EQ(int64_t(record["origin"]), origin);
    simdjson::dom::array tree = record["tree"];
    ASSERT_EQ(tree.size(), 1u) << "cluster " << next_id;
    EXPECT_EQ(int64_t((*tree.begin())["member"]), origin + 1) << "cluster " << next_id;
    EXPECT_EQ(int64_t((*tree.begin())["from"]), origin) << "cluster " << next_id;
    ++next_id;
  }
  EXPECT_EQ(next_id, int64_t{kClusters} + 1);
}

TEST(ReportTest, TextShowsClustersWithOutletsDatesAndTotals) {
  const std::string text = Render(Corpus()).text;
  EXPECT_NE(text.find("Cluster 1: 2 articles, origin 7 (Wire \"Central\")"), std::string::npos)
      << text;
  EXPECT_NE(text.find("2025-05-03  Herald"), std::string::npos) << text;
  EXPECT_NE(text.find("~ 7"), std::string::npos) << "similarity to the likely source\n" << text;
  EXPECT_NE(text.find("3 articles read, 2 skipped, 1 warnings"), std::string::npos) << text;
  EXPECT_NE(text.find("1 pairs at Jaccard >= 0.50"), std::string::npos) << text;
  EXPECT_EQ(text.find("copy\n1"), std::string::npos) << "control characters are not printed raw";
}

}  // namespace
}  // namespace reprint

namespace reprint {
namespace {

TEST(ReportTest, TextListsEveryPairNotOnlyTheClustersTreeEdges) {
  // Three copies of one story: three pairs, of which the tree shows two.
  const std::vector<Document> docs = {Doc(DocId{"first", false}, std::string(kStory), "", "2025-05-01"),
                                      Doc(DocId{"second", false}, "A (B) - " + std::string(kStory), "", "2025-05-02"),
                                      Doc(DocId{"third", false}, "C (D) - " + std::string(kStory), "", "2025-05-03")};
  const std::string text = Render(docs, /*threads=*/0, /*passages=*/false).text;
  for (const char* pair : {"Pair first <> second:", "Pair first <> third:", "Pair second <> third:"}) {
    EXPECT_NE(text.find(pair), std::string::npos) << pair << "\n" << text;
  }
}

TEST(ReportTest, DirectionAndOriginComeFromDatesOnly) {
  // The dated pair has a direction; with the copy undated, neither the
  // pair's direction nor the cluster's origin is known, and the report
  // says so rather than ordering the undated article last.
  const Rendered dated = Render(Corpus());
  EXPECT_NE(dated.jsonl.find(R"("direction":"a_to_b")"), std::string::npos) << dated.jsonl;
  EXPECT_EQ(dated.jsonl.find("origin_known"), std::string::npos) << "known origins carry no flag";
  std::vector<Document> docs = Corpus();
  docs[1].published.reset();
  const Rendered undated = Render(docs);
  EXPECT_NE(undated.jsonl.find(R"("direction":"unknown")"), std::string::npos) << undated.jsonl;
  EXPECT_NE(undated.jsonl.find(R"("origin_known":false)"), std::string::npos) << undated.jsonl;
  EXPECT_NE(undated.jsonl.find(R"("direction_known":false)"), std::string::npos) << undated.jsonl;
  EXPECT_NE(undated.text.find("origin unknown (1 undated)"), std::string::npos) << undated.text;
  EXPECT_NE(undated.text.find("which came first is unknown"), std::string::npos) << undated.text;
  // The run record counts them ("other" has no date either).
  EXPECT_NE(dated.jsonl.find(R"("articles":3,"undated_articles":1})"), std::string::npos) << dated.jsonl;
  EXPECT_NE(undated.jsonl.find(R"("articles":3,"undated_articles":2})"), std::string::npos) << undated.jsonl;
  EXPECT_NE(undated.text.find("; 2 undated"), std::string::npos) << undated.text;
}

TEST(ReportTest, LongPassagesShowEveryEditAndElideOnlyUnchangedText) {
  // Twelve sentences, about 2,000 characters, with words changed near the
  // start, in the middle and at the end: all three marks are printed, and
  // unchanged text between them is elided.
  std::string original;
  for (int i = 0; i < 12; ++i) {
    original += "Sentence number " + std::to_string(i) +
                " tells of the council meeting where members argued about roads, schools, "
                "parks and the budget for the coming winter months in detail. ";
  }
  std::string edited = original;
  for (const char* word : {"Sentence number 0", "Sentence number 6", "Sentence number 11"}) {
    const size_t at = edited.find(word);
    edited.replace(edited.find("council", at), 7, "assembly");
  }
  const std::string out =
      Render({Doc(DocId{"a", false}, original, "", ""), Doc(DocId{"b", false}, edited, "", "")}).text;
  size_t marks = 0;
  for (size_t at = out.find("[-council-]"); at != std::string::npos; at = out.find("[-council-]", at + 1)) ++marks;
  EXPECT_EQ(marks, 3u) << out;
  EXPECT_NE(out.find("{+assembly+}"), std::string::npos);
  EXPECT_NE(out.find("\xE2\x80\xA6"), std::string::npos) << "unchanged stretches are elided";
  const size_t a_line = out.find("    a: ");
  ASSERT_NE(a_line, std::string::npos);
  EXPECT_LT(out.find('\n', a_line) - a_line, original.size() / 2) << "the excerpt is shorter than the passage";
}

TEST(ReportTest, PassagesShowBothSidesWithChangedWordsMarked) {
  const std::string original =
      "The council voted on Monday to close the old library on Bridge Street after engineers "
      "found serious cracks in its roof, and said the collection would move to the town hall.";
  std::string edited = original;
  edited.replace(edited.find("Monday"), 6, "Tuesday");
  const std::vector<Document> docs = {Doc(DocId{"a", false}, original, "", ""),
                                      Doc(DocId{"b", false}, edited, "", "")};
  ScanOptions options;
  options.passages.enabled = true;
  absl::StatusOr<ScanResult> result = Scan(docs, options);
  ASSERT_TRUE(result.ok());
  ScanReport report;
  report.documents = docs;
  report.result = &*result;
  report.options = &options;
  std::ostringstream plain, colored, jsonl;
  WriteTextReport(report, plain);
  report.color = true;
  WriteTextReport(report, colored);
  WriteJsonlReport(report, jsonl);

  EXPECT_NE(plain.str().find("a: The council voted on [-Monday-] to close"), std::string::npos)
      << plain.str();
  EXPECT_NE(plain.str().find("b: The council voted on {+Tuesday+} to close"), std::string::npos)
      << plain.str();
  EXPECT_EQ(plain.str().find('\033'), std::string::npos) << "no escape codes unless asked";
  EXPECT_NE(colored.str().find("\033[31mMonday\033[0m"), std::string::npos) << colored.str();
  EXPECT_NE(colored.str().find("\033[32mTuesday\033[0m"), std::string::npos) << colored.str();

  const std::vector<std::string> lines = Lines(jsonl.str());
  simdjson::dom::parser parser;
  simdjson::dom::element pair = parser.parse(lines[1]);
  simdjson::dom::array passages = pair["passages"];
  ASSERT_EQ(passages.size(), 1u);
  simdjson::dom::element passage = *passages.begin();
  EXPECT_EQ(std::string_view(passage["kind"]), "rewritten");
  EXPECT_EQ(int64_t(passage["a"]["byte_begin"]), 0);
  EXPECT_EQ(uint64_t(passage["a"]["byte_end"]), original.size() - 1);  // up to "hall"
  simdjson::dom::element edit = *simdjson::dom::array(passage["edits"]).begin();
  EXPECT_EQ(std::string_view(edit["op"]), "substitute");
  EXPECT_EQ(std::string_view(edit["from"]), "monday");
  EXPECT_EQ(std::string_view(edit["to"]), "tuesday");
  EXPECT_EQ(int64_t(edit["a_word"]), 4);
}

}  // namespace
}  // namespace reprint
