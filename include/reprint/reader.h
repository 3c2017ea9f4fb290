// Readers: turn input paths into Documents, reporting bad records instead of
// stopping at them.
//
//   Corpus corpus = ReadInputs({"corpus/", "extra.jsonl", "-"}, {});
//   for (const Diagnostic& d : corpus.diagnostics) std::cerr << d.ToString() << "\n";
//
// Inputs, each read in the order given:
//   "-"          JSONL on standard input
//   a directory  every *.txt (one article each, id = path relative to the
//                directory) and *.jsonl file below it, recursively, in byte
//                order of relative path; symlinks to directories not followed
//   *.jsonl      one article per line: {"id": str|int, "text": str} plus
//                optional "source", "published", "title", "url" (DESIGN.md)
//   other files  one plain-text article, id = the path as given
//
// Memory: a JSONL block's texts share one buffer (Document::text views it,
// and keeps it alive), packed one after another; the whole pages that the
// block's other fields would have taken are given back, or, when the texts
// fill less than half of the block, they move to a buffer of their own
// length. So the texts of a JSONL file take about their own size in memory
// on Linux; elsewhere (and under AddressSanitizer) up to twice. Any one
// document keeps its whole buffer alive, skipped records' texts included.
//
// Read errors: a file that cannot be opened or listed is skipped with a
// diagnostic at line 0 ("cannot read: <reason>", "cannot list directory:
// <reason>"); a JSONL read that fails midway keeps the lines before it and
// says "cannot read further: <reason>" at the line it cut; a file that
// grows or shrinks while read is read to where its reads end, with a
// warning (core/jsonl_framer.h states each rule and message).
//
// Text that is not valid UTF-8 is decoded as Windows-1252 with a warning.
// A bad record (malformed JSON, missing or mistyped id/text, an id seen
// before) is skipped with a diagnostic naming file and line; the rest is read.
#ifndef REPRINT_READER_H_
#define REPRINT_READER_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/types/span.h"
#include "reprint/document.h"

namespace reprint {

struct Diagnostic {
  enum class Severity {
    kWarning,  // the record was kept (e.g. re-decoded, a bad optional field ignored)
    kSkipped,  // the record, or the whole input when line == 0, was not read
  };
  Severity severity = Severity::kWarning;
  std::string file;  // as given on the command line, or "<stdin>"
  int64_t line = 0;  // 1-based; 0 when the message is about the whole file
  std::string message;

  // "file:line: warning: message" or "file: skipped: message".
  std::string ToString() const;
};

struct ReadOptions {
  int threads = 0;  // parse JSONL lines on this many threads; 0 = all cores
  // An article (a JSONL line or a text file) larger than this is skipped
  // with a message. JSONL is read in blocks, so a longer line never sits in
  // memory whole: reading takes at most about this per thread, plus 32 MiB.
  int64_t max_article_bytes = int64_t{64} << 20;
  // Publication times and dates without a zone are read this many seconds
  // east of UTC (--timezone); 0: as UTC.
  int64_t default_utc_offset_seconds = 0;
};

struct Corpus {
  std::vector<Document> documents;      // in input order
  std::vector<Diagnostic> diagnostics;  // in input order
  int64_t records_skipped = 0;          // bad records and unreadable inputs
  int64_t bytes_read = 0;               // input bytes, for throughput figures
};

// Reads `inputs` in order (see the file comment). Never fails as a whole:
// unreadable inputs are diagnostics. Thread-compatible.
Corpus ReadInputs(absl::Span<const std::string> inputs, const ReadOptions& options);

// Appends the articles of JSONL `content` (named `file` in diagnostics) to
// *corpus, skipping records whose id an earlier line of `content` has (ids
// already in *corpus are not checked; ReadInputs checks across inputs).
// `content` is UTF-8 (a leading byte order mark is passed over), never
// taken for UTF-16; it is copied once, into the blocks that the texts view.
// Does not count bytes_read.
void ReadJsonl(std::string_view file, std::string_view content, const ReadOptions& options,
               Corpus* corpus);

class InputFileSystem;  // core/input_file.h

// The sizes JSONL is read in (core/jsonl_framer.h): a block at a time, each
// in pieces that the threads take in turn. Any sizes give the same corpus;
// tests choose small ones so that small files cross every kind of edge.
struct JsonlBlockSizes {
  size_t block_bytes = size_t{16} << 20;  // read and parsed at once; > 0
  size_t piece_bytes = size_t{1} << 20;   // one thread's share of a block; > 0
};

// ReadInputs(inputs, options), reading every input through `files` (which
// must outlive the call) and JSONL in blocks of `sizes`. The two-argument
// form reads through PosixInputFileSystem() with the default sizes.
Corpus ReadInputs(absl::Span<const std::string> inputs, const ReadOptions& options,
                  InputFileSystem& files, const JsonlBlockSizes& sizes = {});

}  // namespace reprint

#endif  // REPRINT_READER_H_
