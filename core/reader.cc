#include "core/reader.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cassert>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <optional>
#include <system_error>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "core/encoding.h"
#include "core/large_array.h"
#include "core/parallel.h"
#include "simdjson.h"
#include "xxhash.h"

namespace reprint {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kStdinName = "<stdin>";

// One JSONL line's outcome: a document and/or diagnostics about it.
struct LineResult {
  std::optional<Document> document;
  std::vector<Diagnostic> diagnostics;
};

Diagnostic Skipped(std::string_view file, int64_t line, std::string message) {
  return {Diagnostic::Severity::kSkipped, std::string(file), line, std::move(message)};
}

Diagnostic Warning(std::string_view file, int64_t line, std::string message) {
  return {Diagnostic::Severity::kWarning, std::string(file), line, std::move(message)};
}

bool IsBlank(std::string_view line) {
  return std::all_of(line.begin(), line.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; });
}

// A hash of an id, type included, for CorpusBuilder::Claim().
uint64_t HashOfId(const DocId& id) {
  return XXH3_64bits_withSeed(id.value.data(), id.value.size(), id.is_integer ? 1 : 0);
}

// Appends to a Corpus in input order, skipping any record whose id an earlier
// one already has, with a diagnostic in its place.
class CorpusBuilder {
 public:
  explicit CorpusBuilder(Corpus* corpus) : corpus_(corpus) {}

  void Add(Document&& doc) {
    if (Claim(doc)) corpus_->documents.push_back(std::move(doc));
  }

  // For filling in place, in parallel: appends n empty documents and
  // returns the first; they must then be claimed with ClaimFrom(), and
  // those refused dropped with DropAfter().
  size_t Extend(size_t n) {
    const size_t first = corpus_->documents.size();
    corpus_->documents.resize(first + n);
    return first;
  }
  Document& at(size_t i) { return corpus_->documents[i]; }
  size_t size() const { return corpus_->documents.size(); }
  // Room for `more` documents after those held, so that growing the corpus
  // does not move every document already read.
  void ReserveMore(size_t more) {
    corpus_->documents.reserve(corpus_->documents.size() + more);
    // A shard's share, and a quarter more for the spread between shards.
    for (IdSet& shard : seen_) shard.reserve(shard.size() + more / kShards * 5 / 4);
  }

  // True if no earlier document has doc's id; otherwise reports it as a
  // duplicate (the first record with an id is kept) and returns false.
  bool Claim(const Document& doc) {
    const uint64_t hash = HashOfId(doc.id);
    if (seen_[ShardOf(hash)].insert({hash, doc.id}).second) return true;
    ReportDuplicate(doc);
    return false;
  }

  // Claims the ids of the documents from `first` on, whose HashOfId() are
  // id_hashes, as Claim() would one by one in order, on `threads` threads;
  // sets keep[i] to whether documents[first + i] was the first with its id.
  // Reports nothing: the caller reports a duplicate where its record's
  // messages go (ReportDuplicate()).
  void ClaimFrom(size_t first, absl::Span<const uint64_t> id_hashes, int threads,
                 std::vector<uint8_t>* keep) {
    // An id always falls in the same shard, and each shard takes its ids in
    // input order, so the first record with an id wins as in serial order.
    std::vector<uint32_t> start(kShards + 1, 0);
    for (const uint64_t hash : id_hashes) ++start[ShardOf(hash) + 1];
    for (size_t s = 0; s < kShards; ++s) start[s + 1] += start[s];
    std::vector<uint32_t> in_shard_order(id_hashes.size());
    std::vector<uint32_t> next(start.begin(), start.end() - 1);
    for (uint32_t i = 0; i < id_hashes.size(); ++i) {
      in_shard_order[next[ShardOf(id_hashes[i])]++] = i;
    }
    keep->assign(id_hashes.size(), 1);
    ParallelFor(kShards, threads, 1, [&](size_t begin, size_t end) {
      for (size_t s = begin; s < end; ++s) {
        for (uint32_t k = start[s]; k < start[s + 1]; ++k) {
          const uint32_t i = in_shard_order[k];
          (*keep)[i] = seen_[s].insert({id_hashes[i], corpus_->documents[first + i].id}).second;
        }
      }
    });
  }

  // Reports doc as a duplicate of an earlier record's id.
  void ReportDuplicate(const Document& doc) {
    const std::string quote = doc.id.is_integer ? "" : "\"";
    Report(Skipped(doc.input_file, doc.input_line,
                   absl::StrCat("duplicate id ", quote, doc.id.value, quote, "; the first record with it is kept")));
  }

  // Removes the documents from `first` on whose keep[i - first] is 0,
  // keeping the others in order.
  void DropAfter(size_t first, const std::vector<uint8_t>& keep) {
    std::vector<Document>& docs = corpus_->documents;
    size_t out = first;
    for (size_t i = first; i < docs.size(); ++i) {
      if (!keep[i - first]) continue;
      if (out != i) docs[out] = std::move(docs[i]);
      ++out;
    }
    docs.resize(out);
  }
  void Report(Diagnostic&& diagnostic) { corpus_->diagnostics.push_back(std::move(diagnostic)); }
  void CountBytes(size_t bytes) { corpus_->bytes_read += static_cast<int64_t>(bytes); }

 private:
  Corpus* corpus_;
  // A claimed id with its hash, made on any thread, so that claiming does
  // not hash the id again.
  struct ClaimedId {
    uint64_t hash;
    DocId id;
  };
  struct ByHash {
    size_t operator()(const ClaimedId& claimed) const { return claimed.hash; }
  };
  struct SameId {
    bool operator()(const ClaimedId& a, const ClaimedId& b) const {
      return a.hash == b.hash && a.id == b.id;
    }
  };
  using IdSet = absl::flat_hash_set<ClaimedId, ByHash, SameId>;
  // Ids claimed so far, in shards by their hash's top bits, so that a
  // block's ids are claimed on all threads (one shard is one thread's).
  static constexpr int kShardBits = 6;
  static constexpr size_t kShards = size_t{1} << kShardBits;
  static size_t ShardOf(uint64_t hash) { return hash >> (64 - kShardBits); }
  std::vector<IdSet> seen_ = std::vector<IdSet>(kShards);
};

// Reads an optional string field; null counts as absent. Other types are
// warned about and ignored: metadata is worth keeping the article for.
void ReadOptionalString(simdjson::dom::element value, std::string_view key, std::string_view file,
                        int64_t line, std::string* out, LineResult* result) {
  if (value.is_null()) return;
  std::string_view text;
  if (value.get_string().get(text) != simdjson::SUCCESS) {
    result->diagnostics.push_back(
        Warning(file, line, absl::StrCat("\"", std::string(key), "\" is not a string; ignored")));
    return;
  }
  out->assign(text);
}

std::string Megabytes(int64_t bytes) {
  return absl::StrCat(static_cast<int64_t>((static_cast<double>(bytes) / (1 << 20)) * 10 + 0.5) / 10.0, " MB");
}

Diagnostic TooLarge(std::string_view file, int64_t line, int64_t bytes, const ReadOptions& options) {
  return Skipped(file, line, absl::StrCat("article of ", Megabytes(bytes), " is over the limit of ",
                                          Megabytes(options.max_article_bytes), " (--max-article-mb)"));
}

// Where a line's decoded text goes: `room` bytes at `at`, kept alive by
// `storage`.
struct TextPlace {
  char* at = nullptr;
  size_t room = 0;
  const std::shared_ptr<const void>* storage = nullptr;
};

// Parses one line. `line` must be followed by SIMDJSON_PADDING readable
// bytes. The text goes to `place`, or into a string of its own if it does
// not fit (a line decoded from Windows-1252 can grow).
void ParseLine(simdjson::dom::parser& parser, std::string_view file, int64_t line_number,
               std::string_view line, const ReadOptions& options, const TextPlace& place,
               LineResult* result) {
  if (static_cast<int64_t>(line.size()) > options.max_article_bytes) {
    result->diagnostics.push_back(TooLarge(file, line_number, static_cast<int64_t>(line.size()), options));
    return;
  }
  simdjson::dom::element root;
  auto error = parser.parse(line.data(), line.size(), false).get(root);
  // simdjson validates UTF-8 as it parses, so only a line it rejects is
  // checked again, to tell bad encoding (re-decoded, then parsed again)
  // from bad JSON.
  std::string transcoded;
  if (error && !IsValidUtf8(line)) {
    transcoded = Windows1252ToUtf8(line);
    transcoded.append(simdjson::SIMDJSON_PADDING, ' ');
    line = std::string_view(transcoded.data(), transcoded.size() - simdjson::SIMDJSON_PADDING);
    result->diagnostics.push_back(
        Warning(file, line_number, "not valid UTF-8; decoded as Windows-1252"));
    error = parser.parse(line.data(), line.size(), false).get(root);
  }
  if (error) {
    result->diagnostics.push_back(Skipped(
        file, line_number, absl::StrCat("malformed JSON: ", simdjson::error_message(error))));
    return;
  }
  simdjson::dom::object object;
  if (root.get_object().get(object) != simdjson::SUCCESS) {
    result->diagnostics.push_back(Skipped(file, line_number, "not a JSON object"));
    return;
  }
  Document doc;
  bool has_id = false, has_text = false;
  for (const simdjson::dom::key_value_pair field : object) {
    const std::string_view key = field.key;
    const simdjson::dom::element value = field.value;
    if (key == "id") {
      switch (value.type()) {
        case simdjson::dom::element_type::STRING:
          doc.id = {std::string(value.get_string().value_unsafe()), false};
          break;
        case simdjson::dom::element_type::INT64:
          doc.id = {std::to_string(value.get_int64().value_unsafe()), true};
          break;
        case simdjson::dom::element_type::UINT64:
          doc.id = {std::to_string(value.get_uint64().value_unsafe()), true};
          break;
        default:
          result->diagnostics.push_back(
              Skipped(file, line_number, "\"id\" must be a string or an integer"));
          return;
      }
      has_id = true;
    } else if (key == "text") {
      std::string_view text;
      if (value.get_string().get(text) != simdjson::SUCCESS) {
        result->diagnostics.push_back(Skipped(file, line_number, "\"text\" must be a string"));
        return;
      }
      if (!text.empty() && text.size() <= place.room) {
        std::memcpy(place.at, text.data(), text.size());
        doc.text = Text(std::string_view(place.at, text.size()), *place.storage);
      } else {
        doc.text = Text(std::string(text));
      }
      has_text = true;
    } else if (key == "source") {
      ReadOptionalString(value, key, file, line_number, &doc.source, result);
    } else if (key == "title") {
      ReadOptionalString(value, key, file, line_number, &doc.title, result);
    } else if (key == "url") {
      ReadOptionalString(value, key, file, line_number, &doc.url, result);
    } else if (key == "published") {
      ReadOptionalString(value, key, file, line_number, &doc.published_text, result);
      if (!doc.published_text.empty()) {
        absl::StatusOr<int64_t> published =
            ParsePublished(doc.published_text, options.default_utc_offset_seconds);
        if (published.ok()) {
          doc.published = *published;
        } else {
          result->diagnostics.push_back(Warning(
              file, line_number, absl::StrCat(published.status().message(), "; ignored")));
          doc.published_text.clear();
        }
      }
    }
  }
  if (!has_id) {
    result->diagnostics.push_back(Skipped(file, line_number, "missing \"id\""));
    return;
  }
  if (!has_text) {
    result->diagnostics.push_back(Skipped(file, line_number, "missing \"text\""));
    return;
  }
  doc.input_file = std::string(file);
  doc.input_line = line_number;
  result->document = std::move(doc);
}

// The lines of one part of a block, parsed.
struct ParsedPart {
  int64_t newlines = 0;
  std::vector<LineResult> results;
  size_t text_bytes = 0;  // of the texts in the block's text buffer
};

// A reference to `buffer` with a reference count of its own, for the texts
// one thread makes: threads then do not share one count for every text.
std::shared_ptr<const void> CountedApart(const std::shared_ptr<char>& buffer) {
  return std::shared_ptr<const void>(buffer.get(), [keep = buffer](const void*) {});
}

// Whether `text` views bytes in buffer[0, size).
bool IsInside(const Text& text, const char* buffer, size_t size) {
  const auto at = reinterpret_cast<uintptr_t>(text.data()),
             begin = reinterpret_cast<uintptr_t>(buffer);
  return !text.empty() && at >= begin && at < begin + size;
}

// If the texts that `parts` hold in buffer[0, size) fill less than half of
// it, moves them into a buffer of their own length, in order. The old
// buffer is freed with the last text that views it.
void PackTextsIfSparse(const char* buffer, size_t size, std::vector<ParsedPart>& parts,
                       int threads) {
  std::vector<size_t> start(parts.size());
  size_t total = 0;
  for (size_t p = 0; p < parts.size(); ++p) {
    start[p] = total;
    total += parts[p].text_bytes;
  }
  if (total == 0 || total * 2 >= size) return;  // nothing to pack, or worth keeping
  const std::shared_ptr<char> packed = SharedLargeBuffer(total);
  ParallelFor(parts.size(), threads, 1, [&](size_t begin, size_t end) {
    for (size_t p = begin; p < end; ++p) {
      const std::shared_ptr<const void> storage = CountedApart(packed);
      char* at = packed.get() + start[p];
      for (LineResult& result : parts[p].results) {
        if (!result.document || !IsInside(result.document->text, buffer, size)) continue;
        Text& text = result.document->text;
        std::memcpy(at, text.data(), text.size());
        text = Text(std::string_view(at, text.size()), storage);
        at += text.size();
      }
    }
  });
}

// Adds the documents and messages of `parts`, consecutive stretches of a
// file whose texts may lie in buffer[0, size), to the corpus in order.
// Each part numbers its lines from 0, for the line holding its first byte;
// `first_line` is that line's number in the file for the first part.
// Returns the number of newlines in all parts.
int64_t AddParsedParts(const char* buffer, size_t size, int64_t first_line, int threads,
                       std::vector<ParsedPart>& parts, CorpusBuilder& corpus) {
  const size_t num_parts = parts.size();
  PackTextsIfSparse(buffer, size, parts, threads);
  int64_t newlines = 0;
  for (ParsedPart& part : parts) {
    const int64_t part_first_line = first_line + newlines;
    newlines += part.newlines;
    for (LineResult& result : part.results) {
      for (Diagnostic& d : result.diagnostics) d.line += part_first_line;
      if (result.document) result.document->input_line += part_first_line;
    }
  }
  // Documents move into their places in the corpus and ids are claimed in
  // parallel; then, in input order, messages are reported.
  std::vector<size_t> first_document(num_parts + 1, 0);
  for (size_t p = 0; p < num_parts; ++p) {
    size_t documents = 0;
    for (const LineResult& result : parts[p].results) documents += result.document.has_value();
    first_document[p + 1] = first_document[p] + documents;
  }
  const size_t base = corpus.Extend(first_document[num_parts]);
  std::vector<uint64_t> id_hashes(first_document[num_parts]);
  ParallelFor(num_parts, threads, 1, [&](size_t begin, size_t end) {
    for (size_t p = begin; p < end; ++p) {
      size_t slot = first_document[p];
      for (LineResult& result : parts[p].results) {
        if (!result.document) continue;
        id_hashes[slot] = HashOfId(result.document->id);
        corpus.at(base + slot++) = std::move(*result.document);
      }
    }
  });
  std::vector<uint8_t> keep;
  corpus.ClaimFrom(base, id_hashes, threads, &keep);
  bool all_kept = true;
  for (size_t p = 0, slot = 0; p < num_parts; ++p) {
    for (LineResult& result : parts[p].results) {
      for (Diagnostic& d : result.diagnostics) corpus.Report(std::move(d));
      if (!result.document) continue;
      if (!keep[slot]) corpus.ReportDuplicate(corpus.at(base + slot));
      all_kept = all_kept && keep[slot];
      ++slot;
    }
  }
  if (!all_kept) corpus.DropAfter(base, keep);
  return newlines;
}

// Parses the JSONL lines of `content`, which must be followed by
// SIMDJSON_PADDING readable bytes, numbered from first_line (its first
// line's number in the file), and adds them to the corpus in order. A byte
// order mark at the start of a file is the caller's to strip.
// Returns the number of newlines in it. Everything but the adding runs on
// the configured threads: the content is cut after newlines into parts of
// about a megabyte, each parsed and its lines counted in one pass.
//
// The texts are decoded into one buffer as long as the content (core/
// large_array.h: huge pages, first touched by the threads that parse), and
// the documents view them there: each part's texts packed from where its
// lines start, and the whole pages that they leave at its end released.
// Lines that are mostly other fields would leave that buffer mostly empty:
// if the texts fill less than half of it, they are packed into a buffer of
// their own size.
int64_t ReadJsonlPadded(std::string_view file, std::string_view content, const ReadOptions& options,
                        CorpusBuilder& corpus, int64_t first_line = 1) {
  const int threads = ResolveThreadCount(options.threads);
  const std::shared_ptr<char> texts = SharedLargeBuffer(content.size());
  const size_t num_parts =
      std::clamp<size_t>(content.size() >> 20, 1, static_cast<size_t>(threads) * 16);
  std::vector<size_t> cut(num_parts + 1, content.size());
  cut[0] = 0;
  for (size_t p = 1; p < num_parts; ++p) {
    const size_t from = std::max(cut[p - 1], p * (content.size() / num_parts));
    const size_t newline = content.find('\n', from);
    cut[p] = newline == std::string_view::npos ? content.size() : newline + 1;
  }
  std::vector<ParsedPart> parts(num_parts);
  // Each part numbers its lines from 0 as it parses them (one pass over
  // the text, not a counting pass first); the numbers are made absolute
  // once every part has counted its lines.
  ParallelFor(num_parts, threads, 1, [&](size_t begin, size_t end) {
    simdjson::dom::parser parser;
    for (size_t p = begin; p < end; ++p) {
      const std::shared_ptr<const void> storage = CountedApart(texts);
      // The part's texts, packed from where its lines start. Each may take
      // the room up to the end of its own line; as a JSON string never
      // decodes longer than its line, that is always enough, except for a
      // line re-decoded from Windows-1252, whose text ParseLine() then
      // keeps in a string of its own. So next_text never passes a line's end.
      char* next_text = texts.get() + cut[p];
      const std::string_view text = content.substr(cut[p], cut[p + 1] - cut[p]);
      int64_t line_number = 0;
      for (size_t from = 0; from < text.size(); ++line_number) {
        const size_t newline = text.find('\n', from);
        const size_t to = newline == std::string_view::npos ? text.size() : newline;
        parts[p].newlines += newline != std::string_view::npos;
        const std::string_view line = text.substr(from, to - from);
        from = to + 1;
        if (IsBlank(line)) continue;
        LineResult& result = parts[p].results.emplace_back();
        char* const line_end = texts.get() + (line.data() - content.data()) + line.size();
        assert(next_text <= line_end);
        ParseLine(parser, file, line_number, line, options,
                  TextPlace{next_text, static_cast<size_t>(line_end - next_text), &storage},
                  &result);
        if (result.document && IsInside(result.document->text, texts.get(), content.size())) {
          parts[p].text_bytes += result.document->text.size();
          next_text += result.document->text.size();
        }
      }
      // What the part's texts leave of its room (the other fields' bytes)
      // goes back to the system.
      ReleasePages(next_text, texts.get() + cut[p + 1]);
    }
  });
  return AddParsedParts(texts.get(), content.size(), first_line, threads, parts, corpus);
}

// Reads a whole file or stream into a padded buffer. Returns an error message
// on failure.
std::optional<std::string> ReadAll(std::FILE* stream, std::string* out) {
  char buffer[1 << 16];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof(buffer), stream)) > 0) out->append(buffer, n);
  if (std::ferror(stream)) return std::string(std::strerror(errno));
  return std::nullopt;
}

std::optional<std::string> ReadFile(const fs::path& path, std::string* out) {
  std::FILE* stream = std::fopen(path.c_str(), "rb");
  if (stream == nullptr) return std::string(std::strerror(errno));
  std::error_code ignored;
  const auto size = fs::file_size(path, ignored);
  if (!ignored) out->reserve(size + simdjson::SIMDJSON_PADDING);
  std::optional<std::string> error = ReadAll(stream, out);
  std::fclose(stream);
  return error;
}

bool HasExtension(const fs::path& path, std::string_view extension) {
  return path.extension() == extension;
}

// Decodes a UTF-16 file's bytes in place, with a warning saying so.
void DecodeIfUtf16(const std::string& file, std::string* content, CorpusBuilder& corpus) {
  bool bom = false;
  const Utf16 order = DetectUtf16(*content, &bom);
  if (order == Utf16::kNone) return;
  *content = Utf16ToUtf8(std::string_view(*content).substr(bom ? 2 : 0), order);
  corpus.Report(Warning(file, 0, absl::StrCat("UTF-16", order == Utf16::kBigEndian ? "BE" : "LE",
                                              bom ? " (with byte order mark)" : " (no byte order mark)",
                                              "; decoded")));
}

void AddPlainTextFile(const std::string& file, const DocId& id, std::string&& content,
                      const ReadOptions& options, CorpusBuilder& corpus) {
  if (static_cast<int64_t>(content.size()) > options.max_article_bytes) {
    corpus.Report(TooLarge(file, 0, static_cast<int64_t>(content.size()), options));
    return;
  }
  DecodeIfUtf16(file, &content, corpus);
  Document doc;
  doc.id = id;
  doc.input_file = file;
  if (IsValidUtf8(content)) {
    doc.text = std::move(content);
  } else {
    doc.text = Windows1252ToUtf8(content);
    corpus.Report(Warning(file, 0, "not valid UTF-8; decoded as Windows-1252"));
  }
  corpus.Add(std::move(doc));
}

// Reads a stream in blocks. A regular file is read with pread() on all
// threads at once: copying from the page cache, and the first touch of the
// buffer's pages, are most of what reading does serially. Anything else
// (a pipe, a terminal) goes through fread().
class BlockReader {
 public:
  BlockReader(std::FILE* stream, int threads) : stream_(stream), threads_(threads) {
    struct stat info;
    if (fstat(fileno(stream), &info) == 0 && S_ISREG(info.st_mode)) {
      fd_ = fileno(stream);
      size_ = info.st_size;
      offset_ = ftello(stream);
      if (offset_ < 0) fd_ = -1;
    }
  }

  // The bytes from where the stream stood to the end of the file when it
  // was opened here, if it is a regular file; else -1.
  int64_t bytes_left() const { return fd_ >= 0 ? size_ - offset_ : -1; }

  // Reads up to `size` bytes into `out`: fewer only at the end or on an
  // error (then error() says which).
  size_t Read(char* out, size_t size) {
    if (fd_ < 0) {
      const size_t n = std::fread(out, 1, size, stream_);
      if (n < size && std::ferror(stream_)) error_ = std::strerror(errno);
      return n;
    }
    constexpr size_t kAlign = size_t{1} << 16;
    const size_t parts = static_cast<size_t>(std::max(1, threads_));
    const size_t part = (size / parts + kAlign - 1) / kAlign * kAlign;
    auto part_range = [&](size_t p) {
      const size_t from = std::min(size, p * part);
      return std::make_pair(from, std::min(size, from + part));
    };
    std::vector<size_t> got(parts, 0);
    std::vector<int> errors(parts, 0);
    ParallelFor(parts, threads_, 1, [&](size_t begin, size_t end) {
      for (size_t p = begin; p < end; ++p) {
        const auto [from, to] = part_range(p);
        while (from + got[p] < to) {
          const ssize_t n =
              pread(fd_, out + from + got[p], to - from - got[p],
                    static_cast<off_t>(offset_ + static_cast<int64_t>(from + got[p])));
          if (n < 0 && errno == EINTR) continue;
          if (n <= 0) {
            if (n < 0) errors[p] = errno;
            break;
          }
          got[p] += static_cast<size_t>(n);
        }
      }
    });
    // Parts are contiguous up to the first short one (the end, or an error).
    size_t total = 0;
    for (size_t p = 0; p < parts; ++p) {
      total += got[p];
      if (errors[p] != 0) error_ = std::strerror(errors[p]);
      const auto [from, to] = part_range(p);
      if (got[p] < to - from) break;
    }
    offset_ += static_cast<int64_t>(total);
    return total;
  }

  // Puts the stream where Read() stopped, for reading on with stdio.
  void SyncStream() {
    if (fd_ >= 0) fseeko(stream_, static_cast<off_t>(offset_), SEEK_SET);
  }

  const std::optional<std::string>& error() const { return error_; }

 private:
  std::FILE* stream_;
  int threads_;
  int fd_ = -1;  // >= 0: a regular file, read with pread()
  int64_t size_ = 0;
  int64_t offset_ = 0;
  std::optional<std::string> error_;
};

// Reads JSONL from `stream` block by block: complete lines are parsed as
// each block arrives, and a line longer than the article limit is skipped as
// it streams past, never held whole. The stream is at the start of a file
// (which may begin with a byte order mark, or be UTF-16) unless first_line
// says where in a file it is, the start of that line.
void ReadJsonlStream(std::FILE* stream, const std::string& file, const ReadOptions& options,
                     CorpusBuilder& corpus, std::optional<int64_t> first_line = std::nullopt) {
  // One buffer, read into in blocks: buffer[0, held) is read but not yet
  // parsed (the start of an incomplete line), the next block lands right
  // after it, and complete lines are parsed where they lie: each text is
  // copied once, from simdjson's parser into the buffer its Document views
  // (ReadJsonlPadded()). simdjson's padding follows what the buffer holds.
  // It is left uninitialised: the reads fill it, on all threads
  // (core/large_array.h).
  constexpr size_t kBlock = size_t{16} << 20;
  constexpr size_t kPadding = simdjson::SIMDJSON_PADDING;
  UniqueLargeBuffer buffer;
  size_t capacity = 0;
  size_t held = 0;
  auto reserve = [&](size_t size) {  // keeps buffer[0, held)
    if (capacity >= size) return;
    // Room for the incomplete line carried over (usually one article) on
    // top of a block, and twice as much each time that is not enough.
    size = std::max({size, kBlock + kPadding + (size_t{1} << 20), 2 * capacity});
    UniqueLargeBuffer larger = MakeLargeBuffer(size);
    if (held > 0) std::memcpy(larger.get(), buffer.get(), held);
    buffer = std::move(larger);
    capacity = size;
  };
  auto pad = [&](size_t end) { std::memset(buffer.get() + end, ' ', kPadding); };
  BlockReader reader(stream, ResolveThreadCount(options.threads));
  const bool at_start = !first_line;
  int64_t line_number = first_line.value_or(1);  // of the first line held
  int64_t skipping = 0;  // bytes of an overlong line passed over so far; 0: not skipping
  bool first_block = at_start;  // where a byte order mark may be
  // What is left of the file, if known, to reserve room for all its
  // documents once the first block shows how long they are.
  const int64_t bytes_left = reader.bytes_left();
  int64_t bytes_parsed = 0;
  auto parse = [&](size_t size) {
    const size_t documents_before = corpus.size();
    std::string_view content(buffer.get(), size);
    if (bytes_parsed == 0 && at_start) content = StripUtf8Bom(content);
    line_number += ReadJsonlPadded(file, content, options, corpus, line_number);
    if (bytes_parsed == 0 && bytes_left > static_cast<int64_t>(size)) {
      const double per_byte =
          static_cast<double>(corpus.size() - documents_before) / static_cast<double>(size);
      corpus.ReserveMore(static_cast<size_t>(
          1.1 * per_byte * static_cast<double>(bytes_left - static_cast<int64_t>(size))));
    }
    bytes_parsed += static_cast<int64_t>(size);
  };
  while (true) {
    reserve(held + kBlock + kPadding);
    const size_t n = reader.Read(buffer.get() + held, kBlock);
    if (n == 0) break;
    pad(held + n);
    corpus.CountBytes(n);
    const std::string_view data(buffer.get() + held, n);
    if (first_block) {
      first_block = false;
      bool bom = false;
      if (DetectUtf16(data, &bom) != Utf16::kNone) {
        // Rare enough to read whole: decode, then parse as usual.
        std::string all(data);
        reader.SyncStream();
        std::optional<std::string> error = ReadAll(stream, &all);
        corpus.CountBytes(all.size() - n);
        if (error) {
          corpus.Report(Skipped(file, 0, absl::StrCat("cannot read: ", *error)));
          return;
        }
        DecodeIfUtf16(file, &all, corpus);
        const size_t size = all.size();
        all.append(kPadding, ' ');
        ReadJsonlPadded(file, StripUtf8Bom(std::string_view(all.data(), size)), options, corpus,
                        line_number);
        return;
      }
    }
    if (skipping > 0) {  // nothing is held while skipping
      const size_t newline = data.find('\n');
      if (newline == std::string_view::npos) {
        skipping += static_cast<int64_t>(n);
        continue;
      }
      corpus.Report(TooLarge(file, line_number, skipping + static_cast<int64_t>(newline), options));
      ++line_number;
      skipping = 0;
      held = n - (newline + 1);
      std::memmove(buffer.get(), data.data() + newline + 1, held);
    } else {
      held += n;
    }
    const size_t last_newline = std::string_view(buffer.get(), held).rfind('\n');
    if (last_newline != std::string_view::npos) {
      parse(last_newline + 1);
      held -= last_newline + 1;
      std::memmove(buffer.get(), buffer.get() + last_newline + 1, held);
    }
    if (static_cast<int64_t>(held) > options.max_article_bytes) {
      skipping = static_cast<int64_t>(held);
      held = 0;
      buffer.reset();
      capacity = 0;
    }
  }
  if (reader.error()) {
    corpus.Report(
        Skipped(file, line_number, absl::StrCat("cannot read further: ", *reader.error())));
  }
  if (skipping > 0) {
    corpus.Report(TooLarge(file, line_number, skipping, options));
  } else if (held > 0) {
    pad(held);
    parse(held);
  }
}

// Reading a regular JSONL file in pieces.
//
// The file is read a block (16 MiB) at a time, each block in pieces of a
// megabyte that the threads take in turn. A thread reads its piece with
// pread() straight into the block's buffer, where the piece's texts then
// stay, and parses the piece while it is still in its cache: each text is
// decoded over its own line, packed after the piece's earlier texts. The
// file's bytes are so copied once and the texts' pages touched once, by the
// thread that fills them; reading a block into one buffer and decoding it
// into another wrote every byte twice, and on two threads reading then
// waited on memory (BENCHMARKS.md).
//
// A piece parses the lines that start in it. The line that runs on past
// its end is read on from the file into a scratch string, even past the
// size the file had when it was opened; a line too close to the piece's
// end for simdjson's padding (which would reach into the next piece,
// filled by another thread) is copied there first. So no thread reads
// what another writes. A last line without a newline, and whatever
// follows the lines that start before that size, are left to
// ReadJsonlStream(). A failed read ends the file at the last whole line
// before it, as the stream reader does.

constexpr size_t kPieceBlockBytes = size_t{16} << 20;
constexpr size_t kPieceBytes = size_t{1} << 20;
size_t g_piece_block_bytes = kPieceBlockBytes;  // internal::SetJsonlPieceSizes() changes them
size_t g_piece_bytes = kPieceBytes;

// What ReadAt() read: `bytes`, then the end of the file or, if error is
// not 0, a failed read (errno).
struct ReadResult {
  int64_t bytes = 0;
  int error = 0;
};

// Reads file bytes [offset, offset + size) into `out`: all of them, unless
// the file ends or a read fails first.
ReadResult ReadAt(int fd, char* out, size_t size, int64_t offset) {
  ReadResult result;
  while (static_cast<size_t>(result.bytes) < size) {
    const size_t got = static_cast<size_t>(result.bytes);
    const ssize_t n = pread(fd, out + got, size - got, static_cast<off_t>(offset + result.bytes));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) result.error = errno;
    if (n <= 0) break;
    result.bytes += n;
  }
  return result;
}

// What one piece of a file gave.
struct Piece {
  ParsedPart parsed;
  int64_t lines_end = -1;   // just past the newline of its last line, if it parsed one
  int64_t unfinished = -1;  // where a line with no newline before the end of the file starts
  int error = 0;            // errno of a failed read; the piece stops at its last whole line
  int64_t error_at = -1;    // with error: where reading stopped
};

// Reads and parses file bytes [begin, end) into block[begin - block_begin, ...),
// taking the lines that start there (see above). `region_begin` is where
// the first line of the pieces starts.
class PieceParser {
 public:
  PieceParser(int fd, std::string_view file, const ReadOptions& options)
      : fd_(fd), file_(file), options_(options) {}

  void Parse(int64_t region_begin, char* block, int64_t block_begin, int64_t begin, int64_t end,
             const std::shared_ptr<const void>& storage, Piece* piece) {
    constexpr size_t kPadding = simdjson::SIMDJSON_PADDING;
    char before = '\n';  // the byte before the piece; a line starts after a newline
    if (begin > region_begin) {
      const ReadResult read = ReadAt(fd_, &before, 1, begin - 1);
      if (read.error != 0) return Fail(read.error, begin - 1, piece);
      if (read.bytes == 0) return;  // the file was cut short before the piece since it was opened
    }
    char* const data = block + (begin - block_begin);
    const ReadResult read = ReadAt(fd_, data, static_cast<size_t>(end - begin), begin);
    if (read.error != 0) Fail(read.error, begin + read.bytes, piece);
    char* const data_end = data + read.bytes;
    // The file was cut short since it was opened, or could not be read on.
    const bool ends_file = read.bytes < end - begin;
    ParsedPart& parsed = piece->parsed;
    char* line = data;
    int64_t line_number = 0;  // counted from the line holding `begin`
    if (before != '\n') {  // the line holding `begin` is the piece before's
      char* const newline =
          static_cast<char*>(std::memchr(data, '\n', static_cast<size_t>(read.bytes)));
      line = newline == nullptr ? data_end : newline + 1;
      parsed.newlines = newline != nullptr;
      line_number = 1;
    }
    // Texts are packed from the piece's first byte: what it holds of the
    // line before is the piece before's to parse, but read on from the
    // file, not from here.
    char* next_text = data;
    for (; line < data_end; ++line_number) {
      char* newline =
          static_cast<char*>(std::memchr(line, '\n', static_cast<size_t>(data_end - line)));
      std::string_view text_line;
      char* room_end = nullptr;  // where the line's text may reach in the block
      if (newline != nullptr) {
        ++parsed.newlines;
        piece->lines_end = begin + (newline - data) + 1;
        text_line = std::string_view(line, static_cast<size_t>(newline - line));
        room_end = newline;
        if (static_cast<size_t>(data_end - newline) < kPadding) {
          scratch_.assign(text_line);
          scratch_.append(kPadding, ' ');
          text_line = std::string_view(scratch_.data(), text_line.size());
        }
      } else if (ends_file) {
        if (piece->error == 0) piece->unfinished = begin + (line - data);
        break;
      } else {
        const int64_t line_begin = begin + (line - data);
        std::optional<int64_t> length = ReadRestOfLine(line, data_end, end, piece);
        if (piece->error != 0) break;
        if (!length) {
          piece->unfinished = line_begin;
          break;
        }
        piece->lines_end = line_begin + *length + 1;
        room_end = data_end;
        if (*length > options_.max_article_bytes) {
          parsed.results.emplace_back().diagnostics.push_back(
              TooLarge(file_, line_number, *length, options_));
          break;
        }
        text_line = std::string_view(scratch_.data(), static_cast<size_t>(*length));
      }
      if (!IsBlank(text_line)) {
        LineResult& result = parsed.results.emplace_back();
        ParseLine(parser_, file_, line_number, text_line, options_,
                  TextPlace{next_text, static_cast<size_t>(room_end - next_text), &storage},
                  &result);
        if (result.document &&
            IsInside(result.document->text, next_text, static_cast<size_t>(room_end - next_text))) {
          parsed.text_bytes += result.document->text.size();
          next_text += result.document->text.size();
        }
      }
      if (newline == nullptr) break;
      line = newline + 1;
    }
    // What the piece's texts leave of it (the other fields' bytes, and any
    // part of a line that began before it) goes back to the system.
    ReleasePages(next_text, data_end);
  }

 private:
  // Reads on from `end`, for the line that starts at `line` and runs past
  // the piece's bytes [line, data_end). Returns the line's length, with the
  // line in scratch_ (followed by simdjson's padding) unless it is over the
  // article limit; nullopt if the file ends before a newline, or on an
  // error (piece->error then says which).
  std::optional<int64_t> ReadRestOfLine(const char* line, const char* data_end, int64_t end,
                                        Piece* piece) {
    constexpr size_t kPadding = simdjson::SIMDJSON_PADDING;
    const int64_t limit = options_.max_article_bytes;
    scratch_.assign(line, data_end);
    int64_t length = data_end - line;
    int64_t at = end;
    while (true) {
      // A line over the limit is only measured, a megabyte at a time.
      const bool keep = length <= limit;
      // Doubling while the line is kept, but never far past the limit.
      const size_t chunk =
          keep ? std::max<size_t>(
                     size_t{64} << 10,
                     std::min<size_t>(scratch_.size(), static_cast<size_t>(limit - length) + 1))
               : size_t{1} << 20;
      const size_t old = keep ? scratch_.size() : 0;
      scratch_.resize(old + chunk);
      const ReadResult read = ReadAt(fd_, scratch_.data() + old, chunk, at);
      const int64_t n = read.bytes;
      const char* newline = static_cast<const char*>(
          std::memchr(scratch_.data() + old, '\n', static_cast<size_t>(n)));
      if (newline == nullptr && read.error != 0) {
        Fail(read.error, at + n, piece);
        return std::nullopt;
      }
      if (newline != nullptr) {
        length += newline - (scratch_.data() + old);
        if (length <= limit) {
          scratch_.resize(static_cast<size_t>(length));
          scratch_.append(kPadding, ' ');
        }
        return length;
      }
      if (n == 0) return std::nullopt;
      length += n;
      at += n;
      scratch_.resize(old + static_cast<size_t>(n));
    }
  }

  // Records the first failed read, at file offset `at`.
  static void Fail(int error, int64_t at, Piece* piece) {
    if (piece->error != 0) return;
    piece->error = error;
    piece->error_at = at;
  }

  int fd_;
  std::string_view file_;
  const ReadOptions& options_;
  simdjson::dom::parser parser_;
  std::string scratch_;
};

// Reads the regular JSONL file `fd` in pieces, from `region_begin` (0, or
// past a byte order mark) up to `size`, the size it had when opened.
// Returns where the lines parsed end (the start of a line left unfinished,
// or just past the last newline), with that line's number in *next_line:
// what follows, if anything, is for ReadJsonlStream(). Returns nullopt if a
// read failed, reported.
std::optional<int64_t> ReadJsonlPieces(int fd, int64_t region_begin, int64_t size,
                                       const std::string& file, const ReadOptions& options,
                                       CorpusBuilder& corpus, int64_t* next_line) {
  const int threads = ResolveThreadCount(options.threads);
  int64_t line_number = 1;  // of the line holding the block's first byte
  int64_t lines_end = region_begin;
  const int64_t block_bytes = static_cast<int64_t>(g_piece_block_bytes);
  const int64_t piece_bytes = static_cast<int64_t>(g_piece_bytes);
  for (int64_t block_begin = region_begin; block_begin < size; block_begin += block_bytes) {
    const int64_t block_end = std::min(size, block_begin + block_bytes);
    const size_t block_size = static_cast<size_t>(block_end - block_begin);
    const std::shared_ptr<char> block = SharedLargeBuffer(block_size);
    std::vector<Piece> pieces(
        static_cast<size_t>((block_end - block_begin + piece_bytes - 1) / piece_bytes));
    ParallelFor(pieces.size(), threads, 1, [&](size_t first, size_t last) {
      PieceParser parser(fd, file, options);
      for (size_t p = first; p < last; ++p) {
        const int64_t begin = block_begin + static_cast<int64_t>(p) * piece_bytes;
        parser.Parse(region_begin, block.get(), block_begin, begin,
                     std::min(block_end, begin + piece_bytes), CountedApart(block), &pieces[p]);
      }
    });
    // A failed read ends the file there: the whole lines before it are
    // kept, the pieces after it dropped.
    size_t kept = pieces.size();
    const Piece* failed = nullptr;
    for (size_t p = 0; p < pieces.size(); ++p) {
      if (pieces[p].error != 0) {
        kept = p + 1;
        failed = &pieces[p];
        break;
      }
    }
    std::vector<ParsedPart> parts;
    parts.reserve(kept);
    int64_t unfinished = -1;
    for (size_t p = 0; p < kept; ++p) {
      parts.push_back(std::move(pieces[p].parsed));
      lines_end = std::max(lines_end, pieces[p].lines_end);
      if (pieces[p].unfinished >= 0) unfinished = pieces[p].unfinished;
    }
    const size_t documents_before = corpus.size();
    line_number += AddParsedParts(block.get(), block_size, line_number, threads, parts, corpus);
    if (failed != nullptr) {
      // The last line parsed may end past where the read failed, its
      // newline counted by no piece.
      const int64_t stopped_line = line_number + (lines_end > failed->error_at ? 1 : 0);
      corpus.CountBytes(static_cast<size_t>(failed->error_at));
      corpus.Report(Skipped(file, stopped_line,
                            absl::StrCat("cannot read further: ", std::strerror(failed->error))));
      return std::nullopt;
    }
    if (block_begin == region_begin && block_end < size) {
      // Room for the whole file's documents, from how many this block held.
      const double per_byte =
          static_cast<double>(corpus.size() - documents_before) / static_cast<double>(block_size);
      corpus.ReserveMore(
          static_cast<size_t>(1.1 * per_byte * static_cast<double>(size - block_end)));
    }
    if (unfinished >= 0) {
      *next_line = line_number;
      corpus.CountBytes(static_cast<size_t>(unfinished));
      return unfinished;
    }
  }
  // The last line may have run on past `size`, its newline uncounted.
  *next_line = line_number + (lines_end > size ? 1 : 0);
  corpus.CountBytes(static_cast<size_t>(lines_end));
  return lines_end;
}

// Reads the JSONL file open as `stream`, from its start: a regular file in
// pieces (ReadJsonlPieces), what it may have grown by since it was opened
// and anything else (a pipe, UTF-16) as a stream.
void ReadJsonlFile(std::FILE* stream, const std::string& file, const ReadOptions& options,
                   CorpusBuilder& corpus) {
  const int fd = fileno(stream);
  struct stat info;
  if (fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    return ReadJsonlStream(stream, file, options, corpus);
  }
  // As much as DetectUtf16() looks at: without a byte order mark it counts
  // NUL bytes at even and odd offsets.
  char start_bytes[4096];
  const ReadResult read = ReadAt(fd, start_bytes, sizeof(start_bytes), 0);
  const std::string_view start(start_bytes, static_cast<size_t>(read.bytes));
  bool utf16_bom = false;
  if (read.error != 0 || DetectUtf16(start, &utf16_bom) != Utf16::kNone) {
    return ReadJsonlStream(stream, file, options, corpus);  // which reports an error as before
  }
  const int64_t region_begin = static_cast<int64_t>(start.size() - StripUtf8Bom(start).size());
  int64_t next_line = 1;
  const std::optional<int64_t> rest =
      ReadJsonlPieces(fd, region_begin, info.st_size, file, options, corpus, &next_line);
  if (!rest) return;
  if (fstat(fd, &info) == 0 && info.st_size <= *rest) return;
  if (fseeko(stream, static_cast<off_t>(*rest), SEEK_SET) != 0) {
    corpus.Report(
        Skipped(file, next_line, absl::StrCat("cannot read further: ", std::strerror(errno))));
    return;
  }
  ReadJsonlStream(stream, file, options, corpus, next_line);
}

// Reads one file: JSONL by extension, otherwise one plain-text article.
void ReadOneFile(const fs::path& path, const std::string& display_name, const DocId& text_id,
                 const ReadOptions& options, CorpusBuilder& corpus) {
  if (HasExtension(path, ".jsonl")) {
    std::FILE* stream = std::fopen(path.c_str(), "rb");
    if (stream == nullptr) {
      corpus.Report(Skipped(display_name, 0, absl::StrCat("cannot read: ", std::strerror(errno))));
      return;
    }
    ReadJsonlFile(stream, display_name, options, corpus);
    std::fclose(stream);
    return;
  }
  std::error_code size_error;
  const auto size = fs::file_size(path, size_error);
  if (!size_error && static_cast<int64_t>(size) > options.max_article_bytes) {
    corpus.Report(TooLarge(display_name, 0, static_cast<int64_t>(size), options));
    return;
  }
  std::string content;
  if (std::optional<std::string> error = ReadFile(path, &content)) {
    corpus.Report(Skipped(display_name, 0, absl::StrCat("cannot read: ", *error)));
    return;
  }
  corpus.CountBytes(content.size());
  AddPlainTextFile(display_name, text_id, std::move(content), options, corpus);
}

void ReadDirectory(const std::string& input, const ReadOptions& options, CorpusBuilder& corpus) {
  std::vector<std::pair<std::string, fs::path>> files;  // relative path, full path
  std::error_code error;
  fs::recursive_directory_iterator it(input, fs::directory_options::none, error);
  for (; !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
    const fs::path& path = it->path();
    std::error_code type_error;
    if (!it->is_regular_file(type_error)) continue;
    if (HasExtension(path, ".txt") || HasExtension(path, ".jsonl")) {
      files.emplace_back(path.lexically_relative(input).generic_string(), path);
    }
  }
  if (error) {
    corpus.Report(Skipped(input, 0, absl::StrCat("cannot list directory: ", error.message())));
  }
  std::sort(files.begin(), files.end());
  for (const auto& [relative, path] : files) {
    ReadOneFile(path, path.string(), DocId{relative, false}, options, corpus);
  }
}

}  // namespace

namespace internal {

void SetJsonlPieceSizes(size_t block_bytes, size_t piece_bytes) {
  g_piece_block_bytes = block_bytes == 0 ? kPieceBlockBytes : block_bytes;
  g_piece_bytes = piece_bytes == 0 ? kPieceBytes : piece_bytes;
}

}  // namespace internal

std::string Diagnostic::ToString() const {
  const char* kind = severity == Severity::kWarning ? "warning" : "skipped";
  if (file.empty()) return absl::StrCat(kind, ": ", message);
  if (line == 0) return absl::StrCat(file, ": ", kind, ": ", message);
  return absl::StrCat(file, ":", line, ": ", kind, ": ", message);
}

void ReadJsonl(std::string_view file, std::string_view content, const ReadOptions& options,
               Corpus* corpus) {
  std::string padded(content);
  padded.append(simdjson::SIMDJSON_PADDING, ' ');
  CorpusBuilder builder(corpus);
  ReadJsonlPadded(file, StripUtf8Bom(std::string_view(padded.data(), content.size())), options,
                  builder);
}

Corpus ReadInputs(absl::Span<const std::string> inputs, const ReadOptions& options) {
  Corpus corpus;
  CorpusBuilder builder(&corpus);
  for (const std::string& input : inputs) {
    if (input == "-") {
      ReadJsonlStream(stdin, std::string(kStdinName), options, builder);
      continue;
    }
    std::error_code error;
    const fs::file_status status = fs::status(input, error);
    if (error && error != std::errc::no_such_file_or_directory) {
      builder.Report(Skipped(input, 0, absl::StrCat("cannot read: ", error.message())));
    } else if (error || !fs::exists(status)) {
      builder.Report(Skipped(input, 0, "no such file or directory"));
    } else if (fs::is_directory(status)) {
      ReadDirectory(input, options, builder);
    } else {
      ReadOneFile(input, input, DocId{input, false}, options, builder);
    }
  }
  corpus.records_skipped = std::count_if(
      corpus.diagnostics.begin(), corpus.diagnostics.end(),
      [](const Diagnostic& d) { return d.severity == Diagnostic::Severity::kSkipped; });
  return corpus;
}

}  // namespace reprint
