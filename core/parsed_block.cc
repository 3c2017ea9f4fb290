#include "core/parsed_block.h"

#include <cstring>
#include <string_view>
#include <utility>

#include "core/large_array.h"
#include "core/parallel.h"

namespace reprint {
namespace {

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
      for (ParsedRecord& result : parts[p].records) {
        if (!result.document || !IsInside(result.document->text, buffer, size)) continue;
        Text& text = result.document->text;
        std::memcpy(at, text.data(), text.size());
        text = Text(std::string_view(at, text.size()), storage);
        at += text.size();
      }
    }
  });
}

}  // namespace

std::shared_ptr<const void> CountedApart(const std::shared_ptr<char>& buffer) {
  return std::shared_ptr<const void>(buffer.get(), [keep = buffer](const void*) {});
}

bool IsInside(const Text& text, const char* buffer, size_t size) {
  const auto at = reinterpret_cast<uintptr_t>(text.data()),
             begin = reinterpret_cast<uintptr_t>(buffer);
  return !text.empty() && at >= begin && at < begin + size;
}

int64_t AddParsedParts(const char* buffer, size_t size, int64_t first_line, int threads,
                       std::vector<ParsedPart>& parts, CorpusBuilder& corpus) {
  const size_t num_parts = parts.size();
  PackTextsIfSparse(buffer, size, parts, threads);
  int64_t newlines = 0;
  for (ParsedPart& part : parts) {
    const int64_t part_first_line = first_line + newlines;
    newlines += part.newlines;
    for (ParsedRecord& result : part.records) {
      for (Diagnostic& d : result.diagnostics) d.line += part_first_line;
      if (result.document) result.document->input_line += part_first_line;
    }
  }
  // Documents move into their places in the corpus and ids are claimed in
  // parallel; then, in input order, messages are reported.
  std::vector<size_t> first_document(num_parts + 1, 0);
  for (size_t p = 0; p < num_parts; ++p) {
    size_t documents = 0;
    for (const ParsedRecord& result : parts[p].records) documents += result.document.has_value();
    first_document[p + 1] = first_document[p] + documents;
  }
  const size_t base = corpus.Extend(first_document[num_parts]);
  std::vector<uint64_t> id_hashes(first_document[num_parts]);
  ParallelFor(num_parts, threads, 1, [&](size_t begin, size_t end) {
    for (size_t p = begin; p < end; ++p) {
      size_t slot = first_document[p];
      for (ParsedRecord& result : parts[p].records) {
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
    for (ParsedRecord& result : parts[p].records) {
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

}  // namespace reprint
