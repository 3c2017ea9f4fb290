#include "core/eval.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace reprint {
namespace {

Document Doc(std::string id, std::string text) {
  Document doc;
  doc.id = DocId{std::move(id), false};
  doc.text = std::move(text);
  return doc;
}

TruthRecord Truth(std::string id, int64_t family) {
  TruthRecord truth;
  truth.id = DocId{std::move(id), false};
  truth.family = family;
  return truth;
}

std::pair<DocId, DocId> Pair(std::string a, std::string b) {
  return {DocId{std::move(a), false}, DocId{std::move(b), false}};
}

constexpr const char* kBase =
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen";

TEST(EvalTest, ScoresHandComputedExample) {
  // Family 1: orig, exact copy (J=1), and a copy edited below the threshold.
  // Family 2: a pair at J = 1. "unrelated" shares nothing.
  const std::vector<Document> docs = {
      Doc("orig", kBase), Doc("copy", kBase),
      Doc("edited", "one two three four five six x eight nine y eleven twelve z fourteen"),
      Doc("f2a", "alpha beta gamma delta epsilon zeta"), Doc("f2b", "alpha beta gamma delta epsilon zeta"),
      Doc("unrelated", "red green blue cyan magenta yellow black")};
  const std::vector<TruthRecord> truth = {Truth("orig", 1), Truth("copy", 1), Truth("edited", 1),
                                          Truth("f2a", 2),  Truth("f2b", 2),  Truth("unrelated", 3)};
  // Found: the true copy pair (TP), a false pair (FP); f2a-f2b missed (FN).
  const std::vector<std::pair<DocId, DocId>> found = {Pair("copy", "orig"),
                                                      Pair("orig", "unrelated")};
  ScanOptions options;
  absl::StatusOr<PairEvaluation> evaluation = EvaluatePairs(docs, truth, found, options);
  ASSERT_TRUE(evaluation.ok()) << evaluation.status();
  EXPECT_EQ(evaluation->overall.true_positives, 1);
  EXPECT_EQ(evaluation->overall.false_positives, 1);
  EXPECT_EQ(evaluation->overall.false_negatives, 1);
  EXPECT_DOUBLE_EQ(evaluation->overall.precision(), 0.5);
  EXPECT_DOUBLE_EQ(evaluation->overall.recall(), 0.5);
  EXPECT_DOUBLE_EQ(evaluation->overall.f1(), 0.5);
  // orig-edited and copy-edited are family pairs below 0.5.
  EXPECT_EQ(evaluation->truth_pairs_below_threshold, 2);
  ASSERT_EQ(evaluation->by_band.size(), 5u);
  EXPECT_EQ(evaluation->by_band.back().first, "0.9-1.0");
  EXPECT_EQ(evaluation->by_band.back().second.true_positives, 1);
  EXPECT_EQ(evaluation->by_band.back().second.false_negatives, 1);
}

TEST(EvalTest, RecallByKindFollowsWhatWasDoneToTheCopy) {
  // orig -> trunc (truncated), orig -> plain (edited), trunc -> reord
  // (reordered); plain-trunc, plain-reord and orig-reord are indirect.
  // All identical texts, so every family pair is true.
  const std::vector<Document> docs = {Doc("orig", kBase), Doc("trunc", kBase), Doc("plain", kBase),
                                      Doc("reord", kBase)};
  std::vector<TruthRecord> truth = {Truth("orig", 1), Truth("trunc", 1), Truth("plain", 1), Truth("reord", 1)};
  truth[1].parent = DocId{"orig", false};
  truth[1].operations = {"edit:2.0%", "truncate:80%", "reorder:1"};  // truncation wins
  truth[2].parent = DocId{"orig", false};
  truth[2].operations = {"edit:1.0%", "footer"};
  truth[3].parent = DocId{"trunc", false};
  truth[3].operations = {"edit:1.0%", "reorder:2"};
  const std::vector<std::pair<DocId, DocId>> found = {Pair("orig", "trunc"), Pair("plain", "reord")};
  absl::StatusOr<PairEvaluation> evaluation = EvaluatePairs(docs, truth, found, ScanOptions{});
  ASSERT_TRUE(evaluation.ok()) << evaluation.status();
  std::map<std::string, std::pair<int64_t, int64_t>> kinds;  // kind -> (TP, FN)
  for (const auto& [kind, score] : evaluation->by_kind) kinds[kind] = {score.true_positives, score.false_negatives};
  EXPECT_EQ(kinds, (std::map<std::string, std::pair<int64_t, int64_t>>{
                       {"edited", {0, 1}}, {"truncated", {1, 0}}, {"reordered", {0, 1}}, {"indirect", {1, 2}}}));
  EXPECT_EQ(evaluation->true_pairs.size(), 6u);
}

TEST(EvalTest, AdjustedRandIndexMatchesAHandComputedValue) {
  // Truth {0,1,2} {3,4} {5}; reported {0,1} {2,3,4} {5}. Pairs together:
  // sum C(n_ij,2) = 2, truth 4, reported 4, C(6,2) = 15, expected 16/15,
  // maximum 4: ARI = (2 - 16/15) / (4 - 16/15) = 7/22.
  EXPECT_NEAR(AdjustedRandIndex({1, 1, 1, 2, 2, 3}, {7, 7, 8, 8, 8, 9}), 7.0 / 22.0, 1e-12);
  EXPECT_DOUBLE_EQ(AdjustedRandIndex({1, 1, 2}, {5, 5, 6}), 1.0);  // same partition, other labels
  EXPECT_DOUBLE_EQ(AdjustedRandIndex({1, 2, 3}, {1, 2, 3}), 1.0);  // all singletons
  EXPECT_LT(AdjustedRandIndex({1, 1, 2, 2}, {1, 2, 1, 2}), 0.0);   // worse than chance
}

TEST(EvalTest, ClustersAreScoredByPartitionAndOrigin) {
  std::vector<TruthRecord> truth = {Truth("o1", 1), Truth("c1", 1), Truth("c2", 1),
                                    Truth("o2", 2), Truth("d1", 2), Truth("o3", 3)};
  truth[1].parent = DocId{"o1", false};
  truth[2].parent = DocId{"c1", false};
  truth[4].parent = DocId{"o2", false};
  const std::vector<std::pair<DocId, DocId>> true_pairs = {Pair("o1", "c1"), Pair("c1", "c2"), Pair("o2", "d1")};
  auto ids = [](std::vector<std::string> names) {
    std::vector<DocId> out;
    for (std::string& name : names) out.push_back(DocId{std::move(name), false});
    return out;
  };
  const std::vector<ReportedCluster> clusters = {{DocId{"o1", false}, ids({"o1", "c1", "c2"})},
                                                 {DocId{"d1", false}, ids({"d1", "o2"})}};
  const ClusterEvaluation score = EvaluateClusters(truth, true_pairs, clusters);
  EXPECT_DOUBLE_EQ(score.adjusted_rand_index, 1.0);
  EXPECT_EQ(score.clusters_with_original, 2);
  EXPECT_EQ(score.origins_correct, 1);  // d1 is not family 2's original
  EXPECT_DOUBLE_EQ(score.origin_accuracy(), 0.5);

  // Splitting a true cluster lowers the index.
  const std::vector<ReportedCluster> split = {{DocId{"o1", false}, ids({"o1", "c1"})}};
  EXPECT_LT(EvaluateClusters(truth, true_pairs, split).adjusted_rand_index, 1.0);
}

TEST(EvalTest, LabelledDocumentsAreLinkedToTheirOwnSourceOnly) {
  const std::vector<LabeledDocument> labels = {{"cut1.txt", "cut", "src_a.txt"},
                                               {"cut2.txt", "cut", "src_b.txt"},
                                               {"non1.txt", "non", "src_a.txt"},
                                               {"light1.txt", "light", "src_b.txt"}};
  auto pair = [](std::string a, std::string b, double ab, double ba, bool near, bool passages) {
    // Shingle containment: half the passage containment, to tell them apart.
    return ReportedPair{DocId{std::move(a), false}, DocId{std::move(b), false}, ab, ba, near, passages,
                        ab / 2, ba / 2};
  };
  const std::vector<ReportedPair> pairs = {
      pair("texts/cut1.txt", "texts/src_a.txt", 0.9, 0.3, true, true),   // linked, containment 0.9
      pair("texts/src_b.txt", "texts/light1.txt", 0.2, 0.6, false, true),  // linked the other way: 0.6
      pair("texts/non1.txt", "texts/src_b.txt", 0.1, 0.1, false, true),    // the wrong source
      pair("texts/cut2.txt", "texts/src_b.txt", 0.5, 0.5, false, false),   // neither near nor passages
      pair("texts/cut1.txt", "texts/light1.txt", 0.4, 0.4, true, true)};   // not a source: ignored
  const LabelEvaluation evaluation = ScoreLabels(labels, pairs);
  ASSERT_EQ(evaluation.categories.size(), 3u);
  EXPECT_EQ(evaluation.categories[0].category, "cut");
  EXPECT_EQ(evaluation.categories[0].linked, std::vector<std::string>{"cut1.txt"});
  EXPECT_EQ(evaluation.categories[0].unlinked, std::vector<std::string>{"cut2.txt"});
  EXPECT_DOUBLE_EQ(evaluation.categories[0].mean_containment, 0.45);  // (0.9 + 0) / 2
  EXPECT_DOUBLE_EQ(evaluation.categories[0].mean_shingle_containment, 0.225);
  EXPECT_EQ(evaluation.categories[1].category, "light");
  EXPECT_DOUBLE_EQ(evaluation.categories[1].mean_containment, 0.6);
  EXPECT_DOUBLE_EQ(evaluation.categories[1].mean_shingle_containment, 0.3);
  EXPECT_EQ(evaluation.categories[2].category, "non");
  EXPECT_TRUE(evaluation.categories[2].linked.empty());
  EXPECT_EQ(evaluation.wrong_links, (std::vector<std::pair<std::string, std::string>>{{"non1.txt", "src_b.txt"}}));
}

TEST(EvalTest, ContainmentErrorIsMeasuredBothWaysOverReportedCopies) {
  TruthRecord copy = Truth("c", 1);
  copy.parent = DocId{"p", false};
  copy.operations = {"edit:1.0%", "embed:50words"};
  copy.containment_in_parent = 0.8;
  copy.parent_containment_in_copy = 1.0;
  TruthRecord other = Truth("d", 1);
  other.parent = DocId{"p", false};
  other.containment_in_parent = 0.9;
  other.parent_containment_in_copy = 0.9;
  TruthRecord missed = Truth("e", 2);
  missed.parent = DocId{"f", false};
  missed.containment_in_parent = 1.0;
  missed.parent_containment_in_copy = 1.0;
  // (p, c) is reported with p first: its containments are read the other way round.
  std::vector<ReportedPair> pairs = {{DocId{"p", false}, DocId{"c", false}, 0.95, 0.9, true, true, 0, 0},
                                     {DocId{"d", false}, DocId{"p", false}, 0.9, 0.8, true, true, 0, 0}};
  const ContainmentScore score = ScoreContainment({Truth("p", 1), copy, other, missed}, pairs);
  EXPECT_EQ(score.pairs, 2);
  EXPECT_EQ(score.missing, 1);
  // Errors: c 0.1 and 0.05, d 0 and 0.1: mean 0.25 / 4.
  EXPECT_NEAR(score.mean_absolute_error, 0.0625, 1e-12);
  EXPECT_NEAR(score.max_absolute_error, 0.1, 1e-12);
  EXPECT_EQ(score.pasted_or_dropped_pairs, 1);
  EXPECT_NEAR(score.pasted_or_dropped_mean_absolute_error, 0.075, 1e-12);
}

TEST(EvalTest, EmptyScoresAreOneNotNan) {
  PairScore score;
  EXPECT_EQ(score.precision(), 1.0);
  EXPECT_EQ(score.recall(), 1.0);
  EXPECT_EQ(score.f1(), 1.0);
}

TEST(EvalTest, UnknownArticleIsNotFound) {
  const std::vector<Document> docs = {Doc("a", kBase)};
  absl::StatusOr<PairEvaluation> evaluation =
      EvaluatePairs(docs, {Truth("a", 1), Truth("ghost", 1)}, {}, ScanOptions{});
  ASSERT_FALSE(evaluation.ok());
  EXPECT_EQ(evaluation.status().code(), absl::StatusCode::kNotFound);
  EXPECT_NE(evaluation.status().message().find("ghost"), absl::string_view::npos);
}

class EvalFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("reprint_eval_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Write(const std::string& name, const std::string& content) {
    const std::string path = (dir_ / name).string();
    std::ofstream(path) << content;
    return path;
  }
  std::filesystem::path dir_;
};

TEST_F(EvalFilesTest, ReadsScanOutputOptionsAndPairs) {
  const std::string path = Write(
      "out.jsonl",
      R"({"type":"run","options":{"threshold":0.7,"shingle":3,"normalization":{"strip_diacritics":true}}})"
      "\n"
      R"({"type":"pair","a":1,"b":"x","jaccard":0.9})"
      "\n"
      R"({"type":"cluster","id":1,"members":[1,"x"],"origin":1})"
      "\n");
  absl::StatusOr<ScanOutput> output = ReadScanOutput(path);
  ASSERT_TRUE(output.ok()) << output.status();
  EXPECT_EQ(output->options.threshold, 0.7);
  EXPECT_EQ(output->options.shingle.size, 3);
  EXPECT_TRUE(output->options.normalize.strip_diacritics);
  ASSERT_EQ(output->pairs.size(), 1u);
  EXPECT_EQ(output->pairs[0].first, (DocId{"1", true}));
  EXPECT_EQ(output->pairs[0].second, (DocId{"x", false}));
  ASSERT_EQ(output->clusters.size(), 1u);
  EXPECT_EQ(output->clusters[0].origin, (DocId{"1", true}));
  EXPECT_EQ(output->clusters[0].members, (std::vector<DocId>{DocId{"1", true}, DocId{"x", false}}));
}

TEST_F(EvalFilesTest, IdenticalGroupsStandForEveryPairOfTheirCopies) {
  // x, y and z are copies of 1; "n" pairs with 1, and "m" is the first of
  // another group {m, m2} pairing with 1 too.
  const std::string path = Write(
      "out.jsonl",
      R"({"type":"run","options":{"threshold":0.5,"shingle":5}})"
      "\n"
      R"({"type":"pair","a":1,"b":"x","jaccard":1})"
      "\n"
      R"({"type":"pair","a":1,"b":"y","jaccard":1})"
      "\n"
      R"({"type":"pair","a":1,"b":"z","jaccard":1})"
      "\n"
      R"({"type":"pair","a":1,"b":"n","jaccard":0.8})"
      "\n"
      R"({"type":"pair","a":1,"b":"m","jaccard":0.6})"
      "\n"
      R"({"type":"pair","a":"m","b":"m2","jaccard":1})"
      "\n"
      R"({"type":"identical","first":1,"copies":["x","y","z"]})"
      "\n"
      R"({"type":"identical","first":"m","copies":["m2"]})"
      "\n");
  absl::StatusOr<ScanOutput> output = ReadScanOutput(path);
  ASSERT_TRUE(output.ok()) << output.status();
  std::set<std::set<std::string>> pairs;
  for (const auto& [a, b] : output->pairs) pairs.insert({a.value, b.value});
  std::set<std::set<std::string>> want;
  const std::vector<std::string> group = {"1", "x", "y", "z"};
  for (size_t i = 0; i < group.size(); ++i) {
    for (size_t j = i + 1; j < group.size(); ++j) want.insert({group[i], group[j]});
    want.insert({group[i], "n"});
    want.insert({group[i], "m"});
    want.insert({group[i], "m2"});
  }
  want.insert({"m", "m2"});
  EXPECT_EQ(pairs, want);
  EXPECT_EQ(output->pairs.size(), want.size()) << "no pair twice";
}

TEST(EvalTest, IdenticalGroupsTooLargeToExpandAreRefusedUnchanged) {
  ScanOutput output;
  output.all_pairs.push_back({DocId{"1", true}, DocId{"x", false}, 1, 1, true, false});
  output.pairs.emplace_back(DocId{"1", true}, DocId{"x", false});
  output.identical.emplace_back(DocId{"1", true}, std::vector<DocId>{});
  for (int i = 0; i < 1000; ++i) output.identical[0].second.push_back(DocId{std::to_string(i + 2), true});
  const absl::Status status = ExpandIdenticalCopies(&output, /*max_pairs=*/100'000);
  EXPECT_TRUE(absl::IsResourceExhausted(status)) << status;
  EXPECT_EQ(output.pairs.size(), 1u);
  EXPECT_TRUE(ExpandIdenticalCopies(&output, /*max_pairs=*/1'000'000).ok());
  EXPECT_EQ(output.pairs.size(), 1u + 1000u + 1000u * 999u / 2);
}

TEST_F(EvalFilesTest, ScanOutputWithoutRunRecordIsRejected) {
  absl::StatusOr<ScanOutput> output = ReadScanOutput(Write("out.jsonl", R"({"type":"pair","a":1,"b":2})"));
  ASSERT_FALSE(output.ok());
  EXPECT_NE(output.status().message().find("no \"run\" record"), absl::string_view::npos);
}

TEST_F(EvalFilesTest, ReadsLabelsByColumnName) {
  absl::StatusOr<std::vector<LabeledDocument>> labels =
      ReadLabels(Write("labels.tsv", "category\tfile\tx\tsource_file\r\ncut\ta.txt\t1\torig.txt\r\n\n"));
  ASSERT_TRUE(labels.ok()) << labels.status();
  ASSERT_EQ(labels->size(), 1u);
  EXPECT_EQ((*labels)[0].file, "a.txt");
  EXPECT_EQ((*labels)[0].category, "cut");
  EXPECT_EQ((*labels)[0].source, "orig.txt");  // the \r of CRLF dropped
  const auto short_row = ReadLabels(Write("short.tsv", "file\tcategory\tsource_file\na.txt\tcut\n"));
  ASSERT_FALSE(short_row.ok());
  EXPECT_NE(short_row.status().message().find("short.tsv:2"), std::string::npos) << short_row.status();
  const auto no_header = ReadLabels(Write("bad.tsv", "name\tkind\n"));
  ASSERT_FALSE(no_header.ok());
  EXPECT_NE(no_header.status().message().find("file, category and source_file"), std::string::npos);
}

}  // namespace
}  // namespace reprint

namespace reprint {
namespace {

PanPassage Case(uint32_t s_begin, uint32_t s_end, uint32_t r_begin, uint32_t r_end) {
  return {"susp.txt", "src.txt", s_begin, s_end, r_begin, r_end, "artificial", "none"};
}

TEST(PanScoreTest, ExactDetectionScoresOne) {
  const std::vector<PanPassage> cases = {Case(100, 200, 1000, 1100)};
  const PanScore score = ScorePan(cases, cases);
  EXPECT_DOUBLE_EQ(score.precision, 1.0);
  EXPECT_DOUBLE_EQ(score.recall, 1.0);
  EXPECT_DOUBLE_EQ(score.granularity, 1.0);
  EXPECT_DOUBLE_EQ(score.plagdet, 1.0);
}

TEST(PanScoreTest, SplitDetectionHasGranularityTwo) {
  // Two detections cover the case exactly between them: precision and
  // recall are 1, granularity 2, plagdet 1 / log2(3).
  const std::vector<PanPassage> cases = {Case(0, 100, 0, 100)};
  const std::vector<PanPassage> detections = {Case(0, 50, 0, 50), Case(50, 100, 50, 100)};
  const PanScore score = ScorePan(cases, detections);
  EXPECT_DOUBLE_EQ(score.precision, 1.0);
  EXPECT_DOUBLE_EQ(score.recall, 1.0);
  EXPECT_DOUBLE_EQ(score.granularity, 2.0);
  EXPECT_NEAR(score.plagdet, 1.0 / std::log2(3.0), 1e-12);
}

TEST(PanScoreTest, PartialOverlapCountsCharactersOnBothSides) {
  // Case: 100 + 100 chars. Detection: suspicious [50, 150) and source
  // [0, 100): it covers 50 + 100 of the case's 200 chars (recall 0.75) and
  // 50 + 100 of its own 200 (precision 0.75).
  const std::vector<PanPassage> cases = {Case(0, 100, 0, 100)};
  const std::vector<PanPassage> detections = {Case(50, 150, 0, 100)};
  const PanScore score = ScorePan(cases, detections);
  EXPECT_DOUBLE_EQ(score.recall, 0.75);
  EXPECT_DOUBLE_EQ(score.precision, 0.75);
  EXPECT_DOUBLE_EQ(score.plagdet, 0.75);  // granularity 1: log2(2) = 1
}

TEST(PanScoreTest, DetectionOfTheWrongSourceDetectsNothing) {
  const std::vector<PanPassage> cases = {Case(0, 100, 0, 100)};
  PanPassage wrong = Case(0, 100, 0, 100);
  wrong.source = "other.txt";
  const PanScore score = ScorePan(cases, {wrong});
  EXPECT_DOUBLE_EQ(score.recall, 0.0);
  EXPECT_DOUBLE_EQ(score.precision, 0.0);
  EXPECT_DOUBLE_EQ(score.plagdet, 0.0);
}

TEST(PanScoreTest, MissedCaseHalvesMacroRecall) {
  const std::vector<PanPassage> cases = {Case(0, 100, 0, 100), Case(500, 600, 500, 600)};
  const PanScore score = ScorePan(cases, {Case(0, 100, 0, 100)});
  EXPECT_DOUBLE_EQ(score.recall, 0.5);
  EXPECT_DOUBLE_EQ(score.precision, 1.0);
  EXPECT_NEAR(score.plagdet, 2.0 / 3.0, 1e-12);
}

TEST(PanScoreTest, DetectionsAreOrientedBySuspiciousDocument) {
  PanTruth truth;
  truth.suspicious_documents = {"suspicious-document00001.txt"};
  const std::vector<ReportedPassage> reported = {
      {DocId{"source-documents/source-document00007.txt", false},
       DocId{"suspicious-documents/suspicious-document00001.txt", false}, 10, 20, 30, 40},
      {DocId{"source-document00001.txt", false}, DocId{"source-document00002.txt", false}, 0, 5, 0, 5}};
  const std::vector<PanPassage> detections = PanDetections(truth, reported);
  ASSERT_EQ(detections.size(), 1u) << "source-source passages are not detections";
  EXPECT_EQ(detections[0].suspicious, "suspicious-document00001.txt");
  EXPECT_EQ(detections[0].source, "source-document00007.txt");
  EXPECT_EQ(detections[0].suspicious_begin, 30u);
  EXPECT_EQ(detections[0].source_end, 20u);
}

TEST_F(EvalFilesTest, ReadsPanTruthXml) {
  Write("suspicious-document00001.xml",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<document reference=\"suspicious-document00001.txt\">\n"
        "\t<feature name=\"plagiarism\" type=\"artificial\" obfuscation=\"none\" this_offset=\"5\" "
        "this_length=\"10\" source_reference=\"source-document00002.txt\" source_offset=\"7\" "
        "source_length=\"12\"/>\n</document>\n");
  Write("suspicious-document00002.xml",
        "<document reference=\"suspicious-document00002.txt\">\n</document>\n");
  absl::StatusOr<PanTruth> truth = ReadPanTruth(dir_.string());
  ASSERT_TRUE(truth.ok()) << truth.status();
  EXPECT_EQ(truth->suspicious_documents,
            (std::vector<std::string>{"suspicious-document00001.txt", "suspicious-document00002.txt"}));
  ASSERT_EQ(truth->cases.size(), 1u);
  const PanPassage& c = truth->cases[0];
  EXPECT_EQ(c.source, "source-document00002.txt");
  EXPECT_EQ(c.suspicious_begin, 5u);
  EXPECT_EQ(c.suspicious_end, 15u);
  EXPECT_EQ(c.source_begin, 7u);
  EXPECT_EQ(c.source_end, 19u);
  EXPECT_EQ(c.obfuscation, "none");
}

}  // namespace
}  // namespace reprint

namespace reprint {
namespace {

TEST(EmbeddedPassageTest, FoundInEitherOrientationAndCoverageIsMeasured) {
  // "host" took chars [100, 200) from "src" [0, 100); "src" itself took a
  // passage from "older", so both ends of the first pair carry truth.
  TruthRecord host = Truth("host", 1), src = Truth("src", 2);
  host.passages.push_back({DocId{"src", false}, 0, 100, 100, 200});
  src.passages.push_back({DocId{"older", false}, 0, 50, 300, 350});
  // Reported with "src" as a: covers [100, 150) of host and [0, 50) of src.
  const std::vector<ReportedPassage> reported = {
      {DocId{"src", false}, DocId{"host", false}, 0, 50, 100, 150}};
  const EmbeddedPassageScore score = ScoreEmbeddedPassages({host, src}, reported);
  EXPECT_EQ(score.cases, 2);
  EXPECT_EQ(score.found, 1);
  EXPECT_DOUBLE_EQ(score.covered_when_found, 0.5);
}

}  // namespace
}  // namespace reprint
