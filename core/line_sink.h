// Writing a report's lines to a stream: buffered, and, for the many
// records of a large result, formatted in parallel yet written in order.
// Internal to core's report writers (report.cc, scan_records.cc).
#ifndef REPRINT_CORE_LINE_SINK_H_
#define REPRINT_CORE_LINE_SINK_H_

#include <algorithm>
#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/parallel.h"

namespace reprint {

// Buffers output and hands it to the stream in large writes; what is left
// is written when the sink is destroyed. Not thread-safe.
class LineSink {
 public:
  explicit LineSink(std::ostream& out) : out_(out) {}
  ~LineSink() { Flush(); }
  LineSink(const LineSink&) = delete;
  LineSink& operator=(const LineSink&) = delete;

  // The line being built; EndLine() ends it.
  std::string& buffer() { return buffer_; }
  void EndLine() {
    buffer_.push_back('\n');
    if (buffer_.size() > (1 << 20)) Flush();
  }
  // Whole lines formatted elsewhere, after what is buffered.
  void WriteLines(std::string_view lines) {
    Flush();
    out_.write(lines.data(), static_cast<std::streamsize>(lines.size()));
  }
  void Flush() {
    out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    buffer_.clear();
  }

 private:
  std::ostream& out_;
  std::string buffer_;
};

// Writes format(i, &lines) for i in [0, n) to `sink`, in order, after what
// it holds; `format` appends whole lines and must be safe to call from
// `threads` threads at once. Items are formatted in chunks, a batch of
// chunks at a time, so memory stays a batch's worth.
template <typename Format>
void WriteLinesInParallel(size_t n, int threads, LineSink& sink, Format format) {
  constexpr size_t kItemsPerChunk = 256;
  const size_t num_chunks = (n + kItemsPerChunk - 1) / kItemsPerChunk;
  const size_t batch = 8 * static_cast<size_t>(threads);
  std::vector<std::string> chunks(std::min(num_chunks, batch));
  for (size_t first = 0; first < num_chunks; first += batch) {
    const size_t count = std::min(batch, num_chunks - first);
    ParallelFor(count, threads, 1, [&](size_t begin, size_t end) {
      for (size_t c = begin; c < end; ++c) {
        // Formatted in a string of this thread's and swapped in: the
        // chunks' headers sit side by side, and two threads appending
        // through neighbouring headers would share a cache line on every
        // append (it halved this loop's speed on 2 threads).
        std::string lines;
        lines.swap(chunks[c]);
        lines.clear();
        const size_t from = (first + c) * kItemsPerChunk;
        for (size_t i = from; i < std::min(n, from + kItemsPerChunk); ++i) format(i, &lines);
        chunks[c].swap(lines);
      }
    });
    for (size_t c = 0; c < count; ++c) sink.WriteLines(chunks[c]);
  }
}

}  // namespace reprint

#endif  // REPRINT_CORE_LINE_SINK_H_
