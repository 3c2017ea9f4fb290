#include "core/passage_codec.h"

#include <bit>
#include <cstdint>
#include <cstring>

#include "absl/status/status.h"

namespace reprint {
namespace {

constexpr uint8_t kFormat = 1;

void PutVarint(uint64_t value, std::string* out) {
  while (value >= 0x80) {
    out->push_back(static_cast<char>((value & 0x7f) | 0x80));
    value >>= 7;
  }
  out->push_back(static_cast<char>(value));
}

void PutDouble(double value, std::string* out) {
  const auto bits = std::bit_cast<uint64_t>(value);
  for (int i = 0; i < 8; ++i) out->push_back(static_cast<char>((bits >> (8 * i)) & 0xff));
}

void PutString(std::string_view value, std::string* out) {
  PutVarint(value.size(), out);
  out->append(value);
}

void PutSpan(const TextSpan& span, std::string* out) {
  PutVarint(span.byte_begin, out);
  PutVarint(span.byte_end, out);
  PutVarint(span.char_begin, out);
  PutVarint(span.char_end, out);
}

// Reads what the Put* functions wrote; any overrun sets `ok` to false and
// returns zeros, so callers check once at the end.
class Reader {
 public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}

  uint64_t Varint() {
    uint64_t value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= bytes_.size()) return Fail();
      const auto byte = static_cast<uint8_t>(bytes_[pos_++]);
      value |= static_cast<uint64_t>(byte & 0x7f) << shift;
      if ((byte & 0x80) == 0) return value;
    }
    return Fail();
  }
  uint32_t U32() {
    const uint64_t value = Varint();
    if (value > UINT32_MAX) return static_cast<uint32_t>(Fail());
    return static_cast<uint32_t>(value);
  }
  double Double() {
    if (bytes_.size() - pos_ < 8) return static_cast<double>(Fail());
    uint64_t bits = 0;
    for (int i = 0; i < 8; ++i) bits |= static_cast<uint64_t>(static_cast<uint8_t>(bytes_[pos_++])) << (8 * i);
    return std::bit_cast<double>(bits);
  }
  std::string String() {
    const uint64_t size = Varint();
    if (size > bytes_.size() - pos_) return Fail(), std::string();
    std::string value(bytes_.substr(pos_, size));
    pos_ += size;
    return value;
  }
  TextSpan Span() {
    TextSpan span;
    span.byte_begin = U32();
    span.byte_end = U32();
    span.char_begin = U32();
    span.char_end = U32();
    return span;
  }

  bool ok() const { return ok_; }
  bool at_end() const { return pos_ == bytes_.size(); }
  uint64_t Fail() {
    ok_ = false;
    pos_ = bytes_.size();
    return 0;
  }

 private:
  std::string_view bytes_;
  size_t pos_ = 0;
  bool ok_ = true;
};

}  // namespace

std::string EncodePassages(const std::vector<Passage>& passages) {
  std::string out;
  out.push_back(static_cast<char>(kFormat));
  PutVarint(passages.size(), &out);
  for (const Passage& p : passages) {
    PutSpan(p.a, &out);
    PutSpan(p.b, &out);
    PutVarint(p.words_a, &out);
    PutVarint(p.words_b, &out);
    PutVarint(static_cast<uint64_t>(p.kind), &out);
    PutDouble(p.similarity, &out);
    PutVarint(p.quoted ? 1 : 0, &out);
    PutVarint(p.edits_complete ? 1 : 0, &out);
    PutVarint(p.edits.size(), &out);
    for (const Edit& e : p.edits) {
      // A moved edit sets the bit above the three ops: data stored before
      // edits could move decodes unchanged.
      PutVarint(static_cast<uint64_t>(e.op) | (e.moved ? 4u : 0u), &out);
      PutVarint(e.a_word, &out);
      PutVarint(e.a_count, &out);
      PutVarint(e.b_word, &out);
      PutVarint(e.b_count, &out);
      PutString(e.from, &out);
      PutString(e.to, &out);
      PutVarint(e.a_byte_begin, &out);
      PutVarint(e.a_byte_end, &out);
      PutVarint(e.b_byte_begin, &out);
      PutVarint(e.b_byte_end, &out);
    }
  }
  return out;
}

absl::StatusOr<std::vector<Passage>> DecodePassages(std::string_view bytes) {
  if (bytes.empty() || static_cast<uint8_t>(bytes[0]) != kFormat) {
    return absl::DataLossError("stored passages: unknown format");
  }
  Reader in(bytes.substr(1));
  std::vector<Passage> passages;
  const uint64_t count = in.Varint();
  // Every passage takes well over one byte: a count beyond the input is corrupt.
  if (count > bytes.size()) return absl::DataLossError("stored passages: bad count");
  for (uint64_t i = 0; i < count && in.ok(); ++i) {
    Passage& p = passages.emplace_back();
    p.a = in.Span();
    p.b = in.Span();
    p.words_a = in.U32();
    p.words_b = in.U32();
    const uint64_t kind = in.Varint();
    if (kind > static_cast<uint64_t>(Passage::Kind::kBoilerplate)) in.Fail();
    p.kind = static_cast<Passage::Kind>(kind);
    p.similarity = in.Double();
    p.quoted = in.Varint() != 0;
    p.edits_complete = in.Varint() != 0;
    const uint64_t edits = in.Varint();
    if (edits > bytes.size()) in.Fail();
    for (uint64_t j = 0; j < edits && in.ok(); ++j) {
      Edit& e = p.edits.emplace_back();
      const uint64_t op_and_moved = in.Varint();
      const uint64_t op = op_and_moved & 3u;
      if (op > static_cast<uint64_t>(Edit::Op::kDelete) || op_and_moved > 7u) in.Fail();
      e.op = static_cast<Edit::Op>(op);
      e.moved = (op_and_moved & 4u) != 0;
      e.a_word = in.U32();
      e.a_count = in.U32();
      e.b_word = in.U32();
      e.b_count = in.U32();
      e.from = in.String();
      e.to = in.String();
      e.a_byte_begin = in.U32();
      e.a_byte_end = in.U32();
      e.b_byte_begin = in.U32();
      e.b_byte_end = in.U32();
    }
  }
  if (!in.ok() || !in.at_end()) return absl::DataLossError("stored passages: truncated or malformed");
  return passages;
}

}  // namespace reprint
