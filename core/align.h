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
//
// The steps live in internal modules: word_diff.h (Myers and patience
// diffs), pair_vocabulary.h (the two vocabularies matched and weighed),
// sentence_seeds.h (the sentence method) and passage_breaks.h (where the
// texts part).
#ifndef REPRINT_CORE_ALIGN_H_
#define REPRINT_CORE_ALIGN_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/tokenize.h"
#include "reprint/options.h"
#include "reprint/result.h"

namespace reprint {

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

}  // namespace reprint

#endif  // REPRINT_CORE_ALIGN_H_
