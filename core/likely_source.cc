#include "reprint/likely_source.h"

#include <cstdint>

namespace reprint {

std::vector<LikelySource> LikelySources(absl::Span<const Document> documents,
                                        absl::Span<const DocumentPair> pairs,
                                        absl::Span<const int64_t> article_numbers) {
  std::vector<LikelySource> out;
  std::vector<size_t> slot(documents.size(), SIZE_MAX);  // document -> its entry in `out`
  for (size_t i = 0; i < documents.size(); ++i) {
    if (article_numbers[i] != 0) continue;
    slot[i] = out.size();
    out.push_back(LikelySource{i, std::nullopt, 0, 0});
  }
  // One pass over the pairs, each seen from its queried end(s).
  for (const DocumentPair& pair : pairs) {
    for (const bool from_a : {true, false}) {
      const size_t article = from_a ? pair.a : pair.b, other = from_a ? pair.b : pair.a;
      if (slot[article] == SIZE_MAX || article_numbers[other] == 0) continue;  // not query -> stored
      LikelySource& s = out[slot[article]];
      const double containment = from_a ? pair.containment_a_in_b : pair.containment_b_in_a;
      const bool better = !s.source || containment > s.containment ||
                          (containment == s.containment && PublishedBefore(documents[other], documents[*s.source]));
      if (better) {
        s.source = other;
        s.containment = containment;
        s.jaccard = pair.jaccard;
      }
    }
  }
  return out;
}

}  // namespace reprint
