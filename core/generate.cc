#include "reprint/generate.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <optional>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "core/encoding.h"
#include "core/json.h"
#include "core/random.h"
#include "core/shingle.h"
#include "core/tokenize.h"
#include "fmt/format.h"

namespace reprint {
namespace {

constexpr int64_t kEpoch2025 = 1735689600;  // 2025-01-01T00:00:00Z

constexpr const char* kOutletFirst[] = {"Daily", "Evening", "Morning", "National", "Metro",
                                        "Coastal", "Northern", "Valley", "Capital", "Frontier"};
constexpr const char* kOutletSecond[] = {"Herald", "Times", "Post", "Ledger", "Gazette",
                                         "Chronicle", "Tribune", "Courier", "Observer", "Star"};
constexpr const char* kCities[] = {"LONDON", "NAIROBI", "JAKARTA", "LIMA", "OSLO",
                                   "MANILA", "ACCRA", "QUITO", "HANOI", "DUBLIN"};

std::string OutletName(uint64_t index) {
  return absl::StrCat("The ", kOutletFirst[index % 10], " ", kOutletSecond[(index / 10) % 10]);
}

// Pronounceable, distinct words of one to five syllables (mostly three).
std::vector<std::string> MakeVocabulary(int size, Random& random) {
  static constexpr std::string_view kConsonants = "bcdfghjklmnprstvwz";
  static constexpr std::string_view kVowels = "aeiou";
  std::vector<std::string> words;
  absl::flat_hash_set<std::string> seen;
  while (static_cast<int>(words.size()) < size) {
    std::string word;
    const int syllables = 1 + static_cast<int>(random.Uniform(3) + random.Uniform(3));
    for (int i = 0; i < syllables; ++i) {
      word.push_back(kConsonants[random.Uniform(kConsonants.size())]);
      word.push_back(kVowels[random.Uniform(kVowels.size())]);
    }
    if (random.Bernoulli(0.4)) word.push_back(kConsonants[random.Uniform(kConsonants.size())]);
    if (seen.insert(word).second) words.push_back(std::move(word));
  }
  // Function words are short: the shortest words take the top ranks, which
  // carry about a third of all occurrences under Zipf's law.
  constexpr size_t kFunctionWords = 64;
  std::partial_sort(words.begin(), words.begin() + std::min(kFunctionWords, words.size()),
                    words.end(), [](const std::string& a, const std::string& b) {
                      return a.size() != b.size() ? a.size() < b.size() : a < b;
                    });
  return words;
}

class ZipfSampler {
 public:
  ZipfSampler(int size, double exponent) : cdf_(size) {
    double sum = 0;
    for (int rank = 0; rank < size; ++rank) {
      sum += 1.0 / std::pow(rank + 1, exponent);
      cdf_[rank] = sum;
    }
    for (double& value : cdf_) value /= sum;
  }
  uint32_t Sample(Random& random) const {
    const auto it = std::upper_bound(cdf_.begin(), cdf_.end(), random.UniformDouble());
    return static_cast<uint32_t>(std::min<size_t>(it - cdf_.begin(), cdf_.size() - 1));
  }

 private:
  std::vector<double> cdf_;
};

// A synthetic article before rendering: sentences of word ranks.
struct SyntheticArticle {
  Document doc;
  TruthRecord truth;
  std::string dateline;
  std::vector<std::vector<uint32_t>> sentences;
  std::vector<uint8_t> quoted;  // per sentence, with the news model: a quotation
  std::string footer;
  std::string boilerplate;      // the outlet's standing line, if any
  int topic = 0;
  bool numbers_as_words = false;
  bool curly_quotes = false;
  std::vector<uint64_t> shingles;  // the rendered text's shingle set, for truth Jaccard
  // Per sentence, the bytes from its first word to its last, once rendered.
  std::vector<std::pair<uint32_t, uint32_t>> sentence_spans;
  // The same in characters (curly quotes are one character, three bytes),
  // and the rendered text's length in characters.
  std::vector<std::pair<uint32_t, uint32_t>> sentence_chars;
  uint32_t chars = 0;
  // For a copy, per sentence: the index of the parent's sentence it came
  // from, or -1 for one pasted in from elsewhere.
  std::vector<int32_t> from_parent;
};

// Fills article->sentence_chars and ->chars from the rendered text.
void CountCharacters(std::string_view text, SyntheticArticle* article) {
  article->sentence_chars.clear();
  size_t byte = 0, chars = 0;
  auto advance_to = [&](size_t target) {
    chars += CountCodePoints(text.substr(byte, target - byte));
    byte = target;
    return static_cast<uint32_t>(chars);
  };
  for (const auto& [begin, end] : article->sentence_spans) {
    const uint32_t char_begin = advance_to(begin);
    article->sentence_chars.emplace_back(char_begin, advance_to(end));
  }
  article->chars = advance_to(text.size());
}

// The share of `article`'s characters covered by the runs of its sentences
// that `keep` selects (consecutive kept sentences form one run, from the
// first one's first word to the last one's last word).
template <typename Keep>
double CoveredByRuns(const SyntheticArticle& article, Keep keep) {
  if (article.chars == 0) return 0;
  uint64_t covered = 0;
  const size_t n = article.sentence_chars.size();
  for (size_t first = 0; first < n;) {
    if (!keep(first)) {
      ++first;
      continue;
    }
    size_t last = first;
    while (last + 1 < n && keep(last + 1)) ++last;
    covered += article.sentence_chars[last].second - article.sentence_chars[first].first;
    first = last + 1;
  }
  return static_cast<double>(covered) / article.chars;
}

// Word tokens at or above kNumberBase are numbers: kNumberBase + n renders
// as n, or spelled out when the article writes numbers as words.
constexpr uint32_t kNumberBase = 0x40000000;

std::string NumberText(uint32_t n, bool as_words) {
  static constexpr const char* kOnes[] = {"zero", "one", "two", "three", "four", "five", "six", "seven",
                                          "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen",
                                          "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
  static constexpr const char* kTens[] = {"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy",
                                          "eighty", "ninety"};
  if (!as_words || n >= 100) return std::to_string(n);
  if (n < 20) return kOnes[n];
  return n % 10 == 0 ? kTens[n / 10] : absl::StrCat(kTens[n / 10], "-", kOnes[n % 10]);
}

constexpr const char* kWires[] = {"Global Wire", "United Press Service", "Continental News Agency",
                                  "Pacific Press Agency", "Metro Wire Service"};
constexpr const char* kBoilerplate[] = {
    "Follow {} for the latest news and analysis.",
    "Subscribe to {} to read more stories like this one.",
    "Share this story. Comments are moderated by {} and may take a while to appear.",
    "Sign up for the {} newsletter to get the day's top stories in your inbox."};

// What the news model draws from: per topic, a Zipf over its own slice of
// the vocabulary and a few statements that its articles quote alike.
struct NewsModel {
  static constexpr int kTopicWords = 150;
  static constexpr double kTopicShare = 0.2;   // share of an article's words from its topic
  static constexpr int kQuotesPerTopic = 8;

  NewsModel(const SyntheticOptions& options, const ZipfSampler& zipf, Random& random)
      : topics(std::max(1, options.topics)), vocabulary(options.vocabulary), topic_zipf(kTopicWords, 1.0),
        length_zipf(kLengths, 0.9) {
    for (int t = 0; t < topics; ++t) {
      std::vector<std::vector<uint32_t>>& pool = quotes.emplace_back();
      for (int q = 0; q < kQuotesPerTopic; ++q) pool.push_back(Sentence(t, zipf, random));
    }
  }

  uint32_t TopicWord(int topic, Random& random) const {
    // Topic slices start past the most frequent words, as topical words do.
    const uint32_t base = 2000 + static_cast<uint32_t>(topic) * kTopicWords;
    return (base + topic_zipf.Sample(random)) % static_cast<uint32_t>(vocabulary);
  }

  // Sentence lengths follow a Zipf-like law too: P(6 + k words) ~ (k + 1)^-0.9
  // for k < kLengths, so most sentences are short and a few run long.
  std::vector<uint32_t> Sentence(int topic, const ZipfSampler& zipf, Random& random) const {
    const int length = 6 + static_cast<int>(length_zipf.Sample(random));
    std::vector<uint32_t> sentence(length);
    for (uint32_t& word : sentence) word = random.Bernoulli(kTopicShare) ? TopicWord(topic, random) : zipf.Sample(random);
    if (random.Bernoulli(0.15)) {
      const uint32_t n = random.Bernoulli(0.7) ? 1 + static_cast<uint32_t>(random.Uniform(99))
                                               : 100 + static_cast<uint32_t>(random.Uniform(9900));
      sentence[random.Uniform(sentence.size())] = kNumberBase + n;
    }
    return sentence;
  }

  static constexpr int kLengths = 45;  // 6 to 50 words

  int topics;
  int vocabulary;
  ZipfSampler topic_zipf;
  ZipfSampler length_zipf;
  std::vector<std::vector<std::vector<uint32_t>>> quotes;  // per topic
};

std::vector<uint32_t> MakeSentence(const ZipfSampler& zipf, Random& random) {
  // Lengths 6..33, skewed short like news sentences (mean about 19).
  const int length = 6 + static_cast<int>(random.Uniform(14) + random.Uniform(15));
  std::vector<uint32_t> sentence(length);
  for (uint32_t& word : sentence) word = zipf.Sample(random);
  return sentence;
}

std::string Render(const std::vector<std::string>& vocabulary, SyntheticArticle* rendered) {
  const SyntheticArticle& article = *rendered;
  rendered->sentence_spans.clear();
  std::string text = article.dateline;
  for (size_t i = 0; i < article.sentences.size(); ++i) {
    if (i > 0) text.append(i % 4 == 0 ? "\n\n" : " ");
    const bool quoted = i < article.quoted.size() && article.quoted[i];
    if (quoted) text.append(article.curly_quotes ? "\xE2\x80\x9C" : "\"");
    rendered->sentence_spans.emplace_back(static_cast<uint32_t>(text.size()), 0);
    const auto& sentence = article.sentences[i];
    for (size_t w = 0; w < sentence.size(); ++w) {
      std::string word = sentence[w] >= kNumberBase
                             ? NumberText(sentence[w] - kNumberBase, article.numbers_as_words)
                             : vocabulary[sentence[w]];
      if (w == 0 && word[0] >= 'a' && word[0] <= 'z') word[0] = static_cast<char>(word[0] - 'a' + 'A');
      text.append(word);
      if (w + 1 < sentence.size()) text.append(w % 7 == 6 ? ", " : " ");
    }
    if (quoted) {
      text.append(article.curly_quotes ? ",\xE2\x80\x9D an official said" : ",\" an official said");
    }
    rendered->sentence_spans.back().second = static_cast<uint32_t>(text.size());
    text.push_back('.');
  }
  if (!article.footer.empty()) absl::StrAppend(&text, "\n\n", article.footer);
  if (!article.boilerplate.empty()) absl::StrAppend(&text, "\n\n", article.boilerplate);
  return text;
}

std::string MakeTitle(const ZipfSampler& zipf, const std::vector<std::string>& vocabulary,
                      Random& random) {
  std::vector<std::string> words;
  const int length = 5 + static_cast<int>(random.Uniform(6));
  for (int i = 0; i < length; ++i) {
    std::string word = vocabulary[zipf.Sample(random)];
    word[0] = static_cast<char>(word[0] - 'a' + 'A');
    words.push_back(std::move(word));
  }
  return absl::StrJoin(words, " ");
}

// Substitutes, inserts or deletes about rate * words words, uniformly placed.
int EditWords(double rate, const ZipfSampler& zipf, Random& random,
              std::vector<std::vector<uint32_t>>* sentences) {
  size_t total = 0;
  for (const auto& s : *sentences) total += s.size();
  const int edits = static_cast<int>(std::lround(rate * static_cast<double>(total)));
  for (int e = 0; e < edits; ++e) {
    auto& sentence = (*sentences)[random.Uniform(sentences->size())];
    const size_t pos = random.Uniform(sentence.size());
    switch (random.Uniform(3)) {
      case 0:
        sentence[pos] = zipf.Sample(random);
        break;
      case 1:
        sentence.insert(sentence.begin() + static_cast<std::ptrdiff_t>(pos), zipf.Sample(random));
        break;
      default:
        if (sentence.size() > 3) sentence.erase(sentence.begin() + static_cast<std::ptrdiff_t>(pos));
    }
  }
  return edits;
}

// Pastes a run of the source's sentences, 40 to 80 words, into the article
// at a random sentence boundary and records the passage; *embedded receives
// where it went, for offsets once the article is rendered.
void Embed(const SyntheticArticle& source, Random& random, SyntheticArticle* article,
           std::optional<std::pair<size_t, size_t>>* embedded) {
  const size_t first = random.Uniform(source.sentences.size());
  size_t count = 0, words = 0;
  while (first + count < source.sentences.size() && words < 40) {
    words += source.sentences[first + count].size();
    ++count;
  }
  if (words < 40 || words > 80) return;  // too short a source, or one long sentence
  const size_t at = random.Uniform(article->sentences.size() + 1);
  article->sentences.insert(
      article->sentences.begin() + static_cast<std::ptrdiff_t>(at),
      source.sentences.begin() + static_cast<std::ptrdiff_t>(first),
      source.sentences.begin() + static_cast<std::ptrdiff_t>(first + count));
  if (!article->from_parent.empty()) {
    article->from_parent.insert(article->from_parent.begin() + static_cast<std::ptrdiff_t>(at), count, -1);
  }
  if (!article->quoted.empty()) {
    std::vector<uint8_t> flags(count, 0);
    for (size_t k = 0; k < count && first + k < source.quoted.size(); ++k) flags[k] = source.quoted[first + k];
    article->quoted.insert(article->quoted.begin() + static_cast<std::ptrdiff_t>(at), flags.begin(), flags.end());
  }
  TruthPassage passage;
  passage.source = source.doc.id;
  passage.source_begin = source.sentence_chars[first].first;
  passage.source_end = source.sentence_chars[first + count - 1].second;
  article->truth.passages.push_back(passage);
  article->truth.operations.push_back(fmt::format("embed:{}words", words));
  *embedded = std::make_pair(at, count);
}

// Leaves out a paragraph of 2-4 consecutive sentences, neither the first
// nor the last, of a copy of at least six sentences.
void DropParagraph(Random& random, SyntheticArticle* article) {
  const size_t n = article->sentences.size();
  if (n < 6) return;
  const size_t count = 2 + random.Uniform(3);
  const size_t first = 1 + random.Uniform(n - count - 1);
  size_t words = 0;
  for (size_t k = first; k < first + count; ++k) words += article->sentences[k].size();
  auto erase = [&](auto& v) {
    if (v.size() == n) {
      v.erase(v.begin() + static_cast<std::ptrdiff_t>(first),
              v.begin() + static_cast<std::ptrdiff_t>(first + count));
    }
  };
  erase(article->sentences);
  erase(article->quoted);
  erase(article->from_parent);
  article->truth.operations.push_back(fmt::format("drop:{}words", words));
}

}  // namespace

absl::Span<const char* const> SyntheticWireServices() { return kWires; }

namespace {

// Validates what GenerateSynthetic() is given: InvalidArgument naming the option.
absl::Status CheckSyntheticOptions(const SyntheticOptions& options) {
  if (options.articles < 0) return absl::InvalidArgumentError("--articles must be >= 0");
  if (options.words < 10 || options.words > 1000000) {
    return absl::InvalidArgumentError("--words must be between 10 and 1,000,000");
  }
  if (!(options.copy_rate >= 0 && options.copy_rate <= 1)) {
    return absl::InvalidArgumentError("--copy-rate must be in [0, 1]");
  }
  if (!(0 <= options.min_edit_rate && options.min_edit_rate <= options.max_edit_rate &&
        options.max_edit_rate <= 1)) {
    return absl::InvalidArgumentError("edit rates must satisfy 0 <= min <= max <= 1");
  }
  if (options.vocabulary < 100) return absl::InvalidArgumentError("--vocabulary must be >= 100");
  if (!(options.embed_rate >= 0 && options.embed_rate <= 1)) {
    return absl::InvalidArgumentError("--embed-rate must be in [0, 1]");
  }
  if (!(options.paste_rate >= 0 && options.paste_rate <= 1)) {
    return absl::InvalidArgumentError("--paste-rate must be in [0, 1]");
  }
  if (!(options.drop_rate >= 0 && options.drop_rate <= 1)) {
    return absl::InvalidArgumentError("--drop-rate must be in [0, 1]");
  }
  return absl::OkStatus();
}

// Each outlet's own notice: one line per outlet, the same on any machine.
std::string BoilerplateOf(const std::string& outlet) {
  uint32_t hash = 2166136261u;  // FNV-1a
  for (const char c : outlet) hash = (hash ^ static_cast<uint8_t>(c)) * 16777619u;
  return fmt::format(fmt::runtime(kBoilerplate[hash % 4]), outlet);
}

// The archive GenerateSynthetic() writes, one article at a time. Every
// random draw happens in a fixed order, so a seed gives the same archive.
class SyntheticArchive {
 public:
  explicit SyntheticArchive(const SyntheticOptions& options)
      : options_(options),
        random_(options.seed),
        vocabulary_(MakeVocabulary(options.vocabulary, random_)),
        zipf_(options.vocabulary, options.zipf_exponent) {
    // Built, and drawn from, only with the news model: the plain archive's
    // draws stay exactly as they were.
    if (options.news) news_.emplace(options, zipf_, random_);
  }

  // The next article (number i, from 0) with its truth.
  const SyntheticArticle& Next(int64_t i) {
    SyntheticArticle article;
    const SyntheticArticle* parent = nullptr;  // for a copy
    article.doc.id = DocId{fmt::format("syn-{:07d}", i + 1), false};
    const int64_t published = kEpoch2025 + i * 300 + static_cast<int64_t>(random_.Uniform(300));
    article.doc.published = published;
    article.doc.published_text = FormatTimestamp(published);
    article.doc.source = OutletName(random_.Uniform(100));
    article.truth.id = article.doc.id;
    if (!recent_.empty() && random_.Bernoulli(options_.copy_rate)) {
      parent = &recent_[random_.Uniform(recent_.size())];
      MakeCopy(*parent, &article);
    } else if (news_) {
      MakeNewsOriginal(&article);
    } else {
      MakePlainOriginal(&article);
    }
    Finish(parent, &article);
    return article_ = std::move(article);
  }

  // Keeps the article just emitted among the recent ones copies draw from,
  // without its text.
  void Retire() {
    article_.doc.text = Text();
    recent_.push_back(std::move(article_));
    if (recent_.size() > kWindow) recent_.pop_front();
  }

 private:
  // Copies draw their parent from this window of recent articles; it bounds
  // memory and keeps copies close in time to their parent, as syndication is.
  static constexpr size_t kWindow = 2000;

  void MakeCopy(const SyntheticArticle& parent, SyntheticArticle* out) {
    SyntheticArticle& article = *out;
    article.truth.family = parent.truth.family;
    article.truth.parent = parent.doc.id;
    article.truth.origin = parent.truth.origin;
    article.sentences = parent.sentences;
    article.from_parent.resize(parent.sentences.size());
    for (size_t k = 0; k < article.from_parent.size(); ++k) article.from_parent[k] = static_cast<int32_t>(k);
    article.quoted = parent.quoted;
    article.topic = parent.topic;
    article.numbers_as_words = parent.numbers_as_words;
    article.curly_quotes = parent.curly_quotes;
    article.doc.title = random_.Bernoulli(0.5) ? parent.doc.title
                                               : MakeTitle(zipf_, vocabulary_, random_);
    auto& ops = article.truth.operations;
    const double rate = options_.min_edit_rate +
                        (options_.max_edit_rate - options_.min_edit_rate) * random_.UniformDouble();
    EditWords(rate, zipf_, random_, &article.sentences);
    ops.push_back(fmt::format("edit:{:.1f}%", rate * 100));
    if (random_.Bernoulli(options_.truncate_rate) && article.sentences.size() > 2) {
      const double keep = 0.7 + 0.25 * random_.UniformDouble();
      article.sentences.resize(std::max<size_t>(
          1, static_cast<size_t>(std::ceil(keep * static_cast<double>(article.sentences.size())))));
      if (!article.quoted.empty()) article.quoted.resize(article.sentences.size());
      article.from_parent.resize(article.sentences.size());
      ops.push_back(fmt::format("truncate:{:.0f}%", keep * 100));
    }
    if (random_.Bernoulli(options_.reorder_rate) && article.sentences.size() > 2) {
      const int swaps = 1 + static_cast<int>(random_.Uniform(3));
      for (int s = 0; s < swaps; ++s) {
        const size_t at = random_.Uniform(article.sentences.size() - 1);
        std::swap(article.sentences[at], article.sentences[at + 1]);
        if (!article.quoted.empty()) std::swap(article.quoted[at], article.quoted[at + 1]);
        std::swap(article.from_parent[at], article.from_parent[at + 1]);
      }
      ops.push_back(fmt::format("reorder:{}", swaps));
    }
    if (random_.Bernoulli(0.5)) {
      article.dateline = absl::StrCat(kCities[random_.Uniform(10)], " (", article.doc.source, ") - ");
      ops.push_back("dateline");
    }
    if (random_.Bernoulli(0.5)) {
      article.footer = absl::StrCat("Copyright 2025 ", article.doc.source, ". All rights reserved.");
      ops.push_back("footer");
    }
    if (news_) {
      // Republished hours to days after the story it took, in its own style.
      const double hours = std::min(120.0, -8.0 * std::log(1.0 - random_.UniformDouble()));
      article.doc.published = *parent.doc.published + 600 + static_cast<int64_t>(hours * 3600);
      article.doc.published_text = FormatTimestamp(*article.doc.published);
      if (random_.Bernoulli(0.3)) {
        article.numbers_as_words = !article.numbers_as_words;
        ops.push_back("numbers-restyled");
      }
      if (random_.Bernoulli(0.3)) {
        article.curly_quotes = !article.curly_quotes;
        ops.push_back("quotes-restyled");
      }
      if (random_.Bernoulli(0.7)) article.boilerplate = BoilerplateOf(article.doc.source);
    }
    // Drawn only when asked for, so archives without them stay as they were.
    if (options_.drop_rate > 0 && random_.Bernoulli(options_.drop_rate)) DropParagraph(random_, &article);
    if (options_.paste_rate > 0 && random_.Bernoulli(options_.paste_rate)) {
      // From another family: text of the parent's own family is no paste.
      for (int attempt = 0; attempt < 8; ++attempt) {
        const SyntheticArticle& source = recent_[random_.Uniform(recent_.size())];
        if (source.truth.family == article.truth.family) continue;
        Embed(source, random_, &article, &embedded_);
        break;
      }
    }
  }

  void MakeNewsOriginal(SyntheticArticle* out) {
    SyntheticArticle& article = *out;
    article.truth.family = next_family_++;
    article.topic = static_cast<int>(random_.Uniform(static_cast<uint64_t>(news_->topics)));
    if (random_.Bernoulli(0.3)) article.doc.source = kWires[random_.Uniform(5)];
    article.doc.title = MakeTitle(zipf_, vocabulary_, random_);
    const double target = options_.words * (0.6 + 0.8 * random_.UniformDouble());
    size_t words = 0;
    while (static_cast<double>(words) < target) {
      article.sentences.push_back(news_->Sentence(article.topic, zipf_, random_));
      article.quoted.push_back(random_.Bernoulli(0.08));
      words += article.sentences.back().size();
    }
    if (random_.Bernoulli(0.25)) {
      // A statement other articles on the topic quote too: quoting, not copying.
      const auto& pool = news_->quotes[static_cast<size_t>(article.topic)];
      const size_t at = random_.Uniform(article.sentences.size() + 1);
      article.sentences.insert(article.sentences.begin() + static_cast<std::ptrdiff_t>(at),
                               pool[random_.Uniform(pool.size())]);
      article.quoted.insert(article.quoted.begin() + static_cast<std::ptrdiff_t>(at), 1);
      article.truth.operations.push_back("shared-quote");
    }
    article.numbers_as_words = random_.Bernoulli(0.3);
    article.curly_quotes = random_.Bernoulli(0.5);
    if (random_.Bernoulli(0.7)) article.boilerplate = BoilerplateOf(article.doc.source);
    if (options_.embed_rate > 0 && !recent_.empty() && random_.Bernoulli(options_.embed_rate)) {
      Embed(recent_[random_.Uniform(recent_.size())], random_, &article, &embedded_);
    }
  }

  void MakePlainOriginal(SyntheticArticle* out) {
    SyntheticArticle& article = *out;
    article.truth.family = next_family_++;
    article.doc.title = MakeTitle(zipf_, vocabulary_, random_);
    // Body length varies +-40% around the mean, like news.
    const double target = options_.words * (0.6 + 0.8 * random_.UniformDouble());
    size_t words = 0;
    while (static_cast<double>(words) < target) {
      article.sentences.push_back(MakeSentence(zipf_, random_));
      words += article.sentences.back().size();
    }
    // Drawn only when asked for, so archives without embeds stay as they were.
    if (options_.embed_rate > 0 && !recent_.empty() && random_.Bernoulli(options_.embed_rate)) {
      Embed(recent_[random_.Uniform(recent_.size())], random_, &article, &embedded_);
    }
  }

  // Renders the text, and the truth that depends on it.
  void Finish(const SyntheticArticle* parent, SyntheticArticle* out) {
    SyntheticArticle& article = *out;
    article.doc.text = Render(vocabulary_, &article);
    CountCharacters(article.doc.text, &article);
    tokenizer_.Tokenize(article.doc.text, &tokens_);
    HashShingles(tokens_, ShingleOptions{}, &article.shingles);
    MakeShingleSet(&article.shingles);
    if (!article.truth.parent) {
      article.truth.origin = article.doc.id;
      article.truth.kind = "original";
    } else {
      article.truth.kind = CopyKind(article.truth.operations);
      article.truth.parent_jaccard = Jaccard(article.shingles, parent->shingles);
      const std::vector<int32_t>& from = article.from_parent;
      article.truth.containment_in_parent = CoveredByRuns(article, [&](size_t k) { return from[k] >= 0; });
      std::vector<uint8_t> kept(parent->sentences.size(), 0);
      for (const int32_t k : from) {
        if (k >= 0) kept[static_cast<size_t>(k)] = 1;
      }
      article.truth.parent_containment_in_copy =
          CoveredByRuns(*parent, [&](size_t k) { return kept[k] != 0; });
    }
    if (embedded_) {
      auto& passage = article.truth.passages.back();
      passage.begin = article.sentence_chars[embedded_->first].first;
      passage.end = article.sentence_chars[embedded_->first + embedded_->second - 1].second;
      embedded_.reset();
    }
  }

  const SyntheticOptions& options_;
  Random random_;
  const std::vector<std::string> vocabulary_;
  const ZipfSampler zipf_;
  std::optional<NewsModel> news_;
  std::deque<SyntheticArticle> recent_;
  SyntheticArticle article_;  // the last one made
  int64_t next_family_ = 1;
  std::optional<std::pair<size_t, size_t>> embedded_;  // first sentence, count
  const Tokenizer tokenizer_{NormalizeOptions{}};
  TokenizedText tokens_;
};

}  // namespace

absl::Status GenerateSynthetic(
    const SyntheticOptions& options,
    const std::function<void(const Document& doc, const TruthRecord& truth)>& emit) {
  if (absl::Status checked = CheckSyntheticOptions(options); !checked.ok()) return checked;
  SyntheticArchive archive(options);
  for (int64_t i = 0; i < options.articles; ++i) {
    const SyntheticArticle& article = archive.Next(i);
    emit(article.doc, article.truth);
    archive.Retire();
  }
  return absl::OkStatus();
}

std::string ArticleJsonLine(const Document& doc) {
  std::string line = "{\"id\":";
  AppendJsonId(doc.id, &line);
  if (!doc.source.empty()) {
    line.append(",\"source\":");
    AppendJsonString(doc.source, &line);
  }
  if (!doc.published_text.empty()) {
    line.append(",\"published\":");
    AppendJsonString(doc.published_text, &line);
  }
  if (!doc.title.empty()) {
    line.append(",\"title\":");
    AppendJsonString(doc.title, &line);
  }
  if (!doc.url.empty()) {
    line.append(",\"url\":");
    AppendJsonString(doc.url, &line);
  }
  line.append(",\"text\":");
  AppendJsonString(doc.text, &line);
  line.push_back('}');
  return line;
}

}  // namespace reprint
