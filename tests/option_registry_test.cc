#include "reprint/option_registry.h"

#include <set>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace reprint {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

// Options far from every default, so a field that is not written or not read
// back shows.
ScanOptions Unusual() {
  ScanOptions o;
  o.threshold = 0.375;
  o.shingle.size = 7;
  o.minhash.num_perm = 96;
  o.minhash.seed = 12345678901234ULL;
  o.minhash.method = SketchMethod::kPermutations;
  o.normalize.strip_diacritics = true;
  o.lsh_weights = {0.25, 0.75};
  o.lsh = LshParams{16, 6};
  o.passages.enabled = false;
  o.passages.fingerprints = {4, 6, 5, 70, 9};
  o.passages.align.seed_cosine = 0.4;
  o.passages.align.seed_dice = 0.45;
  o.passages.align.max_gap_sentences = 3;
  o.passages.align.min_passage_cosine = 0.5;
  o.passages.align.min_words = 12;
  o.passages.align.max_edit_distance = 450;
  o.passages.align.break_words = 22;
  return o;
}

TEST(OptionRegistryTest, NamesAndRecordKeysAreUnique) {
  std::set<std::string_view> names, keys;
  for (const OptionSpec& spec : OptionSpecs()) {
    if (!spec.name.empty()) {
      EXPECT_TRUE(names.insert(spec.name).second) << spec.name;
    }
    if (!spec.record_key.empty()) {
      EXPECT_TRUE(keys.insert(spec.record_key).second) << spec.record_key;
    }
    EXPECT_FALSE(spec.name.empty() && spec.record_key.empty()) << "a spec nobody can reach";
    EXPECT_FALSE(spec.archived && spec.name.empty()) << spec.record_key;
  }
  EXPECT_EQ(FindOptionSpec("num-perm")->record_key, "num_perm");
  EXPECT_EQ(FindOptionSpec("min-passage-words")->record_key, "passages.min_words");
  EXPECT_EQ(FindOptionSpec("no-such-option"), nullptr);
  EXPECT_EQ(FindOptionSpec(""), nullptr);
}

TEST(OptionRegistryTest, EveryValueReadsBackAsWritten) {
  ScanOptions written = Unusual();
  LshParams lsh = *written.lsh;
  int window = 3;
  ScanOptions read;
  LshParams read_lsh;
  int read_window = 0;
  for (const OptionSpec& spec : OptionSpecs()) {
    const std::string text = FormatOptionValue(spec.field({&written, &lsh, &window}));
    EXPECT_TRUE(ParseOptionValue(text, spec.field({&read, &read_lsh, &read_window}))) << spec.name;
    EXPECT_EQ(FormatOptionValue(spec.field({&read, &read_lsh, &read_window})), text) << spec.name;
  }
  EXPECT_EQ(read_window, 3);
  EXPECT_EQ(read_lsh.num_bands, 16);
  EXPECT_EQ(read.minhash.seed, 12345678901234ULL);
}

TEST(OptionRegistryTest, ParseRejectsTextOfTheWrongKind) {
  ScanOptions o;
  EXPECT_FALSE(ParseOptionValue("half", &o.threshold));
  EXPECT_FALSE(ParseOptionValue("yes", &o.passages.enabled));
  EXPECT_FALSE(ParseOptionValue("minhash", &o.minhash.method));
  EXPECT_FALSE(ParseOptionValue("99999999999", &o.shingle.size));
  EXPECT_EQ(o.shingle.size, 5);  // unchanged
}

TEST(OptionRegistryTest, RunRecordOptionsReadBackAsWritten) {
  const ScanOptions written = Unusual();
  std::string json;
  AppendRunRecordOptions(written, &json);
  EXPECT_THAT(json, StartsWith("{\"threshold\":0.375,\"shingle\":7,\"num_perm\":96,"));
  EXPECT_THAT(json, HasSubstr("\"normalization\":{\"form\":\"NFKC\",\"case_fold\":true,"
                              "\"strip_diacritics\":true}"));
  ScanOptions read;
  ASSERT_TRUE(ReadRunRecordOptions(json, &read).ok());
  std::string again;
  AppendRunRecordOptions(read, &again);
  EXPECT_EQ(again, json);
  ASSERT_TRUE(read.lsh.has_value());
  EXPECT_EQ(read.lsh->rows_per_band, 6);
}

TEST(OptionRegistryTest, ARecordWithoutANewerOptionGetsItsLegacyValue) {
  ScanOptions read;
  ASSERT_TRUE(ReadRunRecordOptions(R"({"threshold":0.6,"shingle":4,"passages":{"min_words":20}})", &read)
                  .ok());
  EXPECT_EQ(read.threshold, 0.6);
  EXPECT_EQ(read.passages.align.min_words, 20);
  EXPECT_EQ(read.passages.align.break_words, 0);  // written before passages broke
  EXPECT_EQ(read.minhash.num_perm, 128);          // absent, no legacy value: unchanged
}

TEST(OptionRegistryTest, ABadRecordIsAnErrorNamingTheKey) {
  ScanOptions read;
  absl::Status status = ReadRunRecordOptions(R"({"threshold":0.5,"shingle":"five"})", &read);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(), "run record's options.shingle has the wrong type");
  status = ReadRunRecordOptions(R"({"shingle":5})", &read);
  EXPECT_EQ(status.message(), "run record lacks options.threshold or options.shingle");
  status = ReadRunRecordOptions(R"({"threshold":0.5,"shingle":5,"passages":{"enabled":1}})", &read);
  EXPECT_EQ(status.message(), "run record's options.passages.enabled has the wrong type");
  EXPECT_FALSE(ReadRunRecordOptions("[1]", &read).ok());
}

}  // namespace
}  // namespace reprint
