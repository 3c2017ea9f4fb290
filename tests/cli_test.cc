// End-to-end tests of the `reprint` binary: real processes, real files.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "core/sqlite.h"
#include "gtest/gtest.h"
#include "simdjson.h"
#include "tests/testing/temp_dir.h"

extern char** environ;

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

class CliTest : public reprint::test::TempDirTest {
 protected:
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
  // Redirected from a file, stdin is a regular file (read with pread) ...
  const Outcome run = Reprint("scan - --format jsonl", Slurp(REPRINT_TEST_DATA "/small.jsonl"));
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(CountType(run.out, "pair"), 3);
  // ... and from a pipe it is not (read with stdio): the same pairs.
  const fs::path out = dir_ / "piped";
  const std::string command = "cat '" REPRINT_TEST_DATA "/small.jsonl' | '" REPRINT_BINARY
                              "' scan - --format jsonl >'" + out.string() + "'";
  ASSERT_EQ(std::system(command.c_str()), 0);
  EXPECT_EQ(CountType(Slurp(out), "pair"), 3);
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

TEST_F(CliTest, TimingsListTheStagesThatRanOnStderrAndLeaveTheReportAlone) {
  const Outcome plain = Reprint("scan small.jsonl --format jsonl --no-passages --timings");
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  EXPECT_EQ(plain.out, Reprint("scan small.jsonl --format jsonl --no-passages").out);
  EXPECT_NE(plain.err.find("timings: read "), std::string::npos) << plain.err;
  EXPECT_NE(plain.err.find("verify+cluster "), std::string::npos) << plain.err;
  EXPECT_EQ(plain.err.find("passages"), std::string::npos)
      << "no passage stages with --no-passages\n"
      << plain.err;
  const Outcome passages = Reprint("scan small.jsonl --format jsonl --passages --timings");
  ASSERT_EQ(passages.exit_code, 0) << passages.err;
  EXPECT_NE(passages.err.find("passages "), std::string::npos) << passages.err;
  EXPECT_NE(passages.err.find("verify+align "), std::string::npos) << passages.err;
  EXPECT_EQ(passages.err.find("verify+cluster"), std::string::npos) << passages.err;
  EXPECT_NE(passages.err.find(" MB/s, "), std::string::npos) << passages.err;
}

TEST_F(CliTest, OutputOptionWritesTheFile) {
  const fs::path report = dir_ / "report.jsonl";
  const Outcome run = Reprint("scan small.jsonl --format jsonl --output '" + report.string() + "'");
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(CountType(Slurp(report), "pair"), 3);
}

TEST_F(CliTest, TimezoneReadsDatesWithoutAZoneAndIsRecorded) {
  const std::string story =
      "The council voted on Monday to close the old library on Bridge Street after engineers found serious "
      "cracks in its roof, and said the collection would move to the town hall before the winter.";
  const std::string input = "{\"id\":\"a\",\"published\":\"2025-11-27T10:00:00\",\"text\":\"" + story +
                            "\"}\n{\"id\":\"b\",\"published\":\"2025-11-27T12:00:00Z\",\"text\":\"" + story +
                            " Updated.\"}\n";
  const Outcome utc = Reprint("scan - --format jsonl", input);
  ASSERT_EQ(utc.exit_code, 0) << utc.err;
  EXPECT_NE(utc.out.find(R"("first_seen":"2025-11-27T10:00:00Z")"), std::string::npos) << "read as UTC\n" << utc.out;
  EXPECT_EQ(utc.out.find("\"timezone\""), std::string::npos);
  const Outcome karachi = Reprint("scan - --format jsonl --timezone +05:00", input);
  ASSERT_EQ(karachi.exit_code, 0) << karachi.err;
  EXPECT_NE(karachi.out.find(R"("first_seen":"2025-11-27T05:00:00Z")"), std::string::npos) << karachi.out;
  EXPECT_NE(karachi.out.find(R"("timezone":"+05:00")"), std::string::npos) << "the run record says so";
  const Outcome bad = Reprint("scan - --timezone Asia/Karachi", input);
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("is not UTC or an offset like +05:00"), std::string::npos) << bad.err;
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
  EXPECT_NE(eval.out.find("adjusted Rand index"), std::string::npos) << eval.out;

  // The same archive added in batches and scored from the SQLite file
  // gives the same figures, line for line.
  const std::string db = (dir_ / "archive.db").string();
  ASSERT_EQ(Reprint("add '" + archive.string() + "' --db '" + db + "' --batch-size 100").exit_code, 0);
  const Outcome from_db =
      Reprint("eval --db '" + db + "' --articles '" + archive.string() + "' --truth '" + truth.string() + "'");
  EXPECT_EQ(from_db.exit_code, 0) << from_db.err;
  EXPECT_EQ(from_db.out, eval.out);
}

TEST_F(CliTest, DemoCorpusIsReproducedByTheGenerator) {
  const fs::path derived = dir_ / "derived.jsonl", truth = dir_ / "derived.truth";
  const Outcome run = Reprint("gen demo '" REPRINT_SOURCE_DIR "/corpus/seeds.jsonl' --seed 7 -o '" +
                          derived.string() + "' --truth '" + truth.string() + "'");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(Slurp(derived), Slurp(REPRINT_SOURCE_DIR "/corpus/derived.jsonl"));
  EXPECT_EQ(Slurp(truth), Slurp(REPRINT_SOURCE_DIR "/corpus/derived.truth"));
}

// ------------------------------------------------------------------ archive

// Starts `reprint ARGS...` in the background with its output thrown away.
pid_t Spawn(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {REPRINT_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  std::vector<char*> pointers;
  for (std::string& arg : argv) pointers.push_back(arg.data());
  pointers.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  pid_t pid = -1;
  EXPECT_EQ(posix_spawn(&pid, REPRINT_BINARY, &actions, nullptr, pointers.data(), environ), 0);
  posix_spawn_file_actions_destroy(&actions);
  return pid;
}

// The clusters of a JSONL report, as sets of member ids.
std::set<std::set<std::string>> ClusterSets(const std::string& jsonl) {
  simdjson::dom::parser parser;
  std::istringstream lines(jsonl);
  std::set<std::set<std::string>> out;
  for (std::string line; std::getline(lines, line);) {
    simdjson::dom::element record;
    if (parser.parse(line).get(record) != simdjson::SUCCESS) continue;
    if (std::string_view(record["type"]) != "cluster") continue;
    std::set<std::string> members;
    for (simdjson::dom::element id : record["members"].get_array()) members.insert(simdjson::minify(id));
    out.insert(members);
  }
  return out;
}

int64_t Count(reprint::SqliteDb& db, const std::string& sql) {
  const absl::StatusOr<int64_t> value = db.QueryInt(sql);
  EXPECT_TRUE(value.ok()) << value.status() << " for " << sql;
  return value.value_or(-1);
}

TEST_F(CliTest, IdenticalArticlesAreReportedAsAGroupAndScoredAsAllTheirPairs) {
  // 300 copies of one notice: the scan reports 299 pairs and one
  // "identical" record, and eval counts the 44,850 pairs they stand for.
  std::string input, truth;
  for (int i = 0; i < 300; ++i) {
    input += "{\"id\":" + std::to_string(i) +
             ",\"text\":\"Comments on this story are now closed. Read our community guidelines.\"}\n";
    truth += "{\"id\":" + std::to_string(i) + ",\"family\":1" +
             (i == 0 ? std::string(",\"parent\":null") : ",\"parent\":0") + "}\n";
  }
  const fs::path articles = dir_ / "notices.jsonl", truth_path = dir_ / "truth.jsonl", out = dir_ / "out.jsonl";
  std::ofstream(articles) << input;
  std::ofstream(truth_path) << truth;
  const Outcome scan = Reprint("scan " + articles.string() + " --format jsonl -o " + out.string());
  ASSERT_EQ(scan.exit_code, 0) << scan.err;
  const std::string jsonl = Slurp(out);
  EXPECT_EQ(CountType(jsonl, "pair"), 299);
  EXPECT_EQ(CountType(jsonl, "identical"), 1);
  EXPECT_NE(jsonl.find("\"format_version\":2"), std::string::npos);
  EXPECT_NE(jsonl.find("\"identical_copies\":299"), std::string::npos);
  const Outcome eval = Reprint("eval " + out.string() + " --articles " + articles.string() + " --truth " +
                               truth_path.string());
  ASSERT_EQ(eval.exit_code, 0) << eval.err;
  EXPECT_NE(eval.out.find("precision 1.0000  recall 1.0000"), std::string::npos) << eval.out;
  EXPECT_NE(eval.out.find("TP 44850"), std::string::npos) << eval.out;

  const fs::path db = dir_ / "notices.db";
  const Outcome add = Reprint("add " + articles.string() + " --db " + db.string() + " --batch-size 64");
  ASSERT_EQ(add.exit_code, 0) << add.err;
  const Outcome stats = Reprint("stats --db " + db.string() + " --format jsonl");
  ASSERT_EQ(stats.exit_code, 0) << stats.err;
  EXPECT_NE(stats.out.find("\"identical_copies\":299,\"pairs\":299"), std::string::npos) << stats.out;
  const Outcome scored = Reprint("eval --db " + db.string() + " --articles " + articles.string() + " --truth " +
                                 truth_path.string());
  ASSERT_EQ(scored.exit_code, 0) << scored.err;
  EXPECT_NE(scored.out.find("TP 44850"), std::string::npos) << scored.out;
}

TEST_F(CliTest, ArchiveBuiltInBatchesMatchesOneScan) {
  const std::string db = (dir_ / "a.db").string();
  const Outcome add = Reprint("add small.jsonl --db '" + db + "' --batch-size 1");
  ASSERT_EQ(add.exit_code, 0) << add.err;
  EXPECT_NE(add.err.find("4 articles added"), std::string::npos) << add.err;
  const Outcome clusters = Reprint("clusters --db '" + db + "' --format jsonl");
  ASSERT_EQ(clusters.exit_code, 0) << clusters.err;
  const Outcome scan = Reprint("scan small.jsonl --format jsonl");
  EXPECT_EQ(ClusterSets(clusters.out), ClusterSets(scan.out));
  EXPECT_EQ(ClusterSets(clusters.out).size(), 1u);

  // Adding the same file again stores nothing new.
  const Outcome again = Reprint("add small.jsonl --db '" + db + "'");
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.err.find("0 articles added, 4 already stored (skipped)"), std::string::npos) << again.err;

  // A different threshold than the archive's is refused, naming both.
  const Outcome conflict = Reprint("add small.jsonl --db '" + db + "' --threshold 0.8");
  EXPECT_EQ(conflict.exit_code, 2);
  EXPECT_NE(conflict.err.find("--threshold 0.8 (built with 0.5)"), std::string::npos) << conflict.err;

  const Outcome show = Reprint("show herald-1 --db '" + db + "' --format jsonl");
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_EQ(CountType(show.out, "pair"), 2) << show.out;  // with the wire and the courier
  const Outcome stats = Reprint("stats --db '" + db + "' --format jsonl");
  ASSERT_EQ(stats.exit_code, 0) << stats.err;
  EXPECT_NE(stats.out.find("\"articles\":4,"), std::string::npos) << stats.out;
  const Outcome audit = Reprint("audit --db '" + db + "' --format jsonl");
  ASSERT_EQ(audit.exit_code, 0) << audit.err;
  EXPECT_EQ(CountType(audit.out, "outlet"), 4) << audit.out;
  // Global Wire is a wire service: both papers that copied it took wire copy.
  EXPECT_NE(audit.out.find(R"({"type":"outlet","outlet":"Valley Herald","wire":false,"articles":1,"articles_reusing":1,"reusing_share":1.0000,)"),
            std::string::npos)
      << audit.out;
  EXPECT_NE(audit.out.find(R"("wire_share":1.0000)"), std::string::npos) << audit.out;
  const Outcome missing = Reprint("stats --db '" + (dir_ / "none.db").string() + "'");
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("none.db: no such archive"), std::string::npos) << missing.err;
}

TEST_F(CliTest, ArchiveQueryNamesTheLikelySourceAndStoresNothing) {
  const std::string db = (dir_ / "q.db").string();
  ASSERT_EQ(Reprint("add small.jsonl --db '" + db + "'").exit_code, 0);
  const std::string copy =
      R"({"id":"echo-1","text":"BREAKING. The city council approved the new budget on Monday after a long debate, with most members voting in favour of higher spending on schools and roads. The mayor said the plan would be paid for without raising taxes."})";
  const Outcome query = Reprint("query - --db '" + db + "' --format jsonl", copy + "\n");
  ASSERT_EQ(query.exit_code, 0) << query.err;
  EXPECT_EQ(CountType(query.out, "source"), 1) << query.out;
  EXPECT_NE(query.out.find(R"("type":"source","article":"echo-1","source":)"), std::string::npos) << query.out;
  const Outcome stats = Reprint("stats --db '" + db + "' --format jsonl");
  EXPECT_NE(stats.out.find("\"articles\":4,"), std::string::npos) << stats.out;
}

// kill -9 at random moments of a large add: the archive opens, passes
// integrity_check, and holds exactly the committed batches; a rerun
// completes it to what one scan finds.
TEST_F(CliTest, ArchiveSurvivesKillNineDuringAdd) {
  const std::string input = (dir_ / "big.jsonl").string(), db = (dir_ / "k.db").string();
  ASSERT_EQ(Reprint("gen synthetic --articles 12000 --words 300 --seed 3 -o '" + input + "'").exit_code, 0);
  std::mt19937 rng(20261121);
  std::uniform_int_distribution<int> delay_ms(250, 1200);  // the whole add takes about 2.5 s
  int64_t previous = 0;
  int interrupted = 0;  // rounds killed with the archive part-way
  for (int round = 0; round < 4; ++round) {
    const pid_t pid = Spawn({"add", input, "--db", db, "--batch-size", "150", "--threads", "1"});
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms(rng)));
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    if (!fs::exists(db)) continue;  // killed before the archive was created
    absl::StatusOr<reprint::SqliteDb> opened = reprint::SqliteDb::Open(db, reprint::SqliteDb::Mode::kReadWrite);
    ASSERT_TRUE(opened.ok()) << opened.status();
    reprint::SqliteDb& archive = *opened;
    absl::StatusOr<reprint::SqliteStatement> check = archive.Prepare("PRAGMA integrity_check");
    ASSERT_TRUE(check.ok());
    ASSERT_TRUE(check->Step().value_or(false));
    EXPECT_EQ(check->ColumnText(0), "ok") << "round " << round;
    const int64_t articles = Count(archive, "SELECT count(*) FROM articles");
    EXPECT_EQ(articles, Count(archive, "SELECT coalesce(sum(added), 0) FROM batches")) << "round " << round;
    EXPECT_EQ(Count(archive, "SELECT count(*) FROM articles WHERE batch NOT IN (SELECT id FROM batches)"), 0);
    EXPECT_EQ(Count(archive, "SELECT count(DISTINCT article) FROM band_keys"), articles);
    EXPECT_EQ(Count(archive, "SELECT count(*) FROM pairs WHERE b NOT IN (SELECT num FROM articles)"), 0);
    EXPECT_EQ(Count(archive, "SELECT count(*) FROM cluster_members WHERE article NOT IN (SELECT num FROM articles)"), 0);
    EXPECT_GE(articles, previous) << "a committed batch was lost";
    previous = articles;
    interrupted += articles > 0 && articles < 12000;
  }
  EXPECT_GT(interrupted, 0) << "no kill landed in the middle of the add; adjust the delays";
  const Outcome finish = Reprint("add '" + input + "' --db '" + db + "'");
  ASSERT_EQ(finish.exit_code, 0) << finish.err;
  const Outcome clusters = Reprint("clusters --db '" + db + "' --format jsonl");
  const Outcome scan = Reprint("scan '" + input + "' --format jsonl");
  EXPECT_EQ(ClusterSets(clusters.out), ClusterSets(scan.out));
  EXPECT_EQ(CountType(clusters.out, "cluster"), CountType(scan.out, "cluster"));
}

TEST_F(CliTest, ArchiveCanBeReadWhileAnotherProcessAdds) {
  const std::string input = (dir_ / "big.jsonl").string(), db = (dir_ / "r.db").string();
  ASSERT_EQ(Reprint("gen synthetic --articles 3000 --words 300 --seed 4 -o '" + input + "'").exit_code, 0);
  ASSERT_EQ(Reprint("add small.jsonl --db '" + db + "'").exit_code, 0);
  const pid_t writer = Spawn({"add", input, "--db", db, "--batch-size", "100", "--threads", "1"});
  int reads = 0;
  int64_t last = 0;
  int status = 0;
  while (waitpid(writer, &status, WNOHANG) == 0) {
    const Outcome stats = Reprint("stats --db '" + db + "' --format jsonl");
    ASSERT_EQ(stats.exit_code, 0) << stats.err;
    const size_t at = stats.out.find("\"articles\":");
    ASSERT_NE(at, std::string::npos) << stats.out;
    const int64_t articles = std::stoll(stats.out.substr(at + 11));
    EXPECT_GE(articles, last);
    last = articles;
    const Outcome query = Reprint("query small.jsonl --db '" + db + "' --format jsonl");
    EXPECT_EQ(query.exit_code, 0) << query.err;
    ++reads;
  }
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "the writer failed";
  EXPECT_GT(reads, 0);
  const Outcome stats = Reprint("stats --db '" + db + "' --format jsonl");
  EXPECT_NE(stats.out.find("\"articles\":3004,"), std::string::npos) << stats.out;
}

}  // namespace
