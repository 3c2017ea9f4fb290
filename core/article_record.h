// One article into a Document: a JSONL record (one line, parsed with
// simdjson) or a whole plain-text file, with the diagnostics it earns.
//
// A bad record is not an error here: ParseJsonlRecord() returns no document
// and a kSkipped diagnostic saying what was wrong. Text that is not valid
// UTF-8 is decoded as Windows-1252, with a warning.
#ifndef REPRINT_CORE_ARTICLE_RECORD_H_
#define REPRINT_CORE_ARTICLE_RECORD_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/corpus_builder.h"
#include "reprint/document.h"
#include "reprint/reader.h"
#include "simdjson.h"

namespace reprint {

// Whether a JSONL line is only spaces, tabs, carriage returns and newlines
// (such lines are passed over silently).
bool IsBlankLine(std::string_view line);

// "article of 3.2 MB is over the limit of 1 MB (--max-article-mb)", kSkipped.
Diagnostic ArticleTooLarge(std::string_view file, int64_t line, int64_t bytes,
                           const ReadOptions& options);

// One JSONL line's outcome: a document and/or diagnostics about it. Line
// numbers in it are as ParseJsonlRecord() was given them.
struct ParsedRecord {
  std::optional<Document> document;
  std::vector<Diagnostic> diagnostics;
};

// Where a record's decoded text may go: `room` bytes at `at`, kept alive by
// *storage (which must outlive the call).
struct TextPlace {
  char* at = nullptr;
  size_t room = 0;
  const std::shared_ptr<const void>* storage = nullptr;
};

// Parses the JSONL record `line` (`line_number` of `file`) into *result.
// REQUIRES: simdjson::SIMDJSON_PADDING readable bytes follow `line`.
// The text is copied to `place` when it fits (a JSON string never decodes
// longer than its line, so `place` may overlap the line itself: the line is
// not read after its text is copied), otherwise into a string of its own
// (as a line decoded from Windows-1252 can grow). A line over
// options.max_article_bytes is not parsed: ArticleTooLarge().
// Complexity: linear in the line. Thread-compatible (one parser per thread).
void ParseJsonlRecord(simdjson::dom::parser& parser, std::string_view file, int64_t line_number,
                      std::string_view line, const ReadOptions& options, const TextPlace& place,
                      ParsedRecord* result);

// Decodes *content in place if it is UTF-16 (encoding.h: DetectUtf16()),
// reporting a warning about `file` that says which order and whether a byte
// order mark was found.
void DecodeIfUtf16(std::string_view file, std::string* content, CorpusBuilder& corpus);

// Adds `content`, the whole plain-text file `file`, as one article with id
// `id`: decoded from UTF-16 or Windows-1252 where it is not UTF-8 (with a
// warning), or skipped (ArticleTooLarge()) when over the article limit.
void AddPlainTextArticle(const std::string& file, const DocId& id, std::string&& content,
                         const ReadOptions& options, CorpusBuilder& corpus);

}  // namespace reprint

#endif  // REPRINT_CORE_ARTICLE_RECORD_H_
