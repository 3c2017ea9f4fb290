// The records parsed from one block of JSONL, in parts (each one thread's),
// and how they join the corpus: texts packed, lines numbered, ids claimed.
//
// Memory: the documents' texts view the block's buffer, each kept alive by
// a count of its own part (CountedApart()), or, when they fill less than
// half of it, a buffer of their own size that they are moved to.
#ifndef REPRINT_CORE_PARSED_BLOCK_H_
#define REPRINT_CORE_PARSED_BLOCK_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "core/article_record.h"
#include "core/corpus_builder.h"
#include "reprint/document.h"

namespace reprint {

// The lines of one part of a block, parsed, in line order.
struct ParsedPart {
  int64_t newlines = 0;               // in the part's bytes
  std::vector<ParsedRecord> records;  // lines numbered from 0, the line holding the part's first byte
  size_t text_bytes = 0;              // of the texts in the block's buffer
};

// A reference to `buffer` with a reference count of its own, for the texts
// one thread makes: threads then do not share one count for every text.
std::shared_ptr<const void> CountedApart(const std::shared_ptr<char>& buffer);

// Whether `text` views bytes in buffer[0, size).
bool IsInside(const Text& text, const char* buffer, size_t size);

// Adds the documents and messages of `parts`, consecutive stretches of a
// file whose texts may lie in buffer[0, size), to the corpus in order, the
// part's line numbers made the file's: `first_line` is the number of the
// line holding the first part's first byte. If those texts fill less than
// half of the buffer they move to one of their own length first. Leaves
// `parts` emptied. Returns the number of newlines in all parts.
// Runs on `threads` threads but for the reporting, which is in input order.
int64_t AddParsedParts(const char* buffer, size_t size, int64_t first_line, int threads,
                       std::vector<ParsedPart>& parts, CorpusBuilder& corpus);

}  // namespace reprint

#endif  // REPRINT_CORE_PARSED_BLOCK_H_
