// Reading a JSONL input: cutting it into lines, block by block, and parsing
// the lines on all threads into the corpus. One routine frames every input,
// a regular file, standard input or a pipe, and JSONL already in memory;
// only how a block's bytes arrive differs.
//
// A block (JsonlBlockSizes::block_bytes of input, after the unfinished line
// the block before left) is cut into pieces of piece_bytes that the
// threads take in turn. From a file with a size (InputFile::size() >= 0)
// each thread reads its piece itself, at its offset, straight into the
// block's buffer, and parses it while it is still in its cache; a stream is
// read a block at a time on the calling thread first. A piece parses the
// lines that both start and end in it, each text decoded over its own line,
// packed after the piece's earlier texts; then, on the calling thread, the
// lines that cross from one piece into the next are parsed where they lie.
// So each input byte is copied once, and each text once more, into the
// buffer its Document views (parsed_block.h).
//
// Rules, the same for every input:
//  - Lines end at '\n'; a last line without one is read. Blank lines are
//    passed over; line numbers count them.
//  - A UTF-8 byte order mark at the start is not text. With detect_utf16,
//    an input whose first 4 KiB look like UTF-16 (encoding.h) is read whole,
//    decoded with a warning, and framed as UTF-8 from memory.
//  - A line longer than ReadOptions::max_article_bytes is skipped with
//    ArticleTooLarge() (article_record.h) at its line and with its size. It
//    is never held whole: once the unfinished line passes the limit it is
//    only measured as the blocks stream past.
//  - A failed read ends the input there: the whole lines before it are
//    kept, the line it cut is dropped, and a kSkipped diagnostic at that
//    line says "cannot read further: <reason>" (input_file.h: ReasonOf()).
//    If the UTF-16 read fails, the input is skipped whole (line 0) with
//    "cannot read: <reason>".
//  - A file whose reads end at another size than it had when opened is read
//    to where its reads end, with a warning at line 0: "grew while read: N
//    bytes when opened, M read" or "shrank while read: N bytes when opened,
//    M read". A line the end cut is read as a last line.
//
// Memory: a block's buffer is its read bytes and their texts at once: the
// whole pages the texts leave are given back; texts that fill less than
// half of the block move to a buffer of their own length.
#ifndef REPRINT_CORE_JSONL_FRAMER_H_
#define REPRINT_CORE_JSONL_FRAMER_H_

#include <cstdint>
#include <string_view>

#include "core/corpus_builder.h"
#include "core/input_file.h"
#include "reprint/reader.h"

namespace reprint {

// Reads the JSONL lines of `file` from its start (rules above), naming it
// `name` in diagnostics, into *corpus in line order. `detect_utf16`: whether
// an input that looks like UTF-16 is decoded (false: read as UTF-8). Returns
// the number of bytes read from `file`. Never fails: read errors become
// diagnostics. Complexity: linear in the input. Uses options.threads
// threads; thread-compatible. REQUIRES: sizes' fields > 0.
int64_t ReadJsonlInput(InputFile& file, std::string_view name, const ReadOptions& options,
                       const JsonlBlockSizes& sizes, bool detect_utf16, CorpusBuilder& corpus);

}  // namespace reprint

#endif  // REPRINT_CORE_JSONL_FRAMER_H_
