// Likely sources: for each article that was queried against an archive,
// the stored article it most likely came from.
#ifndef REPRINT_LIKELY_SOURCE_H_
#define REPRINT_LIKELY_SOURCE_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "absl/types/span.h"
#include "reprint/document.h"
#include "reprint/result.h"

namespace reprint {

struct LikelySource {
  size_t article = 0;            // index into the documents
  std::optional<size_t> source;  // none when no stored article pairs with it
  double containment = 0;        // of the article in its source
  double jaccard = 0;
};

// For every document with article_numbers[i] == 0 (queried, not stored),
// in order: among the stored documents it pairs with in `pairs`, the one
// containing the most of it; on a tie the one published first
// (PublishedBefore). O(documents + pairs).
std::vector<LikelySource> LikelySources(absl::Span<const Document> documents,
                                        absl::Span<const DocumentPair> pairs,
                                        absl::Span<const int64_t> article_numbers);

}  // namespace reprint

#endif  // REPRINT_LIKELY_SOURCE_H_
