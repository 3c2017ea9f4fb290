#include "reprint/scan.h"

#include <algorithm>
#include <mutex>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "core/encoding.h"
#include "core/random.h"
#include "core/shingle.h"
#include "core/tokenize.h"
#include "gtest/gtest.h"
#include "reprint/generate.h"
#include "tests/testing/synthetic.h"

namespace reprint {
namespace {

Document Doc(std::string id, std::string text, std::string published = "") {
  Document doc;
  doc.id = DocId{std::move(id), false};
  doc.text = std::move(text);
  if (!published.empty()) {
    doc.published_text = published;
    doc.published = *ParsePublished(published);
  }
  return doc;
}

std::vector<Document> Synthetic(int64_t articles, uint64_t seed) {
  SyntheticOptions options;
  options.articles = articles;
  options.words = 200;
  options.seed = seed;
  return test::SyntheticArticles(options);
}

std::vector<uint64_t> ShingleSetOf(std::string_view text, const ScanOptions& options) {
  TokenizedText tokens;
  Tokenizer(options.normalize).Tokenize(text, &tokens);
  std::vector<uint64_t> set;
  HashShingles(tokens, options.shingle, &set);
  MakeShingleSet(&set);
  return set;
}

TEST(ScanTest, IdenticalArticlesPairWithJaccardOneAndUnrelatedOnesDoNot) {
  const std::string wire =
      "The minister said on Monday that talks with the neighbouring government had failed "
      "after three days of negotiations in the capital, and that no further meetings were planned.";
  const std::vector<Document> docs = {
      Doc("wire", wire), Doc("copy", wire),
      Doc("other", "Heavy rain flooded the river valley overnight, closing schools and roads "
                   "across the northern district while crews cleared fallen trees.")};
  absl::StatusOr<ScanResult> result = Scan(docs, ScanOptions{});
  ASSERT_TRUE(result.ok()) << result.status();
  ASSERT_EQ(result->pairs.size(), 1u);
  EXPECT_EQ(result->pairs[0].a, 0u);
  EXPECT_EQ(result->pairs[0].b, 1u);
  EXPECT_DOUBLE_EQ(result->pairs[0].jaccard, 1.0);
  EXPECT_DOUBLE_EQ(result->pairs[0].jaccard_estimate, 1.0);
  ASSERT_EQ(result->clusters.size(), 1u);
  // Both undated: the smaller id, "copy", counts as the origin.
  EXPECT_EQ(result->clusters[0].members, (std::vector<uint32_t>{1, 0}));
}

// A boilerplate notice repeated thousands of times, as archives hold them.
constexpr const char* kNotice =
    "Comments on this story are now closed. Read our community guidelines and subscribe to the "
    "morning newsletter for the day's top stories delivered to your inbox.";

TEST(ScanTest, ThousandsOfIdenticalArticlesArePairedWithTheirFirstOnly) {
  std::vector<Document> docs;
  for (int i = 0; i < 3000; ++i) {
    // Identical after normalisation: case, spacing and line breaks vary.
    std::string text = kNotice;
    if (i % 3 == 1) std::transform(text.begin(), text.end(), text.begin(), ::toupper);
    if (i % 3 == 2) std::replace(text.begin(), text.end(), ' ', '\n');
    docs.push_back(Doc(absl::StrCat("n", i), text));
  }
  docs.push_back(Doc("longer", std::string(kNotice) + " Corrections: write to the editor."));
  docs.push_back(Doc("other", "Heavy rain flooded the river valley overnight, closing schools and roads "
                              "across the northern district while crews cleared fallen trees."));
  ScanOptions options;
  options.threads = 2;
  absl::StatusOr<ScanResult> result = Scan(docs, options);
  ASSERT_TRUE(result.ok()) << result.status();
  ASSERT_EQ(result->identical.size(), 1u);
  EXPECT_EQ(result->identical[0].first, 0u);
  ASSERT_EQ(result->identical[0].copies.size(), 2999u);
  EXPECT_EQ(result->identical[0].copies.front(), 1u);
  EXPECT_EQ(result->identical[0].copies.back(), 2999u);
  EXPECT_EQ(result->stats.identical_copies, 2999u);
  // Linear: each copy with the first, and the longer notice with the first
  // alone, where pairing every copy would be 4.5 million pairs.
  EXPECT_LE(result->stats.candidates, 1u);
  ASSERT_EQ(result->pairs.size(), 3000u);
  for (const DocumentPair& pair : result->pairs) {
    EXPECT_EQ(pair.a, 0u);
    if (pair.b != 3000) {
      EXPECT_DOUBLE_EQ(pair.jaccard, 1.0);
    }
    EXPECT_TRUE(pair.near_duplicate);
  }
  EXPECT_EQ(result->pairs.back().b, 3000u);
  ASSERT_EQ(result->clusters.size(), 1u);
  EXPECT_EQ(result->clusters[0].members.size(), 3001u);
}

TEST(ScanTest, IdenticalCopiesWithPassagesAreAlignedWithTheirFirstOnly) {
  std::vector<Document> docs;
  for (int i = 0; i < 400; ++i) docs.push_back(Doc(absl::StrCat("n", i), kNotice));
  ScanOptions options;
  options.passages.enabled = true;
  absl::StatusOr<ScanResult> result = Scan(docs, options);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->stats.passage_candidates, 0u);
  ASSERT_EQ(result->pairs.size(), 399u);
  ASSERT_EQ(result->pairs[5].passages.size(), 1u);
  const Passage& whole = result->pairs[5].passages[0];
  EXPECT_EQ(whole.kind, Passage::Kind::kVerbatim);
  EXPECT_EQ(whole.a.char_begin, 0u);
  EXPECT_EQ(whole.a.char_end, CountCodePoints(kNotice) - 1) << "all but the final full stop";
  EXPECT_EQ(whole.b.char_end, whole.a.char_end);
}

TEST(ScanTest, ContainmentMeasuresTheShareOfEachArticleFoundInTheOther) {
  // b is a followed by as many new words: all of a's 6 shingles are in b,
  // which has 16. Jaccard 6/16 is below 0.5, so lower the threshold.
  const std::string a = "one two three four five six seven eight nine ten";
  const std::string b = a + " alpha beta gamma delta epsilon zeta eta theta iota kappa";
  ScanOptions options;
  options.threshold = 0.3;
  options.lsh = LshParams{64, 2};
  options.passages.enabled = false;  // containment by shingles, as without passages
  absl::StatusOr<ScanResult> result = Scan({Doc("a", a), Doc("b", b)}, options);
  ASSERT_TRUE(result.ok()) << result.status();
  ASSERT_EQ(result->pairs.size(), 1u);
  EXPECT_DOUBLE_EQ(result->pairs[0].containment_a_in_b, 1.0);
  EXPECT_DOUBLE_EQ(result->pairs[0].containment_b_in_a, 6.0 / 16.0);
  EXPECT_DOUBLE_EQ(result->pairs[0].jaccard, 6.0 / 16.0);
}

TEST(ScanTest, ReportsExactlyThePairsBruteForceFindsAtTheThreshold) {
  const std::vector<Document> docs = Synthetic(600, 11);
  ScanOptions options;
  options.passages.enabled = false;  // near-duplicates only: passages add pairs below the threshold
  absl::StatusOr<ScanResult> result = Scan(docs, options);
  ASSERT_TRUE(result.ok()) << result.status();

  std::vector<std::vector<uint64_t>> sets;
  for (const Document& doc : docs) sets.push_back(ShingleSetOf(doc.text, options));
  std::vector<std::pair<uint32_t, uint32_t>> truth;
  for (uint32_t i = 0; i < docs.size(); ++i) {
    for (uint32_t j = i + 1; j < docs.size(); ++j) {
      if (Jaccard(sets[i], sets[j]) >= options.threshold) truth.emplace_back(i, j);
    }
  }
  ASSERT_GT(truth.size(), 50u) << "the synthetic archive should hold many copies";
  size_t found = 0;
  for (const DocumentPair& pair : result->pairs) {
    // Precision: every reported pair really meets the threshold.
    EXPECT_GE(Jaccard(sets[pair.a], sets[pair.b]), options.threshold);
    EXPECT_DOUBLE_EQ(pair.jaccard, Jaccard(sets[pair.a], sets[pair.b]));
    found += std::binary_search(truth.begin(), truth.end(), std::make_pair(pair.a, pair.b));
  }
  EXPECT_EQ(found, result->pairs.size());
  // Recall: LSH may miss a pair near the threshold, rarely.
  EXPECT_GE(static_cast<double>(found) / static_cast<double>(truth.size()), 0.97);
}

TEST(ScanTest, ResultDoesNotDependOnTheVerificationBlockSize) {
  const std::vector<Document> docs = Synthetic(600, 11);
  for (const bool passages : {false, true}) {
    ScanOptions whole;
    whole.passages.enabled = passages;
    whole.verify_block_documents = 1'000'000;  // one block
    const absl::StatusOr<ScanResult> expected = Scan(docs, whole);
    ASSERT_TRUE(expected.ok()) << expected.status();
    ASSERT_GT(expected->pairs.size(), 50u);
    for (const size_t block : {2u, 3u, 17u}) {
      ScanOptions small = whole;
      small.verify_block_documents = block;
      small.threads = 2;
      const absl::StatusOr<ScanResult> got = Scan(docs, small);
      ASSERT_TRUE(got.ok()) << got.status();
      ASSERT_EQ(got->pairs.size(), expected->pairs.size()) << "block " << block << " passages " << passages;
      for (size_t i = 0; i < got->pairs.size(); ++i) {
        const DocumentPair& x = got->pairs[i];
        const DocumentPair& y = expected->pairs[i];
        EXPECT_EQ(x.a, y.a);
        EXPECT_EQ(x.b, y.b);
        EXPECT_EQ(x.jaccard, y.jaccard);
        EXPECT_EQ(x.containment_a_in_b, y.containment_a_in_b);
        EXPECT_EQ(x.containment_b_in_a, y.containment_b_in_a);
        ASSERT_EQ(x.passages.size(), y.passages.size());
        for (size_t p = 0; p < x.passages.size(); ++p) {
          EXPECT_EQ(x.passages[p].a.byte_begin, y.passages[p].a.byte_begin);
          EXPECT_EQ(x.passages[p].b.byte_end, y.passages[p].b.byte_end);
          EXPECT_EQ(x.passages[p].edits.size(), y.passages[p].edits.size());
        }
      }
    }
  }
}

TEST(ScanTest, EachDocumentIsPreparedOnceWhenItsCopiesFitInABlock) {
  // Groups of three edited copies, spread through the input (group g at
  // g, g + kGroups and g + 2 * kGroups), verified four documents at a time:
  // taken in (a, b) order, the pairs would mix groups and prepare most
  // documents twice; taken by group, each document is prepared once.
  constexpr int kGroups = 12;
  Random rng(99);
  std::vector<std::string> texts(kGroups);
  for (std::string& text : texts) {
    for (int w = 0; w < 80; ++w) absl::StrAppend(&text, "w", rng.Uniform(5000), " ");
  }
  std::vector<Document> docs;
  for (int copy = 0; copy < 3; ++copy) {
    for (int g = 0; g < kGroups; ++g) {
      docs.push_back(Doc(absl::StrCat("g", g, "c", copy), absl::StrCat("copy", copy, " ", texts[g])));
    }
  }
  for (const bool passages : {false, true}) {
    ScanOptions options;
    options.passages.enabled = passages;
    options.verify_block_documents = 4;
    const absl::StatusOr<ScanResult> result = Scan(docs, options);
    ASSERT_TRUE(result.ok()) << result.status();
    ASSERT_EQ(result->pairs.size(), 3u * kGroups) << "every group's three pairs, nothing else";
    EXPECT_EQ(result->stats.documents_prepared, docs.size()) << "passages " << passages;
  }
}

TEST(ScanTest, ResultIsIdenticalForAnyThreadCount) {
  const std::vector<Document> docs = Synthetic(800, 5);
  ScanOptions options;
  options.threads = 1;
  absl::StatusOr<ScanResult> one = Scan(docs, options);
  ASSERT_TRUE(one.ok());
  for (int threads : {2, 3, 8}) {
    options.threads = threads;
    absl::StatusOr<ScanResult> many = Scan(docs, options);
    ASSERT_TRUE(many.ok());
    ASSERT_EQ(many->pairs.size(), one->pairs.size()) << threads << " threads";
    for (size_t i = 0; i < one->pairs.size(); ++i) {
      EXPECT_EQ(many->pairs[i].a, one->pairs[i].a);
      EXPECT_EQ(many->pairs[i].b, one->pairs[i].b);
      EXPECT_EQ(many->pairs[i].jaccard, one->pairs[i].jaccard);
    }
    ASSERT_EQ(many->clusters.size(), one->clusters.size());
    for (size_t i = 0; i < one->clusters.size(); ++i) {
      EXPECT_EQ(many->clusters[i].members, one->clusters[i].members);
      EXPECT_EQ(many->clusters[i].origin, one->clusters[i].origin);
    }
  }
}

TEST(ScanTest, ArticlesWithoutWordsAreCountedAndNeverPaired) {
  const std::vector<Document> docs = {Doc("empty", ""), Doc("blank", " \n\t— … "),
                                      Doc("word", "word")};
  absl::StatusOr<ScanResult> result = Scan(docs, ScanOptions{});
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->stats.documents_without_words, 2u);
  EXPECT_TRUE(result->pairs.empty());
}

TEST(ScanTest, ClusterOriginIsTheEarliestPublishedMember) {
  const std::string text =
      "Officials confirmed the bridge will reopen next week after repairs to the damaged "
      "supports were completed ahead of schedule by the regional works department.";
  const std::vector<Document> docs = {Doc("late", text, "2025-03-02"),
                                      Doc("early", text + " Reporting by staff.", "2025-03-01"),
                                      Doc("undated", text)};
  absl::StatusOr<ScanResult> result = Scan(docs, ScanOptions{});
  ASSERT_TRUE(result.ok());
  ASSERT_EQ(result->clusters.size(), 1u);
  EXPECT_EQ(result->clusters[0].origin, 1u);
  EXPECT_EQ(result->clusters[0].members, (std::vector<uint32_t>{1, 0, 2}));
}

TEST(ScanTest, InvalidOptionsAreRejectedNamingTheOption) {
  const std::vector<Document> docs = {Doc("a", "some words here")};
  struct Case {
    ScanOptions options;
    std::string mentions;
  };
  std::vector<Case> cases;
  cases.push_back({ScanOptions{}, "--threshold"});
  cases.back().options.threshold = 0;
  cases.push_back({ScanOptions{}, "--threshold"});
  cases.back().options.threshold = 1.5;
  cases.push_back({ScanOptions{}, "--shingle"});
  cases.back().options.shingle.size = 0;
  cases.push_back({ScanOptions{}, "--num-perm"});
  cases.back().options.minhash.num_perm = 0;
  cases.push_back({ScanOptions{}, "--threads"});
  cases.back().options.threads = -1;
  cases.push_back({ScanOptions{}, "bands x rows"});
  cases.back().options.lsh = LshParams{100, 2};
  for (const Case& c : cases) {
    absl::StatusOr<ScanResult> result = Scan(docs, c.options);
    ASSERT_FALSE(result.ok()) << c.mentions;
    EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_NE(result.status().message().find(c.mentions), absl::string_view::npos)
        << result.status().message();
  }
}

TEST(ScanTest, ProgressReachesTheTotalOfEachStage) {
  const std::vector<Document> docs = Synthetic(300, 3);
  ScanOptions options;
  std::mutex mutex;
  size_t last_shingling = 0, total_shingling = 0;
  options.progress = [&](std::string_view stage, size_t done, size_t total) {
    std::lock_guard<std::mutex> lock(mutex);
    if (stage == "shingling") {
      last_shingling = std::max(last_shingling, done);
      total_shingling = total;
    }
  };
  ASSERT_TRUE(Scan(docs, options).ok());
  EXPECT_EQ(total_shingling, docs.size());
  EXPECT_EQ(last_shingling, docs.size());
}

}  // namespace
}  // namespace reprint

namespace reprint {
namespace {

// Article i of a set: unrelated sentences of random words, deterministic.
std::string RandomProse(uint64_t seed, int words) {
  static const char* kSyllables[] = {"ka", "lo", "mi", "ne", "su", "ta", "ri", "po", "de", "va"};
  Random random(seed);
  std::string text;
  for (int w = 0; w < words; ++w) {
    if (w > 0) text += (w % 12 == 0) ? ". " : " ";
    for (int s = 0; s < 3; ++s) text += kSyllables[random.Uniform(10)];
  }
  return text + ".";
}

TEST(ScanTest, BoilerplateIsReportedApartAndLeftOutOfContainment) {
  const std::string notice =
      "Comments are moderated and generally will be posted if they are on-topic and not "
      "abusive. For more information, please see our Comments FAQ and community guidelines.";
  const std::string shared =
      "The harbour authority confirmed on Tuesday that the northern breakwater will close for "
      "six weeks of repairs after winter storms opened a gap in its outer wall, and that fishing "
      "boats will be moved to the southern basin while divers survey the damage.";
  std::vector<Document> docs;
  for (int i = 0; i < 60; ++i) {
    std::string text = RandomProse(100 + i, 120);
    if (i == 0 || i == 1) text += "\n\n" + shared;
    text += "\n\n" + RandomProse(500 + i, 40) + "\n\n" + notice;
    docs.push_back(Doc("article-" + std::to_string(i), text));
  }
  ScanOptions options;
  options.passages.enabled = true;
  absl::StatusOr<ScanResult> result = Scan(docs, options);
  ASSERT_TRUE(result.ok()) << result.status();
  ASSERT_EQ(result->pairs.size(), 1u) << "the notice alone pairs nothing";
  const DocumentPair& pair = result->pairs[0];
  ASSERT_EQ(pair.passages.size(), 2u);
  EXPECT_EQ(pair.passages[0].kind, Passage::Kind::kVerbatim);
  EXPECT_EQ(pair.passages[1].kind, Passage::Kind::kBoilerplate);
  const std::string_view a = docs[pair.a].text;
  EXPECT_EQ(a.substr(pair.passages[1].a.byte_begin,
                     pair.passages[1].a.byte_end - pair.passages[1].a.byte_begin),
            notice.substr(0, notice.size() - 1));
  // Containment counts the shared paragraph only (ASCII: chars are bytes).
  const double paragraph = static_cast<double>(shared.size() - 1);
  EXPECT_NEAR(pair.containment_a_in_b, paragraph / static_cast<double>(a.size()), 1e-9);
}

TEST(ScanTest, LightlyEditedCopyKeepsItsBoilerplateApartToo) {
  // A near-duplicate whose two sides end with the archive's comment notice:
  // the copied article is one rewritten passage, the notice another.
  const std::string notice =
      "Comments are moderated and generally will be posted if they are on-topic and not "
      "abusive. For more information, please see our Comments FAQ and community guidelines.";
  std::vector<Document> docs;
  const std::string story = RandomProse(7, 150);
  for (int i = 0; i < 60; ++i) {
    std::string text = i == 0 ? story : RandomProse(100 + i, 150);
    if (i == 1) {
      text = story;
      text.replace(text.find(' ', 200) + 1, 3, "XQZ");  // one word changed
    }
    docs.push_back(Doc("article-" + std::to_string(i), text + "\n\n" + notice));
  }
  ScanOptions options;
  options.passages.enabled = true;
  absl::StatusOr<ScanResult> result = Scan(docs, options);
  ASSERT_TRUE(result.ok()) << result.status();
  ASSERT_EQ(result->pairs.size(), 1u);
  const DocumentPair& pair = result->pairs[0];
  EXPECT_TRUE(pair.near_duplicate);
  ASSERT_EQ(pair.passages.size(), 2u);
  EXPECT_EQ(pair.passages[0].kind, Passage::Kind::kRewritten);
  EXPECT_EQ(pair.passages[1].kind, Passage::Kind::kBoilerplate);
  // The story is contained whole; the notice does not count.
  const std::string_view a = docs[pair.a].text;
  EXPECT_NEAR(pair.containment_a_in_b, static_cast<double>(story.size() - 1) / static_cast<double>(a.size()), 0.01);
}

// `count` otherwise unrelated articles ending with one 60-word paragraph,
// from one outlet or from as many outlets as articles.
std::vector<Document> SharingOneParagraph(int count, bool one_outlet) {
  const std::string paragraph = RandomProse(4242, 60);
  std::vector<Document> docs;
  for (int i = 0; i < count; ++i) {
    Document doc = Doc("article-" + std::to_string(i), RandomProse(100 + i, 150) + "\n\n" + paragraph);
    doc.source = one_outlet ? "Daily" : "Outlet " + std::to_string(i);
    docs.push_back(std::move(doc));
  }
  return docs;
}

TEST(ScanTest, AnOutletsFooterIsBoilerplateAtAnyArchiveSize) {
  // 30 and 80 articles of one outlet that share a 60-word footer and
  // nothing else pair nothing: below 50 articles the document frequency
  // alone would not say so, the outlet's own recurrence does.
  for (const int count : {6, 30, 80}) {
    const std::vector<Document> docs = SharingOneParagraph(count, /*one_outlet=*/true);
    absl::StatusOr<ScanResult> result = Scan(docs, ScanOptions{});
    ASSERT_TRUE(result.ok()) << result.status();
    EXPECT_TRUE(result->pairs.empty()) << count << " articles: " << result->pairs.size() << " pairs";
  }
}

TEST(ScanTest, AWireParagraphRepublishedByThirtyOutletsIsStillReuse) {
  // The same paragraph, once in each of 30 outlets: syndication, every
  // pair sharing it verbatim.
  const std::vector<Document> docs = SharingOneParagraph(30, /*one_outlet=*/false);
  absl::StatusOr<ScanResult> result = Scan(docs, ScanOptions{});
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->pairs.size(), 30u * 29u / 2u);
  for (const DocumentPair& pair : result->pairs) {
    ASSERT_EQ(pair.passages.size(), 1u);
    EXPECT_EQ(pair.passages[0].kind, Passage::Kind::kVerbatim);
  }
  // Articles without an outlet are judged by document frequency alone.
  std::vector<Document> unknown = SharingOneParagraph(30, /*one_outlet=*/true);
  for (Document& doc : unknown) doc.source.clear();
  result = Scan(unknown, ScanOptions{});
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->pairs.size(), 30u * 29u / 2u);
}

TEST(ScanTest, QuotingTheSameStatementAlonePairsNothingButCopyingDoes) {
  const std::string statement =
      "We will not accept any agreement that leaves our fishermen worse off than they are today, "
      "and our coastal towns depend on these waters for their living";
  const std::string paragraph =
      "The harbour authority confirmed on Tuesday that the northern breakwater will close for "
      "six weeks of repairs after winter storms opened a gap in its outer wall.";
  std::vector<Document> docs;
  // 0 and 1 quote the statement; 2 quotes it and copies 0's paragraph too.
  docs.push_back(Doc("quoting-a", RandomProse(1, 150) + "\n\n\"" + statement + ",\" the minister said. " +
                                      paragraph + "\n\n" + RandomProse(2, 60)));
  docs.push_back(Doc("quoting-b", RandomProse(3, 150) + "\n\n“" + statement + ",” she told reporters.\n\n" +
                                      RandomProse(4, 60)));
  docs.push_back(Doc("copying", RandomProse(5, 150) + "\n\n“" + statement + ",” the minister said. " +
                                    paragraph + "\n\n" + RandomProse(6, 60)));
  ScanOptions options;
  options.passages.enabled = true;
  absl::StatusOr<ScanResult> result = Scan(docs, options);
  ASSERT_TRUE(result.ok()) << result.status();
  std::vector<std::pair<std::string, std::string>> pairs;
  for (const DocumentPair& pair : result->pairs) pairs.emplace_back(docs[pair.a].id.value, docs[pair.b].id.value);
  EXPECT_EQ(pairs, (std::vector<std::pair<std::string, std::string>>{{"quoting-a", "copying"}}));
  ASSERT_EQ(result->pairs.size(), 1u);
  EXPECT_TRUE(result->pairs[0].shares_reused_text);
}

}  // namespace
}  // namespace reprint
