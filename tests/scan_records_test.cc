#include "reprint/scan_records.h"

#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "gtest/gtest.h"
#include "reprint/scan.h"
#include "tests/testing/temp_dir.h"

namespace reprint {
namespace {

Document Doc(DocId id, std::string text = "") {
  Document doc;
  doc.id = std::move(id);
  doc.text = std::move(text);
  return doc;
}

std::string Write(absl::Span<const Document> docs, const ScanResult& result, const ScanOptions& options,
                  int64_t skipped = 0, int64_t warnings = 0) {
  ScanReport report;
  report.documents = docs;
  report.result = &result;
  report.options = &options;
  report.inputs = {"a.jsonl", "dir/"};
  report.command = "query";
  report.archive = "x.db";
  report.timezone = "Europe/Oslo";
  report.records_skipped = skipped;
  report.warnings = warnings;
  std::ostringstream out;
  WriteJsonlReport(report, out);
  return out.str();
}

// Undated documents without outlets, each named by some record, in the
// order the records first name them: what a read gives back whole.
std::vector<Document> HandDocuments() {
  return {Doc(DocId{"7", true}), Doc(DocId{"b\"q", false}), Doc(DocId{"c", false}), Doc(DocId{"12", true})};
}

ScanResult HandResult() {
  ScanResult result;
  DocumentPair& pair = result.pairs.emplace_back();
  pair.a = 0;
  pair.b = 1;
  pair.jaccard = 0.8125;
  pair.jaccard_estimate = 0.7969;
  pair.containment_a_in_b = 0.9;
  pair.containment_b_in_a = 0.6;
  pair.shingle_containment_a_in_b = 0.85;
  pair.shingle_containment_b_in_a = 0.55;
  pair.near_duplicate = true;
  pair.shares_reused_text = true;
  Passage& passage = pair.passages.emplace_back();
  passage.a = {10, 90, 9, 80};
  passage.b = {20, 110, 18, 100};
  passage.words_a = 14;
  passage.words_b = 16;
  passage.kind = Passage::Kind::kRewritten;
  passage.similarity = 0.9375;
  passage.edits_complete = false;
  // Byte offsets of edits are not written: 0 here, as they read back.
  passage.edits.push_back({Edit::Op::kSubstitute, 3, 1, 3, 2, "said", "told \"us\"", 0, 0, 0, 0, false});
  passage.edits.push_back(
      {Edit::Op::kInsert, 9, 0, 10, 6, "", "a sentence from further down", 0, 0, 0, 0, /*moved=*/true});
  Passage& quote = pair.passages.emplace_back();
  quote.a = {100, 140, 95, 130};
  quote.b = {150, 190, 140, 175};
  quote.kind = Passage::Kind::kVerbatim;
  quote.similarity = 1;
  quote.quoted = true;
  DocumentPair& copy = result.pairs.emplace_back();
  copy.a = 0;
  copy.b = 2;
  copy.jaccard = copy.jaccard_estimate = 1;
  copy.containment_a_in_b = copy.containment_b_in_a = 1;
  copy.shingle_containment_a_in_b = copy.shingle_containment_b_in_a = 1;
  copy.near_duplicate = true;
  DocumentPair& loose = result.pairs.emplace_back();
  loose.a = 1;
  loose.b = 3;
  loose.jaccard = 0.25;
  loose.passages.push_back({{0, 50, 0, 50}, {5, 55, 5, 55}, 9, 9, Passage::Kind::kBoilerplate, 1, false, {}, true});
  result.identical.push_back({0, {2}});
  Cluster& cluster = result.clusters.emplace_back();
  cluster.id = 3;
  cluster.members = {0, 1, 2};
  cluster.origin = 0;
  cluster.origin_known = false;
  result.stats.documents = 5;
  result.stats.documents_without_words = 1;
  result.stats.identical_copies = 1;
  result.stats.shingles = 321;
  result.stats.candidates = 4;
  result.stats.passage_candidates = 6;
  result.stats.lsh = {16, 8};
  return result;
}

auto SpanFields(const TextSpan& s) { return std::tie(s.byte_begin, s.byte_end, s.char_begin, s.char_end); }
auto EditFields(const Edit& e) {
  return std::tie(e.op, e.a_word, e.a_count, e.b_word, e.b_count, e.from, e.to, e.a_byte_begin, e.a_byte_end,
                  e.b_byte_begin, e.b_byte_end, e.moved);
}

// Field by field, doubles to the 4 decimals the records carry.
void ExpectSamePairs(const std::vector<DocumentPair>& read, const std::vector<DocumentPair>& written) {
  ASSERT_EQ(read.size(), written.size());
  for (size_t i = 0; i < read.size(); ++i) {
    SCOPED_TRACE(i);
    const DocumentPair& r = read[i];
    const DocumentPair& w = written[i];
    EXPECT_EQ(r.a, w.a);
    EXPECT_EQ(r.b, w.b);
    EXPECT_NEAR(r.jaccard, w.jaccard, 5e-5);
    EXPECT_NEAR(r.jaccard_estimate, w.jaccard_estimate, 5e-5);
    EXPECT_NEAR(r.containment_a_in_b, w.containment_a_in_b, 5e-5);
    EXPECT_NEAR(r.containment_b_in_a, w.containment_b_in_a, 5e-5);
    EXPECT_NEAR(r.shingle_containment_a_in_b, w.shingle_containment_a_in_b, 5e-5);
    EXPECT_NEAR(r.shingle_containment_b_in_a, w.shingle_containment_b_in_a, 5e-5);
    EXPECT_EQ(r.near_duplicate, w.near_duplicate);
    EXPECT_EQ(r.shares_reused_text, w.shares_reused_text);
    ASSERT_EQ(r.passages.size(), w.passages.size());
    for (size_t p = 0; p < r.passages.size(); ++p) {
      SCOPED_TRACE(p);
      const Passage& rp = r.passages[p];
      const Passage& wp = w.passages[p];
      EXPECT_EQ(SpanFields(rp.a), SpanFields(wp.a));
      EXPECT_EQ(SpanFields(rp.b), SpanFields(wp.b));
      EXPECT_EQ(std::tie(rp.words_a, rp.words_b, rp.kind, rp.quoted, rp.edits_complete),
                std::tie(wp.words_a, wp.words_b, wp.kind, wp.quoted, wp.edits_complete));
      EXPECT_NEAR(rp.similarity, wp.similarity, 5e-5);
      ASSERT_EQ(rp.edits.size(), wp.edits.size());
      for (size_t e = 0; e < rp.edits.size(); ++e) EXPECT_EQ(EditFields(rp.edits[e]), EditFields(wp.edits[e]));
    }
  }
}

TEST(ScanRecordsTest, HandMadeResultRoundTripsFieldByField) {
  test::TempDir dir;
  const std::vector<Document> docs = HandDocuments();
  const ScanResult written = HandResult();
  ScanOptions options;
  options.threshold = 0.6;
  options.shingle.size = 4;
  options.normalize.strip_diacritics = true;
  const std::string jsonl = Write(docs, written, options, /*skipped=*/2, /*warnings=*/3);
  absl::StatusOr<ScanRecords> records = ReadScanRecords(dir.Write("scan.jsonl", jsonl));
  ASSERT_TRUE(records.ok()) << records.status();

  ASSERT_EQ(records->documents.size(), docs.size());
  for (size_t i = 0; i < docs.size(); ++i) EXPECT_EQ(records->documents[i].id, docs[i].id);
  const ScanResult& read = records->result;
  ExpectSamePairs(read.pairs, written.pairs);
  ASSERT_EQ(read.identical.size(), 1u);
  EXPECT_EQ(read.identical[0].first, 0u);
  EXPECT_EQ(read.identical[0].copies, std::vector<uint32_t>{2});
  ASSERT_EQ(read.clusters.size(), 1u);
  EXPECT_EQ(read.clusters[0].id, 3);
  EXPECT_EQ(read.clusters[0].members, (std::vector<uint32_t>{0, 1, 2}));
  EXPECT_EQ(read.clusters[0].origin, 0u);
  EXPECT_FALSE(read.clusters[0].origin_known);
  EXPECT_EQ(read.stats.documents, 5u);
  EXPECT_EQ(read.stats.documents_without_words, 1u);
  EXPECT_EQ(read.stats.identical_copies, 1u);
  EXPECT_EQ(read.stats.shingles, 321u);
  EXPECT_EQ(read.stats.candidates, 4u);
  EXPECT_EQ(read.stats.passage_candidates, 6u);
  EXPECT_EQ(read.stats.lsh.num_bands, 16);
  EXPECT_EQ(read.stats.lsh.rows_per_band, 8);

  EXPECT_DOUBLE_EQ(records->options.threshold, 0.6);
  EXPECT_EQ(records->options.shingle.size, 4);
  EXPECT_TRUE(records->options.normalize.strip_diacritics);
  const RunRecord& run = records->run;
  EXPECT_EQ(run.format_version, kOutputFormatVersion);
  EXPECT_FALSE(run.reprint_version.empty());
  EXPECT_EQ(run.command, "query");
  EXPECT_EQ(run.inputs, (std::vector<std::string>{"a.jsonl", "dir/"}));
  EXPECT_EQ(run.archive, "x.db");
  EXPECT_EQ(run.timezone, "Europe/Oslo");
  EXPECT_EQ(run.articles, 4);
  EXPECT_EQ(run.undated_articles, 4);
  EXPECT_EQ(run.records_skipped, 2);
  EXPECT_EQ(run.warnings, 3);

  // What was read writes the same records again.
  EXPECT_EQ(Write(records->documents, read, records->options, run.records_skipped, run.warnings), jsonl);
}

TEST(ScanRecordsTest, ScanOfRealTextsRoundTrips) {
  test::TempDir dir;
  const std::string story =
      "Rescue teams reached the village on Tuesday after a landslide cut the only road, officials said, "
      "adding that forty families had been moved to a school in the district capital.";
  const std::vector<Document> docs = {
      Doc(DocId{"1", true}, story), Doc(DocId{"2", true}, "VALLEY (Herald) - " + story),
      Doc(DocId{"3", true}, "Rescue crews reached the village on Tuesday after a mudslide cut the only road, "
                            "officials said, adding that forty families had been moved to a school.")};
  ScanOptions options;
  absl::StatusOr<ScanResult> result = Scan(docs, options);
  ASSERT_TRUE(result.ok()) << result.status();
  ASSERT_FALSE(result->pairs.empty());
  absl::StatusOr<ScanRecords> records = ReadScanRecords(dir.Write("scan.jsonl", Write(docs, *result, options)));
  ASSERT_TRUE(records.ok()) << records.status();
  ASSERT_EQ(records->documents.size(), 3u);
  // Edits' byte offsets are not written; everything else of a pair is.
  ScanResult expected = *result;
  for (DocumentPair& pair : expected.pairs) {
    for (Passage& passage : pair.passages) {
      for (Edit& edit : passage.edits) edit.a_byte_begin = edit.a_byte_end = edit.b_byte_begin = edit.b_byte_end = 0;
    }
  }
  ExpectSamePairs(records->result.pairs, expected.pairs);
  ASSERT_EQ(records->result.clusters.size(), result->clusters.size());
  for (size_t i = 0; i < result->clusters.size(); ++i) {
    EXPECT_EQ(records->result.clusters[i].members, result->clusters[i].members);
  }
}

TEST(ScanRecordsTest, OlderLayoutsAndOtherRecordTypesRead) {
  test::TempDir dir;
  // Format 1: no near_duplicate, no shingle containment; a "source" record
  // as query appends it is ignored.
  absl::StatusOr<ScanRecords> records = ReadScanRecords(dir.Write(
      "old.jsonl",
      R"({"type":"run","options":{"threshold":0.7,"shingle":3}})"
      "\n"
      R"({"type":"pair","a":1,"b":"x","jaccard":0.9,"containment_a_in_b":0.75,"containment_b_in_a":0.5})"
      "\n"
      R"({"type":"source","article":"x","sources":[]})"
      "\n"));
  ASSERT_TRUE(records.ok()) << records.status();
  EXPECT_EQ(records->run.format_version, 1);
  ASSERT_EQ(records->result.pairs.size(), 1u);
  const DocumentPair& pair = records->result.pairs[0];
  EXPECT_TRUE(pair.near_duplicate);
  EXPECT_DOUBLE_EQ(pair.shingle_containment_a_in_b, 0.75);
  EXPECT_DOUBLE_EQ(pair.shingle_containment_b_in_a, 0.5);
  EXPECT_FALSE(pair.shares_reused_text);
  EXPECT_EQ(records->documents[0].id, (DocId{"1", true}));
  EXPECT_EQ(records->documents[1].id, (DocId{"x", false}));
}

TEST(ScanRecordsTest, MalformedRecordsAreNamedByFileAndLine) {
  test::TempDir dir;
  const std::string run = R"({"type":"run","options":{"threshold":0.5,"shingle":5}})";
  const std::pair<std::string, std::string> cases[] = {
      {"{oops", "bad.jsonl:2: not a JSON object"},
      {R"({"a":1,"b":2})", "bad.jsonl:2: record without a \"type\""},
      {R"({"type":"pair","a":1})", "bad.jsonl:2: pair without \"a\" and \"b\""},
      {R"({"type":"pair","a":1.5,"b":2})", "bad.jsonl:2: id must be a string or an integer"},
      {R"({"type":"pair","a":1,"b":2,"passages":[{"a":{"char_begin":0},"b":{}}]})",
       "bad.jsonl:2: passage without char spans"},
      {R"({"type":"pair","a":1,"b":2,"passages":[{"a":{"char_begin":0,"char_end":5},)"
       R"("b":{"char_begin":0,"char_end":5},"kind":"paraphrased"}]})",
       "bad.jsonl:2: unknown kind \"paraphrased\""},
      {R"({"type":"pair","a":1,"b":2,"passages":[{"a":{"char_begin":0,"char_end":5},)"
       R"("b":{"char_begin":0,"char_end":5},"edits":[{"op":"insert","a_count":0}]}]})",
       "bad.jsonl:2: edit without a_count and b_count"},
      {R"({"type":"identical","first":1})", "bad.jsonl:2: identical record without \"first\" and \"copies\""},
      {R"({"type":"cluster","members":[1,2]})", "bad.jsonl:2: cluster without \"origin\" and \"members\""},
  };
  for (const auto& [line, message] : cases) {
    absl::StatusOr<ScanRecords> records = ReadScanRecords(dir.Write("bad.jsonl", run + "\n" + line + "\n"));
    ASSERT_FALSE(records.ok()) << line;
    EXPECT_TRUE(absl::IsInvalidArgument(records.status())) << records.status();
    EXPECT_NE(records.status().message().find(message), absl::string_view::npos) << records.status();
  }
  absl::StatusOr<ScanRecords> bad_run =
      ReadScanRecords(dir.Write("run.jsonl", R"({"type":"run","options":{"shingle":5}})"));
  ASSERT_FALSE(bad_run.ok());
  EXPECT_NE(bad_run.status().message().find("run.jsonl:1: "), absl::string_view::npos) << bad_run.status();
}

TEST(ScanRecordsTest, FileWithoutRunRecordIsRejected) {
  test::TempDir dir;
  absl::StatusOr<ScanRecords> records = ReadScanRecords(dir.Write("out.jsonl", R"({"type":"pair","a":1,"b":2})"));
  ASSERT_FALSE(records.ok());
  EXPECT_NE(records.status().message().find("out.jsonl: no \"run\" record"), absl::string_view::npos)
      << records.status();
  EXPECT_TRUE(absl::IsNotFound(ReadScanRecords((dir.path() / "absent.jsonl").string()).status()));
}

}  // namespace
}  // namespace reprint
