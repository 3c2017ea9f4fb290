// The demo articles: copies derived from real seed articles (corpus/), each
// republished, trimmed, edited, reordered or embedded, with its truth.
#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "core/encoding.h"
#include "core/random.h"
#include "core/tokenize.h"
#include "fmt/format.h"
#include "reprint/generate.h"

namespace reprint {

namespace {

std::vector<std::string> Lines(std::string_view text) {
  return absl::StrSplit(absl::string_view(text.data(), text.size()), '\n');
}

// Whitespace-token edits on real text: each token is, with probability
// `rate`, replaced by another token of the text, deleted, or followed by one.
std::string EditTokens(std::string_view text, double rate, Random& random) {
  std::vector<std::string> lines = Lines(text);
  std::vector<std::string> pool;
  for (const std::string& line : lines) {
    for (absl::string_view token : absl::StrSplit(line, ' ', absl::SkipEmpty())) {
      pool.emplace_back(token);
    }
  }
  if (pool.empty()) return std::string(text);
  for (std::string& line : lines) {
    std::vector<std::string> tokens = absl::StrSplit(line, ' ', absl::SkipEmpty());
    std::vector<std::string> edited;
    for (std::string& token : tokens) {
      if (!random.Bernoulli(rate)) {
        edited.push_back(std::move(token));
        continue;
      }
      switch (random.Uniform(4)) {
        case 0:
        case 1:
          edited.push_back(pool[random.Uniform(pool.size())]);
          break;
        case 2:
          break;  // deleted
        default:
          edited.push_back(std::move(token));
          edited.push_back(pool[random.Uniform(pool.size())]);
      }
    }
    line = absl::StrJoin(edited, " ");
  }
  return absl::StrJoin(lines, "\n");
}

// Keeps the first `fraction` of the non-empty lines (paragraphs).
std::string KeepLeading(std::string_view text, double fraction) {
  std::vector<std::string> lines = Lines(text);
  size_t paragraphs = 0;
  for (const auto& line : lines) paragraphs += !line.empty();
  const auto keep = static_cast<size_t>(std::ceil(fraction * static_cast<double>(paragraphs)));
  std::vector<std::string> kept;
  size_t seen = 0;
  for (auto& line : lines) {
    if (!line.empty() && ++seen > keep) break;
    kept.push_back(std::move(line));
  }
  return absl::StrJoin(kept, "\n");
}

// Drops everything before the first line that starts with `marker`.
std::string FromLineStarting(std::string_view text, std::string_view marker) {
  const size_t at = text.find(absl::StrCat("\n", std::string(marker)));
  return std::string(at == std::string_view::npos ? text : text.substr(at + 1));
}

// Swaps `count` random pairs of adjacent non-empty paragraphs.
std::string SwapParagraphs(std::string_view text, int count, Random& random) {
  std::vector<std::string> lines = Lines(text);
  std::vector<size_t> paragraphs;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].size() > 40) paragraphs.push_back(i);
  }
  for (int c = 0; c < count && paragraphs.size() >= 2; ++c) {
    const size_t at = random.Uniform(paragraphs.size() - 1);
    std::swap(lines[paragraphs[at]], lines[paragraphs[at + 1]]);
  }
  return absl::StrJoin(lines, "\n");
}

Document Derived(std::string id, std::string source, std::string published, std::string title,
                 std::string text) {
  Document doc;
  doc.id = DocId{std::move(id), false};
  doc.source = std::move(source);
  doc.published_text = std::move(published);
  doc.published = *ParsePublished(doc.published_text);
  doc.title = std::move(title);
  doc.text = std::move(text);
  return doc;
}

}  // namespace

absl::StatusOr<std::vector<std::pair<Document, TruthRecord>>> DeriveDemoArticles(
    absl::Span<const Document> seeds, uint64_t seed) {
  if (seeds.size() != 5) {
    return absl::InvalidArgumentError(
        absl::StrCat("the demo recipe needs the 5 seed articles, got ", seeds.size()));
  }
  Random random(seed);
  std::vector<std::pair<Document, TruthRecord>> out;
  auto add = [&](Document doc, const Document& parent, std::vector<std::string> operations) {
    TruthRecord truth;
    truth.id = doc.id;
    truth.parent = parent.id;
    truth.operations = std::move(operations);
    out.emplace_back(std::move(doc), std::move(truth));
  };
  const Document& no_hope = seeds[0];
  const Document& tribune = seeds[1];
  const Document& indifference = seeds[2];
  const Document& asif = seeds[3];
  const Document& talks = seeds[4];

  // A wire story republished: page chrome dropped, new dateline and footer.
  const std::string asif_body = FromLineStarting(asif.text, "Pakistan has publicly");
  Document courier = Derived(
      "courier-asif-wire", "Capital Courier", "2025-11-27T06:00:00Z",
      "Pakistan writes off Afghan Taliban, says Khawaja Asif",
      absl::StrCat("ISLAMABAD, Nov 27 (Capital Courier) – ", asif_body,
                   "\n\n© Capital Courier 2025. Distributed by Web Desk."));
  add(courier, asif, {"strip-chrome", "dateline", "footer"});

  // A second-hand copy of the republished one, lightly edited and trimmed.
  Document frontier = Derived(
      "frontier-asif-secondhand", "Frontier Monitor", "2025-11-28T09:30:00Z",
      "Asif: trusting the Taliban no longer an option",
      absl::StrCat(KeepLeading(EditTokens(asif_body, 0.02, random), 0.8),
                   "\n\nFrontier Monitor | Follow us for more regional news"));
  add(frontier, courier, {"edit:2%", "truncate:80%", "footer"});

  // A trimmed version of the Tribune analysis.
  Document ledger = Derived(
      "gulf-ledger-tribune-trim", "Gulf Ledger", "2025-11-11T12:00:00Z",
      "Istanbul talks end in stalemate as Islamabad's patience runs out",
      absl::StrCat(KeepLeading(FromLineStarting(tribune.text, "The latest round"), 0.6),
                   "\n\nThis analysis first appeared in The Express Tribune."));
  add(ledger, tribune, {"strip-chrome", "truncate:60%", "footer"});

  // The talks editorial, lightly edited with paragraphs reordered.
  Document asia = Derived(
      "asia-desk-talks-edited", "Asia Desk Daily", "2025-10-28T08:00:00Z",
      "Deadlock and distrust: Pakistan-Taliban talks need action",
      SwapParagraphs(EditTokens(FromLineStarting(talks.text, "After several days"), 0.03, random),
                     2, random));
  add(asia, talks, {"strip-chrome", "edit:3%", "reorder:2"});

  // Two paragraphs of the Kabul editorial embedded in a rewrite of the
  // "no hope left" article: partial reuse that document-level Jaccard misses.
  std::vector<std::string> host = Lines(no_hope.text);
  std::vector<std::string> guest = Lines(indifference.text);
  std::vector<std::string> mixed(host.begin(), host.begin() + std::min<size_t>(6, host.size()));
  mixed.insert(mixed.end(), guest.begin() + 1, guest.begin() + std::min<size_t>(3, guest.size()));
  if (host.size() > 6) mixed.insert(mixed.end(), host.begin() + 6, host.end());
  Document valley = Derived("valley-times-embedded", "Valley Times", "2025-11-30T07:15:00Z",
                            "Islamabad gives up on the Taliban", absl::StrJoin(mixed, "\n"));
  add(valley, no_hope, {"embed:" + indifference.id.value + " paragraphs 2-3"});
  return out;
}

}  // namespace reprint
