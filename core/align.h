// Passage alignment: which stretches of text two articles share, where they
// are in both, and how they were rewritten.
//
//   const AlignableText a = PrepareForAlignment(doc_a.text, normalize);
//   const AlignableText b = PrepareForAlignment(doc_b.text, normalize);
//   std::vector<Passage> passages = AlignPassages(a, b, AlignOptions{});
//
// Method (after Sanchez-Perez et al., PAN 2014): sentences of both texts are
// compared as tf-idf word vectors; sentence pairs similar by cosine and Dice
// seed passages; seeds close together in both texts are clustered into one
// passage, and a cluster whose texts are no longer alike as a whole is split
// with a smaller gap. Word order plays no part in finding passages, so
// reordered, shuffled and lightly reworded text is found as well as verbatim
// copy. Each passage is then trimmed to start and end on shared words, and a
// word-level diff (Myers) gives its edit script.
//
// Most aligned pairs are near-duplicates, one text a lightly edited copy of
// the other. Those are tried first, in time linear in the texts: the words
// each text holds once anchor a word-level diff (patience diff), and if no
// gap of that diff could hold a passage (one side of each is shorter than
// one), it matches most of its span and it leaves no room for a second
// passage or a boilerplate run, it is the answer. Anything else goes to the
// sentence method.
//
// Either way a passage ends where the texts part: a run of
// AlignOptions::break_words words on one side that the other lacks (text
// pasted in, a paragraph dropped) splits it in two, so containment counts
// only what both texts hold.
#ifndef REPRINT_CORE_ALIGN_H_
#define REPRINT_CORE_ALIGN_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/tokenize.h"

namespace reprint {

struct AlignOptions {
  double seed_cosine = 0.33;      // sentence pairs at or above both seed thresholds ...
  double seed_dice = 0.33;        // ... start a passage (PAN 2014's winning values)
  int max_gap_sentences = 4;      // seeds this many sentences apart, on both sides, join
  double min_passage_cosine = 0.34;  // a cluster below this is split with a smaller gap
  int min_words = 15;             // passages shorter than this on either side are dropped
  int max_edit_distance = 600;    // words inserted + deleted; beyond it no edit script
  // A run of this many words on one side that the other side lacks (pasted
  // in, or dropped: fewer than half its words lie in a word trigram the
  // other side holds, and the run opposite is under half as long or shares
  // under a tenth of its content words) ends a passage; it is never an edit
  // inside one. 0: passages never break. 30, a
  // short paragraph: on 20,000 generated articles whose copies have, half of
  // them, 40-80 words pasted in and, a fifth, a paragraph dropped, 12, 20
  // and 30 give the same containment error (0.004-0.005), while PAN's human
  // rewrites, which drop a clause here and there, fall apart less at 30
  // (QUALITY.md).
  int break_words = 30;
};

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

// A text prepared once for any number of alignments. Owns a copy of nothing
// but its own tables; `text` must outlive it. Words are numbered by a
// vocabulary local to the text, so that aligning two texts needs one lookup
// per word of one of them and then only array indexing.
struct AlignableText {
  static constexpr uint32_t kNoWord = UINT32_MAX;

  std::string_view text;
  TokenizedText tokens;                   // with word_hashes, XXH3 of each word
  std::vector<uint64_t> vocabulary;       // distinct word hashes, in order of first occurrence
  std::vector<uint32_t> word_ids;         // per token: its index in `vocabulary`
  std::vector<uint32_t> sentence_starts;  // token index where each sentence starts
  std::vector<uint8_t> in_quotes;         // per token: inside quotation marks
  // Sentence s's distinct words, in order of first occurrence, with their
  // counts: terms[term_starts[s], term_starts[s + 1]) as (word id, count).
  std::vector<uint32_t> term_starts;
  std::vector<std::pair<uint32_t, uint32_t>> terms;
  // Per word id, the number of sentences that contain the word.
  std::vector<uint32_t> sentence_frequency;
  // Per token, 1 if it is boilerplate (see MarkCommonText()); empty: none is.
  std::vector<uint8_t> common_text;
  // Open addressing from word hash to word id (kNoWord: empty slot); its
  // size is a power of two.
  std::vector<uint32_t> word_table;

  size_t num_sentences() const { return sentence_starts.size(); }

  // The slot of word_table that holds `hash`'s id, or the empty slot where it would go.
  size_t SlotOf(uint64_t hash) const {
    const size_t mask = word_table.size() - 1;
    size_t slot = hash & mask;
    while (word_table[slot] != kNoWord && vocabulary[word_table[slot]] != hash) slot = (slot + 1) & mask;
    return slot;
  }
  // The id of the word with this hash, or kNoWord if the text lacks it.
  uint32_t FindWord(uint64_t hash) const {
    return word_table.empty() ? kNoWord : word_table[SlotOf(hash)];
  }
};

// Tokenises `text` (valid UTF-8) and finds its sentences (ends at . ! ? or a
// blank line) and quoted stretches. O(text.size()).
AlignableText PrepareForAlignment(std::string_view text, const NormalizeOptions& normalize);
// The same into *out, reusing the capacity of its tables.
void PrepareForAlignment(std::string_view text, const NormalizeOptions& normalize,
                         AlignableText* out);

// The passages `a` and `b` share, ordered by their start in a; spans of
// different passages do not overlap in a. Deterministic. Thread-safe.
// Roughly O(s_a * s_b) in the number of sentences sharing words.
std::vector<Passage> AlignPassages(const AlignableText& a, const AlignableText& b,
                                   const AlignOptions& options);

const char* PassageKindName(Passage::Kind kind);  // "verbatim" | "rewritten" | "boilerplate"
const char* EditOpName(Edit::Op op);              // "substitute" | "insert" | "delete"

}  // namespace reprint

#endif  // REPRINT_CORE_ALIGN_H_
