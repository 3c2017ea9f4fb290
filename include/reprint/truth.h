// Truth records: how each article of a generated archive came to be, as
// `reprint gen --truth` writes them, one JSON object per line, and as eval
// reads them back. The writer and the reader live side by side here.
//
//   out << TruthJsonLine(record) << "\n";          // one line per article
//   absl::StatusOr<std::vector<TruthRecord>> truth = ReadTruth("truth.jsonl");
#ifndef REPRINT_TRUTH_H_
#define REPRINT_TRUTH_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "reprint/document.h"

namespace reprint {

// A passage an article took from another one, in characters (half-open),
// from its first word to its last.
struct TruthPassage {
  DocId source;
  uint32_t source_begin = 0;
  uint32_t source_end = 0;
  uint32_t begin = 0;  // in the article that took it
  uint32_t end = 0;
};

// How an article came to be: original (no parent) or derived from `parent`.
// All articles derived from one original share its `family`. An original may
// still have taken a passage from another article (`passages`).
struct TruthRecord {
  DocId id;
  int64_t family = 0;
  std::optional<DocId> parent;
  std::vector<std::string> operations;  // e.g. "dateline", "edit:3.2%", "truncate:80%"
  std::vector<TruthPassage> passages;   // embedded from other articles
  // Written by GenerateSynthetic (absent elsewhere): the family's original,
  // which a cluster should name as its origin; how the article was made
  // ("original", or a copy "edited", "truncated" (and maybe edited),
  // "reordered"); and the exact Jaccard of its 5-word shingle set (default
  // normalisation) with its parent's.
  std::optional<DocId> origin;
  std::string kind;
  std::optional<double> parent_jaccard;
  // For a copy: the share of its characters that came from its parent, and
  // the share of the parent's characters it kept. Both count the stretches
  // from the first word of each run of sentences taken in order to the last
  // word of the run, as passages span; what the copy added (dateline,
  // footer, a pasted paragraph) or left out (a dropped paragraph, a cut
  // tail) is outside them. Word edits inside a sentence are inside.
  std::optional<double> containment_in_parent;
  std::optional<double> parent_containment_in_copy;
};

// How a copy was made, from its operations: "truncated" (maybe also
// edited or reordered), else "reordered", else "edited".
std::string CopyKind(absl::Span<const std::string> operations);

// {"id":..,"family":..,"parent":..|null,"operations":[..]} plus "origin",
// "kind", "jaccard_with_parent", "containment_in_parent" and
// "parent_containment_in_copy" when set (fractions to 4 decimals), and,
// when there are any, "passages":[{"source":..,"source_begin":..,
// "source_end":..,"begin":..,"end":..}] (no newline).
std::string TruthJsonLine(const TruthRecord& truth);

// Reads a file of TruthJsonLine() lines (blank lines are skipped); ids keep
// their JSON type. Fields TruthJsonLine() writes only when set may be
// absent; "id" and "family" may not. NotFound if `path` cannot be opened;
// InvalidArgument naming path:line for a line that is not such a record.
absl::StatusOr<std::vector<TruthRecord>> ReadTruth(const std::string& path);

}  // namespace reprint

#endif  // REPRINT_TRUTH_H_
