// End-to-end tests of the `reprint` binary: real processes, real files.
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "gtest/gtest.h"
#include "simdjson.h"

namespace {

namespace fs = std::filesystem;

struct Outcome {
  int exit_code = -1;
  std::string out;
  std::string err;
};

std::string Slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("reprint_cli_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Runs `reprint ARGS` from the fixtures directory, optionally feeding stdin.
  Outcome Reprint(const std::string& args, const std::string& stdin_text = "") {
    const fs::path in = dir_ / "stdin", out = dir_ / "stdout", err = dir_ / "stderr";
    std::ofstream(in, std::ios::binary) << stdin_text;
    const std::string command = "cd '" REPRINT_TEST_DATA "' && '" REPRINT_BINARY "' " + args +
                                " <'" + in.string() + "' >'" + out.string() + "' 2>'" +
                                err.string() + "'";
    const int status = std::system(command.c_str());
    Outcome run;
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.out = Slurp(out);
    run.err = Slurp(err);
    return run;
  }

  fs::path dir_;
};

int CountType(const std::string& jsonl, std::string_view type) {
  simdjson::dom::parser parser;
  std::istringstream lines(jsonl);
  int count = 0;
  for (std::string line; std::getline(lines, line);) {
    simdjson::dom::element record;
    EXPECT_EQ(parser.parse(line).get(record), simdjson::SUCCESS) << line;
    count += std::string_view(record["type"]) == type;
  }
  return count;
}

TEST_F(CliTest, ScanFindsTheSyndicatedCopiesAndExitsZero) {
  const Outcome run = Reprint("scan small.jsonl --format jsonl");
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.err, "");
  EXPECT_EQ(CountType(run.out, "pair"), 3) << run.out;  // wire, herald, courier: all pairs
  EXPECT_EQ(CountType(run.out, "cluster"), 1);
  EXPECT_NE(run.out.find(R"("type":"cluster","id":1,"size":3,"origin":1,"members":[1,"herald-1","courier-7"])"),
            std::string::npos)
      << "origin is the earliest published (09:00Z beats 14:30Z)\n" << run.out;
}

TEST_F(CliTest, TextReportIsTheDefault) {
  const Outcome run = Reprint("scan small.jsonl");
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_NE(run.out.find("Cluster 1: 3 articles, origin 1 (Global Wire)"), std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("4 articles read, 0 skipped"), std::string::npos) << run.out;
}

TEST_F(CliTest, BadRecordsAreReportedWithFileAndLineSkippedAndTheRunGoesOn) {
  const Outcome run = Reprint("scan bad.jsonl --format jsonl");
  EXPECT_EQ(run.exit_code, 1) << "finished, but records were skipped";
  EXPECT_NE(run.err.find("bad.jsonl:2: skipped: malformed JSON"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("bad.jsonl:3: skipped: missing \"text\""), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("bad.jsonl:4: skipped: \"id\" must be a string or an integer"),
            std::string::npos)
      << run.err;
  EXPECT_NE(run.err.find("bad.jsonl:6: warning: published time \"yesterday\""), std::string::npos)
      << run.err;
  EXPECT_EQ(CountType(run.out, "pair"), 1) << "the two good records still pair";
  EXPECT_NE(run.out.find(R"("skipped":3,"warnings":1)"), std::string::npos) << run.out;
}

TEST_F(CliTest, DirectoryInputReadsTxtFilesRecursivelyAndDecodesWindows1252) {
  const Outcome run = Reprint("scan txt --format jsonl");
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.err.find("copy.txt: warning: not valid UTF-8; decoded as Windows-1252"),
            std::string::npos)
      << run.err;
  EXPECT_NE(run.out.find(R"("a":"papers/copy.txt","b":"wire/story.txt")"), std::string::npos)
      << "ids are relative paths\n" << run.out;
  EXPECT_EQ(run.out.find("notes.md"), std::string::npos);
}

TEST_F(CliTest, StdinIsReadAsJsonl) {
  const Outcome run = Reprint("scan - --format jsonl", Slurp(REPRINT_TEST_DATA "/small.jsonl"));
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(CountType(run.out, "pair"), 3);
}

TEST_F(CliTest, OutputIsByteIdenticalWhateverTheThreadCount) {
  const Outcome one = Reprint("scan small.jsonl txt --format jsonl --threads 1");
  const Outcome two = Reprint("scan small.jsonl txt --format jsonl --threads 2");
  const Outcome eight = Reprint("scan small.jsonl txt --format jsonl --threads 8");
  EXPECT_EQ(one.out, two.out);
  EXPECT_EQ(one.out, eight.out);
  EXPECT_NE(one.out.find(R"("threshold":0.5,"shingle":5,"num_perm":128,"seed":1)"),
            std::string::npos)
      << "the options are recorded\n" << one.out;
}

TEST_F(CliTest, OutputOptionWritesTheFile) {
  const fs::path report = dir_ / "report.jsonl";
  const Outcome run = Reprint("scan small.jsonl --format jsonl --output '" + report.string() + "'");
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(CountType(Slurp(report), "pair"), 3);
}

TEST_F(CliTest, MissingInputAloneIsExitTwoWithTheNameOfThePath) {
  const Outcome run = Reprint("scan no-such-file.jsonl");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("no-such-file.jsonl: skipped: no such file or directory"), std::string::npos)
      << run.err;
}

TEST_F(CliTest, MissingInputAmongGoodOnesIsExitOne) {
  const Outcome run = Reprint("scan small.jsonl no-such-file.jsonl --format jsonl");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(CountType(run.out, "pair"), 3);
}

TEST_F(CliTest, BadOptionsAreUsageErrors) {
  for (const std::string args : {"scan small.jsonl --threshold 1.5", "scan small.jsonl --format xml",
                                 "scan", "scan small.jsonl --num-perm 0", "frobnicate"}) {
    const Outcome run = Reprint(args);
    EXPECT_EQ(run.exit_code, 2) << args;
    EXPECT_NE(run.err, "") << args;
  }
  EXPECT_NE(Reprint("scan small.jsonl --threshold 1.5").err.find("--threshold must be in (0, 1]"),
            std::string::npos);
}

TEST_F(CliTest, GeneratedArchiveScoresPerfectlyAgainstItsTruth) {
  const fs::path archive = dir_ / "archive.jsonl", truth = dir_ / "truth.jsonl",
                 output = dir_ / "scan.jsonl";
  ASSERT_EQ(Reprint("gen synthetic --articles 500 --seed 3 -o '" + archive.string() +
                    "' --truth '" + truth.string() + "'")
                .exit_code,
            0);
  ASSERT_EQ(Reprint("scan '" + archive.string() + "' --format jsonl -o '" + output.string() + "'")
                .exit_code,
            0);
  const Outcome eval = Reprint("eval --articles '" + archive.string() + "' --truth '" +
                           truth.string() + "' '" + output.string() + "'");
  EXPECT_EQ(eval.exit_code, 0) << eval.err;
  EXPECT_NE(eval.out.find("precision 1.0000"), std::string::npos) << eval.out;
}

TEST_F(CliTest, DemoCorpusIsReproducedByTheGenerator) {
  const fs::path derived = dir_ / "derived.jsonl", truth = dir_ / "derived.truth";
  const Outcome run = Reprint("gen demo '" REPRINT_SOURCE_DIR "/corpus/seeds.jsonl' --seed 7 -o '" +
                          derived.string() + "' --truth '" + truth.string() + "'");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(Slurp(derived), Slurp(REPRINT_SOURCE_DIR "/corpus/derived.jsonl"));
  EXPECT_EQ(Slurp(truth), Slurp(REPRINT_SOURCE_DIR "/corpus/derived.truth"));
}

}  // namespace
