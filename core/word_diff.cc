#include "core/word_diff.h"

#include <algorithm>
#include <cstddef>

namespace reprint {

bool AppendMyersMatches(absl::Span<const uint64_t> x_words, absl::Span<const uint64_t> y_words,
                        int max_edit_distance, int i0, int j0, WordMatches* out) {
  const uint64_t* x = x_words.data();
  const uint64_t* y = y_words.data();
  const auto n = static_cast<int>(x_words.size()), m = static_cast<int>(y_words.size());
  const int max_d = std::min(n + m, max_edit_distance);
  const int offset = max_d + 1;
  // Per-thread buffers: the patience diff diffs every short gap.
  thread_local std::vector<int> v;
  v.assign(2 * static_cast<size_t>(max_d) + 3, 0);
  // v[-d..d] before step d, for every d, one after another: step d's
  // entries start at d * d.
  thread_local std::vector<int> trace;
  trace.clear();
  int final_d = -1;
  for (int d = 0; d <= max_d && final_d < 0; ++d) {
    trace.insert(trace.end(), v.begin() + offset - d, v.begin() + offset + d + 1);
    for (int k = -d; k <= d; k += 2) {
      int i = (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]))
                  ? v[offset + k + 1]
                  : v[offset + k - 1] + 1;
      int j = i - k;
      while (i < n && j < m && x[i] == y[j]) ++i, ++j;
      v[offset + k] = i;
      if (i >= n && j >= m) {
        final_d = d;
        break;
      }
    }
  }
  if (final_d < 0) return false;
  // Walk back from (n, m), recording matched word pairs in reverse.
  WordMatches& matches = *out;
  const size_t first = matches.size();
  int i = n, j = m;
  for (int d = final_d; d > 0; --d) {
    const int* prev = trace.data() +
                      static_cast<size_t>(d) * static_cast<size_t>(d);  // v[-d..d] after step d - 1
    auto at = [&](int k) { return prev[k + d]; };
    const int k = i - j;
    const bool down = k == -d || (k != d && at(k - 1) < at(k + 1));
    const int prev_k = down ? k + 1 : k - 1;
    const int prev_i = at(prev_k);
    const int start_i = down ? prev_i : prev_i + 1;
    while (i > start_i && j > start_i - k) --i, --j, matches.emplace_back(i0 + i, j0 + j);
    i = prev_i;
    j = prev_i - prev_k;
  }
  while (i > 0 && j > 0) --i, --j, matches.emplace_back(i0 + i, j0 + j);
  std::reverse(matches.begin() + static_cast<std::ptrdiff_t>(first), matches.end());
  return true;
}

std::optional<WordMatches> MyersMatches(absl::Span<const uint64_t> x, absl::Span<const uint64_t> y,
                                        int max_edit_distance) {
  WordMatches matches;
  if (!AppendMyersMatches(x, y, max_edit_distance, 0, 0, &matches)) return std::nullopt;
  return matches;
}

namespace {

// The indices of the longest run of `anchors` increasing in j (they
// increase in i already), in order, by patience sorting.
std::vector<int> LongestIncreasingRun(const WordMatches& anchors) {
  std::vector<int> tails;  // anchor index ending the best run of each length
  tails.reserve(anchors.size());
  std::vector<int> previous(anchors.size(), -1);
  for (int k = 0; k < static_cast<int>(anchors.size()); ++k) {
    // In a copy, nearly every anchor extends the longest run: no search.
    const bool extends = tails.empty() || anchors[tails.back()].second < anchors[k].second;
    const auto it = extends
                        ? tails.end()
                        : std::lower_bound(tails.begin(), tails.end(), anchors[k].second,
                                           [&](int t, int j) { return anchors[t].second < j; });
    if (it != tails.begin()) previous[k] = *(it - 1);
    if (it == tails.end()) {
      tails.push_back(k);
    } else {
      *it = k;
    }
  }
  std::vector<int> chain;
  chain.reserve(tails.size());
  for (int k = tails.back(); k >= 0; k = previous[k]) chain.push_back(k);
  std::reverse(chain.begin(), chain.end());
  return chain;
}

// Appends the matches of the gap x[i, end_i) ~ y[j, end_j) between two
// anchors, whose words the anchors' extensions left unequal at both ends.
void AppendGapMatches(absl::Span<const uint64_t> x, absl::Span<const uint64_t> y, int i, int end_i,
                      int j, int end_j, WordMatches* matches) {
  const int gap_a = end_i - i, gap_b = end_j - j;
  // A word substituted (the usual light edit) has nothing to diff: the
  // extensions already matched everything equal around it.
  if (gap_a > 1 && gap_b > 1) {
    // Within gap_a + gap_b edits, the diff always completes.
    AppendMyersMatches(x.subspan(static_cast<size_t>(i), static_cast<size_t>(gap_a)),
                       y.subspan(static_cast<size_t>(j), static_cast<size_t>(gap_b)), gap_a + gap_b,
                       i, j, matches);
  } else if (gap_a > 0 && gap_b > 0) {
    // One word on one side: it matches its first equal on the other, if any.
    for (int gi = i; gi < end_i; ++gi) {
      const int gj = static_cast<int>(std::find(y.begin() + j, y.begin() + end_j, x[gi]) - y.begin());
      if (gj < end_j) {
        matches->emplace_back(gi, gj);
        break;
      }
    }
  }
}

}  // namespace

std::optional<WordMatches> PatienceMatches(absl::Span<const uint64_t> x,
                                           absl::Span<const uint64_t> y,
                                           const WordMatches& anchors, const PatienceLimits& limits) {
  const auto nx = static_cast<int>(x.size()), ny = static_cast<int>(y.size());
  const std::vector<int> chain = LongestIncreasingRun(anchors);
  WordMatches matches;
  matches.reserve(static_cast<size_t>(std::min(nx, ny)));
  auto [i, j] = anchors[chain[0]];
  while (i > 0 && j > 0 && x[i - 1] == y[j - 1]) --i, --j;
  for (size_t c = 0; c <= chain.size(); ++c) {
    // From (i, j), the next unmatched words, to the next anchor (or the ends).
    const auto [next_i, next_j] = c < chain.size() ? anchors[chain[c]] : std::make_pair(nx, ny);
    while (i < next_i && j < next_j && x[i] == y[j]) matches.emplace_back(i++, j++);
    if (c == chain.size()) break;
    int end_i = next_i, end_j = next_j;
    while (end_i > i && end_j > j && x[end_i - 1] == y[end_j - 1]) --end_i, --end_j;
    const int gap_a = end_i - i, gap_b = end_j - j;
    if (std::min(gap_a, gap_b) >= limits.max_gap ||
        std::max(gap_a, gap_b) >= limits.max_one_sided_gap) {
      return std::nullopt;
    }
    AppendGapMatches(x, y, i, end_i, j, end_j, &matches);
    for (; end_i < next_i; ++end_i, ++end_j) matches.emplace_back(end_i, end_j);
    matches.emplace_back(next_i, next_j);
    i = next_i + 1;
    j = next_j + 1;
  }
  return matches;
}

}  // namespace reprint
