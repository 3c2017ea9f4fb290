// The result model: what a scan, the archive and eval say about articles,
// as plain data. Indices are into the documents scanned (or, in the
// archive, into the batch being evaluated). Depends on no algorithm: the
// driver (core/scan.h), the archive, the reports and eval all include it.
#ifndef REPRINT_RESULT_H_
#define REPRINT_RESULT_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "reprint/options.h"

namespace reprint {

// A half-open range of the original text, in bytes and in Unicode code points.
struct TextSpan {
  uint32_t byte_begin = 0;
  uint32_t byte_end = 0;
  uint32_t char_begin = 0;
  uint32_t char_end = 0;
};

// One step of the word-level edit script that turns passage a into passage
// b. Positions are word indices within the passage (0 = its first word).
struct Edit {
  enum class Op { kSubstitute, kInsert, kDelete };
  Op op = Op::kSubstitute;
  uint32_t a_word = 0;  // first word in a (for kInsert: where b's words go)
  uint32_t a_count = 0; // words of a replaced or deleted (0 for kInsert)
  uint32_t b_word = 0;
  uint32_t b_count = 0; // words of b inserted or substituted in (0 for kDelete)
  std::string from;     // a's words, normalised, space-separated
  std::string to;       // b's words
  // The words' bytes in the original texts, from the first word's start to
  // the last word's end; an empty side is an empty range where the words go.
  uint32_t a_byte_begin = 0, a_byte_end = 0;
  uint32_t b_byte_begin = 0, b_byte_end = 0;
  // An edit of AlignOptions::break_words or more words on a side, at least
  // half of which lie in word trigrams the other side's aligned span holds: a
  // sentence moved (its deletion at one place, its insertion at the other).
  // Text one side lacks never forms an edit that long: the passage ends
  // there instead.
  bool moved = false;
};

struct Passage {
  // kBoilerplate: most of it, on both sides, is text the whole archive
  // shares (AlignableText::common_text), e.g. a comment-box notice.
  enum class Kind { kVerbatim, kRewritten, kBoilerplate };
  TextSpan a;
  TextSpan b;
  uint32_t words_a = 0;
  uint32_t words_b = 0;
  Kind kind = Kind::kRewritten;
  double similarity = 0;      // Dice of the passages' word multisets; 1 when verbatim
  bool quoted = false;        // inside quotation marks in both texts
  std::vector<Edit> edits;    // empty when verbatim or beyond max_edit_distance
  bool edits_complete = true; // false when the edit script was not computed
};

const char* PassageKindName(Passage::Kind kind);  // "verbatim" | "rewritten" | "boilerplate"
const char* EditOpName(Edit::Op op);              // "substitute" | "insert" | "delete"

// A syndication cluster (core/cluster.h builds them).
struct Cluster {
  int64_t id = 0;                 // 1, 2, ... in order of each cluster's first member in the input
  std::vector<uint32_t> members;  // document indices, origin first, then by PublishedBefore
  uint32_t origin = 0;            // == members.front(): the earliest dated member
  // Whether the dates establish the origin: every member is dated and no
  // other was published the same second as it. Otherwise an undated member
  // may be the first, and `origin` is only the earliest dated one.
  bool origin_known = true;
};

// One step of a cluster's propagation: the earlier member a member most
// likely came from.
struct PropagationLink {
  uint32_t member = 0;
  std::optional<uint32_t> parent;    // none for the origin, or if no earlier member pairs with it
  double similarity = 0;             // of the pair (member, parent)
  std::optional<int64_t> lag_seconds;  // published(member) - published(parent), both dated
  // False when either is undated or both were published the same second:
  // the two are alike, and which came first is unknown.
  bool direction_known = true;
};

// Pairs as adjacency lists: per document, its partners and each pair's
// similarity. Documents without partners are absent.
using SimilarityGraph = absl::flat_hash_map<uint32_t, std::vector<std::pair<uint32_t, double>>>;

// A pair of documents that meets the threshold or shares a passage that is
// neither boilerplate nor a quotation both articles make (quoting one
// statement is not copying the reporting). Indices
// are into the documents given to Scan(); a < b.
struct DocumentPair {
  uint32_t a = 0;
  uint32_t b = 0;
  double jaccard = 0;             // exact, over the shingle sets
  double jaccard_estimate = 0;    // MinHash estimate, for reference
  // With passages enabled: the share of a's characters inside passages it
  // shares with b, boilerplate and quotations both make left out. Without:
  // |A ∩ B| / |A|, the share of a's shingles in b.
  double containment_a_in_b = 0;
  double containment_b_in_a = 0;
  // |A ∩ B| / |A| over the shingle sets, with or without passages: the
  // share of a's word runs found verbatim in b. Light rewording lowers it
  // where passage coverage (above, with passages) stays high.
  double shingle_containment_a_in_b = 0;
  double shingle_containment_b_in_a = 0;
  std::vector<Passage> passages;  // ordered by position in a
  bool shares_reused_text = false;  // a passage that is neither boilerplate nor quoted in both
  bool near_duplicate = false;    // jaccard >= threshold; only these form clusters
};

// Documents with identical normalised texts, by index. `first` is the
// earliest of them in input order; `copies` the others, ascending.
struct IdenticalGroup {
  uint32_t first = 0;
  std::vector<uint32_t> copies;
};

struct ScanStats {
  size_t documents = 0;
  size_t documents_without_words = 0;  // cannot match anything; not indexed
  size_t identical_copies = 0;         // paired with their first only; not indexed
  size_t shingles = 0;                 // shingles summed over documents (with repeats)
  size_t candidates = 0;               // pairs that shared an LSH band
  size_t passage_candidates = 0;       // pairs that shared passage fingerprints
  LshParams lsh;                       // the (b, r) used
  size_t documents_prepared = 0;       // tokenised again to verify (and align) candidates: each
                                       // once per verification block that needs it
  double seconds_shingling = 0;        // tokenise, shingle, MinHash
  double seconds_candidates = 0;       // LSH
  double seconds_verification = 0;     // exact Jaccard of candidates, clusters
  double seconds_passages = 0;         // the next three together:
  double seconds_passage_candidates = 0;  //   pairs sharing fingerprints (winnowing is in shingling)
  double seconds_preparing = 0;        //   tokenising to verify and align, boilerplate marks
  double seconds_aligning = 0;         //   verifying and aligning pairs, containment (with
                                       //   passages on, verification is counted here)
};

struct ScanResult {
  std::vector<DocumentPair> pairs;  // sorted by (a, b)
  std::vector<Cluster> clusters;    // of near-duplicate pairs; see BuildClusters()
  // Groups of identical texts, by first member. A pair (first, x) in `pairs`
  // stands for (copy, x) too, for every copy of the group; (first, copy)
  // pairs themselves are all in `pairs`, and copies share their first's cluster.
  std::vector<IdenticalGroup> identical;
  ScanStats stats;
};

}  // namespace reprint

#endif  // REPRINT_RESULT_H_
