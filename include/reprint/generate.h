// Seeded generators of news archives whose truth is known by construction.
//
// Both are deterministic: the same options and seed give byte-identical
// articles and truth on any machine (they draw only from reprint::Random).
//
//   SyntheticOptions options;  // 1,000 articles of ~500 words, 20% edited copies
//   GenerateSynthetic(options, [&](const Document& doc, const TruthRecord& truth) {
//     articles << ArticleJsonLine(doc) << "\n";
//     truth_file << TruthJsonLine(truth) << "\n";
//   });
#ifndef REPRINT_GENERATE_H_
#define REPRINT_GENERATE_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "reprint/document.h"
#include "reprint/truth.h"

namespace reprint {

struct SyntheticOptions {
  int64_t articles = 1000;        // total, originals and copies
  int words = 500;                // mean body length of an original, in words
  double copy_rate = 0.2;         // share of articles that are edited copies
  double min_edit_rate = 0.01;    // a copy substitutes/inserts/deletes this share of words ...
  double max_edit_rate = 0.06;    // ... up to this share, uniformly
  double truncate_rate = 0.2;     // share of copies cut to 70-95% of their sentences
  double reorder_rate = 0.2;      // share of copies with some sentences swapped
  double embed_rate = 0.0;        // share of originals with a 40-80 word passage of a recent
                                  // article pasted in at a sentence boundary
  double paste_rate = 0.0;        // share of copies with such a passage of another family's
                                  // article pasted in (recorded as a truth passage too)
  double drop_rate = 0.0;         // share of copies with a paragraph of 2-4 sentences of
                                  // their parent's body left out
  // The news model (off: the plain archive above, byte for byte as before):
  // topics whose articles share vocabulary, wire services whose stories
  // outlets republish hours to days later, outlet boilerplate lines,
  // numbers and quotations whose style copies change, and statements that
  // articles of one topic quote alike (quoting is not copying).
  bool news = false;
  int topics = 40;                // with news: each article is on one topic
  int vocabulary = 30000;         // distinct words, drawn with Zipf frequencies
  double zipf_exponent = 1.05;    // s in P(rank) ~ rank^-s (news text: about 1)
  uint64_t seed = 1;
};

// Emits options.articles articles in publication order, each with its
// truth. Copies take a recent article (original or copy) as parent, so
// families form chains and stars, as syndication does. Memory is bounded by
// a fixed window of recent articles, not by `articles`. InvalidArgument for
// options out of range.
absl::Status GenerateSynthetic(
    const SyntheticOptions& options,
    const std::function<void(const Document& doc, const TruthRecord& truth)>& emit);

// The demo corpus: derived articles made from `seeds` (the five sample
// articles, in the order of ../shared/seeds) by a fixed recipe: a wire copy
// republished with a new dateline and footer, a second-hand copy of it, a
// trimmed version, a lightly edited one with sentences reordered, and a
// passage embedded in another article. Returns the derived articles with
// their truth. InvalidArgument unless exactly five seeds are given.
absl::StatusOr<std::vector<std::pair<Document, TruthRecord>>> DeriveDemoArticles(
    absl::Span<const Document> seeds, uint64_t seed);

// The wire services of the news model (GenerateSynthetic with news), whose
// stories other outlets republish.
absl::Span<const char* const> SyntheticWireServices();

// One JSONL line (no newline) in the input contract of DESIGN.md.
std::string ArticleJsonLine(const Document& doc);

}  // namespace reprint

#endif  // REPRINT_GENERATE_H_
