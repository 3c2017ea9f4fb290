// Reports: render a finished scan for people (text) or programs (JSONL).
// Reports format; they never recompute anything.
#ifndef REPRINT_CORE_REPORT_H_
#define REPRINT_CORE_REPORT_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "absl/types/span.h"
#include "core/document.h"
#include "core/options.h"
#include "core/result.h"

namespace reprint {

// Version of the JSONL record layout; bumped when a field changes meaning.
// 2: identical copies are paired with their group's first only, and an
// "identical" record names each group (ScanResult::identical).
inline constexpr int kOutputFormatVersion = 2;

// Everything a report shows. References must outlive the Write* call.
struct ScanReport {
  absl::Span<const Document> documents;  // as given to Scan()
  const ScanResult* result = nullptr;
  const ScanOptions* options = nullptr;
  std::vector<std::string> inputs;       // as named on the command line
  std::string command = "scan";          // the reprint command that made the report
  std::string archive;                   // the archive file it read, if any
  std::string timezone;                  // --timezone, if given: zone-less dates were read in it
  int64_t records_skipped = 0;
  int64_t warnings = 0;
  bool color = false;                    // text report: ANSI colours for edits
};

// The graph PropagationTree() walks, from a result's pairs: its
// near-duplicate pairs, weighted by Jaccard.
SimilarityGraph NearDuplicateGraph(const ScanResult& result);

// JSONL per DESIGN.md, one record per line, in this order:
//   {"type":"run", "format_version", "reprint_version", "command", "options": {...},
//    "inputs": [...], "archive" (if any), "timezone" (if given), "articles", "undated_articles"}
//   {"type":"pair", "a", "b", "jaccard", "jaccard_estimate", "containment_a_in_b",
//    "containment_b_in_a", "passages": []}                 sorted by input order of (a, b)
//   {"type":"cluster", "id", "size", "origin", "members": [...], "sources": [...]}
//   {"type":"summary", "documents", "skipped", "warnings", "pairs", "clusters", ...}
// Byte-identical for identical inputs and options, whatever the thread count:
// nothing time- or machine-dependent is written.
void WriteJsonlReport(const ScanReport& report, std::ostream& out);

// A summary for a person: the options, each cluster with its members'
// outlets, dates, titles and similarity to the member they most likely came
// from, each pair's passages one above the other with the changed words
// marked ([-a's-] {+b's+}, or red and green with `color`), then totals.
// Deterministic like the JSONL.
void WriteTextReport(const ScanReport& report, std::ostream& out);

}  // namespace reprint

#endif  // REPRINT_CORE_REPORT_H_
