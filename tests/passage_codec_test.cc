#include "core/passage_codec.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace reprint {
namespace {

std::vector<Passage> Sample() {
  Passage verbatim;
  verbatim.a = {0, 120, 0, 118};
  verbatim.b = {40, 160, 40, 158};
  verbatim.words_a = verbatim.words_b = 20;
  verbatim.kind = Passage::Kind::kVerbatim;
  verbatim.similarity = 1.0;
  Passage rewritten;
  rewritten.a = {300, 4000000000u, 290, 3999999999u};  // offsets near the 32-bit limit
  rewritten.b = {7, 900, 7, 880};
  rewritten.words_a = 150;
  rewritten.words_b = 149;
  rewritten.kind = Passage::Kind::kRewritten;
  rewritten.similarity = 0.1 + 0.2;  // not exactly representable: must come back bit for bit
  rewritten.quoted = true;
  Edit edit;
  edit.op = Edit::Op::kSubstitute;
  edit.a_word = 3;
  edit.a_count = 2;
  edit.b_word = 3;
  edit.b_count = 1;
  edit.from = "forty two";
  edit.to = "42 \xE2\x80\x94 \xC3\xA9";
  edit.a_byte_begin = 310;
  edit.a_byte_end = 319;
  edit.b_byte_begin = 20;
  edit.b_byte_end = 22;
  rewritten.edits = {edit, Edit{Edit::Op::kDelete, 9, 1, 8, 0, "x", "", 400, 401, 60, 60}};
  Passage boilerplate;
  boilerplate.kind = Passage::Kind::kBoilerplate;
  boilerplate.edits_complete = false;
  return {verbatim, rewritten, boilerplate};
}

void ExpectSamePassages(const std::vector<Passage>& got, const std::vector<Passage>& want) {
  ASSERT_EQ(got.size(), want.size());
  for (size_t i = 0; i < got.size(); ++i) {
    const Passage& g = got[i];
    const Passage& w = want[i];
    EXPECT_EQ(std::tie(g.a.byte_begin, g.a.byte_end, g.a.char_begin, g.a.char_end),
              std::tie(w.a.byte_begin, w.a.byte_end, w.a.char_begin, w.a.char_end));
    EXPECT_EQ(std::tie(g.b.byte_begin, g.b.byte_end, g.b.char_begin, g.b.char_end),
              std::tie(w.b.byte_begin, w.b.byte_end, w.b.char_begin, w.b.char_end));
    EXPECT_EQ(g.words_a, w.words_a);
    EXPECT_EQ(g.words_b, w.words_b);
    EXPECT_EQ(g.kind, w.kind);
    EXPECT_EQ(g.similarity, w.similarity);  // exactly
    EXPECT_EQ(g.quoted, w.quoted);
    EXPECT_EQ(g.edits_complete, w.edits_complete);
    ASSERT_EQ(g.edits.size(), w.edits.size());
    for (size_t j = 0; j < g.edits.size(); ++j) {
      const Edit& ge = g.edits[j];
      const Edit& we = w.edits[j];
      EXPECT_EQ(std::tie(ge.op, ge.a_word, ge.a_count, ge.b_word, ge.b_count, ge.from, ge.to),
                std::tie(we.op, we.a_word, we.a_count, we.b_word, we.b_count, we.from, we.to));
      EXPECT_EQ(std::tie(ge.a_byte_begin, ge.a_byte_end, ge.b_byte_begin, ge.b_byte_end),
                std::tie(we.a_byte_begin, we.a_byte_end, we.b_byte_begin, we.b_byte_end));
    }
  }
}

TEST(PassageCodecTest, RoundTripsEveryFieldExactly) {
  const std::vector<Passage> passages = Sample();
  const absl::StatusOr<std::vector<Passage>> decoded = DecodePassages(EncodePassages(passages));
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  ExpectSamePassages(*decoded, passages);
}

TEST(PassageCodecTest, NoPassagesIsTwoBytes) {
  EXPECT_EQ(EncodePassages({}).size(), 2u);
  const absl::StatusOr<std::vector<Passage>> decoded = DecodePassages(EncodePassages({}));
  ASSERT_TRUE(decoded.ok());
  EXPECT_TRUE(decoded->empty());
}

TEST(PassageCodecTest, EveryTruncationAndTrailingByteIsDataLoss) {
  const std::string bytes = EncodePassages(Sample());
  for (size_t size = 0; size < bytes.size(); ++size) {
    const auto decoded = DecodePassages(bytes.substr(0, size));
    ASSERT_FALSE(decoded.ok()) << "truncated to " << size;
    EXPECT_TRUE(absl::IsDataLoss(decoded.status()));
  }
  EXPECT_FALSE(DecodePassages(bytes + "x").ok());
}

TEST(PassageCodecTest, UnknownFormatOrKindIsDataLoss) {
  std::string bytes = EncodePassages(Sample());
  bytes[0] = 2;
  EXPECT_TRUE(absl::IsDataLoss(DecodePassages(bytes).status()));
  Passage odd;
  std::string one = EncodePassages({odd});
  // format, count, 8 span varints, 2 word counts, then the kind.
  one[1 + 1 + 8 + 2] = 9;
  EXPECT_TRUE(absl::IsDataLoss(DecodePassages(one).status()));
}

}  // namespace
}  // namespace reprint
