#include "core/passage_breaks.h"

#include <algorithm>
#include <cstddef>
#include <utility>

namespace reprint {
namespace {

uint64_t Trigram(const std::vector<uint64_t>& hashes, size_t t) {
  return hashes[t] * 0x9E3779B97F4A7C15ull ^ hashes[t + 1] * 0xC2B2AE3D27D4EB4Full ^
         (hashes[t + 2] + 0x165667B19E3779F9ull);
}

}  // namespace

PassageBreaks::PassageBreaks(const AlignableText& a, const AlignableText& b,
                             const Alignment& alignment, int break_words)
    : a_(a), b_(b), alignment_(alignment), break_words_(break_words) {}

std::vector<Alignment> PassageBreaks::Stretches(PairWordCounts* counts) {
  const std::optional<WordMatches>& matches = alignment_.matches;
  if (break_words_ <= 0 || !matches || matches->empty()) return {alignment_};
  const WordMatches& m = *matches;
  const int n = static_cast<int>(alignment_.a_end - alignment_.a_begin);
  const int k = static_cast<int>(alignment_.b_end - alignment_.b_begin);
  const std::vector<size_t> strong = StrongMatches(counts);
  std::vector<Alignment> stretches;
  // The stretch being built: matches m[first..] relative to (begin_i, begin_j).
  size_t first = 0;
  int begin_i = 0, begin_j = 0;
  int floor_i = 0, floor_j = 0;  // where the stretch before it ended
  const auto& hashes_a = a_.tokens.word_hashes;
  const auto& hashes_b = b_.tokens.word_hashes;
  auto close = [&](size_t last, int end_i, int end_j) {
    WordMatches piece;
    while (begin_i > floor_i && begin_j > floor_j &&
           hashes_a[alignment_.a_begin + static_cast<uint32_t>(begin_i) - 1] ==
               hashes_b[alignment_.b_begin + static_cast<uint32_t>(begin_j) - 1]) {
      --begin_i, --begin_j;
      piece.emplace_back(begin_i, begin_j);
    }
    std::reverse(piece.begin(), piece.end());
    piece.insert(piece.end(), m.begin() + static_cast<std::ptrdiff_t>(first),
                 m.begin() + static_cast<std::ptrdiff_t>(last) + 1);
    for (auto& [i, j] : piece) i -= begin_i, j -= begin_j;
    floor_i = end_i, floor_j = end_j;
    stretches.push_back({alignment_.a_begin + static_cast<uint32_t>(begin_i),
                         alignment_.a_begin + static_cast<uint32_t>(end_i),
                         alignment_.b_begin + static_cast<uint32_t>(begin_j),
                         alignment_.b_begin + static_cast<uint32_t>(end_j), std::move(piece)});
  };
  const size_t s0 = strong.front();
  if (Parts(0, m[s0].first, 0, m[s0].second)) {
    first = s0;
    begin_i = m[s0].first, begin_j = m[s0].second;
  }
  for (size_t x = 0; x + 1 < strong.size(); ++x) {
    const auto [i, j] = m[strong[x]];
    const auto [next_i, next_j] = m[strong[x + 1]];
    if (!Parts(i + 1, next_i, j + 1, next_j)) continue;
    close(strong[x], i + 1, j + 1);
    first = strong[x + 1];
    begin_i = next_i;
    begin_j = next_j;
  }
  const size_t s1 = strong.back();
  const auto [last_i, last_j] = m[s1];
  if (Parts(last_i + 1, n, last_j + 1, k)) {
    close(s1, last_i + 1, last_j + 1);
  } else {
    close(m.size() - 1, n, k);
  }
  return stretches;
}

bool PassageBreaks::IsMoved(const Alignment& stretch, const Edit& edit) {
  if (break_words_ <= 0) return false;
  // Positions relative to the alignment, as MostlyIn() takes them.
  const int i0 = static_cast<int>(stretch.a_begin - alignment_.a_begin + edit.a_word);
  const int j0 = static_cast<int>(stretch.b_begin - alignment_.b_begin + edit.b_word);
  const int a_count = static_cast<int>(edit.a_count), b_count = static_cast<int>(edit.b_count);
  return (a_count >= break_words_ && MostlyIn(true, i0, i0 + a_count)) ||
         (b_count >= break_words_ && MostlyIn(false, j0, j0 + b_count));
}

bool PassageBreaks::Parts(int i0, int i1, int j0, int j1) {
  if (OneSided(/*side_a=*/true, i0, i1, j0, j1) || OneSided(/*side_a=*/false, j0, j1, i0, i1)) {
    return true;
  }
  // Two long runs facing each other are one replaced by the other (text
  // dropped and other text pasted in its place) when they share hardly a
  // content word: a rewording, however heavy, keeps names and numbers.
  const bool longer_a = i1 - i0 >= j1 - j0;
  return std::max(i1 - i0, j1 - j0) >= break_words_ &&
         (longer_a ? !MostlyIn(true, i0, i1) : !MostlyIn(false, j0, j1)) &&
         (longer_a ? FewContentWordsShared(true, i0, i1, j0, j1)
                   : FewContentWordsShared(false, j0, j1, i0, i1));
}

bool PassageBreaks::OneSided(bool side_a, int i0, int i1, int o0, int o1) {
  return i1 - i0 >= break_words_ && 2 * (o1 - o0) < i1 - i0 && !MostlyIn(side_a, i0, i1);
}

bool PassageBreaks::MostlyIn(bool side_a, int i0, int i1) {
  const AlignableText& text = side_a ? a_ : b_;
  const AlignableText& other = side_a ? b_ : a_;
  absl::flat_hash_set<uint64_t>& trigrams = side_a ? trigrams_b_ : trigrams_a_;
  if (trigrams.empty()) {
    const uint32_t other_begin = side_a ? alignment_.b_begin : alignment_.a_begin;
    const uint32_t other_end = side_a ? alignment_.b_end : alignment_.a_end;
    for (uint32_t t = other_begin; t + 2 < other_end; ++t) trigrams.insert(Trigram(other.tokens.word_hashes, t));
    trigrams.insert(0);  // marks the set built, even for a span of under three words
  }
  const uint32_t offset = side_a ? alignment_.a_begin : alignment_.b_begin;
  const uint32_t begin = offset + static_cast<uint32_t>(i0), end = offset + static_cast<uint32_t>(i1);
  const auto& hashes = text.tokens.word_hashes;
  const auto size = static_cast<uint32_t>(hashes.size());
  uint32_t with_counterpart = 0;
  for (uint32_t t = begin; t < end; ++t) {
    bool found = false;
    for (uint32_t start = t >= 2 ? t - 2 : 0; start <= t && !found; ++start) {
      found = start + 2 < size && trigrams.contains(Trigram(hashes, start));
    }
    with_counterpart += found;
  }
  return 2 * with_counterpart >= end - begin;
}

bool PassageBreaks::FewContentWordsShared(bool side_a, int i0, int i1, int o0, int o1) {
  const AlignableText& text = side_a ? a_ : b_;
  const AlignableText& other = side_a ? b_ : a_;
  const uint32_t begin = side_a ? alignment_.a_begin : alignment_.b_begin;
  const uint32_t end = side_a ? alignment_.a_end : alignment_.b_end;
  const uint32_t other_begin = side_a ? alignment_.b_begin : alignment_.a_begin;
  std::vector<uint32_t>& counts = side_a ? span_counts_a_ : span_counts_b_;
  if (counts.empty()) {
    counts.assign(text.vocabulary.size(), 0);
    for (uint32_t t = begin; t < end; ++t) ++counts[text.word_ids[t]];
  }
  absl::flat_hash_set<uint64_t> opposite;
  for (int t = o0; t < o1; ++t) opposite.insert(other.tokens.word_hashes[other_begin + static_cast<uint32_t>(t)]);
  int content = 0, shared = 0;
  for (int t = i0; t < i1; ++t) {
    const uint32_t token = begin + static_cast<uint32_t>(t);
    if (counts[text.word_ids[token]] > 2) continue;
    ++content;
    shared += opposite.contains(text.tokens.word_hashes[token]);
  }
  return 10 * shared < content;
}

std::vector<size_t> PassageBreaks::StrongMatches(PairWordCounts* counts) const {
  const WordMatches& m = *alignment_.matches;
  std::vector<uint32_t>& count_a = counts->a;
  std::vector<uint32_t>& count_b = counts->b;
  for (uint32_t t = alignment_.a_begin; t < alignment_.a_end; ++t) ++count_a[a_.word_ids[t]];
  for (uint32_t t = alignment_.b_begin; t < alignment_.b_end; ++t) ++count_b[b_.word_ids[t]];
  std::vector<size_t> strong;
  for (size_t x = 0; x < m.size();) {
    size_t run_end = x + 1;  // the diagonal run m[x, run_end)
    while (run_end < m.size() && m[run_end].first == m[run_end - 1].first + 1 &&
           m[run_end].second == m[run_end - 1].second + 1) {
      ++run_end;
    }
    for (size_t y = x; y < run_end; ++y) {
      const uint32_t word_a = a_.word_ids[alignment_.a_begin + static_cast<uint32_t>(m[y].first)];
      const uint32_t word_b = b_.word_ids[alignment_.b_begin + static_cast<uint32_t>(m[y].second)];
      if (run_end - x >= 3 || std::min(count_a[word_a], count_b[word_b]) <= 2) strong.push_back(y);
    }
    x = run_end;
  }
  for (uint32_t t = alignment_.a_begin; t < alignment_.a_end; ++t) count_a[a_.word_ids[t]] = 0;
  for (uint32_t t = alignment_.b_begin; t < alignment_.b_end; ++t) count_b[b_.word_ids[t]] = 0;
  if (strong.empty()) {
    strong.resize(m.size());
    for (size_t x = 0; x < m.size(); ++x) strong[x] = x;
  }
  return strong;
}

}  // namespace reprint
