// Options: every setting that shapes what reprint finds, as plain data.
// The stages (core/tokenize.h, shingle.h, minhash.h, lsh.h, fingerprint.h,
// align.h) read their part; ScanOptions gathers them for a whole scan.
// Defaults are the product's defaults: every figure in QUALITY.md is
// measured with them. core/option_registry.h names each option once for
// the command line, the archive and the JSONL run record.
#ifndef REPRINT_OPTIONS_H_
#define REPRINT_OPTIONS_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>

namespace reprint {

// How words are normalised (core/tokenize.h): NFKC and case folding always.
struct NormalizeOptions {
  bool strip_diacritics = false;  // fold "café" to "cafe" (Unicode marks removed)
};

// Word shingles (core/shingle.h).
struct ShingleOptions {
  int size = 5;  // k, words per shingle; a text of fewer words is one shingle
};

// MinHash sketches (core/minhash.h).
enum class SketchMethod { kOnePermutation, kPermutations };

// "oph" and "permutations", as options and outputs name them.
std::string_view SketchMethodName(SketchMethod method);
std::optional<SketchMethod> ParseSketchMethod(std::string_view name);

struct MinHashOptions {
  int num_perm = 128;  // k, signature length; 1..4096
  uint64_t seed = 1;   // draws the family; signatures compare only under one seed
  SketchMethod method = SketchMethod::kOnePermutation;  // and under one method
};

// LSH banding (core/lsh.h).
struct LshParams {
  int num_bands = 0;      // b
  int rows_per_band = 0;  // r; uses the first b*r signature positions
};

// How much a missed pair (false negative) costs against a needless candidate
// (false positive) when choosing (b, r). reprint verifies every candidate
// exactly, so a false positive costs one set intersection (about a
// microsecond) while a false negative is a pair lost for good: the defaults
// weigh misses 19 times heavier than datasketch's equal weights do.
struct LshWeights {
  double false_positive = 0.05;
  double false_negative = 0.95;
};

// Passage fingerprints (core/fingerprint.h).
struct FingerprintOptions {
  int words = 3;                   // n-gram length; 3 survives an edit every fourth word
  int window = 5;                  // winnowing window: any shared run of 7 words is caught
  int min_shared = 3;              // pairs sharing this many fingerprints become candidates
  int max_document_frequency = 50; // a fingerprint in more articles is a stock phrase or
                                   // boilerplate, not evidence of copying; it is ignored
  // A fingerprint in more than this many articles of one outlet is that
  // outlet's own boilerplate (footer, byline, share labels, a background
  // paragraph it reuses), whatever the archive's size; ignored likewise. A
  // wire story republished by many outlets, once each, stays evidence.
  int max_outlet_frequency = 4;
};

// Passage alignment (core/align.h).
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

// Called as work advances: `done` of `total` units of `stage` are finished.
// May be called from several threads at once, and must be thread-safe.
using ProgressCallback =
    std::function<void(std::string_view stage, size_t done, size_t total)>;

// The passage layer: which articles share passages, and which passages.
struct PassageOptions {
  // On by default: saying which text was reused is what reprint is for.
  // Off gives the document-level scan alone (pairs at the threshold and
  // their clusters), about a quarter of the time.
  bool enabled = true;
  FingerprintOptions fingerprints;  // finds articles that share a passage
  AlignOptions align;               // finds the passages themselves
};

struct ScanOptions {
  double threshold = 0.5;             // report pairs whose shingle Jaccard >= this
  NormalizeOptions normalize;         // how words are normalised
  ShingleOptions shingle;             // k = 5 words
  MinHashOptions minhash;             // 128 permutations, seed 1
  LshWeights lsh_weights;             // how (b, r) is chosen from the threshold
  std::optional<LshParams> lsh;       // explicit (b, r); unset = chosen from the threshold
  PassageOptions passages;            // reused passages, also below the threshold
  int threads = 0;                    // 0 = one per hardware thread
  // Candidates are verified (and with passages, aligned) in blocks whose
  // documents' shingle lists (8 bytes per word) and, with passages, texts
  // prepared for alignment (about 60 bytes per word) are held at once: at
  // most this many documents, so memory stays bounded however large the
  // input. The result does not depend on it. 512 costs no time against
  // 1,024 and keeps the peak under 900 bytes per article (BENCHMARKS.md).
  size_t verify_block_documents = 512;
  ProgressCallback progress;          // optional
};

}  // namespace reprint

#endif  // REPRINT_OPTIONS_H_
