#include "reprint/generate.h"

#include "core/encoding.h"

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "core/shingle.h"
#include "core/tokenize.h"
#include "gtest/gtest.h"
#include "reprint/reader.h"

namespace reprint {
namespace {

struct Generated {
  std::vector<Document> docs;
  std::vector<TruthRecord> truth;
  std::string articles_jsonl;
  std::string truth_jsonl;
};

Generated Generate(const SyntheticOptions& options) {
  Generated out;
  EXPECT_TRUE(GenerateSynthetic(options, [&](const Document& doc, const TruthRecord& truth) {
                out.docs.push_back(doc);
                out.truth.push_back(truth);
                out.articles_jsonl += ArticleJsonLine(doc) + "\n";
                out.truth_jsonl += TruthJsonLine(truth) + "\n";
              }).ok());
  return out;
}

double JaccardOf(std::string_view a, std::string_view b) {
  const Tokenizer tokenizer{NormalizeOptions{}};
  TokenizedText tokens;
  std::vector<uint64_t> set_a, set_b;
  tokenizer.Tokenize(a, &tokens);
  HashShingles(tokens, ShingleOptions{}, &set_a);
  MakeShingleSet(&set_a);
  tokenizer.Tokenize(b, &tokens);
  HashShingles(tokens, ShingleOptions{}, &set_b);
  MakeShingleSet(&set_b);
  return Jaccard(set_a, set_b);
}

SyntheticOptions Small(uint64_t seed) {
  SyntheticOptions options;
  options.articles = 400;
  options.words = 300;
  options.seed = seed;
  return options;
}

TEST(GenerateTest, SameSeedGivesByteIdenticalArchiveAndTruth) {
  const Generated a = Generate(Small(9));
  const Generated b = Generate(Small(9));
  EXPECT_EQ(a.articles_jsonl, b.articles_jsonl);
  EXPECT_EQ(a.truth_jsonl, b.truth_jsonl);
  EXPECT_NE(a.articles_jsonl, Generate(Small(10)).articles_jsonl);
}

TEST(GenerateTest, ArchiveReadsBackCleanlyThroughTheJsonlReader) {
  const Generated generated = Generate(Small(2));
  Corpus corpus;
  ReadJsonl("synthetic.jsonl", generated.articles_jsonl, ReadOptions{}, &corpus);
  EXPECT_TRUE(corpus.diagnostics.empty());
  ASSERT_EQ(corpus.documents.size(), generated.docs.size());
  for (size_t i = 0; i < corpus.documents.size(); ++i) {
    EXPECT_EQ(corpus.documents[i].id, generated.docs[i].id);
    EXPECT_EQ(corpus.documents[i].text, generated.docs[i].text);
    EXPECT_EQ(corpus.documents[i].published, generated.docs[i].published);
  }
}

TEST(GenerateTest, TruthIsConsistentWithTheTexts) {
  const Generated generated = Generate(Small(4));
  absl::flat_hash_map<std::string, size_t> index;
  size_t copies = 0;
  for (size_t i = 0; i < generated.docs.size(); ++i) {
    const TruthRecord& truth = generated.truth[i];
    const Document& doc = generated.docs[i];
    EXPECT_EQ(truth.id, doc.id);
    index[doc.id.value] = i;
    if (!truth.parent) {
      EXPECT_EQ(truth.kind, "original");
      EXPECT_EQ(truth.origin, doc.id);
      EXPECT_FALSE(truth.parent_jaccard.has_value());
      continue;
    }
    ++copies;
    // The parent came earlier, in the same family, and the copy resembles it.
    const auto parent = index.find(truth.parent->value);
    ASSERT_NE(parent, index.end()) << doc.id.value << " names a later or unknown parent";
    EXPECT_EQ(generated.truth[parent->second].family, truth.family);
    EXPECT_LT(*generated.docs[parent->second].published, *doc.published);
    ASSERT_FALSE(truth.operations.empty());
    EXPECT_EQ(truth.operations[0].rfind("edit:", 0), 0u);
    const double jaccard = JaccardOf(doc.text, generated.docs[parent->second].text);
    EXPECT_GT(jaccard, 0.3) << doc.id.value;
    // The truth carries that Jaccard (to 4 decimals in JSON), the family's
    // original and the kind of copy.
    ASSERT_TRUE(truth.parent_jaccard.has_value());
    EXPECT_DOUBLE_EQ(*truth.parent_jaccard, jaccard);
    EXPECT_EQ(truth.origin, generated.truth[parent->second].origin);
    const bool truncated = std::any_of(truth.operations.begin(), truth.operations.end(),
                                       [](const std::string& op) { return op.rfind("truncate", 0) == 0; });
    if (truncated) {
      EXPECT_EQ(truth.kind, "truncated");
    } else {
      EXPECT_TRUE(truth.kind == "edited" || truth.kind == "reordered") << truth.kind;
    }
  }
  // About copy_rate of the articles are copies.
  EXPECT_NEAR(static_cast<double>(copies) / static_cast<double>(generated.docs.size()), 0.2, 0.06);
}

TEST(GenerateTest, UnrelatedArticlesShareAlmostNoShingles) {
  const Generated generated = Generate(Small(6));
  int checked = 0;
  for (size_t i = 0; i + 1 < generated.docs.size() && checked < 50; ++i) {
    if (generated.truth[i].family == generated.truth[i + 1].family) continue;
    EXPECT_LT(JaccardOf(generated.docs[i].text, generated.docs[i + 1].text), 0.02);
    ++checked;
  }
  EXPECT_EQ(checked, 50);
}

TEST(GenerateTest, RejectsOptionsOutOfRange) {
  SyntheticOptions options;
  options.copy_rate = 1.5;
  EXPECT_FALSE(GenerateSynthetic(options, [](const Document&, const TruthRecord&) {}).ok());
  options = SyntheticOptions{};
  options.min_edit_rate = 0.2;
  options.max_edit_rate = 0.1;
  EXPECT_FALSE(GenerateSynthetic(options, [](const Document&, const TruthRecord&) {}).ok());
}

TEST(GenerateTest, DemoRecipeNeedsFiveSeedsAndDerivesFromThem) {
  EXPECT_FALSE(DeriveDemoArticles({}, 7).ok());
  std::vector<Document> seeds(5);
  const std::string story =
      "Pakistan has publicly written off the Afghan Taliban, officials said on Monday.\n"
      "The latest round of high-stakes talks ended in stalemate.\n"
      "After several days of negotiations the outcome remains elusive.\n";
  for (int i = 0; i < 5; ++i) {
    seeds[i].id = DocId{"seed" + std::to_string(i), false};
    seeds[i].text = story + "Paragraph " + std::to_string(i) + " adds its own closing words here.";
  }
  auto derived = DeriveDemoArticles(seeds, 7);
  ASSERT_TRUE(derived.ok()) << derived.status();
  ASSERT_EQ(derived->size(), 5u);
  for (const auto& [doc, truth] : *derived) {
    ASSERT_TRUE(truth.parent.has_value());
    EXPECT_TRUE(doc.published.has_value());
    EXPECT_FALSE(doc.source.empty());
    EXPECT_GT(JaccardOf(doc.text, story), 0.1) << doc.id.value;  // taken from the seeds
  }
  auto again = DeriveDemoArticles(seeds, 7);
  ASSERT_TRUE(again.ok());
  for (size_t i = 0; i < derived->size(); ++i) {
    EXPECT_EQ((*derived)[i].first.text, (*again)[i].first.text);
  }
}

}  // namespace
}  // namespace reprint

namespace reprint {
namespace {

std::string FoldSpaces(std::string_view text) {
  std::string out;
  for (const char c : text) {
    const bool space = c == ' ' || c == '\n';
    if (space && !out.empty() && out.back() == ' ') continue;
    out.push_back(space ? ' ' : c);
  }
  return out;
}

TEST(GenerateTest, EmbeddedPassagesAreCopiedTextAtTheTruthOffsets) {
  SyntheticOptions options = Small(12);
  options.embed_rate = 0.3;
  const Generated generated = Generate(options);
  absl::flat_hash_map<std::string, size_t> index;
  int embedded = 0;
  for (size_t i = 0; i < generated.docs.size(); ++i) {
    index[generated.docs[i].id.value] = i;
    for (const TruthPassage& passage : generated.truth[i].passages) {
      ++embedded;
      EXPECT_FALSE(generated.truth[i].parent.has_value()) << "embeds go into originals";
      const auto source = index.find(passage.source.value);
      ASSERT_NE(source, index.end()) << "the source was published earlier";
      const std::string_view text = generated.docs[i].text;
      const std::string_view source_text = generated.docs[source->second].text;
      ASSERT_LE(passage.end, text.size());
      ASSERT_LE(passage.source_end, source_text.size());
      // The same words; paragraph breaks may fall elsewhere in the new article.
      const std::string taken =
          FoldSpaces(text.substr(passage.begin, passage.end - passage.begin));
      EXPECT_EQ(taken, FoldSpaces(source_text.substr(passage.source_begin,
                                                     passage.source_end - passage.source_begin)));
      // 40 to 80 words, starting and ending on a word.
      const size_t words = static_cast<size_t>(std::count(taken.begin(), taken.end(), ' ')) + 1;
      EXPECT_GE(words, 40u);
      EXPECT_LE(words, 80u);
      EXPECT_TRUE(std::isalpha(static_cast<unsigned char>(taken.front())));
      EXPECT_TRUE(std::isalpha(static_cast<unsigned char>(taken.back())));
    }
  }
  EXPECT_GT(embedded, 30);
}

TEST(GenerateTest, PastedAndDroppedTextIsOutsideTheCopysTruthContainment) {
  SyntheticOptions options = Small(5);
  options.copy_rate = 0.5;
  options.paste_rate = 0.5;
  options.drop_rate = 0.5;
  const Generated generated = Generate(options);
  absl::flat_hash_map<std::string, size_t> index;
  int pasted = 0, dropped = 0, plain = 0;
  for (size_t i = 0; i < generated.docs.size(); ++i) {
    index[generated.docs[i].id.value] = i;
    const TruthRecord& truth = generated.truth[i];
    if (!truth.parent) {
      EXPECT_FALSE(truth.containment_in_parent.has_value());
      continue;
    }
    ASSERT_TRUE(truth.containment_in_parent && truth.parent_containment_in_copy);
    const std::string_view text = generated.docs[i].text;
    const double chars = static_cast<double>(CountCodePoints(text));
    const auto has = [&](std::string_view op) {
      return std::any_of(truth.operations.begin(), truth.operations.end(),
                         [&](const std::string& o) { return o.rfind(op, 0) == 0; });
    };
    if (has("embed:")) {
      ++pasted;
      ASSERT_EQ(truth.passages.size(), 1u);
      const TruthPassage& paste = truth.passages[0];
      const DocId& source = paste.source;
      const size_t source_index = index.at(source.value);
      EXPECT_NE(generated.truth[source_index].family, truth.family) << "pasted from another story";
      // The pasted characters are outside what the copy took from its parent.
      EXPECT_LE(*truth.containment_in_parent, 1.0 - (paste.end - paste.begin) / chars + 1e-9);
    }
    if (has("drop:")) {
      ++dropped;
      EXPECT_LT(*truth.parent_containment_in_copy, 0.98);
    }
    if (!has("embed:") && !has("drop:") && !has("truncate") && !has("dateline") && !has("footer")) {
      ++plain;
      EXPECT_GT(*truth.containment_in_parent, 0.97) << "a copy with only word edits is all its parent's";
    }
    EXPECT_GT(*truth.containment_in_parent, 0.0);
    EXPECT_LE(*truth.containment_in_parent, 1.0);
  }
  EXPECT_GT(pasted, 20);
  EXPECT_GT(dropped, 20);
  EXPECT_GT(plain, 2);
  // Without the new rates the archive is the one it always was.
  SyntheticOptions before = Small(5);
  before.copy_rate = 0.5;
  const Generated unchanged = Generate(before);
  options.paste_rate = options.drop_rate = 0;
  EXPECT_EQ(Generate(options).articles_jsonl, unchanged.articles_jsonl);
}

TEST(GenerateTest, NewsModelIsDeterministicAndHasItsFeatures) {
  SyntheticOptions options = Small(3);
  options.articles = 600;
  options.news = true;
  const Generated generated = Generate(options);
  EXPECT_EQ(generated.articles_jsonl, Generate(options).articles_jsonl);
  EXPECT_EQ(generated.truth_jsonl, Generate(options).truth_jsonl);

  absl::flat_hash_map<std::string, size_t> index;
  absl::flat_hash_map<std::string, int> lines;  // paragraph -> articles holding it
  int wires = 0, curly = 0, straight = 0, digits = 0, spelled = 0, shared_quotes = 0, late_copies = 0;
  for (size_t i = 0; i < generated.docs.size(); ++i) {
    const Document& doc = generated.docs[i];
    index[doc.id.value] = i;
    wires += doc.source == "Global Wire" || doc.source == "United Press Service" ||
             doc.source == "Continental News Agency" || doc.source == "Pacific Press Agency" ||
             doc.source == "Metro Wire Service";
    curly += doc.text.find("\xE2\x80\x9C") != std::string::npos;
    straight += doc.text.find('"') != std::string::npos;
    digits += std::any_of(doc.text.begin(), doc.text.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
    spelled += doc.text.find("-one ") != std::string::npos || doc.text.find(" twelve") != std::string::npos ||
               doc.text.find("ty-") != std::string::npos;
    for (const std::string& op : generated.truth[i].operations) shared_quotes += op == "shared-quote";
    size_t begin = 0;
    while (begin < doc.text.size()) {
      size_t end = doc.text.find("\n\n", begin);
      if (end == std::string::npos) end = doc.text.size();
      ++lines[std::string(doc.text.substr(begin, end - begin))];
      begin = end + 2;
    }
    if (const auto& parent = generated.truth[i].parent) {
      const Document& source = generated.docs[index.at(parent->value)];
      EXPECT_GT(*doc.published, *source.published) << doc.id.value << " is not published after its source";
      late_copies += *doc.published - *source.published > 6 * 3600;
    }
  }
  EXPECT_GT(wires, 60);  // about 30% of originals
  EXPECT_GT(curly, 20);
  EXPECT_GT(straight, 20);
  EXPECT_GT(digits, 100);
  EXPECT_GT(spelled, 10);
  EXPECT_GT(shared_quotes, 50);
  EXPECT_GT(late_copies, 20) << "syndication spreads over hours and days";
  // Each outlet's standing line recurs in many of its articles.
  int boilerplate = 0;
  for (const auto& [line, count] : lines) {
    if (count >= 3 && (line.rfind("Follow ", 0) == 0 || line.rfind("Subscribe to ", 0) == 0 ||
                       line.rfind("Share this story.", 0) == 0 || line.rfind("Sign up for ", 0) == 0)) {
      ++boilerplate;
    }
  }
  EXPECT_GT(boilerplate, 5);
}

}  // namespace
}  // namespace reprint
