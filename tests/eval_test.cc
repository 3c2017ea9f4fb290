#include "reprint/eval.h"

#include <cmath>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/testing/temp_dir.h"

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

// What a scan found, built by id: the documents the findings name, in order
// of first mention, and a result over them.
struct Findings {
  std::vector<Document> documents;
  ScanResult result;

  uint32_t Index(const std::string& id) {
    for (uint32_t i = 0; i < documents.size(); ++i) {
      if (documents[i].id.value == id) return i;
    }
    documents.push_back(Doc(id, ""));
    return static_cast<uint32_t>(documents.size() - 1);
  }
  DocumentPair& AddPair(const std::string& a, const std::string& b, bool near_duplicate = true) {
    DocumentPair& pair = result.pairs.emplace_back();
    pair.a = Index(a);
    pair.b = Index(b);
    pair.near_duplicate = near_duplicate;
    return pair;
  }
  // A passage of the pair (a, b), added if absent, by character offsets.
  Passage& AddPassage(const std::string& a, const std::string& b, uint32_t a_begin, uint32_t a_end,
                      uint32_t b_begin, uint32_t b_end) {
    DocumentPair* pair = nullptr;
    for (DocumentPair& p : result.pairs) {
      if (documents[p.a].id.value == a && documents[p.b].id.value == b) pair = &p;
    }
    if (pair == nullptr) pair = &AddPair(a, b, false);
    Passage& passage = pair->passages.emplace_back();
    passage.a.char_begin = a_begin;
    passage.a.char_end = a_end;
    passage.b.char_begin = b_begin;
    passage.b.char_end = b_end;
    return passage;
  }
  void AddCluster(const std::string& origin, const std::vector<std::string>& members) {
    Cluster& cluster = result.clusters.emplace_back();
    cluster.origin = Index(origin);
    for (const std::string& member : members) cluster.members.push_back(Index(member));
  }
  // The pairs of `result`, each as the set of its two ids.
  std::set<std::set<std::string>> PairIds() const {
    std::set<std::set<std::string>> ids;
    for (const DocumentPair& pair : result.pairs) ids.insert({documents[pair.a].id.value, documents[pair.b].id.value});
    return ids;
  }
};

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
  Findings found;
  found.AddPair("copy", "orig");
  found.AddPair("orig", "unrelated");
  found.AddPair("f2a", "f2b", /*near_duplicate=*/false);  // shares passages only: not reported as a pair
  ScanOptions options;
  absl::StatusOr<PairEvaluation> evaluation = EvaluatePairs(docs, truth, found.documents, found.result, options);
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
  Findings found;
  found.AddPair("orig", "trunc");
  found.AddPair("plain", "reord");
  absl::StatusOr<PairEvaluation> evaluation =
      EvaluatePairs(docs, truth, found.documents, found.result, ScanOptions{});
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
  Findings found;
  found.AddCluster("o1", {"o1", "c1", "c2"});
  found.AddCluster("d1", {"d1", "o2", "not-in-truth"});
  const ClusterEvaluation score = EvaluateClusters(truth, true_pairs, found.documents, found.result);
  EXPECT_DOUBLE_EQ(score.adjusted_rand_index, 1.0);
  EXPECT_EQ(score.clusters_with_original, 2);
  EXPECT_EQ(score.origins_correct, 1);  // d1 is not family 2's original
  EXPECT_DOUBLE_EQ(score.origin_accuracy(), 0.5);

  // Splitting a true cluster lowers the index.
  Findings split;
  split.AddCluster("o1", {"o1", "c1"});
  EXPECT_LT(EvaluateClusters(truth, true_pairs, split.documents, split.result).adjusted_rand_index, 1.0);
}

TEST(EvalTest, LabelledDocumentsAreLinkedToTheirOwnSourceOnly) {
  const std::vector<LabeledDocument> labels = {{"cut1.txt", "cut", "src_a.txt"},
                                               {"cut2.txt", "cut", "src_b.txt"},
                                               {"non1.txt", "non", "src_a.txt"},
                                               {"light1.txt", "light", "src_b.txt"}};
  Findings found;
  auto pair = [&](const std::string& a, const std::string& b, double ab, double ba, bool near, bool passages) {
    DocumentPair& p = found.AddPair(a, b, near);
    p.containment_a_in_b = ab;
    p.containment_b_in_a = ba;
    // Shingle containment: half the passage containment, to tell them apart.
    p.shingle_containment_a_in_b = ab / 2;
    p.shingle_containment_b_in_a = ba / 2;
    if (passages) p.passages.emplace_back();
  };
  pair("texts/cut1.txt", "texts/src_a.txt", 0.9, 0.3, true, true);     // linked, containment 0.9
  pair("texts/src_b.txt", "texts/light1.txt", 0.2, 0.6, false, true);  // linked the other way: 0.6
  pair("texts/non1.txt", "texts/src_b.txt", 0.1, 0.1, false, true);    // the wrong source
  pair("texts/cut2.txt", "texts/src_b.txt", 0.5, 0.5, false, false);   // neither near nor passages
  pair("texts/cut1.txt", "texts/light1.txt", 0.4, 0.4, true, true);    // not a source: ignored
  const LabelEvaluation evaluation = ScoreLabels(labels, found.documents, found.result);
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
  Findings found;
  DocumentPair& pc = found.AddPair("p", "c");
  pc.containment_a_in_b = 0.95;
  pc.containment_b_in_a = 0.9;
  DocumentPair& dp = found.AddPair("d", "p");
  dp.containment_a_in_b = 0.9;
  dp.containment_b_in_a = 0.8;
  const ContainmentScore score =
      ScoreContainment({Truth("p", 1), copy, other, missed}, found.documents, found.result);
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
      EvaluatePairs(docs, {Truth("a", 1), Truth("ghost", 1)}, {}, ScanResult{}, ScanOptions{});
  ASSERT_FALSE(evaluation.ok());
  EXPECT_EQ(evaluation.status().code(), absl::StatusCode::kNotFound);
  EXPECT_NE(evaluation.status().message().find("ghost"), absl::string_view::npos);
}

TEST(EvalTest, IdenticalGroupsStandForEveryPairOfTheirCopies) {
  // x, y and z are copies of "1"; "n" pairs with "1", and "m" is the first
  // of another group {m, m2} pairing with "1" too.
  Findings found;
  for (const char* copy : {"x", "y", "z"}) found.AddPair("1", copy).jaccard = 1;
  found.AddPair("1", "n").jaccard = 0.8;
  DocumentPair& with_m = found.AddPair("1", "m");
  with_m.jaccard = 0.6;
  with_m.containment_a_in_b = 0.7;
  found.AddPassage("1", "m", 0, 10, 0, 10);
  found.AddPair("m", "m2").jaccard = 1;
  found.result.identical.push_back({found.Index("1"), {found.Index("x"), found.Index("y"), found.Index("z")}});
  found.result.identical.push_back({found.Index("m"), {found.Index("m2")}});
  const size_t written = found.result.pairs.size();
  ASSERT_TRUE(ExpandIdenticalCopies(&found.result).ok());
  std::set<std::set<std::string>> want;
  const std::vector<std::string> group = {"1", "x", "y", "z"};
  for (size_t i = 0; i < group.size(); ++i) {
    for (size_t j = i + 1; j < group.size(); ++j) want.insert({group[i], group[j]});
    want.insert({group[i], "n"});
    want.insert({group[i], "m"});
    want.insert({group[i], "m2"});
  }
  want.insert({"m", "m2"});
  EXPECT_EQ(found.PairIds(), want);
  EXPECT_EQ(found.result.pairs.size(), want.size()) << "no pair twice";
  EXPECT_TRUE(found.result.identical.empty());
  for (size_t i = written; i < found.result.pairs.size(); ++i) {
    const DocumentPair& pair = found.result.pairs[i];
    EXPECT_TRUE(pair.passages.empty()) << "a copy's offsets may differ from its first's";
    // (x, m2) stands for (1, m): it carries that pair's values.
    if (found.documents[pair.a].id.value == "x" && found.documents[pair.b].id.value == "m2") {
      EXPECT_DOUBLE_EQ(pair.jaccard, 0.6);
      EXPECT_DOUBLE_EQ(pair.containment_a_in_b, 0.7);
    }
  }
}

TEST(EvalTest, IdenticalGroupsTooLargeToExpandAreRefusedUnchanged) {
  Findings found;
  found.AddPair("1", "x");
  IdenticalGroup& group = found.result.identical.emplace_back();
  group.first = found.Index("1");
  for (int i = 0; i < 1000; ++i) group.copies.push_back(found.Index(std::to_string(i + 2)));
  ScanResult result = found.result;
  const absl::Status status = ExpandIdenticalCopies(&result, /*max_pairs=*/100'000);
  EXPECT_TRUE(absl::IsResourceExhausted(status)) << status;
  EXPECT_EQ(result.pairs.size(), 1u);
  EXPECT_EQ(result.identical.size(), 1u);
  EXPECT_TRUE(ExpandIdenticalCopies(&result, /*max_pairs=*/1'000'000).ok());
  EXPECT_EQ(result.pairs.size(), 1u + 1000u + 1000u * 999u / 2);
}

TEST(EvalFilesTest, ReadsLabelsByColumnName) {
  test::TempDir dir;
  absl::StatusOr<std::vector<LabeledDocument>> labels =
      ReadLabels(dir.Write("labels.tsv", "category\tfile\tx\tsource_file\r\ncut\ta.txt\t1\torig.txt\r\n\n"));
  ASSERT_TRUE(labels.ok()) << labels.status();
  ASSERT_EQ(labels->size(), 1u);
  EXPECT_EQ((*labels)[0].file, "a.txt");
  EXPECT_EQ((*labels)[0].category, "cut");
  EXPECT_EQ((*labels)[0].source, "orig.txt");  // the \r of CRLF dropped
  const auto short_row = ReadLabels(dir.Write("short.tsv", "file\tcategory\tsource_file\na.txt\tcut\n"));
  ASSERT_FALSE(short_row.ok());
  EXPECT_NE(short_row.status().message().find("short.tsv:2"), std::string::npos) << short_row.status();
  const auto no_header = ReadLabels(dir.Write("bad.tsv", "name\tkind\n"));
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
  Findings found;
  found.AddPassage("source-documents/source-document00007.txt", "suspicious-documents/suspicious-document00001.txt",
                   10, 20, 30, 40);
  found.AddPassage("source-document00001.txt", "source-document00002.txt", 0, 5, 0, 5);
  const std::vector<PanPassage> detections = PanDetections(truth, found.documents, found.result);
  ASSERT_EQ(detections.size(), 1u) << "source-source passages are not detections";
  EXPECT_EQ(detections[0].suspicious, "suspicious-document00001.txt");
  EXPECT_EQ(detections[0].source, "source-document00007.txt");
  EXPECT_EQ(detections[0].suspicious_begin, 30u);
  EXPECT_EQ(detections[0].source_end, 20u);
}

TEST(EvalFilesTest, ReadsPanTruthXml) {
  test::TempDir dir;
  dir.Write("suspicious-document00001.xml",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<document reference=\"suspicious-document00001.txt\">\n"
        "\t<feature name=\"plagiarism\" type=\"artificial\" obfuscation=\"none\" this_offset=\"5\" "
        "this_length=\"10\" source_reference=\"source-document00002.txt\" source_offset=\"7\" "
        "source_length=\"12\"/>\n</document>\n");
  dir.Write("suspicious-document00002.xml",
        "<document reference=\"suspicious-document00002.txt\">\n</document>\n");
  absl::StatusOr<PanTruth> truth = ReadPanTruth(dir.path().string());
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
  Findings found;
  found.AddPassage("src", "host", 0, 50, 100, 150);
  const EmbeddedPassageScore score = ScoreEmbeddedPassages({host, src}, found.documents, found.result);
  EXPECT_EQ(score.cases, 2);
  EXPECT_EQ(score.found, 1);
  EXPECT_DOUBLE_EQ(score.covered_when_found, 0.5);
}

TEST(EmbeddedPassageTest, LongestEditLeavesMovedSentencesOut) {
  Findings found;
  EXPECT_EQ(LongestEditWords(found.result), 0u);
  Passage& passage = found.AddPassage("a", "b", 0, 100, 0, 100);
  passage.edits.push_back({Edit::Op::kSubstitute, 3, 2, 3, 5, "", "", 0, 0, 0, 0, false});
  passage.edits.push_back({Edit::Op::kDelete, 9, 40, 12, 0, "", "", 0, 0, 0, 0, /*moved=*/true});
  found.AddPassage("c", "d", 0, 100, 0, 100)
      .edits.push_back({Edit::Op::kDelete, 1, 4, 1, 0, "", "", 0, 0, 0, 0, false});
  EXPECT_EQ(LongestEditWords(found.result), 5u);
}

}  // namespace
}  // namespace reprint
