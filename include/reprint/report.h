// Reports render a finished scan: ScanReport is what every report shows;
// the text report for people is here, the JSONL records for programs in
// core/scan_records.h, the HTML page in core/html_report.h. Reports format;
// they never recompute anything.
#ifndef REPRINT_REPORT_H_
#define REPRINT_REPORT_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "absl/types/span.h"
#include "reprint/document.h"
#include "reprint/options.h"
#include "reprint/result.h"

namespace reprint {

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

// Documents without a publication time. The reports state how many: an
// undated article gives no direction, so the count bounds what origins and
// directions a report can name.
size_t CountUndated(absl::Span<const Document> documents);

// A summary for a person: the options, each cluster with its members'
// outlets, dates, titles and similarity to the member they most likely came
// from, each pair's passages one above the other with the changed words
// marked ([-a's-] {+b's+}, or red and green with `color`), then totals.
// Byte-identical for identical inputs and options, whatever the thread
// count, as the JSONL records are.
void WriteTextReport(const ScanReport& report, std::ostream& out);

}  // namespace reprint

#endif  // REPRINT_REPORT_H_
