#include "core/jsonl_framer.h"

#include <algorithm>
#include <cassert>
#include <cstring>
#include <limits>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "core/article_record.h"
#include "core/encoding.h"
#include "core/large_array.h"
#include "core/parallel.h"
#include "core/parsed_block.h"
#include "simdjson.h"

namespace reprint {
namespace {

constexpr size_t kPadding = simdjson::SIMDJSON_PADDING;
constexpr size_t kHeadBytes = 4096;  // as much as DetectUtf16() looks at
constexpr size_t kNoNewline = std::numeric_limits<size_t>::max();

// What a run of reads gave: `bytes`, then the end of the input or, if
// `error` is set, a failed read.
struct Filled {
  size_t bytes = 0;
  absl::Status error;
};

// Calls read(done), which reads into out + done up to n - done bytes, until
// `n` bytes, the end of the input, or an error.
template <typename Read>
Filled Fill(size_t n, const Read& read) {
  Filled filled;
  while (filled.bytes < n) {
    absl::StatusOr<size_t> got = read(filled.bytes);
    if (!got.ok()) {
      filled.error = std::move(got).status();
      break;
    }
    if (*got == 0) break;
    filled.bytes += *got;
  }
  return filled;
}

// Reads input bytes [offset, offset + n) into `out`, over as many reads as
// they take: all of them, unless the input ends or a read fails first.
Filled FillAt(const InputFile& file, int64_t offset, char* out, size_t n) {
  return Fill(n, [&](size_t done) {
    return file.ReadAt(offset + static_cast<int64_t>(done), out + done, n - done);
  });
}

// As FillAt(), for the next `n` bytes of the input in order.
Filled FillNext(InputFile& file, char* out, size_t n) {
  return Fill(n, [&](size_t done) { return file.ReadNext(out + done, n - done); });
}

// One piece of a block, as its thread left it.
struct Piece {
  size_t begin = 0, end = 0;  // its bytes in the block's buffer
  size_t valid_end = 0;       // [begin, valid_end) hold input: `end` unless the input ended in it
  absl::Status error;         // a read that failed at valid_end
  size_t first_newline = kNoNewline;
  size_t last_newline = kNoNewline;
  // The lines that start and end in the piece, from its records[1] on;
  // records[0], with a first newline, is for the line that ends there,
  // which started before it (parsed after all pieces).
  ParsedPart parsed;
};

class JsonlFramer {
 public:
  JsonlFramer(InputFile& file, std::string_view name, const ReadOptions& options,
              const JsonlBlockSizes& sizes, CorpusBuilder& corpus)
      : file_(file),
        name_(name),
        options_(options),
        sizes_(sizes),
        corpus_(corpus),
        threads_(ResolveThreadCount(options.threads)),
        seekable_(file.size() >= 0) {
    assert(sizes.block_bytes > 0 && sizes.piece_bytes > 0);
  }

  // Reads the whole input; returns the bytes read.
  int64_t Run(bool detect_utf16) {
    std::string head(kHeadBytes, '\0');
    Filled filled =
        seekable_ ? FillAt(file_, 0, head.data(), kHeadBytes) : FillNext(file_, head.data(), kHeadBytes);
    head.resize(filled.bytes);
    bool bom = false;
    if (detect_utf16 && filled.error.ok() && DetectUtf16(head, &bom) != Utf16::kNone) {
      ReadUtf16(std::move(head));
    } else {
      pending_ = head.size() - StripUtf8Bom(head).size();
      if (!seekable_) {
        // A stream's first bytes are read: the first block starts with them.
        consumed_ = static_cast<int64_t>(head.size());
        carry_ = std::move(head);
        stream_error_ = std::move(filled.error);
      }
      while (ReadBlock()) {
      }
    }
    if (seekable_ && !failed_ && consumed_ != file_.size()) {
      corpus_.Report(Warning(name_, 0,
                             absl::StrCat(consumed_ > file_.size() ? "grew" : "shrank",
                                          " while read: ", file_.size(), " bytes when opened, ",
                                          consumed_, " read")));
    }
    return consumed_;
  }

 private:
  // Rare enough to read whole: decode, then frame the UTF-8 from memory.
  void ReadUtf16(std::string all) {
    constexpr size_t kChunk = size_t{1} << 20;
    while (true) {
      const size_t old = all.size();
      all.resize(old + kChunk);
      const Filled filled = seekable_ ? FillAt(file_, static_cast<int64_t>(old), all.data() + old, kChunk)
                                      : FillNext(file_, all.data() + old, kChunk);
      all.resize(old + filled.bytes);
      if (!filled.error.ok()) {
        consumed_ = static_cast<int64_t>(all.size());
        failed_ = true;
        corpus_.Report(Skipped(name_, 0, absl::StrCat("cannot read: ", ReasonOf(filled.error, name_))));
        return;
      }
      if (filled.bytes < kChunk) break;
    }
    consumed_ = static_cast<int64_t>(all.size());
    DecodeIfUtf16(name_, &all, corpus_);
    const std::unique_ptr<InputFile> decoded = NewMemoryInputFile(all);
    JsonlFramer(*decoded, name_, options_, sizes_, corpus_).Run(/*detect_utf16=*/false);
  }

  // Reads and parses one block. Returns false at the end of the input.
  bool ReadBlock();
  // Reads (from a file with a size) and parses the lines inside one piece.
  // `scratch` is the thread's, for a line copied to be followed by padding.
  void ReadAndParsePiece(simdjson::dom::parser& parser, std::string& scratch, char* buffer,
                         size_t carry, const std::shared_ptr<const void>& storage,
                         Piece& piece) const;
  // Parses the line buffer[pending_, newline) into *record, numbered 0 (for
  // AddParsedParts()), its text packed at its start; `valid_end`: where the
  // block's input ends, if soon after. Returns where its text ends.
  size_t ParseCrossingLine(char* buffer, size_t newline, size_t valid_end,
                           const std::shared_ptr<const void>& storage, int64_t line_number,
                           ParsedPart& part, ParsedRecord& record);

  InputFile& file_;
  const std::string_view name_;
  const ReadOptions& options_;
  const JsonlBlockSizes& sizes_;
  CorpusBuilder& corpus_;
  const int threads_;
  const bool seekable_;
  simdjson::dom::parser parser_;  // for the lines that cross pieces
  std::string scratch_;           // a line copied to be followed by padding
  std::string carry_;             // the start of the line the block before left unfinished
  int64_t skipped_ = 0;           // > 0: bytes of an overlong line passed over so far
  size_t pending_ = 0;            // where in the next block the unfinished line starts
  int64_t line_number_ = 1;       // of the line holding the next block's first byte
  int64_t consumed_ = 0;          // input bytes read into blocks
  bool failed_ = false;           // a read failed
  bool first_block_ = true;
  absl::Status stream_error_;     // a stream's failed read, not yet met by a block
};

void JsonlFramer::ReadAndParsePiece(simdjson::dom::parser& parser, std::string& scratch,
                                    char* buffer, size_t carry,
                                    const std::shared_ptr<const void>& storage,
                                    Piece& piece) const {
  if (seekable_) {
    const size_t from = std::max(piece.begin, carry);
    piece.valid_end = piece.end;
    if (from < piece.end) {
      Filled filled = FillAt(file_, consumed_ + static_cast<int64_t>(from - carry), buffer + from,
                             piece.end - from);
      piece.valid_end = from + filled.bytes;
      piece.error = std::move(filled.error);
    }
  }
  const size_t end = piece.valid_end;
  const char* first = static_cast<const char*>(std::memchr(buffer + piece.begin, '\n', end - piece.begin));
  if (first == nullptr) return;
  ParsedPart& parsed = piece.parsed;
  piece.first_newline = piece.last_newline = static_cast<size_t>(first - buffer);
  parsed.newlines = 1;
  parsed.records.emplace_back();  // the line that ends at the first newline
  // Texts are packed from the first line that starts here: the bytes before
  // it are the crossing line's, parsed after all pieces.
  char* next_text = buffer + piece.first_newline + 1;
  int64_t line_number = 1;
  for (size_t line = piece.first_newline + 1; line < end; ++line_number) {
    const char* newline = static_cast<const char*>(std::memchr(buffer + line, '\n', end - line));
    if (newline == nullptr) break;
    const size_t at = static_cast<size_t>(newline - buffer);
    ++parsed.newlines;
    piece.last_newline = at;
    std::string_view text_line(buffer + line, at - line);
    line = at + 1;
    if (IsBlankLine(text_line)) continue;
    if (end - at < kPadding) {
      // The padding would reach into the next piece, which another thread
      // may be writing.
      scratch.assign(text_line);
      scratch.append(kPadding, ' ');
      text_line = std::string_view(scratch.data(), text_line.size());
    }
    ParsedRecord& record = parsed.records.emplace_back();
    const size_t room = static_cast<size_t>(buffer + at - next_text);
    ParseJsonlRecord(parser, name_, line_number, text_line, options_,
                     TextPlace{next_text, room, &storage}, &record);
    if (record.document && IsInside(record.document->text, next_text, room)) {
      parsed.text_bytes += record.document->text.size();
      next_text += record.document->text.size();
    }
  }
  // What the texts leave of the piece's whole lines (the other fields'
  // bytes) goes back to the system; not the crossing lines' bytes, nor what
  // the first one's padding reads.
  char* const release_from = std::max(next_text, buffer + piece.first_newline + 1 + kPadding);
  if (release_from < buffer + piece.last_newline + 1) {
    ReleasePages(release_from, buffer + piece.last_newline + 1);
  }
}

size_t JsonlFramer::ParseCrossingLine(char* buffer, size_t newline, size_t valid_end,
                                      const std::shared_ptr<const void>& storage,
                                      int64_t line_number, ParsedPart& part,
                                      ParsedRecord& record) {
  const size_t length = newline - pending_;
  if (skipped_ > 0) {
    record.diagnostics.push_back(ArticleTooLarge(
        name_, line_number, skipped_ + static_cast<int64_t>(length), options_));
    skipped_ = 0;
    return pending_;
  }
  std::string_view line(buffer + pending_, length);
  if (IsBlankLine(line)) return pending_;
  if (valid_end - newline < kPadding) {
    scratch_.assign(line);
    scratch_.append(kPadding, ' ');
    line = std::string_view(scratch_.data(), length);
  }
  ParseJsonlRecord(parser_, name_, line_number, line, options_,
                   TextPlace{buffer + pending_, length, &storage}, &record);
  if (record.document && IsInside(record.document->text, buffer + pending_, length)) {
    part.text_bytes += record.document->text.size();
    return pending_ + record.document->text.size();
  }
  return pending_;
}

bool JsonlFramer::ReadBlock() {
  const size_t carry = carry_.size();
  const size_t capacity = carry + sizes_.block_bytes;
  const std::shared_ptr<char> block = SharedLargeBuffer(capacity + kPadding);
  char* const buffer = block.get();
  std::memcpy(buffer, carry_.data(), carry);
  std::string().swap(carry_);
  std::memset(buffer + capacity, ' ', kPadding);
  size_t stream_end = capacity;
  if (!seekable_) {
    Filled filled;
    if (stream_error_.ok()) filled = FillNext(file_, buffer + carry, sizes_.block_bytes);
    else filled.error = std::move(stream_error_);
    stream_end = carry + filled.bytes;
    stream_error_ = std::move(filled.error);
  }
  std::vector<Piece> pieces((capacity + sizes_.piece_bytes - 1) / sizes_.piece_bytes);
  for (size_t p = 0; p < pieces.size(); ++p) {
    pieces[p].begin = p * sizes_.piece_bytes;
    pieces[p].end = std::min(capacity, pieces[p].begin + sizes_.piece_bytes);
    pieces[p].valid_end = std::clamp(stream_end, pieces[p].begin, pieces[p].end);
  }
  ParallelFor(pieces.size(), threads_, 1, [&](size_t first, size_t last) {
    simdjson::dom::parser parser;
    std::string scratch;
    const std::shared_ptr<const void> storage = CountedApart(block);
    for (size_t p = first; p < last; ++p) {
      if (pieces[p].valid_end > pieces[p].begin || seekable_) {
        ReadAndParsePiece(parser, scratch, buffer, carry, storage, pieces[p]);
      }
    }
  });

  // The input runs on to the first piece that came short: the end, or a
  // failed read. The lines that cross pieces are parsed in order.
  const std::shared_ptr<const void> storage = CountedApart(block);
  std::vector<ParsedPart> parts;
  size_t data_end = capacity;
  bool ended = false;
  absl::Status error;
  for (Piece& piece : pieces) {
    if (piece.first_newline != kNoNewline) {
      const size_t text_end = ParseCrossingLine(buffer, piece.first_newline, piece.valid_end,
                                                storage, 0, piece.parsed, piece.parsed.records[0]);
      if (text_end < piece.first_newline) ReleasePages(buffer + text_end, buffer + piece.first_newline);
      pending_ = piece.last_newline + 1;
    }
    parts.push_back(std::move(piece.parsed));
    if (piece.valid_end < piece.end || !piece.error.ok()) {
      data_end = piece.valid_end;
      ended = true;
      error = std::move(piece.error);
      if (!seekable_) error = std::move(stream_error_);
      break;
    }
  }
  consumed_ += static_cast<int64_t>(data_end - carry);
  size_t tail_text_end = pending_;
  if (ended && error.ok()) {  // the end of the input: what is left is its last line
    ParsedPart& last = parts.back();
    const std::string_view line(buffer + pending_, data_end - pending_);
    if (skipped_ > 0) {
      last.records.emplace_back().diagnostics.push_back(ArticleTooLarge(
          name_, last.newlines, skipped_ + static_cast<int64_t>(line.size()), options_));
    } else if (!IsBlankLine(line)) {
      scratch_.assign(line);
      scratch_.append(kPadding, ' ');
      ParsedRecord& record = last.records.emplace_back();
      ParseJsonlRecord(parser_, name_, last.newlines, std::string_view(scratch_.data(), line.size()),
                       options_, TextPlace{buffer + pending_, line.size(), &storage}, &record);
      if (record.document && IsInside(record.document->text, buffer + pending_, line.size())) {
        last.text_bytes += record.document->text.size();
        tail_text_end += record.document->text.size();
      }
    }
  } else if (!ended) {  // the unfinished line goes on into the next block
    const int64_t length = skipped_ + static_cast<int64_t>(data_end - pending_);
    if (length > options_.max_article_bytes) {
      skipped_ = length;
    } else {
      carry_.assign(buffer + pending_, data_end - pending_);
    }
  }
  ReleasePages(buffer + tail_text_end, buffer + capacity);
  const size_t documents_before = corpus_.size();
  line_number_ += AddParsedParts(buffer, data_end, line_number_, threads_, parts, corpus_);
  if (first_block_ && seekable_ && !ended && consumed_ < file_.size()) {
    // Room for the whole file's documents, from how many this block held.
    const double per_byte = static_cast<double>(corpus_.size() - documents_before) /
                            static_cast<double>(std::max<size_t>(1, data_end));
    corpus_.ReserveMore(
        static_cast<size_t>(1.1 * per_byte * static_cast<double>(file_.size() - consumed_)));
  }
  first_block_ = false;
  pending_ = 0;
  if (!error.ok()) {
    failed_ = true;
    corpus_.Report(Skipped(name_, line_number_,
                           absl::StrCat("cannot read further: ", ReasonOf(error, name_))));
  }
  return !ended;
}

}  // namespace

int64_t ReadJsonlInput(InputFile& file, std::string_view name, const ReadOptions& options,
                       const JsonlBlockSizes& sizes, bool detect_utf16, CorpusBuilder& corpus) {
  return JsonlFramer(file, name, options, sizes, corpus).Run(detect_utf16);
}

}  // namespace reprint
