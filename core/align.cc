#include "core/align.h"

#include <algorithm>
#include <optional>
#include <tuple>

#include "core/encoding.h"
#include "core/pair_vocabulary.h"
#include "core/passage_breaks.h"
#include "core/sentence_seeds.h"
#include "core/word_diff.h"

namespace reprint {
namespace {

// A sentence with no terminal punctuation for this many words is cut there:
// scraped text and poetry can run for pages without a full stop, and one
// huge "sentence" would make a seed cover far more than what was reused.
constexpr uint32_t kMaxSentenceWords = 50;

bool IsBlank(std::string_view line) { return line.find_first_not_of(" \t\r") == std::string_view::npos; }

// Reads the text between two words. Returns whether it ends a sentence (it
// holds . ! ? or a blank line) and updates the quote state *inside: “ opens,
// ” closes, a straight " toggles. A blank line ends any quote left open, as
// a paragraph does; news style reopens a quote that runs on with a quotation
// mark at the start of the next paragraph, which then counts as opening it.
bool ReadGap(std::string_view gap, bool* inside) {
  if (gap.size() == 1 && gap[0] == ' ') return false;  // by far the most common gap
  bool ends_sentence = false;
  size_t line_start = std::string_view::npos;  // just after the last newline
  for (size_t i = 0; i < gap.size(); ++i) {
    const char c = gap[i];
    if (c == '.' || c == '!' || c == '?') {
      ends_sentence = true;
    } else if (c == '\n') {
      if (line_start != std::string_view::npos && IsBlank(gap.substr(line_start, i - line_start))) {
        ends_sentence = true;
        *inside = false;
      }
      line_start = i + 1;
    } else if (c == '"') {
      *inside = !*inside;
    } else if (gap.compare(i, 3, "\xE2\x80\x9C") == 0) {  // “
      *inside = true;
    } else if (gap.compare(i, 3, "\xE2\x80\x9D") == 0) {  // ”
      *inside = false;
    }
  }
  return ends_sentence;
}

constexpr uint32_t kNoWord = AlignableText::kNoWord;

class Aligner {
 public:
  Aligner(const AlignableText& a, const AlignableText& b, const AlignOptions& options)
      : a_(a), b_(b), options_(options), sa_(Sentences(a)), sb_(Sentences(b)), vocabulary_(a, b),
        counts_(a, b) {}

  std::vector<Passage> Run() {
    std::vector<Passage> passages;
    if (std::optional<Alignment> copy = WholeCopy()) {
      AppendPassages(*copy, &passages);
      return passages;
    }
    vocabulary_.Weigh(a_, b_);
    const SentenceSeeds method(a_, b_, sa_, sb_, vocabulary_, options_);
    std::vector<Seed> seeds = method.Find();
    if (seeds.empty()) return {};
    // Boilerplate sentences are clustered apart, so that a notice a few
    // sentences after a copied paragraph does not join it into one passage.
    std::vector<Seed> content_seeds, boilerplate_seeds;
    for (const Seed& seed : seeds) {
      const bool common = MostlyCommon(a_, sa_[seed.a].begin, sa_[seed.a].end) &&
                          MostlyCommon(b_, sb_[seed.b].begin, sb_[seed.b].end);
      (common ? boilerplate_seeds : content_seeds).push_back(seed);
    }
    std::vector<Fragment> fragments;
    if (!content_seeds.empty()) {
      method.Cluster(std::move(content_seeds), /*boilerplate=*/false, &counts_, &fragments);
    }
    if (!boilerplate_seeds.empty()) {
      method.Cluster(std::move(boilerplate_seeds), /*boilerplate=*/true, &counts_, &fragments);
    }
    ResolveOverlaps(&fragments);
    for (const Fragment& fragment : fragments) {
      if (std::optional<Alignment> alignment = ToAlignment(fragment)) {
        AppendPassages(*alignment, &passages);
      }
    }
    std::sort(passages.begin(), passages.end(), [](const Passage& x, const Passage& y) {
      return x.a.byte_begin < y.a.byte_begin;
    });
    return passages;
  }

 private:
  TextSpan SpanOf(const AlignableText& text, uint32_t first_token, uint32_t end_token) const {
    TextSpan span;
    span.byte_begin = text.tokens.tokens[first_token].begin;
    span.byte_end = text.tokens.tokens[end_token - 1].end;
    span.char_begin = static_cast<uint32_t>(CountCodePoints(text.text.substr(0, span.byte_begin)));
    span.char_end = span.char_begin + static_cast<uint32_t>(CountCodePoints(
                                          text.text.substr(span.byte_begin,
                                                           span.byte_end - span.byte_begin)));
    return span;
  }

  // Narrows [*begin, *end) of `text` to start and end on words that
  // `in_other` (indexed by the text's word ids) marks.
  static void TrimToShared(const AlignableText& text, const std::vector<uint8_t>& in_other,
                           uint32_t* begin, uint32_t* end) {
    while (*begin < *end && !in_other[text.word_ids[*begin]]) ++*begin;
    while (*end > *begin && !in_other[text.word_ids[*end - 1]]) --*end;
  }

  // Per word id of `text`, 1 if the word occurs in other[begin, end).
  static std::vector<uint8_t> WordsFoundIn(const AlignableText& text, const AlignableText& other,
                                           const std::vector<uint32_t>& other_to_text,
                                           uint32_t begin, uint32_t end) {
    std::vector<uint8_t> found(text.vocabulary.size(), 0);
    for (uint32_t t = begin; t < end; ++t) {
      const uint32_t w = other_to_text[other.word_ids[t]];
      if (w != kNoWord) found[w] = 1;
    }
    return found;
  }

  // A copy of one text in the other with light edits, found without
  // sentences: the words that occur once in each text anchor a patience
  // diff (word_diff.h). Taken as the only passage if no gap could hold a
  // passage of its own (one side of each is shorter than options.min_words:
  // a sentence inserted or dropped is the typical edit, and, the other side
  // being bounded, its diff stays cheap), most words of the span match, no
  // boilerplate passage could lie in it, and one of the texts has no room
  // left for a second passage; otherwise the sentence method decides. For
  // the near-duplicates that are most pairs, this replaces sentence seeds
  // and a whole-text diff by work linear in the texts.
  std::optional<Alignment> WholeCopy() {
    const WordMatches anchors = UniqueWordPairs();
    if (anchors.size() < 2) return std::nullopt;
    const int max_gap = std::max(1, options_.min_words);
    // The longer side of a gap, at most: an insertion of a few sentences.
    const PatienceLimits limits{max_gap, 4 * max_gap};
    std::optional<WordMatches> found =
        PatienceMatches(a_.tokens.word_hashes, b_.tokens.word_hashes, anchors, limits);
    if (!found) return std::nullopt;
    WordMatches& matches = *found;
    const auto na = static_cast<int>(a_.tokens.word_hashes.size());
    const auto nb = static_cast<int>(b_.tokens.word_hashes.size());
    const auto [first_i, first_j] = matches.front();
    const auto [last_i, last_j] = matches.back();
    const int span_a = last_i + 1 - first_i, span_b = last_j + 1 - first_j;
    const auto matched = static_cast<int>(matches.size());
    if (span_a < options_.min_words || span_b < options_.min_words) return std::nullopt;
    if (5 * matched < 4 * span_a || 5 * matched < 4 * span_b) return std::nullopt;
    if (na - span_a >= options_.min_words && nb - span_b >= options_.min_words) return std::nullopt;
    const auto a_begin = static_cast<uint32_t>(first_i), b_begin = static_cast<uint32_t>(first_j);
    const auto a_end = static_cast<uint32_t>(last_i + 1), b_end = static_cast<uint32_t>(last_j + 1);
    if (HasBoilerplate(a_, a_begin, a_end) || HasBoilerplate(b_, b_begin, b_end)) {
      return std::nullopt;
    }
    for (auto& [mi, mj] : matches) mi -= first_i, mj -= first_j;
    return Alignment{a_begin, a_end, b_begin, b_end, std::move(matches)};
  }

  // The words occurring once in a and once in b, as (i, j), in order of i.
  WordMatches UniqueWordPairs() {
    const auto na = static_cast<int>(a_.word_ids.size()), nb = static_cast<int>(b_.word_ids.size());
    std::vector<uint32_t>& count_a = counts_.a;
    std::vector<uint32_t>& count_b = counts_.b;
    std::vector<uint32_t> position_b(b_.vocabulary.size(), kNoWord);
    for (int j = 0; j < nb; ++j) {
      const uint32_t w = b_.word_ids[j];
      ++count_b[w];
      position_b[w] = static_cast<uint32_t>(j);
    }
    for (int i = 0; i < na; ++i) ++count_a[a_.word_ids[i]];
    WordMatches anchors;
    anchors.reserve(static_cast<size_t>(std::min(a_.vocabulary.size(), b_.vocabulary.size())));
    for (int i = 0; i < na; ++i) {
      const uint32_t w = a_.word_ids[i];
      const uint32_t w_b = vocabulary_.a_to_b[w];
      if (count_a[w] == 1 && w_b != kNoWord && count_b[w_b] == 1) {
        anchors.emplace_back(i, static_cast<int>(position_b[w_b]));
      }
    }
    std::fill(count_a.begin(), count_a.end(), 0);
    std::fill(count_b.begin(), count_b.end(), 0);
    return anchors;
  }


  // Whether text[begin, end) holds a run of common text long enough to be
  // a boilerplate passage of its own. Shorter runs are stock phrases: the
  // sentence method would leave them inside the passage too.
  bool HasBoilerplate(const AlignableText& text, uint32_t begin, uint32_t end) const {
    if (text.common_text.empty()) return false;
    uint32_t run = 0;
    for (uint32_t t = begin; t < end; ++t) {
      run = text.common_text[t] ? run + 1 : 0;
      if (run >= static_cast<uint32_t>(options_.min_words)) return true;
    }
    return false;
  }

  std::optional<Alignment> ToAlignment(const Fragment& f) {
    uint32_t a_begin = sa_[f.a_first].begin, a_end = sa_[f.a_last].end;
    uint32_t b_begin = sb_[f.b_first].begin, b_end = sb_[f.b_last].end;
    const std::vector<uint8_t> a_words_in_b = WordsFoundIn(a_, b_, vocabulary_.b_to_a, b_begin, b_end);
    const std::vector<uint8_t> b_words_in_a = WordsFoundIn(b_, a_, vocabulary_.a_to_b, a_begin, a_end);
    TrimToShared(a_, a_words_in_b, &a_begin, &a_end);
    TrimToShared(b_, b_words_in_a, &b_begin, &b_end);
    // A few words at either end that the diff does not line up (an added
    // "the museum said") share words with the passage but are not part of
    // it: they are cut. Longer unmatched ends are kept: they are sentences
    // moved within the passage, found by the sentence seeds.
    constexpr int kMaxCutWords = 6;
    std::optional<WordMatches> matches;
    if (a_end > a_begin && b_end > b_begin) {
      const absl::Span<const uint64_t> words_a(a_.tokens.word_hashes);
      const absl::Span<const uint64_t> words_b(b_.tokens.word_hashes);
      matches = MyersMatches(words_a.subspan(a_begin, a_end - a_begin),
                             words_b.subspan(b_begin, b_end - b_begin), options_.max_edit_distance);
    }
    if (matches && !matches->empty()) {
      const auto [first_i, first_j] = matches->front();
      const auto [last_i, last_j] = matches->back();
      const int cut_a = first_i <= kMaxCutWords ? first_i : 0;
      const int cut_b = first_j <= kMaxCutWords ? first_j : 0;
      const int tail_a = static_cast<int>(a_end - a_begin) - last_i - 1;
      const int tail_b = static_cast<int>(b_end - b_begin) - last_j - 1;
      if (tail_a <= kMaxCutWords) a_end -= static_cast<uint32_t>(tail_a);
      if (tail_b <= kMaxCutWords) b_end -= static_cast<uint32_t>(tail_b);
      a_begin += static_cast<uint32_t>(cut_a);
      b_begin += static_cast<uint32_t>(cut_b);
      for (auto& [i, j] : *matches) i -= cut_a, j -= cut_b;
    }
    if (a_end - a_begin < static_cast<uint32_t>(options_.min_words) ||
        b_end - b_begin < static_cast<uint32_t>(options_.min_words)) {
      return std::nullopt;
    }
    return Alignment{a_begin, a_end, b_begin, b_end, std::move(matches)};
  }

  // Appends the passages of `alignment` to *out: one per stretch between
  // the places where the texts part (passage_breaks.h), each kept if it has
  // options.min_words on both sides, with long runs moved within the
  // alignment marked as such.
  void AppendPassages(const Alignment& alignment, std::vector<Passage>* out) {
    const uint32_t min_words = static_cast<uint32_t>(std::max(1, options_.min_words));
    PassageBreaks breaks(a_, b_, alignment, options_.break_words);
    for (const Alignment& stretch : breaks.Stretches(&counts_)) {
      if (stretch.a_end - stretch.a_begin < min_words || stretch.b_end - stretch.b_begin < min_words) {
        continue;
      }
      Passage passage = MakePassage(stretch.a_begin, stretch.a_end, stretch.b_begin, stretch.b_end,
                                    stretch.matches);
      for (Edit& edit : passage.edits) edit.moved = breaks.IsMoved(stretch, edit);
      out->push_back(std::move(passage));
    }
  }


  // The passage a[a_begin, a_end) ~ b[b_begin, b_end), classified, with the
  // edit script from `matches` (positions relative to the two starts; none:
  // the diff was given up).
  Passage MakePassage(uint32_t a_begin, uint32_t a_end, uint32_t b_begin, uint32_t b_end,
                      const std::optional<WordMatches>& matches) {
    Passage passage;
    passage.a = SpanOf(a_, a_begin, a_end);
    passage.b = SpanOf(b_, b_begin, b_end);
    passage.words_a = a_end - a_begin;
    passage.words_b = b_end - b_begin;
    const bool same_words =
        passage.words_a == passage.words_b &&
        std::equal(a_.tokens.word_hashes.begin() + a_begin, a_.tokens.word_hashes.begin() + a_end,
                   b_.tokens.word_hashes.begin() + b_begin);
    passage.kind = MostlyCommon(a_, a_begin, a_end) && MostlyCommon(b_, b_begin, b_end)
                       ? Passage::Kind::kBoilerplate
                   : same_words ? Passage::Kind::kVerbatim
                                : Passage::Kind::kRewritten;
    passage.similarity = same_words ? 1.0 : MultisetDice(a_begin, a_end, b_begin, b_end);
    passage.quoted = MostlyQuoted(a_, a_begin, a_end) && MostlyQuoted(b_, b_begin, b_end);
    if (!same_words) {
      passage.edits_complete = matches.has_value();
      if (matches) {
        passage.edits = EditsBetween(*matches, a_begin, static_cast<int>(passage.words_a), b_begin,
                                     static_cast<int>(passage.words_b));
      }
    }
    return passage;
  }

  double MultisetDice(uint32_t a_begin, uint32_t a_end, uint32_t b_begin, uint32_t b_end) {
    std::vector<uint32_t>& count_a = counts_.a;
    for (uint32_t t = a_begin; t < a_end; ++t) ++count_a[a_.word_ids[t]];
    size_t common = 0;
    for (uint32_t t = b_begin; t < b_end; ++t) {
      const uint32_t w = vocabulary_.b_to_a[b_.word_ids[t]];
      if (w != kNoWord && count_a[w] > 0) --count_a[w], ++common;
    }
    for (uint32_t t = a_begin; t < a_end; ++t) count_a[a_.word_ids[t]] = 0;
    return 2.0 * static_cast<double>(common) / static_cast<double>((a_end - a_begin) + (b_end - b_begin));
  }

  static bool MostlyCommon(const AlignableText& text, uint32_t begin, uint32_t end) {
    if (text.common_text.empty()) return false;
    uint32_t common = 0;
    for (uint32_t t = begin; t < end; ++t) common += text.common_text[t];
    return common * 2 >= end - begin;
  }

  // At least 90% of the words inside quotation marks, not counting the
  // attribution at either end that articles quoting one statement share
  // with it ("..., Foreign Minister Ishaq Dar told a news conference in
  // Islamabad"): an unquoted run of at most six words, or one of any length
  // that stays within the sentence where the quotation opens or closes.
  static bool MostlyQuoted(const AlignableText& text, uint32_t begin, uint32_t end) {
    constexpr uint32_t kMaxAttributionWords = 6;
    auto sentence_of = [&](uint32_t t) {
      return std::upper_bound(text.sentence_starts.begin(), text.sentence_starts.end(), t) -
             text.sentence_starts.begin();
    };
    uint32_t lead = 0, trail = 0;
    while (begin + lead < end && !text.in_quotes[begin + lead]) ++lead;
    if (begin + lead == end) return false;  // nothing quoted
    if (lead <= kMaxAttributionWords || sentence_of(begin) == sentence_of(begin + lead)) {
      begin += lead;
    }
    while (end - trail > begin && !text.in_quotes[end - 1 - trail]) ++trail;
    if (trail <= kMaxAttributionWords || sentence_of(end - 1 - trail) == sentence_of(end - 1)) {
      end -= trail;
    }
    // The count stops at the first unquoted word past a tenth: most
    // passages are not quotations.
    uint32_t unquoted = 0;
    for (uint32_t t = begin; t < end; ++t) {
      unquoted += !text.in_quotes[t];
      if (unquoted * 10 > end - begin) return false;
    }
    return true;
  }

  // Words [begin, end) of `text`, normalised and space-separated: one
  // slice of the normalised text, where they lie joined just so.
  static std::string Words(const AlignableText& text, uint32_t begin, uint32_t end) {
    if (begin >= end) return {};
    const auto& tokens = text.tokens.tokens;
    return std::string(text.tokens.normalized.data() + tokens[begin].norm_begin,
                       tokens[end - 1].norm_end - tokens[begin].norm_begin);
  }

  // Bytes of words [i0, i1) of the passage starting at token `begin`
  // (`count` words long); for i0 == i1, the empty range where they would go.
  static std::pair<uint32_t, uint32_t> ByteRange(const AlignableText& text, uint32_t begin,
                                                 int count, int i0, int i1) {
    const auto& tokens = text.tokens.tokens;
    if (i0 < i1) return {tokens[begin + i0].begin, tokens[begin + i1 - 1].end};
    const uint32_t at = i0 < count ? tokens[begin + i0].begin : tokens[begin + count - 1].end;
    return {at, at};
  }

  // The edit script between matched words: runs between matches become
  // substitutions, insertions or deletions.
  std::vector<Edit> EditsBetween(const WordMatches& matches, uint32_t a_begin,
                                 int n, uint32_t b_begin, int m) const {
    std::vector<Edit> edits;
    size_t gaps = 0;
    for (size_t k = 0; k < matches.size(); ++k) {
      gaps += k == 0 ? matches[0] != std::make_pair(0, 0)
                     : matches[k].first != matches[k - 1].first + 1 ||
                           matches[k].second != matches[k - 1].second + 1;
    }
    edits.reserve(gaps + 1);
    auto emit = [&](int i0, int i1, int j0, int j1) {
      if (i0 == i1 && j0 == j1) return;
      Edit edit;
      edit.op = i0 == i1 ? Edit::Op::kInsert : j0 == j1 ? Edit::Op::kDelete : Edit::Op::kSubstitute;
      edit.a_word = static_cast<uint32_t>(i0);
      edit.a_count = static_cast<uint32_t>(i1 - i0);
      edit.b_word = static_cast<uint32_t>(j0);
      edit.b_count = static_cast<uint32_t>(j1 - j0);
      edit.from = Words(a_, a_begin + static_cast<uint32_t>(i0), a_begin + static_cast<uint32_t>(i1));
      edit.to = Words(b_, b_begin + static_cast<uint32_t>(j0), b_begin + static_cast<uint32_t>(j1));
      std::tie(edit.a_byte_begin, edit.a_byte_end) = ByteRange(a_, a_begin, n, i0, i1);
      std::tie(edit.b_byte_begin, edit.b_byte_end) = ByteRange(b_, b_begin, m, j0, j1);
      edits.push_back(std::move(edit));
    };
    int gap_i = 0, gap_j = 0;
    for (const auto& [mi, mj] : matches) {
      emit(gap_i, mi, gap_j, mj);
      gap_i = mi + 1;
      gap_j = mj + 1;
    }
    emit(gap_i, n, gap_j, m);
    return edits;
  }

  const AlignableText& a_;
  const AlignableText& b_;
  const AlignOptions& options_;
  const std::vector<SentenceRange> sa_;
  const std::vector<SentenceRange> sb_;
  PairVocabulary vocabulary_;
  PairWordCounts counts_;
};

}  // namespace


AlignableText PrepareForAlignment(std::string_view text, const NormalizeOptions& normalize) {
  AlignableText out;
  PrepareForAlignment(text, normalize, &out);
  return out;
}

void PrepareForAlignment(std::string_view text, const NormalizeOptions& normalize,
                         AlignableText* prepared) {
  AlignableText& out = *prepared;
  out.text = text;
  out.vocabulary.clear();
  out.sentence_starts.clear();
  out.term_starts.clear();
  out.terms.clear();
  out.common_text.clear();
  // The tokenizer reserves for the worst case (a word every other byte); it
  // works in a per-thread buffer, warm after the first text, and a text kept
  // for alignment copies out only what it uses.
  thread_local TokenizedText scratch;
  Tokenizer(normalize).Tokenize(text, &scratch);
  out.tokens.tokens.assign(scratch.tokens.begin(), scratch.tokens.end());
  out.tokens.word_hashes.assign(scratch.word_hashes.begin(), scratch.word_hashes.end());
  out.tokens.normalized.assign(scratch.normalized);
  const auto& tokens = out.tokens.tokens;
  // Number the distinct words in order of first occurrence, through an
  // open-addressing table indexed by the hashes' low bits (they are uniform).
  const std::vector<uint64_t>& hashes = out.tokens.word_hashes;
  size_t slots = 16;
  while (slots < 2 * hashes.size()) slots *= 2;
  out.word_table.assign(slots, kNoWord);
  out.word_ids.resize(hashes.size());
  for (size_t t = 0; t < hashes.size(); ++t) {
    uint32_t& slot = out.word_table[out.SlotOf(hashes[t])];
    if (slot == kNoWord) {
      slot = static_cast<uint32_t>(out.vocabulary.size());
      out.vocabulary.push_back(hashes[t]);
    }
    out.word_ids[t] = slot;
  }
  out.in_quotes.resize(tokens.size());
  bool inside = false;
  uint32_t sentence_words = 0;
  for (size_t t = 0; t < tokens.size(); ++t) {
    const size_t gap_begin = t == 0 ? 0 : tokens[t - 1].end;
    const bool ends_sentence = ReadGap(text.substr(gap_begin, tokens[t].begin - gap_begin), &inside);
    out.in_quotes[t] = inside;
    if (t == 0 || ends_sentence || sentence_words >= kMaxSentenceWords) {
      out.sentence_starts.push_back(static_cast<uint32_t>(t));
      sentence_words = 0;
    }
    ++sentence_words;
  }
  // Each sentence's distinct words in order of first occurrence, counted in
  // a per-word array.
  out.sentence_frequency.assign(out.vocabulary.size(), 0);
  out.term_starts.push_back(0);
  thread_local std::vector<uint32_t> count;  // zero between uses
  count.resize(std::max(count.size(), out.vocabulary.size()), 0);
  for (const SentenceRange& sentence : Sentences(out)) {
    const size_t first_term = out.terms.size();
    for (uint32_t t = sentence.begin; t < sentence.end; ++t) {
      if (count[out.word_ids[t]]++ == 0) out.terms.emplace_back(out.word_ids[t], 0);
    }
    for (auto it = out.terms.begin() + static_cast<std::ptrdiff_t>(first_term); it != out.terms.end();
         ++it) {
      it->second = count[it->first];
      count[it->first] = 0;
      ++out.sentence_frequency[it->first];
    }
    out.term_starts.push_back(static_cast<uint32_t>(out.terms.size()));
  }
}

std::vector<Passage> AlignPassages(const AlignableText& a, const AlignableText& b,
                                   const AlignOptions& options) {
  if (a.tokens.tokens.empty() || b.tokens.tokens.empty()) return {};
  return Aligner(a, b, options).Run();
}

}  // namespace reprint
