// Word-level diffs: which words of one list line up with which of another.
// Words are compared by hash (TokenizedText::word_hashes), so a diff is
// integer comparison only.
//
//   std::optional<WordMatches> m = MyersMatches(x, y, /*max_edit_distance=*/600);
//   // m: the pairs (i, j) with x[i] == y[j] of a longest common subsequence
//
// Two diffs, for two kinds of input. MyersMatches() is the general one, a
// minimal edit script in time O((n + m) D) for D words inserted or deleted:
// cheap for light edits, given up beyond a bound. PatienceMatches() is for
// one text that is a lightly edited copy of the other: words each list holds
// once anchor it, and only the short gaps between anchors are diffed, so it
// is linear in the lists, and it gives up as soon as a gap is too long for a
// light edit.
//
// Internal to the alignment (core/align.h). Every function is thread-safe.
#ifndef REPRINT_CORE_WORD_DIFF_H_
#define REPRINT_CORE_WORD_DIFF_H_

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "absl/types/span.h"

namespace reprint {

// Word pairs (i, j), x[i] == y[j], that a diff lined up: increasing in both
// i and j.
using WordMatches = std::vector<std::pair<int, int>>;

// Appends to *out the pairs (i0 + i, j0 + j) of a minimal diff of x and y
// (Myers' algorithm: as many pairs as a longest common subsequence has), in
// order, and returns true. Returns false, appending nothing, if more than
// max_edit_distance words would have to be inserted or deleted. Works in
// per-thread buffers of O(D^2) ints for D = min(x.size() + y.size(),
// max_edit_distance).
bool AppendMyersMatches(absl::Span<const uint64_t> x, absl::Span<const uint64_t> y,
                        int max_edit_distance, int i0, int j0, WordMatches* out);

// The same pairs as a list of their own (i0 = j0 = 0); nullopt if the diff
// was given up.
std::optional<WordMatches> MyersMatches(absl::Span<const uint64_t> x, absl::Span<const uint64_t> y,
                                        int max_edit_distance);

// How long a gap between anchors PatienceMatches() takes for a light edit.
// The defaults are what the alignment derives from AlignOptions' defaults:
// min_words, and four times it (an insertion of a few sentences).
struct PatienceLimits {
  int max_gap = 15;            // a gap with this many words or more on both sides ends the diff
  int max_one_sided_gap = 60;  // a gap with this many words or more on either side ends it
};

// An anchored (patience) diff of x and y. `anchors` are pairs (i, j) with
// x[i] == y[j], increasing in i, each i and each j at most once (the words
// each list holds once). The longest run of anchors increasing in j as well
// anchors the diff; words equal on both sides extend each anchor, forwards
// and backwards from the first; a gap left between two anchors is diffed
// word by word (a gap of one word on one side matches that word's first
// equal on the other, if any). The words before the first anchor's
// backward extension and after the last anchor's forward extension are
// left unmatched.
//
// Returns the pairs in order, every anchor of the run among them, or nullopt if a gap between two anchors has
// limits.max_gap words or more on both sides or limits.max_one_sided_gap or
// more on either. REQUIRES: !anchors.empty(). O(x.size() + y.size() +
// anchors.size() log anchors.size()), and O(anchors.size()) when nearly
// every anchor is in order, as in a copy.
std::optional<WordMatches> PatienceMatches(absl::Span<const uint64_t> x,
                                           absl::Span<const uint64_t> y,
                                           const WordMatches& anchors, const PatienceLimits& limits);

}  // namespace reprint

#endif  // REPRINT_CORE_WORD_DIFF_H_
