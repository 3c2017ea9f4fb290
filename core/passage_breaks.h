// Where two aligned texts part: the rule that ends a passage at text one
// side has and the other lacks, so that containment counts only what both
// texts hold.
//
//   PassageBreaks breaks(a, b, alignment, options.break_words);
//   for (const Alignment& stretch : breaks.Stretches(&counts)) {
//     ... a passage over `stretch`; for each edit, breaks.IsMoved(stretch, edit) ...
//   }
//
// The texts part at a run of the diff's unmatched words with break_words
// words or more on one side when the run facing it is under half as long
// and the other side's span holds the run nowhere (text pasted in, a
// paragraph dropped), or at two long runs facing each other that share
// hardly a content word (one replaced by the other). The other side "holds"
// a word if the word lies in a word trigram found anywhere in that side's
// span: a run moved within the passage has counterparts, pasted or dropped
// text next to none. A long moved run stays inside its passage, as an edit
// that IsMoved() marks.
//
// A diff lines up common words by chance ("the", "of") in text only one side
// has, every few words: those matches must not hide a parting. So partings
// are looked for between strong matches only: words matched in a diagonal
// run of three or more, or words one side's span holds at most twice.
//
// Internal to the alignment (core/align.h).
#ifndef REPRINT_CORE_PASSAGE_BREAKS_H_
#define REPRINT_CORE_PASSAGE_BREAKS_H_

#include <cstdint>
#include <optional>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "core/align.h"
#include "core/pair_vocabulary.h"
#include "core/word_diff.h"
#include "reprint/result.h"

namespace reprint {

// Words a[a_begin, a_end) aligned with b[b_begin, b_end) (token indices of
// two AlignableTexts): `matches` holds the word pairs a diff lined up,
// relative to the two starts, in order; nullopt if the diff was given up
// (beyond AlignOptions::max_edit_distance).
struct Alignment {
  uint32_t a_begin, a_end, b_begin, b_end;
  std::optional<WordMatches> matches;
};

// The partings of one alignment. Holds references to `a`, `b` and
// `alignment`, which must outlive it. The trigrams and counts of each side
// are built when first needed and kept: the object is for one alignment,
// on one thread (not thread-safe).
class PassageBreaks {
 public:
  // break_words: AlignOptions::break_words; 0 or less, the texts never part.
  PassageBreaks(const AlignableText& a, const AlignableText& b, const Alignment& alignment,
                int break_words);
  PassageBreaks(const PassageBreaks&) = delete;
  PassageBreaks& operator=(const PassageBreaks&) = delete;

  // The stretches of the alignment between the places where the texts
  // part, in order, each with its matches relative to its own starts: the
  // alignment itself if the texts never part, it has no matches, or they
  // part nowhere. A stretch may be shorter than a passage may be; the
  // caller drops those. Equal words just before a stretch (the diff may
  // have lined them up with lookalikes in the text that parts the two) are
  // taken into it. *counts must be all zero and is left so. O(words of the
  // alignment) besides the trigram sets.
  std::vector<Alignment> Stretches(PairWordCounts* counts);

  // Whether `edit`, of a passage over `stretch` (one of Stretches()), is a
  // run moved within the alignment: break_words or more words on one side,
  // at least half of them held by the other side's span.
  bool IsMoved(const Alignment& stretch, const Edit& edit);

 private:
  // Whether the unmatched runs [i0, i1) of a and [j0, j1) of b, facing each
  // other (positions relative to the alignment's starts), part the texts.
  bool Parts(int i0, int i1, int j0, int j1);
  // Whether run [i0, i1) of side a (or b) is long, under twice as long as
  // the run [o0, o1) facing it, and mostly without counterparts.
  bool OneSided(bool side_a, int i0, int i1, int o0, int o1);
  // Whether at least half of the words [i0, i1) of side a (or b) have a
  // counterpart.
  bool MostlyIn(bool side_a, int i0, int i1);
  // Whether under a tenth of the content words of run [i0, i1) of side a
  // (or b) (words its span holds at most twice) occur in the run [o0, o1)
  // of the other side.
  bool FewContentWordsShared(bool side_a, int i0, int i1, int o0, int o1);
  // The indices of the strong matches of the alignment; all of them if
  // none is.
  std::vector<size_t> StrongMatches(PairWordCounts* counts) const;

  const AlignableText& a_;
  const AlignableText& b_;
  const Alignment& alignment_;
  const int break_words_;
  absl::flat_hash_set<uint64_t> trigrams_a_, trigrams_b_;  // of each side's span, built when first needed
  std::vector<uint32_t> span_counts_a_, span_counts_b_;   // per word id, how often each side's span holds it
};

}  // namespace reprint

#endif  // REPRINT_CORE_PASSAGE_BREAKS_H_
