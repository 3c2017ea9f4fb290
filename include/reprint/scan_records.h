// Scan records: the JSONL a scan and the archive's views write (DESIGN.md,
// `--format jsonl`), and the reader that turns such a file back into the
// result model. Each record type's writer and reader live side by side in
// scan_records.cc, so a field written is a field read.
//
//   WriteJsonlReport(report, out);  // report: a ScanReport over a Scan()
//   absl::StatusOr<ScanRecords> records = ReadScanRecords("scan.jsonl");
//   // records->documents, records->result (pairs, clusters, identical
//   // groups), records->options: what the scan found and how.
#ifndef REPRINT_SCAN_RECORDS_H_
#define REPRINT_SCAN_RECORDS_H_

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "reprint/document.h"
#include "reprint/options.h"
#include "reprint/report.h"
#include "reprint/result.h"

namespace reprint {

// Version of the record layout written; bumped when a field changes
// meaning. ReadScanRecords() reads version 1 too: its pairs lack shingle
// containment, and it has no "identical" records (every pair is explicit).
inline constexpr int kOutputFormatVersion = 2;

// Writes `report` as records, one per line, in this order:
//   {"type":"run", "format_version", "reprint_version", "command", "options": {...},
//    "inputs": [...], "archive" (if any), "timezone" (if given), "articles", "undated_articles"}
//   {"type":"pair", "a", "b", "jaccard", "jaccard_estimate", "near_duplicate",
//    "containment_a_in_b", "containment_b_in_a", "shingle_containment_a_in_b",
//    "shingle_containment_b_in_a", "direction", "passages": [{"a": SPAN, "b": SPAN, "kind",
//    "similarity", "quoted", "words_a", "words_b", "edits_complete", "edits": [...]}]}
//                                                        one per pair, in result order
//   {"type":"identical", "first", "copies": [...]}       one per group
//   {"type":"cluster", "id", "size", "origin", "origin_known" (if false), "members": [...],
//    "sources": [...], "first_seen", "last_seen" (if any member is dated), "tree": [...]}
//   {"type":"summary", "documents", "documents_without_words", "identical_copies", "skipped",
//    "warnings", "shingles", "candidates", "passage_candidates", "pairs",
//    "near_duplicate_pairs", "passages", "clusters"}
// Ids are written in the JSON type they were read as. Byte-identical for
// identical inputs and options, whatever the thread count: nothing time- or
// machine-dependent is written. Pairs and clusters are formatted on
// report.options->threads threads.
void WriteJsonlReport(const ScanReport& report, std::ostream& out);

// What the run and summary records say about the run itself.
struct RunRecord {
  int format_version = 1;           // 1 when the record lacks it
  std::string reprint_version;
  std::string command;              // "scan", "query", ...
  std::vector<std::string> inputs;
  std::string archive;              // "" if none was read
  std::string timezone;             // "" if none was given
  int64_t articles = 0;             // documents the run covered, paired or not
  int64_t undated_articles = 0;
  int64_t records_skipped = 0;      // from the summary record; 0 without one
  int64_t warnings = 0;
};

// A file of records read back into the result model.
struct ScanRecords {
  // Every article a pair, identical or cluster record names, in order of
  // first mention, carrying its id only: the records hold no text, dates or
  // outlets per article. So documents.size() can be less than
  // run.articles (articles without pairs are not named).
  std::vector<Document> documents;
  // Indices into `documents`. Pairs, clusters and groups in the order the
  // records give them; a pair keeps the orientation it was written in (the
  // writer's a came first in its input, an order the records do not carry,
  // so a < b need not hold here). Read back: every pair field; passages
  // with both spans, kind, similarity, quotation, word counts and edits
  // (their op, word positions and words; an edit's byte offsets are not
  // written and read as 0); shares_reused_text from the passages (one that
  // is neither boilerplate nor quoted); cluster ids, members, origins and
  // origin_known; the summary's counts into stats, with stats.lsh from the
  // run record's options. Timings read as 0.
  ScanResult result;
  ScanOptions options;  // the run record's; threads left at its default
  RunRecord run;
};

// Reads a file WriteJsonlReport() wrote (or an older layout, see
// kOutputFormatVersion). Records of other types are ignored, so output with
// records appended (query's "source", audit's) reads too. Optional fields a
// record lacks take their defaults; version-1 pairs without
// "near_duplicate" are near-duplicates, and without shingle containment
// take their containment. O(size of the file) in time and memory.
//
// NotFound if `path` cannot be opened. InvalidArgument naming path:line
// for a line that is not a JSON object, a record without a "type", a pair
// without "a" and "b", a passage without char spans, an edit without
// a_count and b_count, an unknown passage kind or edit op, an identical
// record without "first" and "copies", a cluster without "origin" and
// "members", an id that is not a string or an integer, or bad run options;
// InvalidArgument naming `path` when there is no "run" record.
absl::StatusOr<ScanRecords> ReadScanRecords(const std::string& path);

}  // namespace reprint

#endif  // REPRINT_SCAN_RECORDS_H_
